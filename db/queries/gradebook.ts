// Instructor results reads: the gradebook, one student's attempts, an assignment's item analysis; each is one D1 round trip.
import { and, asc, eq, sql } from "drizzle-orm";
import type { CompiledCourse } from "../../lessons/types.ts";
import { course } from "../../worker/course.ts";
import type { AttemptRules } from "../../worker/domain/attempts.ts";
import { contentHashes, type ItemDigest, questionsFromDigest } from "../../worker/domain/itemDigest.ts";
import type { Answer, SnapshotQuestion } from "../../worker/domain/serve.ts";
import { notFound } from "../../worker/problem.ts";
import type { Db } from "../client.ts";
import { answers, assignments, attempts, classes, classMembers, users } from "../schema.ts";

// Every query below joins the class and filters on its instructor, so even a batch for a class that is not
// the caller's returns nothing of it: the 404 comes from the first query, and no other row was ever read.
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
  ] as const;
}

export async function loadGradebook(db: Db, classId: string, instructorId: string) {
  const [klass, students, assignmentRows, attemptRows] = await db.batch(gradebookQueries(db, classId, instructorId));
  if (!klass[0]) throw notFound("class");
  return { klass: klass[0], students, assignments: assignmentRows, attempts: attemptRows };
}

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
  ] as const;
}

export type StudentAttemptRow = Omit<typeof attempts.$inferSelect, "snapshot" | "rules"> & {
  snapshot: SnapshotQuestion[];
  rules: AttemptRules;
};

export async function loadStudentAttempts(db: Db, classId: string, instructorId: string, studentId: string) {
  const [klass, student, assignmentRows, attemptRows, answerRows] = await db.batch(
    studentAttemptQueries(db, classId, instructorId, studentId),
  );
  if (!klass[0]) throw notFound("class");
  if (!student[0]) throw notFound("student in this class");
  return {
    klass: klass[0],
    student: student[0],
    assignments: assignmentRows,
    attempts: attemptRows.map((r) => r.a as StudentAttemptRow),
    answers: answerRows.map((r) => ({ ...r, answer: r.answer as Answer })),
  };
}

/**
 * The statements for item analysis: the class, the assignment, and one row per submitted attempt of a current member
 * with its answers. An attempt comes with its item digest, and with its snapshot only where the digest cannot stand
 * in for it: it has none (started before digests), or one of its questions changed in `course` since it was served
 * (a content hash of the digest is not among the course's). So the ≈15 KB snapshots, mostly texts, stay in D1.
 */
export function itemAnalysisQueries(
  db: Db,
  classId: string,
  instructorId: string,
  assignmentId: string,
  questions: Pick<CompiledCourse, "questions"> = course,
) {
  const submitted = and(
    eq(attempts.assignmentId, assignmentId),
    // The unary plus keeps SQLite off the status index, which would read every submitted attempt of every class.
    eq(sql`+${attempts.status}`, "submitted"),
    eq(assignments.classId, classId),
    owned(classId, instructorId),
  );
  const members = and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, attempts.userId));
  const current = JSON.stringify([...contentHashes(questions).values()]);
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

export async function loadItemAnalysis(
  db: Db,
  classId: string,
  instructorId: string,
  assignmentId: string,
  questions: Pick<CompiledCourse, "questions"> = course,
) {
  const [klass, assignment, attemptRows] = await db.batch(itemAnalysisQueries(db, classId, instructorId, assignmentId, questions));
  if (!klass[0]) throw notFound("class");
  if (!assignment[0]) throw notFound("assignment in this class");
  return {
    klass: klass[0],
    assignment: assignment[0],
    attempts: attemptRows.map((r) => {
      const analysed = (r.snapshot as SnapshotQuestion[] | null) ?? questionsFromDigest(r.itemDigest as ItemDigest, questions);
      // The query sent the snapshot unless every hash of the digest was the course's, so this cannot happen.
      if (!analysed) throw new Error(`attempt ${r.id}: its item digest does not match the course and no snapshot came`);
      const saved = JSON.parse(r.answers) as [string, Answer, number | null][];
      return {
        id: r.id,
        score: r.score,
        maxScore: r.maxScore,
        questions: analysed,
        answers: new Map(saved.map(([questionId, answer, score]) => [questionId, { answer, score }])),
      };
    }),
  };
}
