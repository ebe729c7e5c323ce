// Accounts and sessions: sign up, sign in, sign out, and who am I.
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { sessions, users } from "../../db/schema.ts";
import { hashPassword, verifyPassword } from "../domain/password.ts";
import { rateRules } from "../limits/rules.ts";
import {
  hashSessionToken,
  newSessionToken,
  normalizeEmail,
  PASSWORD_MAX,
  passwordWeakness,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from "../domain/sessionToken.ts";
import type { AppEnv, SessionUser } from "../env.ts";
import { clientIp, enforceRateLimits, limitScale } from "../limits/enforce.ts";
import { forgetSession, requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { Problem } from "../problem.ts";
import { UserSchema } from "../schemas.ts";

const email = z.string().trim().max(254, "must be at most 254 characters").pipe(z.email("must be a valid email address"));

const SignupBody = z
  .object({
    email,
    password: z.string().max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
    name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    role: z.enum(["student", "instructor"], "must be student or instructor"),
  })
  .superRefine((body, ctx) => {
    const weakness = passwordWeakness(body.password, body.email);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  })
  .openapi("SignupRequest");

const LoginBody = z
  .object({ email, password: z.string().min(1, "must not be empty").max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`) })
  .openapi("LoginRequest");

const UserEnvelope = z.object({ user: UserSchema }).openapi("UserEnvelope");
const tags = ["Accounts"];

async function startSession(c: Context<AppEnv>, userId: string) {
  const token = newSessionToken();
  const now = Date.now();
  await c.var.db
    .insert(sessions)
    .values({ tokenHash: await hashSessionToken(token), userId, createdAt: now, expiresAt: now + SESSION_TTL_MS });
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge: SESSION_TTL_MS / 1000 });
}

const publicUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

export const auth = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/signup",
      tags,
      summary: "Create an account and sign in",
      request: { body: jsonBody(SignupBody) },
      responses: { 201: jsonContent(UserEnvelope, "Account created; the session cookie is set"), ...problems(400, 409, 429) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      await enforceRateLimits(
        c.var.db,
        [{ key: `signup:ip:${clientIp(c.req.header.bind(c.req))}`, rule: rateRules.signupPerIp }],
        Date.now(),
        limitScale(c.env.RATE_LIMIT_SCALE),
      );
      const normalized = normalizeEmail(body.email);
      const pw = await hashPassword(body.password);
      const user: SessionUser = { id: crypto.randomUUID(), email: normalized, name: body.name, role: body.role };
      const inserted = await c.var.db
        .insert(users)
        .values({ ...user, passwordHash: pw.hash, passwordSalt: pw.salt, passwordIterations: pw.iterations, createdAt: Date.now() })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      if (inserted.length === 0) {
        throw new Problem(409, "An account with this email already exists. Sign in instead.", {
          reason: "email_taken",
          errors: [{ path: "email", message: "is already registered" }],
        });
      }
      await startSession(c, user.id);
      return c.json({ user }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      tags,
      summary: "Sign in with email and password",
      request: { body: jsonBody(LoginBody) },
      responses: { 200: jsonContent(UserEnvelope, "Signed in; the session cookie is set"), ...problems(400, 401, 429) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const normalized = normalizeEmail(body.email);
      await enforceRateLimits(
        c.var.db,
        [
          { key: `login:ip:${clientIp(c.req.header.bind(c.req))}`, rule: rateRules.loginPerIp },
          { key: `login:account:${normalized}`, rule: rateRules.loginPerAccount },
        ],
        Date.now(),
        limitScale(c.env.RATE_LIMIT_SCALE),
      );
      const row = await c.var.db.select().from(users).where(eq(users.email, normalized)).get();
      const ok =
        row &&
        (await verifyPassword(body.password, { hash: row.passwordHash, salt: row.passwordSalt, iterations: row.passwordIterations }));
      // One message for both cases, so sign-in does not reveal which emails have accounts.
      if (!row || !ok) throw new Problem(401, "The email or password is not right.");
      await startSession(c, row.id);
      return c.json({ user: publicUser(row) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      tags,
      summary: "Sign out: the session is revoked on the server",
      responses: { 204: { description: "Signed out (also when no session was open)" } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        const tokenHash = await hashSessionToken(token);
        forgetSession(tokenHash);
        await c.var.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
      }
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags,
      security: signedIn,
      summary: "The signed-in user",
      responses: { 200: jsonContent(UserEnvelope, "The current user"), ...problems(401) },
    }),
    (c) => c.json({ user: publicUser(requireUser(c)) }, 200),
  );
