// A learner's progress through the course: where they read last, which lessons they read through, best scores.
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { attempts, lessonReads } from "../schema.ts";

export type LessonReadRow = typeof lessonReads.$inferSelect;

/** Records a reading position; `finished` marks the lesson read through (kept from the first time on). */
export async function recordReading(db: Db, userId: string, moduleSlug: string, anchor: string | null, finished: boolean, now: number) {
  const finishedAt = finished ? now : null;
  await db
    .insert(lessonReads)
    .values({ userId, moduleSlug, lastAnchor: anchor, lastReadAt: now, finishedAt })
    .onConflictDoUpdate({
      target: [lessonReads.userId, lessonReads.moduleSlug],
      set: {
        lastAnchor: sql`coalesce(excluded.last_anchor, ${lessonReads.lastAnchor})`,
        lastReadAt: now,
        finishedAt: sql`coalesce(${lessonReads.finishedAt}, excluded.finished_at)`,
      },
    });
}

/** The learner's reading rows (newest first) and, per module, the best share and count of submitted attempts. One round trip. */
export async function progressOf(db: Db, userId: string) {
  const [reads, scores] = await db.batch([
    db.select().from(lessonReads).where(eq(lessonReads.userId, userId)).orderBy(desc(lessonReads.lastReadAt)),
    db
      .select({
        moduleSlug: attempts.moduleSlug,
        best: sql<number | null>`max(${attempts.score} / nullif(${attempts.maxScore}, 0))`.mapWith((v) => (v === null ? null : Number(v))),
        submitted: count(),
      })
      .from(attempts)
      .where(and(eq(attempts.userId, userId), eq(attempts.status, "submitted")))
      .groupBy(attempts.moduleSlug),
  ]);
  return { reads, scores };
}
