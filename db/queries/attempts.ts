// Attempt reads and writes for the attempt routes, the deck and the cron: always scoped to the owner. Rows or null out,
// never an HTTP error; what a grade or a deck card is comes in as arguments, worked out by the Worker's domain code.
import { and, count, desc, eq, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { CloseReason } from "../json.ts";
import { answers, assignmentOverrides, assignments, attempts, classMembers, regrades, reviewCards } from "../schema.ts";
import { enqueueGradePostStatement } from "./lti.ts";
import { type OverrideFields, overrideColumns, presentOverride } from "./overrides.ts";

export type AttemptRow = typeof attempts.$inferSelect;
export type NewAttempt = typeof attempts.$inferInsert;
export type AnswerRow = typeof answers.$inferSelect;
export type RegradeRow = typeof regrades.$inferSelect;
export interface AttemptWithAnswers {
  attempt: AttemptRow;
  answers: AnswerRow[];
  /** Its assignment's regrades that apply to it (assignment-wide ones and its own), oldest first. */
  regrades: RegradeRow[];
}

/** The regrades that apply to the attempts matching `where`, as a statement to batch. */
export function regradesOf(db: Db, where: SQL | undefined) {
  // Aliased: `id` is also the regrade's column, and a batched row is read by column name.
  return db
    .select({ regrade: regrades, forAttempt: sql<string>`${attempts.id}`.as("for_attempt") })
    .from(regrades)
    .innerJoin(attempts, eq(attempts.assignmentId, regrades.assignmentId))
    .where(and(where, sql`(${regrades.attemptId} IS NULL OR ${regrades.attemptId} = ${attempts.id})`))
    .orderBy(regrades.createdAt);
}

/** The attempt matching `where`, its answers and regrades (joined to the same condition): three statements to batch. */
function attemptReads(db: Db, where: SQL | undefined) {
  return [
    db.select().from(attempts).where(where),
    // Joined to the attempt's condition (its owner among it), so another user's answers are never read.
    db.select({ answer: answers }).from(answers).innerJoin(attempts, eq(attempts.id, answers.attemptId)).where(where),
    regradesOf(db, where),
  ] as const;
}

type RegradeRead = { regrade: RegradeRow; forAttempt: string };
const withAnswers = (rows: AttemptRow[], saved: { answer: AnswerRow }[], rules: RegradeRead[]): AttemptWithAnswers | null =>
  rows[0] ? { attempt: rows[0], answers: saved.map((r) => r.answer), regrades: rules.map((r) => r.regrade) } : null;

const ownAttempt = (attemptId: string, userId: string) => and(eq(attempts.id, attemptId), eq(attempts.userId, userId));

/** The attempt and its answers in one round trip; null unless `userId` owns it. */
export async function ownAttemptWithAnswers(db: Db, attemptId: string, userId: string): Promise<AttemptWithAnswers | null> {
  const [rows, saved, rules] = await db.batch(attemptReads(db, ownAttempt(attemptId, userId)));
  return withAnswers(rows, saved, rules);
}

/** The override of the attempt's owner on its assignment, joined where `attempts` and `assignments` are in the query. */
const ownersOverride = and(eq(assignmentOverrides.assignmentId, assignments.id), eq(assignmentOverrides.userId, attempts.userId));

/**
 * The review rules (policy, due date) the attempt's assignment has now, with its owner's override, as a statement to
 * batch: the attempt's own copy is from when it started, and an instructor may since have extended the due date
 * (for everyone or for this student) or changed the policy. The Worker applies the override (effectiveRules).
 */
function currentReviewRules(db: Db, attemptId: string, userId: string) {
  return db
    .select({ reviewPolicy: assignments.reviewPolicy, dueAt: assignments.dueAt, override: overrideColumns })
    .from(assignments)
    .innerJoin(attempts, eq(attempts.assignmentId, assignments.id))
    .leftJoin(assignmentOverrides, ownersOverride)
    .where(ownAttempt(attemptId, userId));
}
type ReviewRulesRow = Awaited<ReturnType<typeof currentReviewRules>>[number];
export type ReviewRules = Omit<ReviewRulesRow, "override"> & { override: OverrideFields | null };
const reviewRulesOf = (rows: ReviewRulesRow[]): ReviewRules | null =>
  rows[0] ? { ...rows[0], override: presentOverride(rows[0].override) } : null;

/**
 * The attempt, its answers, its assignment's current review rules (null for practice) and whether its owner may still
 * write to it (ownerStillMember), in one round trip.
 */
export async function ownAttemptForReview(db: Db, attemptId: string, userId: string) {
  const [rows, saved, regraded, rules, member] = await db.batch([
    ...attemptReads(db, ownAttempt(attemptId, userId)),
    currentReviewRules(db, attemptId, userId),
    db
      .select({ member: sql<number>`${ownerStillMember}` })
      .from(attempts)
      .where(ownAttempt(attemptId, userId)),
  ]);
  const loaded = withAnswers(rows, saved, regraded);
  return loaded ? { ...loaded, reviewRules: reviewRulesOf(rules), member: Boolean(member[0]?.member) } : null;
}

/**
 * What starting an attempt on an assignment needs, in one round trip: the assignment if the user is a member of its
 * class (null otherwise) with their override on it, how many attempts they submitted on it, and the one open (with its
 * answers) if any.
 */
export async function assignmentStartReads(db: Db, userId: string, assignmentId: string) {
  const mine = and(eq(attempts.userId, userId), eq(attempts.assignmentId, assignmentId));
  const [openRows, openAnswers, openRegrades] = attemptReads(db, and(mine, eq(attempts.status, "open")));
  const [rows, used, open, openSaved, regraded] = await db.batch([
    db
      .select({ a: assignments, override: overrideColumns })
      .from(assignments)
      .innerJoin(classMembers, and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, userId)))
      .leftJoin(assignmentOverrides, and(eq(assignmentOverrides.assignmentId, assignments.id), eq(assignmentOverrides.userId, userId)))
      .where(eq(assignments.id, assignmentId)),
    db
      .select({ n: count() })
      .from(attempts)
      .where(and(mine, eq(attempts.status, "submitted"))),
    openRows,
    openAnswers,
    openRegrades,
  ]);
  return {
    assignment: rows[0]?.a ?? null,
    override: rows[0] ? presentOverride(rows[0].override) : null,
    submittedCount: used[0]?.n ?? 0,
    open: withAnswers(open, openSaved, regraded),
  };
}

/**
 * The assessments on a module in the user's classes, with the user's override on each and how many attempts they made
 * on it (any status).
 */
function assessmentsOnModule(db: Db, userId: string, moduleSlug: string) {
  return db
    .select({
      dueAt: assignments.dueAt,
      maxAttempts: assignments.maxAttempts,
      override: overrideColumns,
      used: sql<number>`(SELECT count(*) FROM ${attempts} WHERE ${attempts.assignmentId} = ${assignments.id} AND ${attempts.userId} = ${userId})`,
    })
    .from(assignments)
    .innerJoin(classMembers, and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, userId)))
    .leftJoin(assignmentOverrides, and(eq(assignmentOverrides.assignmentId, assignments.id), eq(assignmentOverrides.userId, userId)))
    .where(and(eq(assignments.moduleSlug, moduleSlug), eq(assignments.mode, "assessment")));
}
export type ModuleAssessment = Awaited<ReturnType<typeof assessmentsOnModule>>[number];

/**
 * What starting practice on a module needs, in one round trip: the open practice attempt (with its answers) to
 * resume, and the assessments on that module the user has (practice pauses while one of them is open).
 */
export async function practiceStartReads(db: Db, userId: string, moduleSlug: string) {
  const [rows, saved, regraded, assessments] = await db.batch([
    ...attemptReads(db, eq(attempts.openKey, `${userId}:${moduleSlug}:`)),
    assessmentsOnModule(db, userId, moduleSlug),
  ]);
  return {
    open: withAnswers(rows, saved, regraded),
    assessments: assessments.map((a) => ({ ...a, override: presentOverride(a.override) })),
  };
}

/**
 * SQL that is true while the attempt's owner may still write to it: a practice attempt always, an assignment's attempt
 * only while its owner is a member of the assignment's class (a removed student's attempt takes no more answers).
 */
export const ownerStillMember = sql`(${attempts.assignmentId} IS NULL OR EXISTS (SELECT 1 FROM ${assignments} INNER JOIN ${classMembers} ON ${classMembers.classId} = ${assignments.classId} AND ${classMembers.userId} = ${attempts.userId} WHERE ${assignments.id} = ${attempts.assignmentId}))`;

/**
 * Removes a student from a class, with their overrides on its assignments, and reads, in the same round trip, their
 * attempts still open on its assignments (with their answers) for the caller to close. `removed` is false when they
 * were not in the class.
 */
export async function removeMemberAndOpenAttempts(db: Db, classId: string, userId: string) {
  const theirs = and(
    eq(attempts.userId, userId),
    eq(attempts.status, "open"),
    sql`${attempts.assignmentId} IN (SELECT ${assignments.id} FROM ${assignments} WHERE ${assignments.classId} = ${classId})`,
  );
  const [removed, , rows, saved, regraded] = await db.batch([
    db
      .delete(classMembers)
      .where(and(eq(classMembers.classId, classId), eq(classMembers.userId, userId)))
      .returning({ userId: classMembers.userId }),
    db
      .delete(assignmentOverrides)
      .where(
        and(
          eq(assignmentOverrides.userId, userId),
          sql`${assignmentOverrides.assignmentId} IN (SELECT ${assignments.id} FROM ${assignments} WHERE ${assignments.classId} = ${classId})`,
        ),
      ),
    ...attemptReads(db, theirs),
  ]);
  const open = rows.map((attempt) => ({
    attempt,
    answers: saved.filter((r) => r.answer.attemptId === attempt.id).map((r) => r.answer),
    regrades: regraded.filter((r) => r.forAttempt === attempt.id).map((r) => r.regrade),
  }));
  return { removed: removed.length > 0, open };
}

/** Inserts a new open attempt; null when another request opened one with the same open key first. */
export async function insertAttempt(db: Db, row: NewAttempt): Promise<string | null> {
  const inserted = await db.insert(attempts).values(row).onConflictDoNothing({ target: attempts.openKey }).returning({ id: attempts.id });
  return inserted[0]?.id ?? null;
}

/** The id of the attempt open under `openKey`, or null. */
export async function openAttemptId(db: Db, openKey: string): Promise<string | null> {
  const row = await db.select({ id: attempts.id }).from(attempts).where(eq(attempts.openKey, openKey)).get();
  return row?.id ?? null;
}

/** What a summary reads of an attempt: its row without the snapshot. */
export const summaryColumns = {
  id: attempts.id,
  moduleSlug: attempts.moduleSlug,
  assignmentId: attempts.assignmentId,
  mode: attempts.mode,
  status: attempts.status,
  startedAt: attempts.startedAt,
  deadline: attempts.deadline,
  submittedAt: attempts.submittedAt,
  score: attempts.score,
  maxScore: attempts.maxScore,
  closeReason: attempts.closeReason,
};
export type SummaryRow = Pick<AttemptRow, keyof typeof summaryColumns> & { questionCount: number };

/** The learner's attempts, newest first, as narrow rows: SQLite counts the snapshot's questions, so the ≈ 15 KB snapshots stay in D1. */
export function listOwnAttempts(db: Db, userId: string, limit = 500): Promise<(SummaryRow & { answered: number })[]> {
  return db
    .select({
      ...summaryColumns,
      questionCount: sql<number>`json_array_length(${attempts.snapshot})`,
      answered: sql<number>`(SELECT count(*) FROM ${answers} WHERE ${answers.attemptId} = ${attempts.id})`,
    })
    .from(attempts)
    .where(eq(attempts.userId, userId))
    .orderBy(desc(attempts.startedAt))
    .limit(limit);
}

/** How an attempt closes, as the Worker's domain code grades it (worker/domain/attempts.ts `attemptClose`). */
export interface AttemptClose {
  /** Saved answers whose stored score differs from the graded one. */
  rescore: { questionId: string; score: number }[];
  maxScore: number;
  reason: CloseReason;
  /** Questions a regrade dropped: the total leaves out their stored scores. */
  dropped: string[];
  /** Questions a regrade gave full marks: each counts 1 in the total, answered or not. */
  fullMarks: string[];
  /** The snapshot's questions enter the deck as `card` (FSRS JSON) due at `due` unless fully right; null keeps them out. */
  deck: { due: number; card: string; questions: { id: string; moduleSlug: string }[] } | null;
}

type Closable = Pick<AttemptRow, "id" | "userId" | "status" | "assignmentId">;

/**
 * Grades and closes an open attempt: records the total and puts missed questions into the learner's deck. The update
 * only applies while the attempt is still open, so two submits grade once. Returns false when another request closed
 * it first.
 *
 * A save may land between the read the grade was worked out from and this batch (saves only write while the attempt is
 * open), so the total and the deck are computed in SQL from the answers stored when the attempt closes: the grade
 * always matches what is stored.
 */
export async function finalizeAttempt(db: Db, attempt: Closable, close: AttemptClose, now: number): Promise<boolean> {
  if (attempt.status !== "open") return false;
  const { statements, closeAt } = finalizeStatements(db, attempt, close, now);
  const results = await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return (results[closeAt] as unknown[]).length === 1;
}

/**
 * finalizeAttempt, and the attempt with its answers read back in the same batch (after the close, so with the grade
 * computed in SQL): a submit in two round trips. `reread` is null when the attempt was not open.
 */
export async function finalizeAndReread(db: Db, attempt: Closable, close: AttemptClose, now: number) {
  if (attempt.status !== "open") return { closed: false, reread: null, reviewRules: null, gradeQueued: false };
  const { statements, closeAt, gradeAt } = finalizeStatements(db, attempt, close, now);
  const all = [
    ...statements,
    ...attemptReads(db, ownAttempt(attempt.id, attempt.userId)),
    currentReviewRules(db, attempt.id, attempt.userId),
  ];
  const results = await db.batch(all as [(typeof all)[number], ...typeof all]);
  return {
    closed: (results[closeAt] as unknown[]).length === 1,
    reread: withAnswers(results.at(-4) as AttemptRow[], results.at(-3) as { answer: AnswerRow }[], results.at(-2) as RegradeRead[]),
    reviewRules: reviewRulesOf(results.at(-1) as ReviewRulesRow[]),
    // The grade went into the LMS queue: the caller may send it without waiting for the cron.
    gradeQueued: gradeAt !== null && (results[gradeAt] as unknown[]).length > 0,
  };
}

function finalizeStatements(db: Db, attempt: Closable, close: AttemptClose, now: number) {
  const rescore = close.rescore.map(({ questionId, score }) =>
    db
      .update(answers)
      .set({ score })
      .where(and(eq(answers.attemptId, attempt.id), eq(answers.questionId, questionId))),
  );
  const stored = close.dropped.length || close.fullMarks.length ? regradedTotal(attempt.id, close) : plainTotal(attempt.id);
  const closing = db
    .update(attempts)
    .set({ status: "submitted", submittedAt: now, score: stored, maxScore: close.maxScore, openKey: null, closeReason: close.reason })
    .where(and(eq(attempts.id, attempt.id), eq(attempts.status, "open")))
    .returning({ id: attempts.id });
  const deck = close.deck;
  // Every question not fully right in the stored answers (unanswered ones too) enters the deck once.
  const cards = (deck?.questions ?? []).map((q) =>
    db
      .insert(reviewCards)
      .select(
        sql`SELECT ${attempt.userId}, ${q.id}, ${q.moduleSlug}, ${deck?.card}, ${deck?.due}, ${now}, ${attempt.assignmentId}
            WHERE NOT EXISTS (SELECT 1 FROM ${answers} WHERE ${answers.attemptId} = ${attempt.id} AND ${answers.questionId} = ${q.id} AND ${answers.score} >= 1)`,
      )
      .onConflictDoNothing(),
  );
  // An assignment placed in an LMS queues the learner's grade for it (no row when it is not): the cron sends it.
  const grade = attempt.assignmentId ? [enqueueGradePostStatement(db, attempt.assignmentId, attempt.userId, now)] : [];
  // Rescoring first, so the total in `closing` sums the final per-question scores.
  const statements = [...rescore, closing, ...cards, ...grade];
  return { statements, closeAt: rescore.length, gradeAt: grade.length ? statements.length - 1 : null };
}

/** The attempt's total from its stored answers. */
const plainTotal = (attemptId: string) =>
  sql`(SELECT round(coalesce(sum(${answers.score}), 0), 4) FROM ${answers} WHERE ${answers.attemptId} = ${attemptId})`;

/**
 * The total under regrades: dropped questions left out; a full-marks question counts 1 whatever is stored, and also
 * when it was never answered.
 */
function regradedTotal(attemptId: string, close: Pick<AttemptClose, "dropped" | "fullMarks">) {
  const dropped = sql`(SELECT value FROM json_each(${JSON.stringify(close.dropped)}))`;
  const full = JSON.stringify(close.fullMarks);
  return sql`(SELECT round(coalesce(sum(CASE WHEN ${answers.questionId} IN (SELECT value FROM json_each(${full})) THEN 1 ELSE ${answers.score} END), 0)
      + (SELECT count(*) FROM json_each(${full}) AS f WHERE f.value NOT IN (SELECT ${answers.questionId} FROM ${answers} WHERE ${answers.attemptId} = ${attemptId})), 4)
    FROM ${answers} WHERE ${answers.attemptId} = ${attemptId} AND ${answers.questionId} NOT IN ${dropped})`;
}

/** The regrades that apply to each of these attempts (the cron's page of overdue ones), with the attempt they are for. */
export function regradesOfAttempts(db: Db, attemptIds: string[]) {
  return regradesOf(db, inArray(attempts.id, attemptIds));
}

/** Open attempts whose deadline (plus grace) has passed: the cron closes them. */
export function overdueAttempts(db: Db, before: number, limit = 100): Promise<AttemptRow[]> {
  return db
    .select()
    .from(attempts)
    .where(and(eq(attempts.status, "open"), isNotNull(attempts.deadline), lt(attempts.deadline, before)))
    .limit(limit);
}
