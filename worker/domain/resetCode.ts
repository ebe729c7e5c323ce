// One-time password reset codes an instructor reads out to a student: made, typed back, checked, never stored in clear.
import { sha256Hex } from "./encoding.ts";
import { JOIN_CODE_ALPHABET, normalizeJoinCode, randomCode } from "./joinCode.ts";

/** 10 letters of a 31-letter alphabet: about 49 bits, against at most a few dozen guesses a day (limits/rules.ts). */
export const RESET_CODE_LENGTH = 10;
export const RESET_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export const generateResetCode = (random?: (n: number) => Uint8Array) => randomCode(RESET_CODE_LENGTH, random);

/** Shown in two halves, easier to read aloud: "K7QM4-XPA2B". */
export const formatResetCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** What a student types: any case, with spaces or dashes in between (the same letters as join codes). */
export const normalizeResetCode = normalizeJoinCode;

export const isResetCode = (code: string) => code.length === RESET_CODE_LENGTH && [...code].every((ch) => JOIN_CODE_ALPHABET.includes(ch));

/** Bound to the account, so the same code issued to two students never hashes alike. */
export const hashResetCode = (userId: string, code: string) => sha256Hex(`reset:${userId}:${code}`);

export interface StoredResetCode {
  codeHash: string;
  expiresAt: number;
}

/** Whether `code` (normalised) redeems the stored code at `now`: the same hash, and not expired. */
export async function resetCodeMatches(stored: StoredResetCode | null, userId: string, code: string, now: number): Promise<boolean> {
  if (!stored || now >= stored.expiresAt) return false;
  return stored.codeHash === (await hashResetCode(userId, code));
}
