// The spaced-repetition deck's cards (table review_cards): what is due, one card, and its new schedule.
import { and, asc, count, eq, gt, lte, min, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { reviewCards } from "../schema.ts";

export type CardRow = typeof reviewCards.$inferSelect;

/**
 * The user's cards due at `now` (at most `limit`, due longest first), how many are due in all, and when the next one
 * not yet due will be; only cards whose question is among `questionIds` (still in the course). One round trip.
 */
export async function dueCards(db: Db, userId: string, now: number, limit: number, questionIds: readonly string[]) {
  // One bound parameter (a JSON list) however big the course, since D1 caps a statement at 100 of them.
  const inCourse = sql`${reviewCards.questionId} IN (SELECT value FROM json_each(${JSON.stringify(questionIds)}))`;
  const mine = eq(reviewCards.userId, userId);
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

export async function findCard(db: Db, userId: string, questionId: string): Promise<CardRow | null> {
  return (await db.select().from(reviewCards).where(card(userId, questionId)).get()) ?? null;
}

/** Stores the card's new FSRS state (JSON) and due time. */
export async function rescheduleCard(db: Db, userId: string, questionId: string, state: unknown, due: number) {
  await db.update(reviewCards).set({ card: state, due }).where(card(userId, questionId));
}
