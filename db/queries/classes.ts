// Class reads and writes scoped to who may see them: the owning instructor, or a member student. Null when not theirs.
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { Role } from "../json.ts";
import { classes, classMembers, users } from "../schema.ts";

export type ClassRow = typeof classes.$inferSelect;

/** The class if `instructorId` owns it; null otherwise (whether it exists or not). */
export async function ownedClass(db: Db, classId: string, instructorId: string): Promise<ClassRow | null> {
  const row = await db
    .select()
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.instructorId, instructorId)))
    .get();
  return row ?? null;
}

/** The class if the user owns it (instructor) or belongs to it (student); otherwise null. */
export async function visibleClass(db: Db, classId: string, user: { id: string; role: Role }): Promise<ClassRow | null> {
  if (user.role === "instructor") return ownedClass(db, classId, user.id);
  const row = await db
    .select({ c: classes })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .where(and(eq(classMembers.classId, classId), eq(classMembers.userId, user.id)))
    .get();
  return row?.c ?? null;
}

/** Inserts the class with a join code from `nextCode`, drawing again on the rare collision; null after five. */
export async function insertClass(db: Db, instructorId: string, name: string, nextCode: () => string): Promise<ClassRow | null> {
  for (let i = 0; i < 5; i++) {
    const row = { id: crypto.randomUUID(), instructorId, name, joinCode: nextCode(), createdAt: Date.now() };
    const done = await db.insert(classes).values(row).onConflictDoNothing({ target: classes.joinCode }).returning();
    if (done[0]) return done[0];
  }
  return null;
}

/** The classes an instructor teaches, oldest first, with their member counts. */
export function taughtClasses(db: Db, instructorId: string) {
  return db
    .select({ c: classes, memberCount: count(classMembers.userId) })
    .from(classes)
    .leftJoin(classMembers, eq(classMembers.classId, classes.id))
    .where(eq(classes.instructorId, instructorId))
    .groupBy(classes.id)
    .orderBy(asc(classes.createdAt));
}

/** The classes a student joined, in the order they joined, with their instructors' names. */
export function joinedClasses(db: Db, userId: string) {
  return db
    .select({ c: classes, instructorName: users.name })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .innerJoin(users, eq(users.id, classes.instructorId))
    .where(eq(classMembers.userId, userId))
    .orderBy(asc(classMembers.joinedAt));
}

/** The class with this join code and its instructor's name, or null. */
export async function classByJoinCode(db: Db, joinCode: string) {
  const row = await db
    .select({ c: classes, instructorName: users.name })
    .from(classes)
    .innerJoin(users, eq(users.id, classes.instructorId))
    .where(eq(classes.joinCode, joinCode))
    .get();
  return row ?? null;
}

/** Adds the user to the class; joining twice changes nothing. */
export async function addMember(db: Db, classId: string, userId: string, now: number) {
  await db.insert(classMembers).values({ classId, userId, joinedAt: now }).onConflictDoNothing();
}

/** A user's display name, or null. */
export async function userName(db: Db, userId: string): Promise<string | null> {
  const row = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get();
  return row?.name ?? null;
}

/** The class's members by name; a student who deleted their account is listed apart (db/queries/accountDeletion.ts). */
export function classRoster(db: Db, classId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, joinedAt: classMembers.joinedAt })
    .from(classMembers)
    .innerJoin(users, eq(users.id, classMembers.userId))
    .where(and(eq(classMembers.classId, classId), isNull(users.deletedAt)))
    .orderBy(sql`${users.name} COLLATE NOCASE`);
}

/** Sets a new join code; false when the unique index refused it (another class has it). */
export async function setJoinCode(db: Db, classId: string, joinCode: string): Promise<boolean> {
  try {
    await db.update(classes).set({ joinCode }).where(eq(classes.id, classId));
    return true;
  } catch (error) {
    if (String(error).includes("UNIQUE")) return false;
    throw error;
  }
}
