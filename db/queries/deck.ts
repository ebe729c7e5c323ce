// The spaced-repetition deck's cards (table review_cards): what is due, one card, and its new schedule.
import { and, asc, count, eq, gt, lt, lte, min, not, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { assignmentOverrides, assignments, reviewCards } from "../schema.ts";

export type CardRow = typeof reviewCards.$inferSelect;

/**
 * The card owner's due date on its assessment: their override's if they have one, else the assignment's. Mirrors
 * effectiveRules in the Worker's domain (worker/domain/overrides.ts) for the one rule the deck reads.
 */
const ownersDueAt = sql`COALESCE((SELECT ${assignmentOverrides.dueAt} FROM ${assignmentOverrides} WHERE ${assignmentOverrides.assignmentId} = ${assignments.id} AND ${assignmentOverrides.userId} = ${reviewCards.userId}), ${assignments.dueAt})`;

/**
 * True for a card whose assessment's review policy, as the assignment says now for this student, still hides its key
 * at `now`: never, or after_due before the (current, possibly extended) due date. Mirrors reviewShowsKey in the
 * Worker's domain.
 */
const keyHidden = (now: number) =>
  sql`EXISTS (SELECT 1 FROM ${assignments} WHERE ${assignments.id} = ${reviewCards.assignmentId} AND (${assignments.reviewPolicy} = 'never' OR (${assignments.reviewPolicy} = 'after_due' AND (${ownersDueAt} IS NULL OR ${ownersDueAt} > ${now}))))`;

/**
 * The user's cards due at `now` (at most `limit`, due longest first), how many are due in all, and when the next one
 * not yet due will be; only cards whose question is among `questionIds` (still in the course). One round trip.
 */
export async function dueCards(db: Db, userId: string, now: number, limit: number, questionIds: readonly string[]) {
  // One bound parameter (a JSON list) however big the course, since D1 caps a statement at 100 of them.
  const inCourse = sql`${reviewCards.questionId} IN (SELECT value FROM json_each(${JSON.stringify(questionIds)}))`;
  const mine = and(eq(reviewCards.userId, userId), not(keyHidden(now)));
  const [rows, total, next] = await db.batch([
    db
      .select()
      .from(reviewCards)
      .where(and(mine, lte(reviewCards.due, now), inCourse))
      .orderBy(asc(reviewCards.due))
      .limit(limit),
    db
      .select({ n: count() })
      .from(reviewCards)
      .where(and(mine, lte(reviewCards.due, now), inCourse)),
    db
      .select({ at: min(reviewCards.due) })
      .from(reviewCards)
      .where(and(mine, gt(reviewCards.due, now), inCourse)),
  ]);
  return { cards: rows, due: total[0]?.n ?? 0, nextDue: next[0]?.at ?? null };
}

const card = (userId: string, questionId: string) => and(eq(reviewCards.userId, userId), eq(reviewCards.questionId, questionId));

/** One card, and whether its assessment's policy hides its key at `now` (see keyHidden). */
export async function findCard(
  db: Db,
  userId: string,
  questionId: string,
  now: number,
): Promise<(CardRow & { keyHidden: boolean }) | null> {
  const row = await db
    .select({ card: reviewCards, keyHidden: sql<number>`${keyHidden(now)}` })
    .from(reviewCards)
    .where(card(userId, questionId))
    .get();
  return row ? { ...row.card, keyHidden: Boolean(row.keyHidden) } : null;
}

/**
 * An assessment's due date moved to `dueAt`: its cards not yet due wait for the new date (their key waits with the
 * review); a statement to batch. Cards already due stay due; keyHidden holds them back until the new date anyway.
 */
export function deferAssignmentCards(db: Db, assignmentId: string, dueAt: number, now: number, userId?: string) {
  return db
    .update(reviewCards)
    .set({ due: dueAt })
    .where(
      and(
        eq(reviewCards.assignmentId, assignmentId),
        userId === undefined ? undefined : eq(reviewCards.userId, userId),
        gt(reviewCards.due, now),
        lt(reviewCards.due, dueAt),
      ),
    );
}

/** Stores the card's new FSRS state (JSON) and due time. */
export async function rescheduleCard(db: Db, userId: string, questionId: string, state: unknown, due: number) {
  await db.update(reviewCards).set({ card: state, due }).where(card(userId, questionId));
}
