// Attempt reads and writes shared by the attempt routes, the review deck and the cron: always scoped to the owner.
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { createEmptyCard } from "ts-fsrs";
import { type AttemptRules, deckDueAt, scoreAttempt } from "../../worker/domain/attempts.ts";
import type { Answer, SnapshotQuestion } from "../../worker/domain/serve.ts";
import { notFound } from "../../worker/problem.ts";
import type { Db } from "../client.ts";
import { answers, attempts, reviewCards } from "../schema.ts";

export type AttemptRow = Omit<typeof attempts.$inferSelect, "snapshot" | "rules"> & { snapshot: SnapshotQuestion[]; rules: AttemptRules };
export type AnswerRow = typeof answers.$inferSelect;

/** The two reads behind ownAttemptWithAnswers, to batch on their own or after other statements. */
function ownAttemptReads(db: Db, attemptId: string, userId: string) {
  return [
    db
      .select()
      .from(attempts)
      .where(and(eq(attempts.id, attemptId), eq(attempts.userId, userId))),
    // Joined to the owner check, so another user's answers are never read.
    db
      .select({ answer: answers })
      .from(answers)
      .innerJoin(attempts, eq(attempts.id, answers.attemptId))
      .where(and(eq(answers.attemptId, attemptId), eq(attempts.userId, userId))),
  ] as const;
}

/** The attempt and its answers in one round trip; 404 unless `userId` owns it. */
export async function ownAttemptWithAnswers(
  db: Db,
  attemptId: string,
  userId: string,
): Promise<{ attempt: AttemptRow; answers: AnswerRow[] }> {
  const [rows, saved] = await db.batch(ownAttemptReads(db, attemptId, userId));
  const attempt = rows[0];
  if (!attempt) throw notFound("attempt");
  return { attempt: attempt as AttemptRow, answers: saved.map((r) => r.answer) };
}

export const answerMap = (rows: AnswerRow[]) => new Map(rows.map((r) => [r.questionId, r.answer as Answer]));

/**
 * Grades and closes an open attempt: scores every answer, records the total, and puts missed questions into the
 * learner's review deck. The update only applies while the attempt is still open, so two submits grade once.
 * Returns false when another request closed it first.
 *
 * A save may land between reading `saved` and this batch (saves only write while the attempt is open), so the
 * total and the deck are computed in SQL from the answers stored when the attempt closes, never from `saved`:
 * the grade always matches what is stored.
 */
export async function finalizeAttempt(db: Db, attempt: AttemptRow, saved: AnswerRow[], now: number): Promise<boolean> {
  if (attempt.status !== "open") return false;
  const { statements, closeAt } = finalizeStatements(db, attempt, saved, now);
  const results = await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return (results[closeAt] as unknown[]).length === 1;
}

/**
 * finalizeAttempt, and the attempt with its answers read back in the same batch (after the close, so with the
 * grade computed in SQL): submit answers in two round trips. `reread` is null when the attempt was not open.
 */
export async function finalizeAndReread(db: Db, attempt: AttemptRow, saved: AnswerRow[], now: number, userId: string) {
  if (attempt.status !== "open") return { closed: false, reread: null };
  const { statements, closeAt } = finalizeStatements(db, attempt, saved, now);
  const [rows, answered] = ownAttemptReads(db, attempt.id, userId);
  const all = [...statements, rows, answered];
  const results = await db.batch(all as [(typeof all)[number], ...typeof all]);
  const reread = results.at(-2) as (typeof attempts.$inferSelect)[];
  const rereadAnswers = results.at(-1) as { answer: AnswerRow }[];
  return {
    closed: (results[closeAt] as unknown[]).length === 1,
    reread: reread[0] ? { attempt: reread[0] as AttemptRow, answers: rereadAnswers.map((r) => r.answer) } : null,
  };
}

function finalizeStatements(db: Db, attempt: AttemptRow, saved: AnswerRow[], now: number) {
  const scored = scoreAttempt(attempt.snapshot, answerMap(saved));
  const rescore = saved
    .filter((a) => scored.perQuestion.get(a.questionId) !== a.score)
    .map((a) =>
      db
        .update(answers)
        .set({ score: scored.perQuestion.get(a.questionId) ?? 0 })
        .where(and(eq(answers.attemptId, attempt.id), eq(answers.questionId, a.questionId))),
    );
  const stored = sql`(SELECT round(coalesce(sum(${answers.score}), 0), 4) FROM ${answers} WHERE ${answers.attemptId} = ${attempt.id})`;
  const close = db
    .update(attempts)
    .set({ status: "submitted", submittedAt: now, score: stored, maxScore: scored.maxScore, openKey: null })
    .where(and(eq(attempts.id, attempt.id), eq(attempts.status, "open")))
    .returning({ id: attempts.id });
  // The deck shows keys, so it follows the review policy: never → no cards; after_due → due from the due date.
  const deckDue = deckDueAt(attempt.rules, now);
  const card = JSON.stringify(createEmptyCard(new Date(deckDue ?? now)));
  // Every question not fully right in the stored answers (unanswered ones too) enters the deck once.
  const deck = (deckDue === null ? [] : attempt.snapshot).map((q) =>
    db
      .insert(reviewCards)
      .select(
        sql`SELECT ${attempt.userId}, ${q.served.id}, ${q.served.moduleSlug}, ${card}, ${deckDue}, ${now}
            WHERE NOT EXISTS (SELECT 1 FROM ${answers} WHERE ${answers.attemptId} = ${attempt.id} AND ${answers.questionId} = ${q.served.id} AND ${answers.score} >= 1)`,
      )
      .onConflictDoNothing(),
  );
  // Rescoring first, so the total in `close` sums the final per-question scores.
  return { statements: [...rescore, close, ...deck], closeAt: rescore.length };
}

/** Open attempts whose deadline (plus grace) has passed: the cron closes them. */
export function overdueAttempts(db: Db, before: number, limit = 100) {
  return db
    .select()
    .from(attempts)
    .where(and(eq(attempts.status, "open"), isNotNull(attempts.deadline), lt(attempts.deadline, before)))
    .limit(limit);
}
