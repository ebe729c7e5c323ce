// Accounts and sessions: sign up, sign in, sign out (here or everywhere), and who am I.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import {
  bumpCounters,
  deleteSession,
  insertUserUnlessTaken,
  readSignInState,
  revokeAllSessions,
  startSessionClearing,
} from "../../db/queries/accounts.ts";
import { UserSchema } from "../contract/common.ts";
import { normalizeEmail } from "../domain/email.ts";
import { checkPassword, hashPassword, PASSWORD_MAX, passwordWeakness } from "../domain/password.ts";
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from "../domain/sessionToken.ts";
import type { AppEnv, SessionUser } from "../env.ts";
import { clientIp, enforceRateLimits, limitScale, signInRefusal } from "../limits/enforce.ts";
import { clientKey, rateRules, signInCounterKeys, signInRules, signInVerdict, windowStart } from "../limits/rules.ts";
import { forgetSession, forgetSessionsBefore, requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { Problem } from "../problem.ts";

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

const cookieOptions = { httpOnly: true, secure: true, sameSite: "Lax", path: "/" } as const;

/** Opens a new session (and clears `clearKeys`, the counters a success resets) and sets its cookie. */
export async function startSession(c: Context<AppEnv>, userId: string, clearKeys: string[] = []) {
  const token = newSessionToken();
  const now = Date.now();
  await startSessionClearing(
    c.var.db,
    { tokenHash: await hashSessionToken(token), userId, createdAt: now, expiresAt: now + SESSION_TTL_MS },
    clearKeys,
  );
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
}

const publicUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

export const auth = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/signup",
      operationId: "signUp",
      tags,
      summary: "Create an account and sign in",
      request: { body: jsonBody(SignupBody) },
      responses: { 201: jsonContent(UserEnvelope, "Account created; the session cookie is set"), ...problems(400, 409, 429) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      await enforceRateLimits(
        c.var.db,
        [{ key: `signup:${clientKey(clientIp(c.req.header.bind(c.req)))}`, rule: rateRules.signupPerIp }],
        Date.now(),
        limitScale(c.env.RATE_LIMIT_SCALE),
      );
      const normalized = normalizeEmail(body.email);
      const pw = await hashPassword(body.password);
      const user: SessionUser = { id: crypto.randomUUID(), email: normalized, name: body.name, role: body.role };
      const inserted = await insertUserUnlessTaken(c.var.db, {
        ...user,
        passwordHash: pw.hash,
        passwordSalt: pw.salt,
        passwordIterations: pw.iterations,
        createdAt: Date.now(),
      });
      // Sign-up tells that an address is taken: without email verification it cannot hide it (SECURITY.md).
      if (!inserted) {
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
      operationId: "signIn",
      tags,
      summary: "Sign in with email and password",
      description:
        "Failed passwords are counted per client and account (10 per 15 minutes, then 429 `client_limited`), per client " +
        "(100), and per account: after 5 failures on an account from anywhere, a client that has itself failed on it waits " +
        "before its next try (429 `account_slowed`, `retryAfter` seconds). A client that has not failed is always heard.",
      request: { body: jsonBody(LoginBody) },
      responses: { 200: jsonContent(UserEnvelope, "Signed in; the session cookie is set"), ...problems(400, 401, 429) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const email = normalizeEmail(body.email);
      const now = Date.now();
      const keys = signInCounterKeys(email, clientKey(clientIp(c.req.header.bind(c.req))));
      const { counters, user } = await readSignInState(c.var.db, email, Object.values(keys));
      const verdict = signInVerdict(counters, keys, now, limitScale(c.env.RATE_LIMIT_SCALE));
      if (!verdict.allow) throw signInRefusal(verdict);
      // An unknown email runs the same PBKDF2 work, so the time taken does not reveal which emails have accounts.
      const ok = await checkPassword(body.password, user && { hash: user.hash, salt: user.salt, iterations: user.iterations });
      if (!user || !ok) {
        const window = windowStart(now, signInRules);
        await bumpCounters(
          c.var.db,
          Object.values(keys).map((key) => ({ key, windowStart: window })),
          now,
        );
        // One message for both cases, so sign-in does not reveal which emails have accounts.
        throw new Problem(401, "The email or password is not right.");
      }
      // A success forgets this client's failures on the account; the account's and the client's own totals stay.
      await startSession(c, user.id, [keys.clientAndAccount]);
      return c.json({ user: publicUser(user) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      operationId: "signOut",
      tags,
      summary: "Sign out: the session is revoked on the server",
      responses: { 204: { description: "Signed out (also when no session was open)" } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        const tokenHash = await hashSessionToken(token);
        forgetSession(tokenHash);
        await deleteSession(c.var.db, tokenHash);
      }
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/logout-all",
      operationId: "signOutEverywhere",
      tags,
      security: signedIn,
      summary: "Sign out on every device: all of the user's sessions are revoked",
      description:
        "Deletes every session of the signed-in user, this one included, and raises the user's session generation. " +
        "The Worker instance that answers refuses the user's cached sessions at once; other instances do so on their next " +
        "read of that user's sessions, and at the latest within 60 seconds (their session cache's lifetime).",
      responses: { 204: { description: "Every session of the user is revoked and this cookie is cleared" }, ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      const generation = await revokeAllSessions(c.var.db, user.id);
      forgetSessionsBefore(user.id, generation);
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      operationId: "getCurrentUser",
      tags,
      security: signedIn,
      summary: "The signed-in user",
      responses: { 200: jsonContent(UserEnvelope, "The current user"), ...problems(401) },
    }),
    (c) => c.json({ user: publicUser(requireUser(c)) }, 200),
  );
