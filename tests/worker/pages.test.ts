// Page paths through the Worker: every pattern of the app's route list answers the shell with 200, any other path
// the same shell with 404; /api stays the API's. The static files are a stand-in ASSETS binding, so the test needs
// no built web app and sees exactly what the Worker asks of it.
import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { appPaths } from "../../web/src/appRoutes.ts";
import worker from "../../worker/index.ts";

const SHELL = "<!doctype html><title>Qadam</title><div id=root></div>";

/** Workers Static Assets as the Worker sees it: only "/" (index.html) exists; it honours If-None-Match. */
function fakeAssets(seen: Request[]): Fetcher {
  return {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request);
      if (new URL(request.url).pathname !== "/") return new Response("missing", { status: 404 });
      if (request.headers.get("if-none-match") === '"shell"') return new Response(null, { status: 304, headers: { etag: '"shell"' } });
      return new Response(request.method === "HEAD" ? null : SHELL, {
        headers: { "content-type": "text/html", etag: '"shell"', "content-security-policy": "default-src 'self'" },
      });
    },
    connect: () => {
      throw new Error("not used");
    },
  } as unknown as Fetcher;
}

async function page(path: string, init: RequestInit = {}) {
  const seen: Request[] = [];
  const res = await worker.fetch(
    new Request(`http://localhost${path}`, init),
    { ...env, ASSETS: fakeAssets(seen) },
    createExecutionContext(),
  );
  return { res, seen };
}

/** A concrete URL for a pattern: each parameter filled with an id-like value. */
const example = (pattern: string) => pattern.replace(/:[a-zA-Z]+/g, (_p) => `x${Math.random().toString(36).slice(2, 8)}`);

describe("page paths", () => {
  it.each(appPaths.map((p) => [p]))("%s answers the app shell with 200", async (pattern) => {
    const { res, seen } = await page(example(pattern));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(SHELL);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(["/"]);
  });

  it.each([
    ["/nope"],
    ["/modules/some-slug/nothing"],
    ["/attempts"],
    ["/attempts/a1/result/extra"],
    ["/classes/c1/assignments"],
    ["/deck/more"],
    ["/admin"],
    ["/%E2%9C%93"],
  ])("%s answers the same shell with 404, never cached as the shell", async (path) => {
    const { res } = await page(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(SHELL);
    expect(res.headers.get("content-type")).toBe("text/html");
    // The static files' own headers (the CSP of _headers) stay on the page.
    expect(res.headers.get("content-security-policy")).toBe("default-src 'self'");
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });

  it("a trailing slash, other letter case and a query keep a known page at 200", async () => {
    for (const path of ["/modules/", "/Deck", "/attempts/a1/review?q=q2", "/join/ABC123"]) expect((await page(path)).res.status).toBe(200);
  });

  it("a conditional request revalidates a known page (304) but an unknown one always gets its whole 404", async () => {
    const headers = { "if-none-match": '"shell"' };
    expect((await page("/dashboard", { headers })).res.status).toBe(304);
    const unknown = await page("/nowhere", { headers });
    expect(unknown.res.status).toBe(404);
    expect(unknown.seen[0]?.headers.get("if-none-match")).toBeNull();
  });

  it("HEAD is answered like GET; other methods are refused with 405", async () => {
    expect((await page("/results", { method: "HEAD" })).res.status).toBe(200);
    expect((await page("/nowhere", { method: "HEAD" })).res.status).toBe(404);
    const post = await page("/dashboard", { method: "POST" });
    expect(post.res.status).toBe(405);
    expect(post.res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("/api paths stay with the API, whose unknown routes answer problem+json", async () => {
    const { res, seen } = await page("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(seen).toEqual([]);
    expect((await page("/api/health")).res.status).toBe(200);
  });
});
