// "Download my data": every row that is the user's own, in one round trip. Never another person's rows.
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { answers, attempts, classes, classMembers, reviewCards, users } from "../schema.ts";
import { summaryColumns } from "./attempts.ts";

/** An attempt as the export lists it: its summary row (never the snapshot), without how it closed, which the export does not document. */
const { closeReason: _closeReason, ...exportedAttemptColumns } = summaryColumns;

export async function accountData(db: Db, userId: string) {
  const [profile, memberships, taught, ownAttempts, ownAnswers, cards] = await db.batch([
    db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt })
      .from(users)
      .where(eq(users.id, userId)),
    db
      // Aliased: in a batch D1 returns rows keyed by column name, and two columns called `name` would collide.
      .select({
        classId: sql<string>`${classes.id}`.as("class_id"),
        className: sql<string>`${classes.name}`.as("class_name"),
        instructorName: sql<string>`${users.name}`.as("instructor_name"),
        joinedAt: classMembers.joinedAt,
      })
      .from(classMembers)
      .innerJoin(classes, eq(classes.id, classMembers.classId))
      .innerJoin(users, eq(users.id, classes.instructorId))
      .where(eq(classMembers.userId, userId))
      .orderBy(asc(classMembers.joinedAt)),
    db
      .select({ id: classes.id, name: classes.name, joinCode: classes.joinCode, createdAt: classes.createdAt })
      .from(classes)
      .where(eq(classes.instructorId, userId))
      .orderBy(asc(classes.createdAt)),
    // Not the snapshot: it holds the answer keys, which reach a learner only through an attempt's review policy.
    db.select(exportedAttemptColumns).from(attempts).where(eq(attempts.userId, userId)).orderBy(asc(attempts.startedAt)),
    // Not each answer's score: before the review policy allows it, that would tell which answers are right.
    db
      .select({ attemptId: answers.attemptId, questionId: answers.questionId, answer: answers.answer, savedAt: answers.savedAt })
      .from(answers)
      .innerJoin(attempts, eq(attempts.id, answers.attemptId))
      .where(eq(attempts.userId, userId))
      .orderBy(asc(answers.savedAt)),
    db
      .select({ questionId: reviewCards.questionId, moduleSlug: reviewCards.moduleSlug, due: reviewCards.due, card: reviewCards.card })
      .from(reviewCards)
      .where(eq(reviewCards.userId, userId))
      .orderBy(asc(reviewCards.due)),
  ]);
  const user = profile[0];
  return user ? { user, memberships, taught, attempts: ownAttempts, answers: ownAnswers, cards } : null;
}
