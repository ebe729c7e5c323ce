// Reads the session cookie once per request and exposes the signed-in user (or null) as c.var.user.
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { findSessionUser } from "../../db/queries/accounts.ts";
import { SessionCache } from "../domain/sessionCache.ts";
import { hashSessionToken, SESSION_COOKIE } from "../domain/sessionToken.ts";
import type { AppEnv, SessionUser } from "../env.ts";
import { Problem } from "../problem.ts";

export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  c.set("user", token ? await sessionUser(c, token) : null);
  await next();
});

// Per isolate: every authenticated request would otherwise spend one of its D1 round trips on the session
// (the budget is one per read). The trade-off, a logout elsewhere taking up to a minute here, is in sessionCache.ts.
const sessionCache = new SessionCache();

/** Forget a session in this isolate at once (logout); other isolates drop it within SESSION_CACHE_TTL_MS. */
export const forgetSession = (tokenHash: string) => sessionCache.delete(tokenHash);

/** Refuse every session of a user cached in this isolate from before `generation` (sign out everywhere). */
export const forgetSessionsBefore = (userId: string, generation: number) => sessionCache.noteGeneration(userId, generation, Date.now());

async function sessionUser(c: Context<AppEnv>, token: string): Promise<SessionUser | null> {
  // A token that cannot be ours is refused without a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = await hashSessionToken(token);
  const now = Date.now();
  const cached = sessionCache.get(tokenHash, now);
  if (cached) return cached;
  const row = await findSessionUser(c.var.db, tokenHash, now);
  if (!row) return null;
  const { expiresAt, generation, ...user } = row;
  sessionCache.set(tokenHash, user, generation, expiresAt, now);
  return user;
}

/** The signed-in user, or a 401; with `role`, a 403 for the other role. */
export function requireUser(c: Context<AppEnv>, role?: SessionUser["role"]): SessionUser {
  const user = c.var.user;
  if (!user) throw new Problem(401, "Sign in to do this.");
  if (role && user.role !== role) throw new Problem(403, `Only ${role}s can do this.`);
  return user;
}
