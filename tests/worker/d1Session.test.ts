// The D1 Sessions API middleware: bookmarks come back from requests that touch D1, carry a client's writes into its reads, and bad ones are ignored.
import { describe, expect, it } from "vitest";
import { BOOKMARK_HEADER } from "../../worker/middleware/d1Session.ts";
import { api, signUp } from "./helpers.ts";

const BOOKMARK = /^[0-9a-f]+(-[0-9a-f]+)+$/i;

describe("D1 sessions and bookmarks", () => {
  it("a write returns its bookmark, and a read sent with it sees the write and returns a bookmark no older", async () => {
    const instructor = await signUp("instructor");
    const created = await api(instructor).classes.$post({ json: { name: "Bookmarks" } });
    expect(created.status).toBe(201);
    const bookmark = created.headers.get(BOOKMARK_HEADER) as string;
    expect(bookmark).toMatch(BOOKMARK);
    const body = await created.json();
    if (!("class" in body)) throw new Error(`class not created: ${JSON.stringify(body)}`);
    const read = await api(instructor, { [BOOKMARK_HEADER]: bookmark }).classes[":id"].$get({ param: { id: body.class.id } });
    expect(read.status).toBe(200);
    const after = read.headers.get(BOOKMARK_HEADER) as string;
    expect(after).toMatch(BOOKMARK);
    // Bookmarks are fixed-width hex: later ones sort after earlier ones.
    expect(after >= bookmark).toBe(true);
  });

  it("a request that never touches D1 carries no bookmark (lessons stay plain cacheable responses)", async () => {
    const res = await api().modules.$get({ query: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get(BOOKMARK_HEADER)).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("ignores a malformed or oversized bookmark instead of failing the request", async () => {
    const student = await signUp("student");
    for (const bad of ["not a bookmark", "'; DROP TABLE users; --", `${"0".repeat(300)}-1`, "zz-zz", "-"]) {
      const res = await api(student, { [BOOKMARK_HEADER]: bad }).attempts.$get();
      expect(res.status).toBe(200);
      expect(res.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
    }
  });
});
