import { env } from "cloudflare:test";
import type { InferRequestType } from "hono/client";
import { describe, expect, it, vi } from "vitest";
import { api, call, expectProblem, PASSWORD, type Received, sessionCookie, signUp, uniqueEmail } from "./helpers.ts";

type SignupRequest = InferRequestType<ReturnType<typeof api>["auth"]["signup"]["$post"]>["json"];

const signupBody = (over: Partial<SignupRequest> = {}): SignupRequest => ({
  email: uniqueEmail(),
  password: PASSWORD,
  name: "Асель",
  role: "student",
  ...over,
});

const signup = (json: SignupRequest, headers: Record<string, string> = {}) => api(undefined, headers).auth.signup.$post({ json });
const me = (cookie?: string) => api(cookie).me.$get();
const login = (email: string, password: string, ip?: string) =>
  api(undefined, ip ? { "cf-connecting-ip": ip } : {}).auth.login.$post({ json: { email, password } });

describe("POST /api/auth/signup", () => {
  it("creates the account, sets a secure session cookie and stores only hashes", async () => {
    const body = signupBody({ email: "  Mixed.Case@Example.TEST " });
    const res = await signup(body);
    expect(res.status).toBe(201);
    const created = await res.json();
    if (!("user" in created)) throw new Error("no user");
    const { user } = created;
    expect(user).toMatchObject({ email: "mixed.case@example.test", role: "student" });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^qadam_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = sessionCookie(res).split("=")[1] as string;
    const stored = await env.DB.prepare("SELECT token_hash FROM sessions").all<{ token_hash: string }>();
    expect(stored.results.some((r) => r.token_hash === token)).toBe(false);
    const row = await env.DB.prepare("SELECT password_hash, password_iterations FROM users WHERE email = ?").bind(user.email).first<{
      password_hash: string;
      password_iterations: number;
    }>();
    expect(row?.password_hash).not.toContain(PASSWORD);
    expect(row?.password_iterations).toBe(100_000);
  });

  it.each([
    ["email", { email: "not-an-email" }],
    ["email", { email: `${"a".repeat(250)}@x.io` }],
    ["password", { password: "short" }],
    ["password", { password: "x".repeat(201) }],
    ["password", { password: "aaaaaaaaaaaa" }],
    ["name", { name: "   " }],
  ])("refuses a bad %s with 400 naming the field", async (field, over) => {
    const problem = await expectProblem(await signup(signupBody(over)), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("refuses a role outside student and instructor with 400 naming the field", async () => {
    // Raw: a role outside the enum is a body the typed client will not send.
    const problem = await expectProblem(await call("/api/auth/signup", { method: "POST", body: { ...signupBody(), role: "admin" } }), 400);
    expect(problem.errors?.map((e) => e.path)).toContain("role");
  });

  it("refuses a taken email with 409, whatever its case", async () => {
    const first = signupBody();
    await signup(first);
    const problem = await expectProblem(await signup({ ...first, email: first.email.toUpperCase() }), 409);
    expect(problem.errors?.[0]?.path).toBe("email");
  });

  it("refuses malformed JSON and a missing body with 400", async () => {
    // Raw: the typed client only sends well-formed bodies.
    await expectProblem(await call("/api/auth/signup", { method: "POST", body: "{not json" }), 400);
    await expectProblem(await call("/api/auth/signup", { method: "POST" }), 400);
  });

  it("refuses a cross-site write (CSRF)", async () => {
    // Raw: another site's Origin on purpose.
    const res = await call("/api/auth/signup", { method: "POST", body: signupBody(), headers: { origin: "https://evil.example" } });
    await expectProblem(res, 403);
  });

  it("is rate limited per IP with 429 and Retry-After", async () => {
    const headers = { "cf-connecting-ip": "192.0.2.77" };
    let last: Received | undefined;
    for (let i = 0; i < 11; i++) last = await signup(signupBody(), headers);
    const res = last as Received;
    await expectProblem(res, 429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("POST /api/auth/login", () => {
  it("signs in with the right password, in any email case", async () => {
    const u = await signUp("student");
    const res = await login(u.email.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    const current = await (await me(sessionCookie(res))).json();
    expect("user" in current && current.user.id).toBe(u.id);
  });

  it("gives the same 401 for a wrong password and an unknown email", async () => {
    const u = await signUp("student");
    const wrong = await expectProblem(await login(u.email, "wrong password!"), 401);
    const unknown = await expectProblem(await login(uniqueEmail(), "wrong password!"), 401);
    expect(wrong.detail).toBe(unknown.detail);
  });
});

describe("POST /api/auth/login: wrong passwords cannot lock the owner out", () => {
  it("an attacker's twenty failures limit the attacker's client, not the owner signing in from elsewhere", async () => {
    const victim = await signUp("student");
    const attacker = "203.0.113.66";
    const statuses: (number | string | undefined)[] = [];
    for (let i = 0; i < 20; i++) {
      // The attacker waits out every slowdown (the wait is backdated instead of slept).
      await env.DB.prepare("UPDATE rate_limits SET last_at = 0 WHERE key LIKE ?").bind(`%${victim.email}`).run();
      const res = await login(victim.email, "wrong password!", attacker);
      statuses.push(res.status === 429 ? (await res.json()).reason : res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(10).fill("client_limited")]);
    // The owner, from a client that has not failed, gets in at once.
    const owner = await login(victim.email, PASSWORD, "198.51.100.9");
    expect(owner.status).toBe(200);
    // The attacker's client stays limited, even with the right password, until the window ends.
    const limited = await login(victim.email, PASSWORD, attacker);
    const problem = await expectProblem(limited, 429);
    expect(problem.reason).toBe("client_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("slows a client that keeps failing on an account under attack, but lets a client that has not failed try", async () => {
    const victim = await signUp("student");
    // Five clients fail once each: the account is now under attack.
    for (let i = 0; i < 5; i++) expect((await login(victim.email, "wrong password!", `203.0.113.${100 + i}`)).status).toBe(401);
    // One of them tries again at once: asked to wait, with the wait in seconds.
    const again = await login(victim.email, "wrong password!", "203.0.113.100");
    const slowed = await expectProblem(again, 429);
    expect(slowed.reason).toBe("account_slowed");
    const wait = (slowed as { retryAfter?: number }).retryAfter;
    expect(wait).toBeGreaterThan(0);
    expect(Number(again.headers.get("retry-after"))).toBe(wait);
    // A new client is still heard: a wrong password is a plain 401, the right one signs in.
    expect((await login(victim.email, "still wrong!", "198.51.100.40")).status).toBe(401);
    expect((await login(victim.email, PASSWORD, "198.51.100.41")).status).toBe(200);
  });

  it("counts failures, not attempts: signing in many times from one place is never limited", async () => {
    const user = await signUp("student");
    for (let i = 0; i < 15; i++) expect((await login(user.email, PASSWORD, "198.51.100.50")).status).toBe(200);
  });

  it("an unknown email is throttled exactly like a known one, so the limits do not reveal accounts", async () => {
    const known = await signUp("student");
    const ghost = uniqueEmail("ghost");
    const replies = async (email: string, ip: string) => {
      const out: (number | string | undefined)[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await login(email, "wrong password!", ip);
        out.push(res.status === 429 ? (await res.json()).reason : res.status);
      }
      return out;
    };
    const forKnown = await replies(known.email, "203.0.113.78");
    expect(forKnown).toEqual([401, 401, 401, 401, 401, "account_slowed", "account_slowed"]);
    expect(await replies(ghost, "203.0.113.77")).toEqual(forKnown);
  });

  it("without CF-Connecting-IP every client counts as one: the limit falls back to the account", async () => {
    const user = await signUp("student");
    for (let i = 0; i < 5; i++) expect((await login(user.email, "wrong password!")).status).toBe(401);
    // No address to tell clients apart: the account's header-less sign-ins are throttled together...
    await expectProblem(await login(user.email, PASSWORD), 429);
    // ...while a client that Cloudflare identifies, and that has not failed, still gets in.
    expect((await login(user.email, PASSWORD, "198.51.100.60")).status).toBe(200);
  });

  it("runs PBKDF2 with the real parameters for an unknown email too, so timing does not reveal accounts", async () => {
    const known = await signUp("student");
    const subtle = crypto.subtle;
    const derive = vi.spyOn(subtle, "deriveBits");
    try {
      await login(uniqueEmail("nobody"), "wrong password!", "198.51.100.70");
      const unknownCalls = derive.mock.calls.map(([params]) => params as { name: string; iterations?: number });
      derive.mockClear();
      await login(known.email, "wrong password!", "198.51.100.71");
      const knownCalls = derive.mock.calls.map(([params]) => params as { name: string; iterations?: number });
      expect(knownCalls.map((p) => [p.name, p.iterations])).toEqual([["PBKDF2", 100_000]]);
      expect(unknownCalls.map((p) => [p.name, p.iterations])).toEqual([["PBKDF2", 100_000]]);
    } finally {
      derive.mockRestore();
    }
  });
});

describe("GET /api/me and POST /api/auth/logout", () => {
  it("401 without a session, and after logout the old cookie is refused", async () => {
    await expectProblem(await me(), 401);
    const u = await signUp("instructor");
    expect((await me(u.cookie)).status).toBe(200);
    const out = await api(u).auth.logout.$post();
    expect(out.status).toBe(204);
    await expectProblem(await me(u.cookie), 401);
  });

  it("refuses an expired session", async () => {
    const u = await signUp("student");
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1, u.id)
      .run();
    await expectProblem(await me(u.cookie), 401);
  });

  it("signing out everywhere ends every session of the user at once, and only theirs", async () => {
    const u = await signUp("student");
    const other = await signUp("student");
    const laptop = sessionCookie(await login(u.email, PASSWORD, "198.51.100.80"));
    // Both sessions are now in this isolate's session cache.
    for (const cookie of [u.cookie, laptop, other.cookie]) expect((await me(cookie)).status).toBe(200);
    const out = await api(laptop).auth["logout-all"].$post();
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^qadam_session=;/);
    await expectProblem(await me(laptop), 401);
    // The other device's session was cached here and is refused at once, not after the cache's minute.
    await expectProblem(await me(u.cookie), 401);
    expect((await me(other.cookie)).status).toBe(200);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?").bind(u.id).first<{ n: number }>();
    expect(rows?.n).toBe(0);
    // Signing in again works and starts a fresh session.
    const back = await login(u.email, PASSWORD, "198.51.100.81");
    expect((await me(sessionCookie(back))).status).toBe(200);
  });

  it("signing out everywhere needs a session", async () => {
    await expectProblem(await api().auth["logout-all"].$post(), 401);
  });

  it("ignores a forged cookie", async () => {
    // Raw: a forged cookie on purpose.
    await expectProblem(await call("/api/me", { cookie: "qadam_session=' OR 1=1 --" }), 401);
    await expectProblem(await call("/api/me", { cookie: `qadam_session=${"A".repeat(43)}` }), 401);
  });
});
