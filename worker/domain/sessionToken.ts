// Session tokens: 256 random bits for the cookie; only their SHA-256 is ever stored.
import { sha256Hex, toBase64Url } from "./encoding.ts";

export const SESSION_COOKIE = "qadam_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export const newSessionToken = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
export const hashSessionToken = (token: string) => sha256Hex(token);

/** Normalised email: trimmed and lower-cased, so one person cannot hold two accounts by case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Why a password is too weak, or null. Length matters most; a few obvious patterns are refused. */
export function passwordWeakness(password: string, email = ""): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (new Set(password).size < 4) return "uses too few different characters";
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) return "must not contain your email name";
  if (/^(?:0123456789|1234567890|qwertyuiop|password\d*|пароль\d*)$/i.test(password)) return "is too common";
  return null;
}
