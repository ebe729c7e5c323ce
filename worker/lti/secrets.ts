// The random values LTI rows need: single-use tokens (stored by hash) and the password of an LMS-only account.
import type { Db } from "../../db/client.ts";
import { deleteToken, insertToken, type LockedPassword, peekToken, takeToken } from "../../db/queries/lti.ts";
import { sha256Hex, toBase64, toBase64Url } from "../domain/encoding.ts";
import { PBKDF2_ITERATIONS } from "../domain/password.ts";

type Kind = Parameters<typeof insertToken>[1];

/** A new single-use token of `kind` carrying `data`, valid for `ttlMs`; only its SHA-256 is stored. */
export async function issueToken(db: Db, kind: Kind, data: Record<string, unknown>, ttlMs: number, now: number): Promise<string> {
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  await insertToken(db, kind, await sha256Hex(token), data, now + ttlMs);
  return token;
}

/** Uses the token up: its data when it was live and of `kind`, null otherwise (unknown, used, expired, not a token). */
export async function consumeToken(db: Db, kind: Kind, token: string, now: number): Promise<Record<string, unknown> | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return takeToken(db, kind, await sha256Hex(token), now);
}

/** The token's data while it is live, and a way to use it up later (once what it allows has worked). */
export async function peekTokenForUse(db: Db, kind: Kind, token: string, now: number) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const hash = await sha256Hex(token);
  const data = await peekToken(db, kind, hash, now);
  return data && { data, spend: () => deleteToken(db, hash) };
}

/** An empty hash never equals a PBKDF2 output, so no password opens the account; the salt (base64, as password.ts reads it) keeps a sign-in try well-formed. */
export const lockedPassword = (): LockedPassword => ({
  passwordHash: "",
  passwordSalt: toBase64(crypto.getRandomValues(new Uint8Array(16))),
  passwordIterations: PBKDF2_ITERATIONS,
});
