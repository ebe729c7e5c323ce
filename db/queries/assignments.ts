// Assignment reads and writes; the class's ownership is checked by the caller (db/queries/classes.ts) first.
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../client.ts";
import { assignmentOverrides, assignments, attempts, classes, classMembers } from "../schema.ts";
import { deferAssignmentCards } from "./deck.ts";
import { overrideColumns, presentOverride } from "./overrides.ts";

export type AssignmentRow = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;
export type AssignmentChange = Omit<Partial<NewAssignment>, "id" | "classId" | "moduleSlug" | "createdAt">;

export async function insertAssignment(db: Db, row: NewAssignment): Promise<AssignmentRow> {
  const [inserted] = await db.insert(assignments).values(row).returning();
  return inserted as AssignmentRow;
}

/** The class's assignments by due date, each with `userId`'s override on it (a student's view; none for the instructor's). */
export async function classAssignments(db: Db, classId: string, userId: string | null) {
  const rows = await db
    .select({ a: assignments, override: overrideColumns })
    .from(assignments)
    .leftJoin(assignmentOverrides, and(eq(assignmentOverrides.assignmentId, assignments.id), eq(assignmentOverrides.userId, userId ?? "")))
    .where(eq(assignments.classId, classId))
    .orderBy(asc(assignments.dueAt), asc(assignments.createdAt));
  return rows.map((r) => ({ ...r, override: presentOverride(r.override) }));
}

/** One assignment of the class, or null. */
export async function classAssignment(db: Db, classId: string, assignmentId: string): Promise<AssignmentRow | null> {
  const row = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.id, assignmentId), eq(assignments.classId, classId)))
    .get();
  return row ?? null;
}

/**
 * Applies `change`; when the due date moves later, the assessment's deck cards not yet due wait for it (same batch).
 * `now`: the request's clock, to tell cards not yet due.
 */
export async function updateAssignment(db: Db, classId: string, assignmentId: string, change: AssignmentChange, now: number) {
  const update = db
    .update(assignments)
    .set(change)
    .where(and(eq(assignments.id, assignmentId), eq(assignments.classId, classId)))
    .returning();
  const dueAt = change.dueAt;
  if (typeof dueAt !== "number" || dueAt <= now) return (await update)[0] ?? null;
  const [rows] = await db.batch([update, deferAssignmentCards(db, assignmentId, dueAt, now)]);
  return rows[0] ?? null;
}

/** What a student's progress on an assignment reads of their attempts. */
const progressColumns = {
  id: attempts.id,
  assignmentId: attempts.assignmentId,
  status: attempts.status,
  score: attempts.score,
  maxScore: attempts.maxScore,
  startedAt: attempts.startedAt,
  submittedAt: attempts.submittedAt,
};

/**
 * One assignment as a student sees it, in one round trip: with its class name while they are a member of its class
 * (null otherwise, a removed student included), their override on it, and their attempts on it. Reads only: opening it starts nothing.
 */
export async function studentAssignment(db: Db, userId: string, assignmentId: string) {
  const [rows, mine] = await db.batch([
    db
      .select({ a: assignments, className: classes.name, override: overrideColumns })
      .from(assignments)
      .innerJoin(classMembers, and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, userId)))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .leftJoin(assignmentOverrides, and(eq(assignmentOverrides.assignmentId, assignments.id), eq(assignmentOverrides.userId, userId)))
      .where(eq(assignments.id, assignmentId)),
    db
      .select(progressColumns)
      .from(attempts)
      .where(and(eq(attempts.assignmentId, assignmentId), eq(attempts.userId, userId))),
  ]);
  const row = rows[0];
  return row ? { ...row, override: presentOverride(row.override), attempts: mine } : null;
}

/**
 * A student's assignments across their classes (with the class name and their override on each) and their attempts at
 * assignments, in one round trip.
 */
export async function studentAssignments(db: Db, userId: string) {
  const [rows, mine] = await db.batch([
    db
      .select({ a: assignments, className: classes.name, override: overrideColumns })
      .from(classMembers)
      .innerJoin(classes, eq(classes.id, classMembers.classId))
      .innerJoin(assignments, eq(assignments.classId, classes.id))
      .leftJoin(assignmentOverrides, and(eq(assignmentOverrides.assignmentId, assignments.id), eq(assignmentOverrides.userId, userId)))
      .where(eq(classMembers.userId, userId))
      .orderBy(asc(assignments.dueAt)),
    db
      .select(progressColumns)
      .from(attempts)
      .where(and(eq(attempts.userId, userId), isNotNull(attempts.assignmentId))),
  ]);
  return { assignments: rows.map((r) => ({ ...r, override: presentOverride(r.override) })), attempts: mine };
}
