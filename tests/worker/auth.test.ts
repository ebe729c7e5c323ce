import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, PASSWORD, sessionCookie, signUp, uniqueEmail } from "./helpers.ts";

const signupBody = (over: Record<string, unknown> = {}) => ({
  email: uniqueEmail(),
  password: PASSWORD,
  name: "Асель",
  role: "student",
  ...over,
});

describe("POST /api/auth/signup", () => {
  it("creates the account, sets a secure session cookie and stores only hashes", async () => {
    const body = signupBody({ email: "  Mixed.Case@Example.TEST " });
    const res = await call("/api/auth/signup", { method: "POST", body });
    expect(res.status).toBe(201);
    const { user } = await json<{ user: { email: string; role: string } }>(res);
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
    ["role", { role: "admin" }],
  ])("refuses a bad %s with 400 naming the field", async (field, over) => {
    const problem = await expectProblem(await call("/api/auth/signup", { method: "POST", body: signupBody(over) }), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("refuses a taken email with 409, whatever its case", async () => {
    const first = signupBody();
    await call("/api/auth/signup", { method: "POST", body: first });
    const problem = await expectProblem(
      await call("/api/auth/signup", { method: "POST", body: { ...first, email: first.email.toUpperCase() } }),
      409,
    );
    expect(problem.errors?.[0]?.path).toBe("email");
  });

  it("refuses malformed JSON and a missing body with 400", async () => {
    await expectProblem(await call("/api/auth/signup", { method: "POST", body: "{not json" }), 400);
    await expectProblem(await call("/api/auth/signup", { method: "POST" }), 400);
  });

  it("refuses a cross-site write (CSRF)", async () => {
    const res = await call("/api/auth/signup", { method: "POST", body: signupBody(), headers: { origin: "https://evil.example" } });
    await expectProblem(res, 403);
  });

  it("is rate limited per IP with 429 and Retry-After", async () => {
    const headers = { "cf-connecting-ip": "192.0.2.77" };
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) last = await call("/api/auth/signup", { method: "POST", body: signupBody(), headers });
    const res = last as Response;
    await expectProblem(res, 429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("POST /api/auth/login", () => {
  it("signs in with the right password, in any email case", async () => {
    const u = await signUp("student");
    const res = await call("/api/auth/login", { method: "POST", body: { email: u.email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(200);
    const me = await call("/api/me", { cookie: sessionCookie(res) });
    expect((await json<{ user: { id: string } }>(me)).user.id).toBe(u.id);
  });

  it("gives the same 401 for a wrong password and an unknown email", async () => {
    const u = await signUp("student");
    const wrong = await expectProblem(
      await call("/api/auth/login", { method: "POST", body: { email: u.email, password: "wrong password!" } }),
      401,
    );
    const unknown = await expectProblem(
      await call("/api/auth/login", { method: "POST", body: { email: uniqueEmail(), password: "wrong password!" } }),
      401,
    );
    expect(wrong.detail).toBe(unknown.detail);
  });

  it("is rate limited per account", async () => {
    const u = await signUp("student");
    let res: Response | undefined;
    for (let i = 0; i < 11; i++) {
      res = await call("/api/auth/login", {
        method: "POST",
        body: { email: u.email, password: "wrong password!" },
        headers: { "cf-connecting-ip": `198.51.100.${i}` },
      });
    }
    await expectProblem(res as Response, 429);
  });
});

describe("GET /api/me and POST /api/auth/logout", () => {
  it("401 without a session, and after logout the old cookie is refused", async () => {
    await expectProblem(await call("/api/me"), 401);
    const u = await signUp("instructor");
    expect((await call("/api/me", { cookie: u.cookie })).status).toBe(200);
    const out = await call("/api/auth/logout", { method: "POST", cookie: u.cookie });
    expect(out.status).toBe(204);
    await expectProblem(await call("/api/me", { cookie: u.cookie }), 401);
  });

  it("refuses an expired session", async () => {
    const u = await signUp("student");
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1, u.id)
      .run();
    await expectProblem(await call("/api/me", { cookie: u.cookie }), 401);
  });

  it("ignores a forged cookie", async () => {
    await expectProblem(await call("/api/me", { cookie: "qadam_session=' OR 1=1 --" }), 401);
    await expectProblem(await call("/api/me", { cookie: `qadam_session=${"A".repeat(43)}` }), 401);
  });
});
