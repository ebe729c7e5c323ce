// LTI rows in D1: registered platforms, single-use tokens, the launch's links (user, class, line item), the grade queue.
import { and, asc, eq, gt, inArray, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import {
  assignments,
  attempts,
  classes,
  classMembers,
  ltiContexts,
  ltiDeployments,
  ltiGradePosts,
  ltiLineItems,
  ltiPlatforms,
  ltiTokens,
  ltiUsers,
  users,
} from "../schema.ts";

export type PlatformRow = typeof ltiPlatforms.$inferSelect;
export type NewPlatform = Omit<PlatformRow, "id" | "createdAt">;
type TokenKind = (typeof ltiTokens.$inferSelect)["kind"];

/** Registers the platform with its deployments; null when this issuer and client id are already registered. */
export async function insertPlatform(db: Db, platform: NewPlatform, deploymentIds: string[]): Promise<PlatformRow | null> {
  const row = { ...platform, id: crypto.randomUUID(), createdAt: Date.now() };
  const inserted = await db.insert(ltiPlatforms).values(row).onConflictDoNothing().returning();
  if (!inserted[0]) return null;
  await addDeployments(db, row.id, deploymentIds);
  return inserted[0];
}

export async function addDeployments(db: Db, platformId: string, deploymentIds: string[]) {
  if (deploymentIds.length === 0) return;
  await db
    .insert(ltiDeployments)
    .values(deploymentIds.map((deploymentId) => ({ platformId, deploymentId })))
    .onConflictDoNothing();
}

/** The instructor's platforms with their deployment ids, oldest first. */
export async function platformsOf(db: Db, ownerId: string) {
  const rows = await db
    .select({ p: ltiPlatforms, deploymentId: ltiDeployments.deploymentId })
    .from(ltiPlatforms)
    .leftJoin(ltiDeployments, eq(ltiDeployments.platformId, ltiPlatforms.id))
    .where(eq(ltiPlatforms.ownerId, ownerId))
    .orderBy(asc(ltiPlatforms.createdAt), asc(ltiDeployments.deploymentId));
  const byId = new Map<string, PlatformRow & { deploymentIds: string[] }>();
  for (const { p, deploymentId } of rows) {
    const entry = byId.get(p.id) ?? { ...p, deploymentIds: [] };
    if (deploymentId !== null) entry.deploymentIds.push(deploymentId);
    byId.set(p.id, entry);
  }
  return [...byId.values()];
}

/** The platforms registered under `issuer` (and `clientId` when the login names it). */
export function platformsByIssuer(db: Db, issuer: string, clientId: string | null) {
  return db
    .select()
    .from(ltiPlatforms)
    .where(clientId ? and(eq(ltiPlatforms.issuer, issuer), eq(ltiPlatforms.clientId, clientId)) : eq(ltiPlatforms.issuer, issuer))
    .limit(2);
}

export async function platformById(db: Db, id: string): Promise<PlatformRow | null> {
  return (await db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, id)).get()) ?? null;
}

/**
 * Whether the platform lets this deployment launch: a registered one does; on a platform registered without any (Canvas
 * makes deployments after a dynamic registration), the first signed launch names it and it is remembered.
 */
export async function acceptDeployment(db: Db, platformId: string, deploymentId: string): Promise<boolean> {
  const known = await db
    .select({ id: ltiDeployments.deploymentId })
    .from(ltiDeployments)
    .where(eq(ltiDeployments.platformId, platformId))
    .limit(500);
  if (known.some((d) => d.id === deploymentId)) return true;
  if (known.length > 0) return false;
  await addDeployments(db, platformId, [deploymentId]);
  return true;
}

/** Stores a single-use token of `kind` (by its hash) carrying `data` until `expiresAt`. */
export const insertToken = (db: Db, kind: TokenKind, tokenHash: string, data: Record<string, unknown>, expiresAt: number) =>
  db.insert(ltiTokens).values({ tokenHash, kind, data, expiresAt });

/** Uses the token up: its data when it was live and of `kind`, null otherwise (unknown, used, expired). */
export async function takeToken(db: Db, kind: TokenKind, tokenHash: string, now: number): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .delete(ltiTokens)
    .where(and(eq(ltiTokens.tokenHash, tokenHash), eq(ltiTokens.kind, kind), gt(ltiTokens.expiresAt, now)))
    .returning({ data: ltiTokens.data });
  return row?.data ?? null;
}

/** The token's data while it is live, without using it up (a dynamic registration spends its link only once it worked). */
export async function peekToken(db: Db, kind: TokenKind, tokenHash: string, now: number): Promise<Record<string, unknown> | null> {
  const row = await db
    .select({ data: ltiTokens.data })
    .from(ltiTokens)
    .where(and(eq(ltiTokens.tokenHash, tokenHash), eq(ltiTokens.kind, kind), gt(ltiTokens.expiresAt, now)))
    .get();
  return row?.data ?? null;
}

export const deleteToken = (db: Db, tokenHash: string) => db.delete(ltiTokens).where(eq(ltiTokens.tokenHash, tokenHash));

/** The password columns of an account nobody can sign in to with a password (an LMS user signs in through the LMS). */
export interface LockedPassword {
  passwordHash: string;
  passwordSalt: string;
  passwordIterations: number;
}

export const purgeExpiredTokens = (db: Db, now: number) => db.delete(ltiTokens).where(lte(ltiTokens.expiresAt, now));

/** The Qadam user a platform's `sub` signs in as, creating it (name, role from the LMS) on the first launch. */
export async function userForSub(
  db: Db,
  platformId: string,
  person: { sub: string; name: string; role: "instructor" | "student" },
  locked: () => LockedPassword,
): Promise<{ id: string; role: "instructor" | "student" }> {
  const known = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(ltiUsers)
    .innerJoin(users, eq(users.id, ltiUsers.userId))
    .where(and(eq(ltiUsers.platformId, platformId), eq(ltiUsers.sub, person.sub)))
    .get();
  if (known) {
    // The LMS is the authority on who this person is in its courses.
    if (known.name !== person.name || known.role !== person.role) {
      await db.update(users).set({ name: person.name, role: person.role }).where(eq(users.id, known.id));
    }
    return { id: known.id, role: person.role };
  }
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(users).values({
      id,
      // Not an address anyone can sign in with: an LMS user signs in through the LMS (and the handoff link).
      email: `lti-${id}@lti.invalid`,
      name: person.name,
      role: person.role,
      ...locked(),
      createdAt: Date.now(),
    }),
    db.insert(ltiUsers).values({ platformId, sub: person.sub, userId: id }).onConflictDoNothing(),
  ]);
  // A concurrent first launch of the same person may have linked another account first: that one wins.
  const linked = await db
    .select({ userId: ltiUsers.userId })
    .from(ltiUsers)
    .where(and(eq(ltiUsers.platformId, platformId), eq(ltiUsers.sub, person.sub)))
    .get();
  return { id: linked?.userId ?? id, role: person.role };
}

/** The class an LMS context is, created (owned by `ownerId`) on its first launch; the same class on every later one. */
export async function classForContext(
  db: Db,
  platformId: string,
  context: { id: string; title: string; membershipsUrl: string | null },
  ownerId: string,
  insertClass: (instructorId: string, name: string) => Promise<{ id: string } | null>,
): Promise<{ classId: string; instructorId: string } | null> {
  const find = () =>
    db
      .select({ classId: ltiContexts.classId, instructorId: classes.instructorId, membershipsUrl: ltiContexts.membershipsUrl })
      .from(ltiContexts)
      .innerJoin(classes, eq(classes.id, ltiContexts.classId))
      .where(and(eq(ltiContexts.platformId, platformId), eq(ltiContexts.contextId, context.id)))
      .get();
  const known = await find();
  if (known) {
    if (context.membershipsUrl && known.membershipsUrl !== context.membershipsUrl) {
      await db
        .update(ltiContexts)
        .set({ membershipsUrl: context.membershipsUrl })
        .where(and(eq(ltiContexts.platformId, platformId), eq(ltiContexts.contextId, context.id)));
    }
    return { classId: known.classId, instructorId: known.instructorId };
  }
  const created = await insertClass(ownerId, context.title.slice(0, 100));
  if (!created) return null;
  const linked = await db
    .insert(ltiContexts)
    .values({ platformId, contextId: context.id, classId: created.id, membershipsUrl: context.membershipsUrl })
    .onConflictDoNothing()
    .returning();
  if (linked[0]) return { classId: created.id, instructorId: ownerId };
  // Two first launches at once: the other one linked its class; drop ours.
  await db.delete(classes).where(eq(classes.id, created.id));
  const winner = await find();
  return winner ? { classId: winner.classId, instructorId: winner.instructorId } : null;
}

export const joinClass = (db: Db, classId: string, userId: string) =>
  db.insert(classMembers).values({ classId, userId, joinedAt: Date.now() }).onConflictDoNothing();

/** The assignment if it belongs to the class. */
export async function assignmentInClass(db: Db, assignmentId: string, classId: string) {
  return (
    (await db
      .select()
      .from(assignments)
      .where(and(eq(assignments.id, assignmentId), eq(assignments.classId, classId)))
      .get()) ?? null
  );
}

/** Remembers the platform's line item for the assignment (from a launch's AGS claim). */
export const linkLineItem = (db: Db, platformId: string, assignmentId: string, url: string) =>
  db
    .insert(ltiLineItems)
    .values({ id: crypto.randomUUID(), platformId, assignmentId, url })
    .onConflictDoUpdate({
      target: [ltiLineItems.platformId, ltiLineItems.url],
      set: { assignmentId },
    });

/**
 * The statement that queues the learner's grade for every line item of the assignment on a platform they launched
 * from (none when the assignment is not in an LMS): batched with the submit, so it costs no round trip of its own.
 * A post already queued or sent is set pending again; the score is read when it is sent.
 */
export function enqueueGradePostStatement(db: Db, assignmentId: string, userId: string, now: number) {
  return db
    .insert(ltiGradePosts)
    .select(
      db
        .select({
          lineItemId: ltiLineItems.id,
          userId: sql<string>`${userId}`.as("user_id"),
          status: sql<"pending">`'pending'`.as("status"),
          attempts: sql<number>`0`.as("attempts"),
          nextAttemptAt: sql<number>`${now}`.as("next_attempt_at"),
          lastError: sql<null>`NULL`.as("last_error"),
          scoreGiven: sql<null>`NULL`.as("score_given"),
          sentAt: sql<null>`NULL`.as("sent_at"),
          updatedAt: sql<number>`${now}`.as("updated_at"),
        })
        .from(ltiLineItems)
        .where(
          and(
            eq(ltiLineItems.assignmentId, assignmentId),
            sql`EXISTS (SELECT 1 FROM ${ltiUsers} WHERE ${ltiUsers.platformId} = ${ltiLineItems.platformId} AND ${ltiUsers.userId} = ${userId})`,
          ),
        ),
    )
    .onConflictDoUpdate({
      target: [ltiGradePosts.lineItemId, ltiGradePosts.userId],
      set: { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now },
    })
    .returning({ lineItemId: ltiGradePosts.lineItemId });
}

/** The hook for anything that changes a learner's grade on an assignment (a submit, a regrade): queue it for the LMS. */
export const enqueueGradePost = (db: Db, assignmentId: string, userId: string, now = Date.now()) =>
  enqueueGradePostStatement(db, assignmentId, userId, now);

/** Posts due to be sent, with what sending them needs. */
export function dueGradePosts(db: Db, now: number, limit = 25) {
  return db
    .select({
      lineItemId: ltiGradePosts.lineItemId,
      userId: ltiGradePosts.userId,
      attempts: ltiGradePosts.attempts,
      lineItemUrl: ltiLineItems.url,
      assignmentId: ltiLineItems.assignmentId,
      gradingMethod: assignments.gradingMethod,
      sub: ltiUsers.sub,
      platform: { id: ltiPlatforms.id, clientId: ltiPlatforms.clientId, tokenUrl: ltiPlatforms.tokenUrl },
    })
    .from(ltiGradePosts)
    .innerJoin(ltiLineItems, eq(ltiLineItems.id, ltiGradePosts.lineItemId))
    .innerJoin(assignments, eq(assignments.id, ltiLineItems.assignmentId))
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiLineItems.platformId))
    .innerJoin(ltiUsers, and(eq(ltiUsers.platformId, ltiLineItems.platformId), eq(ltiUsers.userId, ltiGradePosts.userId)))
    .where(and(eq(ltiGradePosts.status, "pending"), lte(ltiGradePosts.nextAttemptAt, now)))
    .orderBy(asc(ltiGradePosts.nextAttemptAt))
    .limit(limit);
}

/** The submitted attempts of these learners on these assignments (for the grade under each assignment's method). */
export function submittedAttemptsOf(db: Db, assignmentIds: string[], userIds: string[]) {
  return db
    .select({
      assignmentId: attempts.assignmentId,
      userId: attempts.userId,
      score: attempts.score,
      maxScore: attempts.maxScore,
      startedAt: attempts.startedAt,
      submittedAt: attempts.submittedAt,
    })
    .from(attempts)
    .where(and(inArray(attempts.assignmentId, assignmentIds), inArray(attempts.userId, userIds), eq(attempts.status, "submitted")));
}

export type GradePostOutcome =
  | { lineItemId: string; userId: string; sent: true; scoreGiven: number | null }
  | { lineItemId: string; userId: string; sent: false; attempts: number; error: string; nextAttemptAt: number; failed: boolean };

/** Records what sending each post did, in one batch. */
export async function recordGradePosts(db: Db, outcomes: GradePostOutcome[], now: number) {
  const statements = outcomes.map((o) => {
    const where = and(eq(ltiGradePosts.lineItemId, o.lineItemId), eq(ltiGradePosts.userId, o.userId));
    // A submit that queued the post again while it was being sent keeps it pending (its updatedAt moved past `now`).
    const notRequeued = and(where, lte(ltiGradePosts.updatedAt, now));
    return o.sent
      ? db
          .update(ltiGradePosts)
          .set({ status: "sent", sentAt: now, scoreGiven: o.scoreGiven, lastError: null, updatedAt: now })
          .where(notRequeued)
      : db
          .update(ltiGradePosts)
          .set({
            status: o.failed ? "failed" : "pending",
            attempts: o.attempts,
            lastError: o.error,
            nextAttemptAt: o.nextAttemptAt,
            updatedAt: now,
          })
          .where(notRequeued);
  });
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

/** The class's grade posts that have not reached the LMS (pending or failed), newest first. */
export function unsentGradePosts(db: Db, classId: string) {
  return db
    .select({
      assignmentId: assignments.id,
      moduleSlug: assignments.moduleSlug,
      userId: users.id,
      userName: users.name,
      status: ltiGradePosts.status,
      attempts: ltiGradePosts.attempts,
      lastError: ltiGradePosts.lastError,
      nextAttemptAt: ltiGradePosts.nextAttemptAt,
      updatedAt: ltiGradePosts.updatedAt,
    })
    .from(ltiGradePosts)
    .innerJoin(ltiLineItems, eq(ltiLineItems.id, ltiGradePosts.lineItemId))
    .innerJoin(assignments, eq(assignments.id, ltiLineItems.assignmentId))
    .innerJoin(users, eq(users.id, ltiGradePosts.userId))
    .where(and(eq(assignments.classId, classId), ne(ltiGradePosts.status, "sent")))
    .orderBy(sql`${ltiGradePosts.updatedAt} DESC`)
    .limit(500);
}

/** Sends the class's failed posts again at the next run; how many were requeued. */
export async function retryFailedGradePosts(db: Db, classId: string, now: number): Promise<number> {
  const items = db
    .select({ id: ltiLineItems.id })
    .from(ltiLineItems)
    .innerJoin(assignments, eq(assignments.id, ltiLineItems.assignmentId))
    .where(eq(assignments.classId, classId));
  const done = await db
    .update(ltiGradePosts)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, updatedAt: now })
    .where(and(eq(ltiGradePosts.status, "failed"), inArray(ltiGradePosts.lineItemId, items)))
    .returning({ id: ltiGradePosts.lineItemId });
  return done.length;
}

/** The context's roster URL and platform, for an NRPS pull into the class. */
export async function rosterSource(db: Db, classId: string) {
  return (
    (await db
      .select({ platformId: ltiContexts.platformId, membershipsUrl: ltiContexts.membershipsUrl })
      .from(ltiContexts)
      .where(eq(ltiContexts.classId, classId))
      .get()) ?? null
  );
}

/**
 * Adds the roster's learners to the class in two round trips: one read of who is already linked, one batch creating the
 * missing accounts and links and every membership. Teaching roles are left out (the class has one instructor).
 */
export async function importRoster(
  db: Db,
  platformId: string,
  classId: string,
  learners: { sub: string; name: string }[],
  locked: () => LockedPassword,
  now: number,
): Promise<{ added: number; alreadyMembers: number }> {
  if (learners.length === 0) return { added: 0, alreadyMembers: 0 };
  const subs = learners.map((l) => l.sub);
  const linked = await db
    .select({ sub: ltiUsers.sub, userId: ltiUsers.userId, member: classMembers.userId })
    .from(ltiUsers)
    .leftJoin(classMembers, and(eq(classMembers.userId, ltiUsers.userId), eq(classMembers.classId, classId)))
    .where(and(eq(ltiUsers.platformId, platformId), inArray(ltiUsers.sub, subs)));
  const bySub = new Map(linked.map((l) => [l.sub, l]));
  const statements = [];
  let added = 0;
  for (const learner of learners) {
    const known = bySub.get(learner.sub);
    if (known?.member) continue;
    added++;
    const userId = known?.userId ?? crypto.randomUUID();
    if (!known) {
      statements.push(
        db.insert(users).values({
          id: userId,
          email: `lti-${userId}@lti.invalid`,
          name: learner.name.slice(0, 100),
          role: "student",
          ...locked(),
          createdAt: now,
        }),
        db.insert(ltiUsers).values({ platformId, sub: learner.sub, userId }),
      );
    }
    statements.push(db.insert(classMembers).values({ classId, userId, joinedAt: now }).onConflictDoNothing());
  }
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return { added, alreadyMembers: learners.length - added };
}
