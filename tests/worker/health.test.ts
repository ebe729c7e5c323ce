import { describe, expect, it } from "vitest";
import { version } from "../../package.json";
import { api, call, expectProblem } from "./helpers.ts";

describe("GET /api/health", () => {
  it("answers ok with the package version", async () => {
    const res = await api().health.$get();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version });
  });
});

describe("unknown /api paths", () => {
  it("answer problem+json 404, never the SPA's HTML", async () => {
    // Raw: the typed client has no path that does not exist.
    const res = await call("/api/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await expectProblem(res, 404);
    expect(body).toMatchObject({ status: 404, title: "Not found" });
    expect(body.detail).toContain("/api/no-such-thing");
  });
});
