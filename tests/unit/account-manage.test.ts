// The plain rules behind managing an account: reset codes and what deleting an account does (the export's presenter is
// tested in tests/worker/account-export.test.ts: it shares the contract's types, which this tsconfig does not load).
import { describe, expect, it } from "vitest";
import { ACCOUNT_PURGE_AFTER_MS, classesBlockingDeletion, deletedEmail, purgeAt } from "../../worker/domain/accountDeletion.ts";
import { JOIN_CODE_ALPHABET } from "../../worker/domain/joinCode.ts";
import {
  formatResetCode,
  generateResetCode,
  hashResetCode,
  isResetCode,
  normalizeResetCode,
  RESET_CODE_LENGTH,
  RESET_CODE_TTL_MS,
  resetCodeMatches,
} from "../../worker/domain/resetCode.ts";

describe("reset codes", () => {
  it("are 10 letters of the join-code alphabet (no look-alikes), different each time", () => {
    const codes = Array.from({ length: 200 }, () => generateResetCode());
    for (const code of codes) {
      expect(code).toHaveLength(RESET_CODE_LENGTH);
      expect([...code].every((ch) => JOIN_CODE_ALPHABET.includes(ch))).toBe(true);
      expect(isResetCode(code)).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("come from the random source, skipping biased bytes", () => {
    // 255 is past the last whole multiple of the alphabet (248) and must be skipped, not folded onto a letter.
    const bytes = [255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const code = generateResetCode((n) => Uint8Array.from({ length: n }, (_, i) => bytes[i % bytes.length] as number));
    expect(code).toBe(JOIN_CODE_ALPHABET.slice(0, 10));
  });

  it("read out in two halves and typed back any way a person would", () => {
    expect(formatResetCode("K7QM4XPA2B")).toBe("K7QM4-XPA2B");
    for (const typed of ["k7qm4-xpa2b", " K7QM4 XPA2B ", "k7qm4xpa2b", "K7QM4 - XPA2B"]) {
      expect(normalizeResetCode(typed)).toBe("K7QM4XPA2B");
    }
    expect(isResetCode("K7QM4XPA2")).toBe(false);
    expect(isResetCode("K7QM4XPA2BB")).toBe(false);
    // O, 0, I, 1 and L are not in the alphabet.
    expect(isResetCode("O0I1LXPA2B")).toBe(false);
  });

  it("are stored as a hash bound to the account", async () => {
    const hash = await hashResetCode("user-1", "K7QM4XPA2B");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(await hashResetCode("user-2", "K7QM4XPA2B"));
    expect(hash).not.toContain("K7QM4XPA2B");
  });

  it("match only the same account and code, strictly before they expire", async () => {
    const issuedAt = 1_800_000_000_000;
    const stored = { codeHash: await hashResetCode("u", "K7QM4XPA2B"), expiresAt: issuedAt + RESET_CODE_TTL_MS };
    expect(await resetCodeMatches(stored, "u", "K7QM4XPA2B", issuedAt)).toBe(true);
    expect(await resetCodeMatches(stored, "u", "K7QM4XPA2B", stored.expiresAt - 1)).toBe(true);
    expect(await resetCodeMatches(stored, "u", "K7QM4XPA2B", stored.expiresAt)).toBe(false);
    expect(await resetCodeMatches(stored, "u", "K7QM4XPA2C", issuedAt)).toBe(false);
    expect(await resetCodeMatches(stored, "v", "K7QM4XPA2B", issuedAt)).toBe(false);
    expect(await resetCodeMatches(null, "u", "K7QM4XPA2B", issuedAt)).toBe(false);
    expect(RESET_CODE_TTL_MS).toBe(24 * 60 * 60 * 1000);
  });
});

describe("deleting an account", () => {
  it("keeps a student's class data at most 14 days", () => {
    expect(ACCOUNT_PURGE_AFTER_MS).toBe(14 * 24 * 60 * 60 * 1000);
    expect(purgeAt(1_000)).toBe(1_000 + ACCOUNT_PURGE_AFTER_MS);
  });

  it("frees the email with a unique value nobody can sign up or sign in with", () => {
    expect(deletedEmail("a")).not.toBe(deletedEmail("b"));
    // Every email field (sign-up, sign-in, change of email) requires an "@".
    expect(deletedEmail("0b7e")).not.toContain("@");
  });

  it("an instructor is held back only by classes that have students", () => {
    const taught = [
      { id: "a", name: "10 A", studentCount: 0 },
      { id: "b", name: "10 B", studentCount: 3 },
      { id: "c", name: "11 A", studentCount: 1 },
    ];
    expect(classesBlockingDeletion(taught).map((k) => k.id)).toEqual(["b", "c"]);
    expect(classesBlockingDeletion(taught.slice(0, 1))).toEqual([]);
    expect(classesBlockingDeletion([])).toEqual([]);
  });
});
