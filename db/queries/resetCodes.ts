// One-time password reset codes (table password_reset_codes): issued by a student's instructor, redeemed once.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { classes, classMembers, passwordResetCodes, users } from "../schema.ts";

/**
 * Stores a code for `studentId` (replacing any earlier one) only when the student, not deleted, is a member of
 * `classId` and that class is `instructorId`'s; one statement. False when refused.
 */
export async function issueResetCode(
  db: Db,
  code: { classId: string; studentId: string; instructorId: string; codeHash: string; createdAt: number; expiresAt: number },
): Promise<boolean> {
  const allowed = db
    .select({
      userId: users.id,
      codeHash: sql<string>`${code.codeHash}`.as("code_hash"),
      issuedBy: sql<string>`${code.instructorId}`.as("issued_by"),
      createdAt: sql<number>`${code.createdAt}`.as("created_at"),
      expiresAt: sql<number>`${code.expiresAt}`.as("expires_at"),
    })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .innerJoin(users, eq(users.id, classMembers.userId))
    .where(
      and(
        eq(classMembers.classId, code.classId),
        eq(classMembers.userId, code.studentId),
        eq(classes.instructorId, code.instructorId),
        isNull(users.deletedAt),
      ),
    );
  const rows = await db
    .insert(passwordResetCodes)
    .select(allowed)
    .onConflictDoUpdate({
      target: passwordResetCodes.userId,
      set: {
        codeHash: sql`excluded.code_hash`,
        issuedBy: sql`excluded.issued_by`,
        createdAt: sql`excluded.created_at`,
        expiresAt: sql`excluded.expires_at`,
      },
    })
    .returning({ userId: passwordResetCodes.userId });
  return rows.length > 0;
}

/** Uses up the account's code if it has this hash and is still live at `now`; true when it did (only one caller can). */
export async function consumeResetCode(db: Db, userId: string, codeHash: string, now: number): Promise<boolean> {
  const rows = await db
    .delete(passwordResetCodes)
    .where(and(eq(passwordResetCodes.userId, userId), eq(passwordResetCodes.codeHash, codeHash), gt(passwordResetCodes.expiresAt, now)))
    .returning({ userId: passwordResetCodes.userId });
  return rows.length > 0;
}
