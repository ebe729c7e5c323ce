// The D1 Sessions API middleware: bookmarks come back from requests that touch D1, carry a client's writes into its reads, and bad ones are ignored.
import { describe, expect, it } from "vitest";
import { BOOKMARK_HEADER } from "../../worker/middleware/d1Session.ts";
import { call, json, signUp } from "./helpers.ts";

const BOOKMARK = /^[0-9a-f]+(-[0-9a-f]+)+$/i;

describe("D1 sessions and bookmarks", () => {
  it("a write returns its bookmark, and a read sent with it sees the write and returns a bookmark no older", async () => {
    const instructor = await signUp("instructor");
    const created = await call("/api/classes", { method: "POST", cookie: instructor.cookie, body: { name: "Bookmarks" } });
    expect(created.status).toBe(201);
    const bookmark = created.headers.get(BOOKMARK_HEADER) as string;
    expect(bookmark).toMatch(BOOKMARK);
    const { id } = (await json<{ class: { id: string } }>(created)).class;
    const read = await call(`/api/classes/${id}`, { cookie: instructor.cookie, headers: { [BOOKMARK_HEADER]: bookmark } });
    expect(read.status).toBe(200);
    const after = read.headers.get(BOOKMARK_HEADER) as string;
    expect(after).toMatch(BOOKMARK);
    // Bookmarks are fixed-width hex: later ones sort after earlier ones.
    expect(after >= bookmark).toBe(true);
  });

  it("a request that never touches D1 carries no bookmark (lessons stay plain cacheable responses)", async () => {
    const res = await call("/api/modules");
    expect(res.status).toBe(200);
    expect(res.headers.get(BOOKMARK_HEADER)).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("ignores a malformed or oversized bookmark instead of failing the request", async () => {
    const student = await signUp("student");
    for (const bad of ["not a bookmark", "'; DROP TABLE users; --", `${"0".repeat(300)}-1`, "zz-zz", "-"]) {
      const res = await call("/api/attempts", { cookie: student.cookie, headers: { [BOOKMARK_HEADER]: bad } });
      expect(res.status).toBe(200);
      expect(res.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
    }
  });
});
