// Saved answers: the autosave upsert (one statement that checks the attempt is still writable) and reads by attempt.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { Answer } from "../json.ts";
import { answers, attempts } from "../schema.ts";
import { ownerStillMember } from "./attempts.ts";

export interface AnswerSave {
  attemptId: string;
  userId: string;
  questionId: string;
  answer: Answer;
  /** The client's counter for this answer; without it the save follows the stored one. */
  revision: number | undefined;
  score: number;
  now: number;
  /** How long after its deadline the attempt still takes answers. */
  graceMs: number;
}

/**
 * Saves one answer in one round trip, with the attempt's status and deadline read back in the same batch.
 * `kept` is the stored revision, or null when nothing was written: the attempt is closed, past its deadline's grace,
 * its owner was removed from the class, or it is not the user's (`state` tells which: null when it is not theirs), or
 * the save is stale (an older revision).
 */
export async function saveAnswer(db: Db, s: AnswerSave) {
  const revision =
    s.revision ??
    sql`COALESCE((SELECT ${answers.revision} FROM ${answers} WHERE ${answers.attemptId} = ${s.attemptId} AND ${answers.questionId} = ${s.questionId}), 0) + 1`;
  // Written only while the attempt is still open and within its deadline's grace, checked in the same statement:
  // a save racing a submit (or the clock) is either in the grade or refused, never stored after it.
  // An assignment's attempt also needs its owner still in the class.
  const writable = sql`EXISTS (SELECT 1 FROM ${attempts} WHERE ${attempts.id} = ${s.attemptId} AND ${attempts.userId} = ${s.userId} AND ${attempts.status} = 'open' AND (${attempts.deadline} IS NULL OR ${attempts.deadline} + ${s.graceMs} >= ${s.now}) AND ${ownerStillMember})`;
  const write = db
    .insert(answers)
    .select(sql`SELECT ${s.attemptId}, ${s.questionId}, ${JSON.stringify(s.answer)}, ${s.now}, ${revision}, ${s.score} WHERE ${writable}`)
    .onConflictDoUpdate({
      target: [answers.attemptId, answers.questionId],
      set: {
        answer: sql`excluded.answer`,
        savedAt: sql`excluded.saved_at`,
        revision: sql`excluded.revision`,
        score: sql`excluded.score`,
      },
      // A stale save (older revision, e.g. replayed from an offline queue) leaves the newer answer alone.
      setWhere: sql`${answers.revision} <= excluded.revision`,
    })
    .returning({ revision: answers.revision });
  const [[kept], [state]] = await db.batch([
    write,
    db
      .select({ status: attempts.status, deadline: attempts.deadline, member: sql<number>`${ownerStillMember}` })
      .from(attempts)
      .where(and(eq(attempts.id, s.attemptId), eq(attempts.userId, s.userId))),
  ]);
  return { kept: kept?.revision ?? null, state: state ? { ...state, member: Boolean(state.member) } : null };
}

/** The saved answers of these attempts (the cron's page of overdue ones). */
export function answersOf(db: Db, attemptIds: string[]) {
  return db.select().from(answers).where(inArray(answers.attemptId, attemptIds));
}
