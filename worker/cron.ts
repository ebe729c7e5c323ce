// The Cron Trigger's jobs: close timed attempts whose deadline (plus grace) passed while nobody touched them, and remove
// deleted accounts whose class data no instructor acknowledged within the notice period.
import type { Db } from "../db/client.ts";
import { purgeDeletedAccounts } from "../db/queries/accountDeletion.ts";
import { answersOf } from "../db/queries/answers.ts";
import { finalizeAttempt, overdueAttempts } from "../db/queries/attempts.ts";
import { ACCOUNT_PURGE_AFTER_MS } from "./domain/accountDeletion.ts";
import { attemptClose, DEADLINE_GRACE_MS } from "./domain/attempts.ts";

/** Finalises overdue attempts in pages of 100; returns how many it closed. */
export async function finalizeOverdue(db: Db, now = Date.now()): Promise<number> {
  let closed = 0;
  for (let page = 0; page < 50; page++) {
    const due = await overdueAttempts(db, now - DEADLINE_GRACE_MS);
    if (due.length === 0) break;
    const saved = await answersOf(
      db,
      due.map((a) => a.id),
    );
    for (const attempt of due) {
      const at = attempt.deadline as number;
      const own = saved.filter((a) => a.attemptId === attempt.id);
      if (await finalizeAttempt(db, attempt, attemptClose(attempt, own, at), at)) closed++;
    }
  }
  return closed;
}

/** Removes accounts deleted longer ago than the notice period, with the class attempts they still held; how many. */
export const purgeDeletedAfterNotice = (db: Db, now = Date.now()) => purgeDeletedAccounts(db, now - ACCOUNT_PURGE_AFTER_MS);
