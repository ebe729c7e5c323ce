// The Cron Trigger's job: close timed attempts whose deadline (plus grace) passed while nobody touched them.
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { type AttemptRow, finalizeAttempt, overdueAttempts } from "../db/queries/attempts.ts";
import { answers } from "../db/schema.ts";
import { DEADLINE_GRACE_MS } from "./domain/attempts.ts";

/** Finalises overdue attempts in pages of 100; returns how many it closed. */
export async function finalizeOverdue(db: Db, now = Date.now()): Promise<number> {
  let closed = 0;
  for (let page = 0; page < 50; page++) {
    const due = (await overdueAttempts(db, now - DEADLINE_GRACE_MS)) as AttemptRow[];
    if (due.length === 0) break;
    const saved = await db
      .select()
      .from(answers)
      .where(
        inArray(
          answers.attemptId,
          due.map((a) => a.id),
        ),
      );
    for (const attempt of due) {
      if (
        await finalizeAttempt(
          db,
          attempt,
          saved.filter((a) => a.attemptId === attempt.id),
          attempt.deadline as number,
        )
      )
        closed++;
    }
  }
  return closed;
}
