// Counts attempts per key in D1 (one upsert per key, all in one batch) and answers 429 past the limit.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { rateLimits } from "../../db/schema.ts";
import { type RateRule, retryAfterSeconds, windowStart } from "./rules.ts";
import { Problem } from "../problem.ts";

/** RATE_LIMIT_SCALE from the environment: a whole number ≥ 1 multiplies every limit (e2e runs), anything else means 1. */
export function limitScale(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export async function enforceRateLimits(db: Db, checks: { key: string; rule: RateRule }[], now = Date.now(), scale = 1): Promise<void> {
  const statements = checks.map(({ key, rule }) =>
    db
      .insert(rateLimits)
      .values({ key, windowStart: windowStart(now, rule), count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
          windowStart: sql`excluded.window_start`,
        },
      })
      .returning({ count: rateLimits.count }),
  );
  if (statements.length === 0) return;
  const results = await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  results.forEach((rows, i) => {
    const check = checks[i] as (typeof checks)[number];
    if ((rows[0]?.count ?? 0) > check.rule.limit * scale) {
      const retryAfter = retryAfterSeconds(now, check.rule);
      throw new Problem(429, `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, {
        headers: { "retry-after": String(retryAfter) },
        retryAfter,
      });
    }
  });
}

export const clientIp = (header: (name: string) => string | undefined) => header("cf-connecting-ip") ?? "local";
