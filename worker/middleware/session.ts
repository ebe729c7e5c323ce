// Reads the session cookie once per request and exposes the signed-in user (or null) as c.var.user.
import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { sessions, users } from "../../db/schema.ts";
import { hashSessionToken, SESSION_COOKIE } from "../domain/session.ts";
import type { AppEnv, SessionUser } from "../env.ts";
import { Problem } from "../problem.ts";

export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  c.set("user", token ? await findSessionUser(c, token) : null);
  await next();
});

async function findSessionUser(c: Context<AppEnv>, token: string): Promise<SessionUser | null> {
  // A token that cannot be ours is refused without a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await c.var.db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, await hashSessionToken(token)), gt(sessions.expiresAt, Date.now())))
    .get();
  return row ?? null;
}

/** The signed-in user, or a 401; with `role`, a 403 for the other role. */
export function requireUser(c: Context<AppEnv>, role?: SessionUser["role"]): SessionUser {
  const user = c.var.user;
  if (!user) throw new Problem(401, "Sign in to do this.");
  if (role && user.role !== role) throw new Problem(403, `Only ${role}s can do this.`);
  return user;
}
