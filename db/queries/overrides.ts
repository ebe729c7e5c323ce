// Per-student overrides of an assignment's rules (accommodations): what setting one needs to read, and its writes.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { AttemptRules } from "../json.ts";
import { assignmentOverrides, assignments, attempts, classes, classMembers } from "../schema.ts";
import { deferAssignmentCards } from "./deck.ts";

export type OverrideRow = typeof assignmentOverrides.$inferSelect;

/**
 * An override's rule fields under their own names, to select beside an assignment's: D1 returns a batched row as an
 * object by column name, so a second `due_at` would overwrite the first (and shift every column after it).
 */
export const overrideColumns = {
  extraMinutes: sql<number | null>`${assignmentOverrides.extraMinutes}`.as("override_extra_minutes"),
  timeFactor: sql<number | null>`${assignmentOverrides.timeFactor}`.as("override_time_factor"),
  extraAttempts: sql<number | null>`${assignmentOverrides.extraAttempts}`.as("override_extra_attempts"),
  opensAt: sql<number | null>`${assignmentOverrides.opensAt}`.as("override_opens_at"),
  dueAt: sql<number | null>`${assignmentOverrides.dueAt}`.as("override_due_at"),
  updatedAt: sql<number | null>`${assignmentOverrides.updatedAt}`.as("override_updated_at"),
};
type OverrideColumns = { [K in keyof typeof overrideColumns]: number | null };
export type OverrideFields = Omit<OverrideColumns, "updatedAt">;

/** The override read through overrideColumns from a left join, or null when there was none. */
export function presentOverride(o: OverrideColumns): OverrideFields | null {
  if (o.updatedAt === null) return null;
  const { updatedAt: _, ...fields } = o;
  return fields;
}

/**
 * What setting (or removing) overrides needs, in one round trip: the assignment if it is in a class `instructorId`
 * owns (null otherwise), which of `userIds` are members of that class, and their attempts still open on it (their
 * deadlines move with the override).
 */
export async function overrideTargets(db: Db, classId: string, instructorId: string, assignmentId: string, userIds: string[]) {
  const owned = and(eq(assignments.id, assignmentId), eq(assignments.classId, classId), eq(classes.instructorId, instructorId));
  const [rows, members, open] = await db.batch([
    db.select({ a: assignments }).from(assignments).innerJoin(classes, eq(classes.id, assignments.classId)).where(owned),
    db
      .select({ userId: classMembers.userId })
      .from(classMembers)
      .innerJoin(assignments, eq(assignments.classId, classMembers.classId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .where(and(owned, inArray(classMembers.userId, userIds))),
    db
      .select({ id: attempts.id, userId: attempts.userId, startedAt: attempts.startedAt, rules: attempts.rules })
      .from(attempts)
      .innerJoin(assignments, eq(assignments.id, attempts.assignmentId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .where(and(owned, eq(attempts.status, "open"), inArray(attempts.userId, userIds))),
  ]);
  return { assignment: rows[0]?.a ?? null, members: new Set(members.map((m) => m.userId)), open };
}
export type OpenAttemptRules = Awaited<ReturnType<typeof overrideTargets>>["open"][number];

/** An open attempt's rules and deadline as an override makes them. */
export interface Reschedule {
  id: string;
  rules: AttemptRules;
  deadline: number | null;
}

const reschedule = (db: Db, r: Reschedule) =>
  db
    .update(attempts)
    .set({ rules: r.rules, deadline: r.deadline })
    .where(and(eq(attempts.id, r.id), eq(attempts.status, "open")));

/**
 * Writes the overrides, moves the deadlines of the attempts they hold open, and holds back the deck cards of a student
 * whose due date moved later (after_due: the key waits for it): one round trip.
 */
export async function saveOverrides(db: Db, rows: OverrideRow[], moved: Reschedule[], now: number) {
  const upserts = rows.map((row) =>
    db
      .insert(assignmentOverrides)
      .values(row)
      .onConflictDoUpdate({
        target: [assignmentOverrides.assignmentId, assignmentOverrides.userId],
        set: {
          extraMinutes: row.extraMinutes,
          timeFactor: row.timeFactor,
          extraAttempts: row.extraAttempts,
          opensAt: row.opensAt,
          dueAt: row.dueAt,
          setBy: row.setBy,
          updatedAt: row.updatedAt,
        },
      }),
  );
  const defer = rows.flatMap((row) =>
    row.dueAt !== null && row.dueAt > now ? [deferAssignmentCards(db, row.assignmentId, row.dueAt, now, row.userId)] : [],
  );
  const all = [...upserts, ...moved.map((r) => reschedule(db, r)), ...defer];
  await db.batch(all as [(typeof all)[number], ...typeof all]);
}

/** Removes one student's override and moves their open attempt back to the assignment's rules; false when there was none. */
export async function deleteOverride(db: Db, assignmentId: string, userId: string, moved: Reschedule[]) {
  const [removed] = await db.batch([
    db
      .delete(assignmentOverrides)
      .where(and(eq(assignmentOverrides.assignmentId, assignmentId), eq(assignmentOverrides.userId, userId)))
      .returning({ userId: assignmentOverrides.userId }),
    ...moved.map((r) => reschedule(db, r)),
  ]);
  return removed.length > 0;
}

/** A class's overrides (for its gradebook), as a statement to batch; the caller's ownership is checked beside it. */
export function classOverrides(db: Db, classId: string, instructorId: string, studentId?: string) {
  return db
    .select({ o: assignmentOverrides })
    .from(assignmentOverrides)
    .innerJoin(assignments, eq(assignments.id, assignmentOverrides.assignmentId))
    .innerJoin(classes, eq(classes.id, assignments.classId))
    .innerJoin(classMembers, and(eq(classMembers.classId, classes.id), eq(classMembers.userId, assignmentOverrides.userId)))
    .where(
      and(
        eq(classes.id, classId),
        eq(classes.instructorId, instructorId),
        studentId === undefined ? undefined : eq(assignmentOverrides.userId, studentId),
      ),
    );
}
