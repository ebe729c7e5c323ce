// Accounts, sessions and rate-limit counters in D1. Returns rows or null; the routes decide what a row means.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { rateLimits, sessions, users } from "../schema.ts";

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: "student" | "instructor";
  passwordHash: string;
  passwordSalt: string;
  passwordIterations: number;
  createdAt: number;
}

/** Inserts the user unless the email is taken; true when it was inserted. */
export async function insertUserUnlessTaken(db: Db, user: NewUser): Promise<boolean> {
  const inserted = await db.insert(users).values(user).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
  return inserted.length > 0;
}

export const insertSession = (db: Db, session: { tokenHash: string; userId: string; createdAt: number; expiresAt: number }) =>
  db.insert(sessions).values(session);

export const deleteSession = (db: Db, tokenHash: string) => db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));

/** The live session's user with the user's session generation, or null when unknown or expired. */
export async function findSessionUser(db: Db, tokenHash: string, now: number) {
  const row = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      generation: users.sessionGeneration,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .get();
  return row ?? null;
}

/** Ends every session of a user and raises the user's session generation, in one batch; the new generation. */
export async function revokeAllSessions(db: Db, userId: string): Promise<number> {
  const [bumped] = await db.batch([
    db
      .update(users)
      .set({ sessionGeneration: sql`${users.sessionGeneration} + 1` })
      .where(eq(users.id, userId))
      .returning({ generation: users.sessionGeneration }),
    db.delete(sessions).where(eq(sessions.userId, userId)),
  ]);
  return bumped[0]?.generation ?? 0;
}

export interface Counter {
  key: string;
  windowStart: number;
  count: number;
  lastAt: number | null;
}

const userByEmail = (db: Db, email: string) =>
  db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      hash: users.passwordHash,
      salt: users.passwordSalt,
      iterations: users.passwordIterations,
    })
    .from(users)
    .where(eq(users.email, email));

/** What a sign-in needs before it checks the password, in one round trip: the counters for its keys and the user. */
export async function readSignInState(db: Db, email: string, counterKeys: string[]) {
  const [counters, found] = await db.batch([
    db.select().from(rateLimits).where(inArray(rateLimits.key, counterKeys)),
    userByEmail(db, email),
  ]);
  return { counters: counters as Counter[], user: found[0] ?? null };
}

const upsertCounter = (db: Db, key: string, windowStart: number, now: number) =>
  db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1, lastAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        // A counter from an earlier window starts again at 1.
        count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
        windowStart: sql`excluded.window_start`,
        lastAt: sql`excluded.last_at`,
      },
    })
    .returning({ count: rateLimits.count });

/** Adds one to each counter (in its own window), in one batch; the counts after, in the order given. */
export async function bumpCounters(db: Db, keys: { key: string; windowStart: number }[], now: number): Promise<number[]> {
  const statements = keys.map(({ key, windowStart }) => upsertCounter(db, key, windowStart, now));
  if (statements.length === 0) return [];
  const results = await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return results.map((rows) => rows[0]?.count ?? 0);
}

/** bumpCounters and the account with this email, in one round trip. */
export async function bumpCountersAndFindUser(db: Db, keys: { key: string; windowStart: number }[], now: number, email: string) {
  const [found, ...counted] = await db.batch([
    db.select({ id: users.id, email: users.email, name: users.name, role: users.role }).from(users).where(eq(users.email, email)),
    ...keys.map(({ key, windowStart }) => upsertCounter(db, key, windowStart, now)),
  ]);
  return { counts: counted.map((rows) => rows[0]?.count ?? 0), user: found[0] ?? null };
}

/** Starts a session and clears the counters that a success resets, in one batch. */
export async function startSessionClearing(
  db: Db,
  session: { tokenHash: string; userId: string; createdAt: number; expiresAt: number },
  clearKeys: string[],
): Promise<void> {
  if (clearKeys.length === 0) {
    await insertSession(db, session);
    return;
  }
  await db.batch([insertSession(db, session), db.delete(rateLimits).where(inArray(rateLimits.key, clearKeys))]);
}

/** Raises the user's session generation, so every isolate re-reads the user (name, email) with its next request. */
const bumpGeneration = (db: Db, userId: string) =>
  db
    .update(users)
    .set({ sessionGeneration: sql`${users.sessionGeneration} + 1` })
    .where(eq(users.id, userId))
    .returning({ generation: users.sessionGeneration });

/** Renames the user; the new session generation (cached sessions carry the old name). Null when the user is gone. */
export async function renameUser(db: Db, userId: string, name: string): Promise<number | null> {
  const [, bumped] = await db.batch([db.update(users).set({ name }).where(eq(users.id, userId)), bumpGeneration(db, userId)]);
  return bumped[0]?.generation ?? null;
}

/** Moves the user to `email`; "taken" when another account has it, else the new session generation. */
export async function changeEmail(db: Db, userId: string, email: string): Promise<number | "taken" | null> {
  try {
    const [, bumped] = await db.batch([db.update(users).set({ email }).where(eq(users.id, userId)), bumpGeneration(db, userId)]);
    return bumped[0]?.generation ?? null;
  } catch (error) {
    if (String(error).includes("UNIQUE")) return "taken";
    throw error;
  }
}

export interface NewPassword {
  passwordHash: string;
  passwordSalt: string;
  passwordIterations: number;
}

/** Sets a new password, ends every session of the user and opens `session` (this device's), in one batch; the new generation. */
export async function setPasswordAndRestart(
  db: Db,
  userId: string,
  password: NewPassword,
  session: { tokenHash: string; createdAt: number; expiresAt: number },
): Promise<number | null> {
  const [, bumped] = await db.batch([
    db.update(users).set(password).where(eq(users.id, userId)),
    bumpGeneration(db, userId),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    insertSession(db, { ...session, userId }),
  ]);
  return bumped[0]?.generation ?? null;
}
