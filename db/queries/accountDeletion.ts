// Deleting an account, and what a class's instructor sees of a student who did until the class data is removed.
import { and, asc, count, eq, exists, inArray, isNotNull, isNull, lte, notExists, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { assignments, attempts, classes, classMembers, passwordResetCodes, reviewCards, sessions, users } from "../schema.ts";

/** The classes an instructor teaches with how many students (not deleted) each has. */
export function taughtClassesWithStudents(db: Db, instructorId: string) {
  return db
    .select({
      id: classes.id,
      name: classes.name,
      studentCount: sql<number>`count(${users.id})`.mapWith(Number),
    })
    .from(classes)
    .leftJoin(classMembers, eq(classMembers.classId, classes.id))
    .leftJoin(users, and(eq(users.id, classMembers.userId), isNull(users.deletedAt)))
    .where(eq(classes.instructorId, instructorId))
    .groupBy(classes.id)
    .orderBy(asc(classes.createdAt));
}

/** What deleting a student's account keeps for a while: per class joined, the attempts on its assignments. */
export function studentClassAttempts(db: Db, userId: string) {
  return db
    .select({ id: classes.id, name: classes.name, attemptCount: count(attempts.id) })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .leftJoin(assignments, eq(assignments.classId, classes.id))
    .leftJoin(attempts, and(eq(attempts.assignmentId, assignments.id), eq(attempts.userId, userId)))
    .where(eq(classMembers.userId, userId))
    .groupBy(classes.id)
    .orderBy(asc(classMembers.joinedAt));
}

/** Assignments of classes the user is still a member of: the attempts a departed student's instructors keep for now. */
const assignmentsOfMemberClasses = (userId: string) =>
  sql`SELECT ${assignments.id} FROM ${assignments} JOIN ${classMembers} ON ${classMembers.classId} = ${assignments.classId} WHERE ${classMembers.userId} = ${userId}`;

/**
 * Deletes the account in one batch. The email, password, sessions, deck, reset codes and every attempt outside a
 * class go at once. A student still in classes keeps a row with their name (deletedAt set) and their attempts on
 * those classes' assignments until each instructor acknowledges (`acknowledgeDeparture`) or the purge; otherwise the
 * row itself goes, and with it (cascading) any classes the instructor taught. Refused (nothing changed) when
 * the user is an instructor with a class that still has students. The raised session generation, or null when refused.
 */
export async function deleteAccount(db: Db, userId: string, now: number, tombstoneEmail: string): Promise<number | null> {
  const liveStudentOfMine = db
    .select({ one: sql`1` })
    .from(classes)
    .innerJoin(classMembers, eq(classMembers.classId, classes.id))
    .innerJoin(users, eq(users.id, classMembers.userId))
    .where(and(eq(classes.instructorId, userId), isNull(users.deletedAt)));
  // Every later statement runs only if the first marked the account: a refused deletion changes nothing.
  const marked = exists(
    db
      .select({ one: sql`1` })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.deletedAt, now))),
  );
  const [done] = await db.batch([
    db
      .update(users)
      .set({
        deletedAt: now,
        email: tombstoneEmail,
        passwordHash: "",
        passwordSalt: "",
        sessionGeneration: sql`${users.sessionGeneration} + 1`,
      })
      .where(and(eq(users.id, userId), isNull(users.deletedAt), notExists(liveStudentOfMine)))
      .returning({ generation: users.sessionGeneration }),
    db.delete(sessions).where(and(eq(sessions.userId, userId), marked)),
    db.delete(reviewCards).where(and(eq(reviewCards.userId, userId), marked)),
    db.delete(passwordResetCodes).where(and(or(eq(passwordResetCodes.userId, userId), eq(passwordResetCodes.issuedBy, userId)), marked)),
    db
      .delete(attempts)
      .where(
        and(
          eq(attempts.userId, userId),
          or(isNull(attempts.assignmentId), sql`${attempts.assignmentId} NOT IN (${assignmentsOfMemberClasses(userId)})`),
          marked,
        ),
      ),
    db
      .delete(users)
      .where(
        and(
          eq(users.id, userId),
          isNotNull(users.deletedAt),
          notExists(db.select({ one: sql`1` }).from(classMembers).where(eq(classMembers.userId, userId))),
        ),
      ),
  ]);
  return done[0]?.generation ?? null;
}

const departedMember = (classId: string, instructorId: string) =>
  and(eq(classMembers.classId, classId), eq(classes.instructorId, instructorId), isNotNull(users.deletedAt));

/** The students of `instructorId`'s class who deleted their accounts, with their attempts on its assignments; null when not theirs. */
export async function departedStudents(db: Db, classId: string, instructorId: string) {
  const [owned, rows] = await db.batch([
    db
      .select({ id: classes.id })
      .from(classes)
      .where(and(eq(classes.id, classId), eq(classes.instructorId, instructorId))),
    db
      .select({
        userId: users.id,
        name: users.name,
        deletedAt: sql<number>`${users.deletedAt}`.mapWith(Number),
        attemptCount:
          sql<number>`(SELECT count(*) FROM ${attempts} JOIN ${assignments} ON ${assignments.id} = ${attempts.assignmentId} WHERE ${assignments.classId} = ${classId} AND ${attempts.userId} = ${users.id})`.mapWith(
            Number,
          ),
      })
      .from(classMembers)
      .innerJoin(classes, eq(classes.id, classMembers.classId))
      .innerJoin(users, eq(users.id, classMembers.userId))
      .where(departedMember(classId, instructorId))
      .orderBy(asc(users.deletedAt)),
  ]);
  return owned[0] ? rows : null;
}

/**
 * The instructor has seen that a student left: the student's attempts on the class's assignments and the membership
 * go now, and the account's row too once no class keeps it. One batch; null when no such departed student is in
 * `instructorId`'s class.
 */
export async function acknowledgeDeparture(db: Db, classId: string, studentId: string, instructorId: string) {
  const isDeparted = exists(
    db
      .select({ one: sql`1` })
      .from(classMembers)
      .innerJoin(classes, eq(classes.id, classMembers.classId))
      .innerJoin(users, eq(users.id, classMembers.userId))
      .where(and(departedMember(classId, instructorId), eq(classMembers.userId, studentId))),
  );
  const [removed, left] = await db.batch([
    db
      .delete(attempts)
      .where(
        and(
          eq(attempts.userId, studentId),
          inArray(attempts.assignmentId, db.select({ id: assignments.id }).from(assignments).where(eq(assignments.classId, classId))),
          isDeparted,
        ),
      )
      .returning({ id: attempts.id }),
    db
      .delete(classMembers)
      .where(and(eq(classMembers.classId, classId), eq(classMembers.userId, studentId), isDeparted))
      .returning({ userId: classMembers.userId }),
    db
      .delete(users)
      .where(
        and(
          eq(users.id, studentId),
          isNotNull(users.deletedAt),
          notExists(db.select({ one: sql`1` }).from(classMembers).where(eq(classMembers.userId, studentId))),
        ),
      ),
  ]);
  return left.length > 0 ? { removedAttempts: removed.length } : null;
}

/** Removes, with everything they still held, the accounts deleted at or before `before`; how many. */
export async function purgeDeletedAccounts(db: Db, before: number): Promise<number> {
  const rows = await db
    .delete(users)
    .where(and(isNotNull(users.deletedAt), lte(users.deletedAt, before)))
    .returning({ id: users.id });
  return rows.length;
}
