// Passwords: PBKDF2-SHA256 hashing through WebCrypto (the parameters travel with the hash) and the strength rule.
import { fromBase64, toBase64 } from "./encoding.ts";

/** Workers cap PBKDF2 at 100,000 iterations. */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface PasswordHash {
  hash: string;
  salt: string;
  iterations: number;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { hash: toBase64(await derive(password, salt, iterations)), salt: toBase64(salt), iterations };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const actual = await derive(password, fromBase64(stored.salt), stored.iterations);
  return constantTimeEqual(actual, fromBase64(stored.hash));
}

// Stands in for the hash of an email that has no account, with the real parameters: checking against it costs
// what a real check costs, so the response time does not tell which emails are registered.
const NO_ACCOUNT: PasswordHash = {
  hash: toBase64(new Uint8Array(32)),
  salt: toBase64(new Uint8Array(SALT_BYTES)),
  iterations: PBKDF2_ITERATIONS,
};

/** Checks a sign-in's password against the account's hash, or, with no account, runs the same work and says no. */
export async function checkPassword(password: string, stored: PasswordHash | null): Promise<boolean> {
  const matches = await verifyPassword(password, stored ?? NO_ACCOUNT);
  return stored !== null && matches;
}

/** Compares every byte so the time taken does not reveal where two hashes differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

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
