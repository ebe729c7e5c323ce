// Reads the session cookie once per request and exposes the signed-in user (or null) as c.var.user.
import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { sessions, users } from "../../db/schema.ts";
import { hashSessionToken, SESSION_COOKIE } from "../domain/sessionToken.ts";
import { SessionCache } from "../domain/sessionCache.ts";
import type { AppEnv, SessionUser } from "../env.ts";
import { Problem } from "../problem.ts";

export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  c.set("user", token ? await findSessionUser(c, token) : null);
  await next();
});

// Per isolate: every authenticated request would otherwise spend one of its D1 round trips on the session
// (the budget is one per read). The trade-off, a logout elsewhere taking up to a minute here, is in sessionCache.ts.
const sessionCache = new SessionCache();

/** Forget a session in this isolate at once (logout); other isolates drop it within SESSION_CACHE_TTL_MS. */
export const forgetSession = (tokenHash: string) => sessionCache.delete(tokenHash);

async function findSessionUser(c: Context<AppEnv>, token: string): Promise<SessionUser | null> {
  // A token that cannot be ours is refused without a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = await hashSessionToken(token);
  const now = Date.now();
  const cached = sessionCache.get(tokenHash, now);
  if (cached) return cached;
  const row = await c.var.db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .get();
  if (!row) return null;
  const { expiresAt, ...user } = row;
  sessionCache.set(tokenHash, user, expiresAt, now);
  return user;
}

/** The signed-in user, or a 401; with `role`, a 403 for the other role. */
export function requireUser(c: Context<AppEnv>, role?: SessionUser["role"]): SessionUser {
  const user = c.var.user;
  if (!user) throw new Problem(401, "Sign in to do this.");
  if (role && user.role !== role) throw new Problem(403, `Only ${role}s can do this.`);
  return user;
}
