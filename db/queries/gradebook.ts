// The gradebook's reads for a class's instructor: the gradebook, one student's attempts, an assignment's item analysis;
// each is one D1 round trip, and each returns null when the class is not the caller's.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { Answer, SnapshotQuestion } from "../json.ts";
import { answers, assignments, attempts, classes, classMembers, regrades, users } from "../schema.ts";
import { classOverrides } from "./overrides.ts";

// Every query below joins the class and filters on its instructor, so even a batch for a class that is not
// the caller's returns nothing of it: the first query says whether it is, and no other row was ever read.
const owned = (classId: string, instructorId: string) => and(eq(classes.id, classId), eq(classes.instructorId, instructorId));

const classQuery = (db: Db, classId: string, instructorId: string) =>
  db.select({ id: classes.id, name: classes.name }).from(classes).where(owned(classId, instructorId));

const assignmentColumns = {
  id: assignments.id,
  moduleSlug: assignments.moduleSlug,
  mode: assignments.mode,
  opensAt: assignments.opensAt,
  dueAt: assignments.dueAt,
  maxAttempts: assignments.maxAttempts,
  gradingMethod: assignments.gradingMethod,
  timeZone: assignments.timeZone,
};

const assignmentsQuery = (db: Db, classId: string, instructorId: string) =>
  db
    .select(assignmentColumns)
    .from(assignments)
    .innerJoin(classes, eq(classes.id, assignments.classId))
    .where(and(eq(assignments.classId, classId), owned(classId, instructorId)))
    // Dated assignments in due order, undated ones after them.
    .orderBy(sql`${assignments.dueAt} IS NULL`, asc(assignments.dueAt), asc(assignments.createdAt));

/** The class's students (or the one asked for), joined to the instructor check. */
const membersQuery = (db: Db, classId: string, instructorId: string, studentId?: string) =>
  db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .innerJoin(users, eq(users.id, classMembers.userId))
    .where(
      and(
        eq(classMembers.classId, classId),
        studentId === undefined ? undefined : eq(classMembers.userId, studentId),
        owned(classId, instructorId),
      ),
    );

/** The statements of the gradebook batch, exposed so a test can read their query plans. */
export function gradebookQueries(db: Db, classId: string, instructorId: string) {
  return [
    classQuery(db, classId, instructorId),
    membersQuery(db, classId, instructorId).orderBy(sql`${users.name} COLLATE NOCASE`, asc(users.id)),
    assignmentsQuery(db, classId, instructorId),
    // One narrow row per attempt of a current member (no snapshot): the grading method needs every attempt.
    db
      .select({
        assignmentId: sql<string>`${attempts.assignmentId}`,
        userId: attempts.userId,
        status: attempts.status,
        score: attempts.score,
        maxScore: attempts.maxScore,
        startedAt: attempts.startedAt,
        submittedAt: attempts.submittedAt,
      })
      .from(assignments)
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .innerJoin(attempts, eq(attempts.assignmentId, assignments.id))
      .innerJoin(classMembers, and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, attempts.userId)))
      .where(and(eq(assignments.classId, classId), owned(classId, instructorId))),
    classOverrides(db, classId, instructorId),
  ] as const;
}

export async function loadGradebook(db: Db, classId: string, instructorId: string) {
  const [klass, students, assignmentRows, attemptRows, overrides] = await db.batch(gradebookQueries(db, classId, instructorId));
  if (!klass[0]) return null;
  return { klass: klass[0], students, assignments: assignmentRows, attempts: attemptRows, overrides: overrides.map((r) => r.o) };
}

/** The class's assignment columns the gradebook shows. */
export type GradebookAssignmentRow = NonNullable<Awaited<ReturnType<typeof loadGradebook>>>["assignments"][number];

/** The statements for one student's attempts in the class, with every saved answer. */
export function studentAttemptQueries(db: Db, classId: string, instructorId: string, studentId: string) {
  const inClass = and(eq(assignments.classId, classId), owned(classId, instructorId), eq(attempts.userId, studentId));
  return [
    classQuery(db, classId, instructorId),
    membersQuery(db, classId, instructorId, studentId),
    assignmentsQuery(db, classId, instructorId),
    db
      .select({ a: attempts })
      .from(attempts)
      .innerJoin(assignments, eq(assignments.id, attempts.assignmentId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .where(inClass)
      .orderBy(asc(attempts.startedAt)),
    db
      .select({ attemptId: answers.attemptId, questionId: answers.questionId, answer: answers.answer, score: answers.score })
      .from(attempts)
      .innerJoin(assignments, eq(assignments.id, attempts.assignmentId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .innerJoin(answers, eq(answers.attemptId, attempts.id))
      .where(inClass),
    classOverrides(db, classId, instructorId, studentId),
    db
      .select({ regrade: regrades, forAttempt: sql<string>`${attempts.id}`.as("for_attempt") })
      .from(regrades)
      .innerJoin(attempts, eq(attempts.assignmentId, regrades.assignmentId))
      .innerJoin(assignments, eq(assignments.id, attempts.assignmentId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .where(and(inClass, sql`(${regrades.attemptId} IS NULL OR ${regrades.attemptId} = ${attempts.id})`))
      .orderBy(asc(regrades.createdAt)),
  ] as const;
}

export async function loadStudentAttempts(db: Db, classId: string, instructorId: string, studentId: string) {
  const [klass, student, assignmentRows, attemptRows, answerRows, overrides, regraded] = await db.batch(
    studentAttemptQueries(db, classId, instructorId, studentId),
  );
  if (!klass[0]) return null;
  return {
    klass: klass[0],
    /** Null when the student is not in the class. */
    student: student[0] ?? null,
    assignments: assignmentRows,
    attempts: attemptRows.map((r) => r.a),
    answers: answerRows,
    overrides: overrides.map((r) => r.o),
    /** The regrades that apply to each attempt, with the attempt they are for. */
    regrades: regraded,
  };
}

/**
 * The statements for item analysis: the class, the assignment, and one row per submitted attempt of a current member
 * with its answers. An attempt comes with its item digest, and with its snapshot only where the digest cannot stand
 * in for it: it has none (started before digests), or one of its questions changed in the course since it was served
 * (a content hash of the digest is not among `currentHashes`, the course's). So the ≈15 KB snapshots, mostly texts,
 * stay in D1.
 */
export function itemAnalysisQueries(db: Db, classId: string, instructorId: string, assignmentId: string, currentHashes: readonly string[]) {
  const submitted = and(
    eq(attempts.assignmentId, assignmentId),
    // The unary plus keeps SQLite off the status index, which would read every submitted attempt of every class.
    eq(sql`+${attempts.status}`, "submitted"),
    eq(assignments.classId, classId),
    owned(classId, instructorId),
  );
  const members = and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, attempts.userId));
  const current = JSON.stringify(currentHashes);
  const stale = sql`${attempts.itemDigest} IS NULL OR EXISTS (SELECT 1 FROM json_each(${attempts.itemDigest}, '$.hashes') AS h
    WHERE h.value NOT IN (SELECT value FROM json_each(${current})))`;
  return [
    classQuery(db, classId, instructorId),
    db
      .select(assignmentColumns)
      .from(assignments)
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .where(and(eq(assignments.id, assignmentId), eq(assignments.classId, classId), owned(classId, instructorId))),
    db
      .select({
        id: attempts.id,
        score: attempts.score,
        maxScore: attempts.maxScore,
        itemDigest: attempts.itemDigest,
        // Parsed like the column (JSON); null where the digest stands in for it.
        snapshot: sql`CASE WHEN ${stale} THEN ${attempts.snapshot} END`.mapWith(attempts.snapshot),
        // The attempt's answers as one JSON array of [question id, answer, score]: a row per attempt, not per answer.
        // JSON writes a score with 15 significant digits, exact for grading's scores (rounded to 4 decimals).
        answers: sql<string>`(SELECT json_group_array(json_array(${answers.questionId}, json(${answers.answer}), ${answers.score}))
          FROM ${answers} WHERE ${answers.attemptId} = ${attempts.id})`,
      })
      .from(attempts)
      .innerJoin(assignments, eq(assignments.id, attempts.assignmentId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .innerJoin(classMembers, members)
      .where(submitted),
  ] as const;
}

/** Item analysis's rows: each submitted attempt with its digest, its snapshot where needed, and its saved answers. */
export async function loadItemAnalysis(
  db: Db,
  classId: string,
  instructorId: string,
  assignmentId: string,
  currentHashes: readonly string[],
) {
  const [klass, assignment, attemptRows] = await db.batch(itemAnalysisQueries(db, classId, instructorId, assignmentId, currentHashes));
  if (!klass[0]) return null;
  return {
    klass: klass[0],
    /** Null when the assignment is not the class's. */
    assignment: assignment[0] ?? null,
    attempts: attemptRows.map((r) => {
      const saved = JSON.parse(r.answers) as [string, Answer, number | null][];
      return {
        id: r.id,
        score: r.score,
        maxScore: r.maxScore,
        itemDigest: r.itemDigest,
        /** Null where the digest stands in for it. */
        snapshot: r.snapshot as SnapshotQuestion[] | null,
        answers: new Map(saved.map(([questionId, answer, score]) => [questionId, { answer, score }])),
      };
    }),
  };
}
