// The Cron Trigger's jobs: close timed attempts whose deadline (plus grace) passed while nobody touched them, and remove
// deleted accounts whose class data no instructor acknowledged within the notice period.
import type { Db } from "../db/client.ts";
import { purgeDeletedAccounts } from "../db/queries/accountDeletion.ts";
import { answersOf } from "../db/queries/answers.ts";
import { finalizeAttempt, overdueAttempts, regradesOfAttempts } from "../db/queries/attempts.ts";
import { ACCOUNT_PURGE_AFTER_MS } from "./domain/accountDeletion.ts";
import { attemptClose, DEADLINE_GRACE_MS } from "./domain/attempts.ts";
import { regradeRules } from "./domain/regrade.ts";

/** Finalises overdue attempts in pages of 100; returns how many it closed. */
export async function finalizeOverdue(db: Db, now = Date.now()): Promise<number> {
  let closed = 0;
  for (let page = 0; page < 50; page++) {
    const due = await overdueAttempts(db, now - DEADLINE_GRACE_MS);
    if (due.length === 0) break;
    const ids = due.map((a) => a.id);
    const [saved, regraded] = await db.batch([answersOf(db, ids), regradesOfAttempts(db, ids)]);
    for (const attempt of due) {
      // The deadline already holds the student's override: setting one moves the open attempt's deadline.
      const at = attempt.deadline as number;
      const own = saved.filter((a) => a.attemptId === attempt.id);
      const rules = regradeRules(
        regraded.filter((r) => r.forAttempt === attempt.id).map((r) => r.regrade),
        attempt.id,
      );
      if (await finalizeAttempt(db, attempt, attemptClose(attempt, own, at, rules), at)) closed++;
    }
  }
  return closed;
}

/** Removes accounts deleted longer ago than the notice period, with the class attempts they still held; how many. */
export const purgeDeletedAfterNotice = (db: Db, now = Date.now()) => purgeDeletedAccounts(db, now - ACCOUNT_PURGE_AFTER_MS);
