// The web app's API client (web/src/api.ts) against the real Worker: the URLs, methods, bodies and the D1
// bookmark it sends must reach the routes its types promise.
import { exports } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, requestOf, unwrap } from "../../web/src/api.ts";
import { course } from "../../worker/course.ts";
import { ORIGIN, uniqueEmail } from "./helpers.ts";

/** What the browser would send: same origin, the session cookie it was given. */
let cookie = "";
const sent: Request[] = [];

beforeEach(() => {
  cookie = "";
  sent.length = 0;
  vi.stubGlobal("fetch", async (input: string, init: RequestInit) => {
    const request = new Request(new URL(input, ORIGIN), init);
    if (request.method !== "GET") request.headers.set("origin", ORIGIN);
    if (cookie) request.headers.set("cookie", cookie);
    request.headers.set("cf-connecting-ip", `10.9.${sent.length % 250}.${Math.floor(Math.random() * 250)}`);
    sent.push(request.clone());
    const res = await exports.default.fetch(request);
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0] ?? "";
    return res;
  });
});
afterEach(() => vi.unstubAllGlobals());

const firstModule = [...course.modules].sort((a, b) => a.order - b.order)[0]!;

describe("web/src/api.ts against the Worker", () => {
  it("sends query strings: the outline in the language asked for", async () => {
    const outline = await unwrap(await api.modules.$get({ query: { lang: "en" } }));
    expect(outline.lang).toBe("en");
    expect(outline.modules[0]?.title).toBe(firstModule.title.en);
    expect(new URL(sent[0]!.url).pathname + new URL(sent[0]!.url).search).toBe("/api/modules?lang=en");
  });

  it("fills path parameters, and a route's problem comes back as an ApiError", async () => {
    const lesson = await unwrap(await api.modules[":slug"].$get({ param: { slug: firstModule.slug }, query: { lang: "ru" } }));
    expect(lesson.slug).toBe(firstModule.slug);
    const missing = await api.modules[":slug"].$get({ param: { slug: "no such/module" }, query: { lang: "ru" } });
    expect(new URL(sent[1]!.url).pathname).toBe("/api/modules/no%20such%2Fmodule");
    await expect(unwrap(missing)).rejects.toMatchObject({ problem: { status: 404 } });
  });

  it("posts JSON bodies, keeps the session, and writes through nested parameters", async () => {
    const email = uniqueEmail("client");
    const signup = await api.auth.signup.$post({
      json: { email, password: "correct horse battery", name: "Client Test", role: "student" },
    });
    expect(signup.status).toBe(201);
    expect(sent[0]!.headers.get("content-type")).toBe("application/json");
    const me = await unwrap(await api.me.$get());
    expect(me.user.email).toBe(email);

    const started = await api.attempts.$post({ json: { module: firstModule.slug } });
    expect(started.status).toBe(201);
    const attempt = await unwrap(started);
    const question = attempt.questions[0]!;
    const saved = await api.attempts[":id"].answers[":questionId"].$put({
      param: { id: attempt.id, questionId: question.id },
      json: { answer: "an answer of whatever shape", revision: 1 },
    });
    // Whatever the question's type, the request reached the answer route: saved, or refused as the wrong shape.
    expect(new URL(sent.at(-1)!.url).pathname).toBe(`/api/attempts/${attempt.id}/answers/${question.id}`);
    expect(sent.at(-1)!.method).toBe("PUT");
    expect([200, 400]).toContain(saved.status);
  });

  it("echoes the newest D1 bookmark on the next request", async () => {
    await api.auth.signup.$post({
      json: { email: uniqueEmail("bookmark"), password: "correct horse battery", name: "B", role: "student" },
    });
    const res = await api.me.$get();
    expect(res.status).toBe(200);
    const given = (await api.me.$get()).headers.get("x-d1-bookmark");
    expect(given).toBeTruthy();
    expect(sent.at(-1)!.headers.get("x-d1-bookmark")).toBeTruthy();
  });
});

describe("requestOf", () => {
  it("takes the method from the last segment and fills path parameters, encoded", () => {
    const r = requestOf("/api", ["attempts", ":id", "answers", ":questionId", "$put"], { param: { id: "a/b", questionId: "q 1" } });
    expect(r.method).toBe("PUT");
    expect(r.url).toBe("/api/attempts/a%2Fb/answers/q%201");
  });

  it("builds the query string: arrays repeat the key, undefined values are left out", () => {
    const r = requestOf("/api", ["classes", ":id", "items", "$get"], {
      param: { id: "c1" },
      query: { assignmentId: "x", tag: ["a", "b"], skip: undefined },
    });
    expect(r.url).toBe("/api/classes/c1/items?assignmentId=x&tag=a&tag=b");
    expect(r.init.body).toBeUndefined();
  });

  it("sends JSON with its content type, and no body or content type without one", () => {
    const post = requestOf("/api", ["auth", "login", "$post"], { json: { email: "a@b.c" } });
    expect(post.init.body).toBe('{"email":"a@b.c"}');
    expect(new Headers(post.init.headers).get("content-type")).toBe("application/json");
    const bare = requestOf("/api", ["auth", "logout", "$post"]);
    expect(bare.init.body).toBeUndefined();
    expect(new Headers(bare.init.headers).has("content-type")).toBe(false);
  });

  it("refuses a call that leaves a path parameter out rather than requesting a wrong URL", () => {
    expect(() => requestOf("/api", ["attempts", ":id", "$get"], { param: {} })).toThrow(/:id/);
  });
});
