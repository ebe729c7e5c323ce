// The session cookie as routes set and clear it, and the user as the API shows it.
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { startSessionClearing } from "../../db/queries/accounts.ts";
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from "../domain/sessionToken.ts";
import type { AppEnv, SessionUser } from "../env.ts";

const cookieOptions = { httpOnly: true, secure: true, sameSite: "Lax", path: "/" } as const;

/** A new session's row (to insert, maybe in a batch) for a fresh token, whose cookie is set on the response. */
export async function newSessionCookie(c: Context<AppEnv>) {
  const token = newSessionToken();
  const now = Date.now();
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
  return { tokenHash: await hashSessionToken(token), createdAt: now, expiresAt: now + SESSION_TTL_MS };
}

/** Opens a new session (and clears `clearKeys`, the counters a success resets) and sets its cookie. */
export async function startSession(c: Context<AppEnv>, userId: string, clearKeys: string[] = []) {
  await startSessionClearing(c.var.db, { ...(await newSessionCookie(c)), userId }, clearKeys);
}

export const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, SESSION_COOKIE, cookieOptions);

export const publicUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
