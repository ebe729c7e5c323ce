// Class reads scoped to who may see them: the owning instructor, or a member student.
import { and, eq } from "drizzle-orm";
import type { SessionUser } from "../../worker/env.ts";
import { notFound } from "../../worker/problem.ts";
import type { Db } from "../client.ts";
import { classes, classMembers } from "../schema.ts";

export type ClassRow = typeof classes.$inferSelect;

/** The class if `instructorId` owns it; otherwise a 404 that does not say whether it exists. */
export async function ownedClass(db: Db, classId: string, instructorId: string): Promise<ClassRow> {
  const row = await db
    .select()
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.instructorId, instructorId)))
    .get();
  if (!row) throw notFound("class");
  return row;
}

/** The class if the user owns it (instructor) or belongs to it (student); otherwise 404. */
export async function visibleClass(db: Db, classId: string, user: SessionUser): Promise<ClassRow> {
  if (user.role === "instructor") return ownedClass(db, classId, user.id);
  const row = await db
    .select({ c: classes })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .where(and(eq(classMembers.classId, classId), eq(classMembers.userId, user.id)))
    .get();
  if (!row) throw notFound("class");
  return row.c;
}
