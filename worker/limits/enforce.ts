// Counts hits per key in D1 (one upsert per key, all in one batch) and answers 429 past the limit.
import type { Db } from "../../db/client.ts";
import { bumpCounters } from "../../db/queries/accounts.ts";
import { Problem } from "../problem.ts";
import { type RateRule, retryAfterSeconds, type SignInVerdict, windowStart } from "./rules.ts";

/** RATE_LIMIT_SCALE from the environment: a whole number ≥ 1 multiplies every limit (e2e runs), anything else means 1. */
export function limitScale(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export interface RateCheck {
  key: string;
  rule: RateRule;
}

/** The counters to bump for these checks at `now`. */
export const counterKeys = (checks: readonly RateCheck[], now: number) =>
  checks.map(({ key, rule }) => ({ key, windowStart: windowStart(now, rule) }));

export async function enforceRateLimits(db: Db, checks: RateCheck[], now = Date.now(), scale = 1): Promise<void> {
  refuseOverLimit(await bumpCounters(db, counterKeys(checks, now), now), checks, now, scale);
}

/** A 429 when any count (in the order of `checks`, after this hit) is over its rule's limit. */
export function refuseOverLimit(counts: readonly number[], checks: readonly RateCheck[], now: number, scale = 1): void {
  counts.forEach((count, i) => {
    const check = checks[i] as (typeof checks)[number];
    if (count > check.rule.limit * scale) {
      const retryAfter = retryAfterSeconds(now, check.rule);
      throw new Problem(429, `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, {
        headers: { "retry-after": String(retryAfter) },
        retryAfter,
      });
    }
  });
}

/** The 429 for a sign-in the throttle holds back, with its reason and wait in words and in Retry-After. */
export function signInRefusal(verdict: Extract<SignInVerdict, { allow: false }>): Problem {
  const detail =
    verdict.reason === "account_slowed"
      ? `Sign-in to this account is slowed down after wrong passwords. Try again in ${verdict.retryAfter} s.`
      : `Too many wrong passwords from your network. Try again in ${Math.ceil(verdict.retryAfter / 60)} minute(s).`;
  return new Problem(429, detail, {
    headers: { "retry-after": String(verdict.retryAfter) },
    reason: verdict.reason,
    retryAfter: verdict.retryAfter,
  });
}

export const clientIp = (header: (name: string) => string | undefined) => header("cf-connecting-ip");
