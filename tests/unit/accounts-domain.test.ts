import { describe, expect, it } from "vitest";
import { normalizeEmail } from "../../worker/domain/email.ts";
import { assignmentStatus, finalGrade } from "../../worker/domain/grades.ts";
import { generateJoinCode, isJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from "../../worker/domain/joinCode.ts";
import {
  checkPassword,
  constantTimeEqual,
  hashPassword,
  PBKDF2_ITERATIONS,
  passwordWeakness,
  verifyPassword,
} from "../../worker/domain/password.ts";
import { hashSessionToken, newSessionToken } from "../../worker/domain/sessionToken.ts";
import { isTimeZone, localToUtc, parseInstant, utcToLocal, zoneOffsetMinutes } from "../../worker/domain/time.ts";
import {
  type CounterRow,
  clientKey,
  retryAfterSeconds,
  signInCounterKeys,
  signInRules,
  signInVerdict,
  slowdownWaitMs,
  windowStart,
} from "../../worker/limits/rules.ts";

describe("password hashing", () => {
  it("verifies the right password and refuses others, with a per-user salt", async () => {
    const a = await hashPassword("correct horse battery", 1000);
    const b = await hashPassword("correct horse battery", 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("uses 100,000 PBKDF2 iterations by default and keeps them with the hash", async () => {
    const h = await hashPassword("пароль-из-кириллицы");
    expect(h.iterations).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(await verifyPassword("пароль-из-кириллицы", h)).toBe(true);
  });

  it("checkPassword says yes only for the right password of an account, and no for a missing account", async () => {
    const h = await hashPassword("correct horse battery", 1000);
    expect(await checkPassword("correct horse battery", h)).toBe(true);
    expect(await checkPassword("wrong horse battery", h)).toBe(false);
    expect(await checkPassword("correct horse battery", null)).toBe(false);
    expect(await checkPassword("", null)).toBe(false);
  });

  it("compares in constant time over equal lengths", () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it.each([
    ["short", "must be at least"],
    ["aaaaaaaaaaaaaa", "too few different"],
    ["0123456789", "too common"],
    ["x".repeat(201), "at most"],
  ])("calls %s weak", (pw, reason) => {
    expect(passwordWeakness(pw)).toContain(reason);
  });

  it("refuses a password built on the email name and accepts a good one", () => {
    expect(passwordWeakness("aigerim2026!!", "aigerim@example.kz")).toContain("email");
    expect(passwordWeakness("correct horse battery", "aigerim@example.kz")).toBeNull();
  });
});

describe("sessions", () => {
  it("tokens are 256-bit base64url and differ; only a SHA-256 hex is stored", async () => {
    const t1 = newSessionToken();
    expect(t1).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(t1);
    const h = await hashSessionToken(t1);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashSessionToken(t1)).toBe(h);
  });

  it("normalises emails", () => {
    expect(normalizeEmail("  Aigerim@Example.KZ ")).toBe("aigerim@example.kz");
  });
});

describe("join codes", () => {
  it("have no look-alike characters", () => {
    for (const ch of "01OIL") expect(JOIN_CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++) {
      const code = generateJoinCode();
      expect(isJoinCode(code)).toBe(true);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    }
  });

  it("use every letter of the alphabet with even odds (rejection sampling)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const ch of generateJoinCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(JOIN_CODE_ALPHABET.length);
    const expected = (3000 * 6) / JOIN_CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.25);
  });

  it("skips biased bytes from the random source", () => {
    let calls = 0;
    const random = (n: number) => {
      calls++;
      return new Uint8Array(n).fill(calls === 1 ? 255 : 0);
    };
    expect(generateJoinCode(random)).toBe("222222");
    expect(calls).toBe(2);
  });

  it("normalise what people type", () => {
    expect(normalizeJoinCode(" qdm-7k4 ")).toBe("QDM7K4");
    expect(isJoinCode(normalizeJoinCode("qdm 7k4"))).toBe(true);
    expect(isJoinCode("QDM7K")).toBe(false);
    expect(isJoinCode("QDM0K4")).toBe(false);
  });
});

describe("time zones", () => {
  it("knows IANA zones", () => {
    expect(isTimeZone("Asia/Almaty")).toBe(true);
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });

  it("converts wall-clock times to UTC and back", () => {
    expect(new Date(localToUtc("2026-12-01T09:00", "Asia/Almaty") as number).toISOString()).toBe("2026-12-01T04:00:00.000Z");
    expect(new Date(localToUtc("2026-07-01T12:00", "America/New_York") as number).toISOString()).toBe("2026-07-01T16:00:00.000Z");
    expect(new Date(localToUtc("2026-01-15T12:00", "America/New_York") as number).toISOString()).toBe("2026-01-15T17:00:00.000Z");
    expect(utcToLocal(Date.parse("2026-12-01T04:00:00Z"), "Asia/Almaty")).toBe("2026-12-01T09:00");
  });

  it("moves a time skipped by spring-forward to after the gap", () => {
    const utc = localToUtc("2026-03-29T02:30", "Europe/Berlin") as number;
    expect(new Date(utc).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(utcToLocal(utc, "Europe/Berlin")).toBe("2026-03-29T03:30");
  });

  it("takes the first of a time that happens twice at fall-back", () => {
    expect(new Date(localToUtc("2026-10-25T02:30", "Europe/Berlin") as number).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("round-trips every hour across a DST change", () => {
    for (let h = 0; h < 48; h++) {
      const utc = Date.parse("2026-03-28T00:00:00Z") + h * 3_600_000;
      const local = utcToLocal(utc, "Europe/Berlin");
      expect(localToUtc(local, "Europe/Berlin")).toBe(utc);
    }
  });

  it("refuses impossible dates and reads explicit offsets as given", () => {
    expect(localToUtc("2026-02-30T10:00", "UTC")).toBeNull();
    expect(localToUtc("2026-01-01T24:00", "UTC")).toBeNull();
    expect(localToUtc("tomorrow", "UTC")).toBeNull();
    expect(parseInstant("2026-05-01T10:00:00+06:00", "Europe/Berlin")).toBe(Date.parse("2026-05-01T04:00:00Z"));
    expect(parseInstant("2026-05-01T10:00:00Z", "Asia/Almaty")).toBe(Date.parse("2026-05-01T10:00:00Z"));
    expect(zoneOffsetMinutes(Date.parse("2026-05-01T00:00:00Z"), "Asia/Kolkata")).toBe(330);
  });
});

describe("grades and status", () => {
  const t = (share: number | null, submittedAt: number | null, status: "open" | "submitted" = "submitted") => ({
    status,
    share,
    startedAt: 0,
    submittedAt,
  });

  it("best, last and average count submitted attempts only", () => {
    const list = [t(0.5, 10), t(0.9, 20), t(0.7, 30), t(null, null, "open")];
    expect(finalGrade("best", list)).toBe(0.9);
    expect(finalGrade("last", list)).toBe(0.7);
    expect(finalGrade("average", list)).toBe(0.7);
    expect(finalGrade("best", [t(null, null, "open")])).toBeNull();
    expect(finalGrade("average", [t(1 / 3, 1), t(1 / 3, 2), t(1 / 3, 3)])).toBe(0.3333);
  });

  it("status follows the window and the attempts", () => {
    const window = { opensAt: 100, dueAt: 200 };
    expect(assignmentStatus(window, [], 50)).toBe("upcoming");
    expect(assignmentStatus(window, [], 150)).toBe("not_started");
    expect(assignmentStatus(window, [], 250)).toBe("missed");
    expect(assignmentStatus(window, [t(null, null, "open")], 150)).toBe("in_progress");
    expect(assignmentStatus(window, [t(0.5, 180)], 250)).toBe("submitted");
    expect(assignmentStatus(window, [t(0.5, 230)], 250)).toBe("late");
    expect(assignmentStatus({ opensAt: null, dueAt: null }, [], 1e12)).toBe("not_started");
  });
});

describe("rate-limit windows", () => {
  it("fixed windows and Retry-After", () => {
    const rule = { limit: 3, windowMs: 60_000 };
    expect(windowStart(125_000, rule)).toBe(120_000);
    expect(retryAfterSeconds(125_000, rule)).toBe(55);
    expect(retryAfterSeconds(179_999, rule)).toBe(1);
  });
});

describe("sign-in throttle", () => {
  const now = 10 * signInRules.windowMs + 60_000;
  const start = windowStart(now, signInRules);
  const keys = signInCounterKeys("a@example.test", clientKey("203.0.113.1"));
  const row = (key: string, count: number, lastAt: number | null = now - 1_000, at = start): CounterRow => ({
    key,
    windowStart: at,
    count,
    lastAt,
  });

  it("hears anyone with no failures counted", () => {
    expect(signInVerdict([], keys, now)).toEqual({ allow: true });
  });

  it("limits a client after 10 failures on the account, or 100 over all accounts, until the window ends", () => {
    const untilEnd = retryAfterSeconds(now, signInRules);
    expect(signInVerdict([row(keys.clientAndAccount, 9, 0)], keys, now)).toEqual({ allow: true });
    expect(signInVerdict([row(keys.clientAndAccount, 10, 0)], keys, now)).toEqual({
      allow: false,
      reason: "client_limited",
      retryAfter: untilEnd,
    });
    expect(signInVerdict([row(keys.client, 100)], keys, now)).toMatchObject({ reason: "client_limited" });
    // The e2e scale multiplies the thresholds.
    expect(signInVerdict([row(keys.clientAndAccount, 10, 0)], keys, now, 2)).toEqual({ allow: true });
  });

  it("slows only a client that has failed itself, once the account has 5 failures from anywhere", () => {
    const account = row(keys.account, 5);
    expect(signInVerdict([account, row(keys.clientAndAccount, 1, now - 1_000)], keys, now)).toEqual({
      allow: false,
      reason: "account_slowed",
      retryAfter: 4,
    });
    expect(signInVerdict([account], keys, now)).toEqual({ allow: true });
    expect(signInVerdict([row(keys.account, 4), row(keys.clientAndAccount, 1)], keys, now)).toEqual({ allow: true });
    // Once the wait is over, the client is heard again.
    expect(signInVerdict([account, row(keys.clientAndAccount, 1, now - 5_000)], keys, now)).toEqual({ allow: true });
  });

  it("doubles the wait after each of the client's failures, up to five minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 9].map(slowdownWaitMs)).toEqual([5e3, 10e3, 20e3, 40e3, 80e3, 160e3, 300e3, 300e3]);
  });

  it("ignores counters from an earlier window", () => {
    const old = start - signInRules.windowMs;
    expect(signInVerdict([row(keys.clientAndAccount, 50, now, old), row(keys.account, 50, now, old)], keys, now)).toEqual({ allow: true });
  });

  it("keys header-less requests as one client, and keeps accounts and clients apart", () => {
    expect(clientKey(undefined)).toBe("no-ip");
    expect(signInCounterKeys("a@x.io", "no-ip")).not.toEqual(signInCounterKeys("b@x.io", "no-ip"));
    expect(signInCounterKeys("a@x.io", clientKey("1.2.3.4")).account).toBe(signInCounterKeys("a@x.io", clientKey("5.6.7.8")).account);
  });
});

describe("review deck and the review policy", () => {
  it("after_submit now, after_due from the due date, never not at all", async () => {
    const { deckDueAt } = await import("../../worker/domain/attempts.ts");
    expect(deckDueAt({ reviewPolicy: "after_submit", dueAt: 5_000 }, 1_000)).toBe(1_000);
    expect(deckDueAt({ reviewPolicy: "after_due", dueAt: 5_000 }, 1_000)).toBe(5_000);
    expect(deckDueAt({ reviewPolicy: "after_due", dueAt: 500 }, 1_000)).toBe(1_000);
    expect(deckDueAt({ reviewPolicy: "never", dueAt: 5_000 }, 1_000)).toBeNull();
  });
});
