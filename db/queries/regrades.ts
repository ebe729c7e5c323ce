// Regrades: what regrading a question of an assignment reads (its submitted attempts' side of that question, in one
// round trip) and writes (the rule with its audit line and every changed score, in one batch).
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { Answer, SnapshotQuestion } from "../json.ts";
import { answers, assignments, attempts, classes, regrades, users } from "../schema.ts";

export type RegradeRow = typeof regrades.$inferSelect;

const ownedAssignment = (classId: string, instructorId: string, assignmentId: string) =>
  and(eq(assignments.id, assignmentId), eq(assignments.classId, classId), eq(classes.instructorId, instructorId));

/**
 * What regrading `questionId` needs, in one round trip: the assignment if `instructorId` owns its class (null otherwise),
 * its regrades of that question, and each submitted attempt (only `attemptId`, when given) that was served the question,
 * with its total, the question as served and the saved answer. The ≈15 KB snapshots stay in D1: SQLite picks the one
 * question out of each.
 */
export async function regradeTargets(
  db: Db,
  classId: string,
  instructorId: string,
  assignmentId: string,
  questionId: string,
  attemptId?: string,
) {
  const owned = ownedAssignment(classId, instructorId, assignmentId);
  const served = sql<
    string | null
  >`(SELECT value FROM json_each(${attempts.snapshot}) WHERE json_extract(value, '$.served.id') = ${questionId})`;
  const [rows, rules, targets] = await db.batch([
    db.select({ a: assignments }).from(assignments).innerJoin(classes, eq(classes.id, assignments.classId)).where(owned),
    db
      .select({ r: regrades })
      .from(regrades)
      .innerJoin(assignments, eq(assignments.id, regrades.assignmentId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .where(and(owned, eq(regrades.questionId, questionId)))
      .orderBy(asc(regrades.createdAt)),
    db
      .select({
        id: attempts.id,
        status: attempts.status,
        score: attempts.score,
        maxScore: attempts.maxScore,
        question: served,
        answer: answers.answer,
        // Aliased: the attempt's `score` comes first under the same name, and a batched row is read by column name.
        answerScore: sql<number | null>`${answers.score}`.as("answer_score"),
      })
      .from(attempts)
      .innerJoin(assignments, eq(assignments.id, attempts.assignmentId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .leftJoin(answers, and(eq(answers.attemptId, attempts.id), eq(answers.questionId, questionId)))
      .where(
        and(
          owned,
          eq(attempts.assignmentId, assignmentId),
          attemptId === undefined ? eq(attempts.status, "submitted") : eq(attempts.id, attemptId),
        ),
      ),
  ]);
  return {
    assignment: rows[0]?.a ?? null,
    regrades: rules.map((r) => r.r),
    attempts: targets.map((t) => ({
      id: t.id,
      status: t.status,
      score: t.score ?? 0,
      maxScore: t.maxScore ?? 0,
      /** Null when this attempt was not served the question. */
      question: t.question === null ? null : (JSON.parse(t.question) as SnapshotQuestion),
      answer: (t.answer ?? null) as Answer | null,
      storedScore: t.answerScore,
    })),
  };
}

/** Rows per UPDATE: each carries its list as one JSON parameter, well under D1's limits on a statement's size. */
const CHUNK = 500;
const chunks = <T>(list: T[]) => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

export interface ScoreChange {
  attemptId: string;
  score: number;
  maxScore: number;
  /** The saved answer's new score, or null to leave it. */
  answerScore: number | null;
}

/**
 * Stores the regrade (the rule and its audit line) and every score it changed, in one round trip however many attempts:
 * one UPDATE per 500 attempts (and per 500 answers), each reading its rows from a JSON list.
 */
export async function applyRegrade(db: Db, row: RegradeRow, changes: ScoreChange[]) {
  // Each UPDATE walks its list and finds each row by key (EXPLAIN: SCAN json_each, SEARCH by primary key). The unary
  // plus keeps SQLite off the status index, which walked every submitted attempt once per list entry (a minute for
  // 1,000 attempts in the bench).
  const totals = chunks(changes).map((part) => {
    const list = JSON.stringify(part.map((c) => [c.attemptId, c.score, c.maxScore]));
    return db
      .update(attempts)
      .set({ score: sql`j.score`, maxScore: sql`j.max_score` })
      .from(
        sql`(SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS score, json_extract(value, '$[2]') AS max_score FROM json_each(${list})) AS j`,
      )
      .where(and(sql`${attempts.id} = j.id`, sql`+${attempts.status} = 'submitted'`));
  });
  const answered = changes.filter((c) => c.answerScore !== null);
  const perAnswer = chunks(answered).map((part) => {
    const list = JSON.stringify(part.map((c) => [c.attemptId, c.answerScore]));
    return db
      .update(answers)
      .set({ score: sql`j.score` })
      .from(sql`(SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS score FROM json_each(${list})) AS j`)
      .where(and(sql`${answers.attemptId} = j.id`, eq(answers.questionId, row.questionId)));
  });
  await db.batch([db.insert(regrades).values(row), ...totals, ...perAnswer]);
}

/** An assignment's regrades with who made them, oldest first (the instructor's audit), or null when not theirs. */
export async function assignmentRegrades(db: Db, classId: string, instructorId: string, assignmentId: string) {
  const owned = ownedAssignment(classId, instructorId, assignmentId);
  const [rows, lines] = await db.batch([
    db.select({ id: assignments.id }).from(assignments).innerJoin(classes, eq(classes.id, assignments.classId)).where(owned),
    db
      .select({ r: regrades, by: users.name })
      .from(regrades)
      .innerJoin(assignments, eq(assignments.id, regrades.assignmentId))
      .innerJoin(classes, eq(classes.id, assignments.classId))
      .innerJoin(users, eq(users.id, regrades.actorId))
      .where(owned)
      .orderBy(asc(regrades.createdAt)),
  ]);
  return rows[0] ? lines : null;
}
