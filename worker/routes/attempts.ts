// Quiz attempts: start or resume, autosave answers, submit once, list, and review under the assignment's policy.
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Context } from "hono";
import {
  type AnswerRow,
  type AttemptRow,
  answerMap,
  finalizeAndReread,
  finalizeAttempt,
  ownAttemptWithAnswers,
} from "../../db/queries/attempts.ts";
import { answers, assignments, attempts, classMembers } from "../../db/schema.ts";
import { course, findModule, moduleTitle } from "../course.ts";
import type { Db } from "../db.ts";
import { ATTEMPT_FACTS_TTL_MS, attemptFacts } from "../domain/attemptFacts.ts";
import {
  type AttemptRules,
  attemptDeadline,
  correctAnswerOf,
  DEADLINE_GRACE_MS,
  isOverdue,
  practiceRules,
  reviewShowsKey,
} from "../domain/attempts.ts";
import { gradeAnswer } from "../domain/grading.ts";
import { itemDigest } from "../domain/itemDigest.ts";
import { randomSeed } from "../domain/random.ts";
import { type Answer, parseAnswer, type SnapshotQuestion, serveAttempt } from "../domain/serve.ts";
import type { AppEnv } from "../env.ts";
import { requireUser } from "../middleware/session.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { badRequest, conflict, notFound } from "../problem.ts";
import { IdParam, iso, Localized } from "../schemas.ts";

const Choice = z.object({ id: z.string(), text: Localized });
export const ServedQuestionSchema = z
  .object({
    id: z.string(),
    type: z.enum(["single", "multiple", "truefalse", "numeric", "text", "ordering", "matching"]),
    moduleSlug: z.string(),
    anchor: z.string(),
    prompt: Localized,
    options: z.array(Choice).optional(),
    items: z.array(Choice).optional(),
    left: z.array(Choice).optional(),
    right: z.array(Choice).optional(),
    unit: Localized.optional(),
  })
  .openapi("ServedQuestion");

export const AnswerSchema = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.record(z.string(), z.string())])
  .openapi("Answer", {
    description:
      "single: option id · multiple: option ids · truefalse: boolean · numeric: what was typed (or a number) · text: what was typed · ordering: item ids in order · matching: { leftId: rightId }",
  });

/** Present (true) only when a text answer was accepted with a one-letter slip. */
const Typo = z.literal(true).optional().openapi({ description: "The text answer was accepted with a one-letter slip (full credit)" });

const Feedback = z
  .object({
    correct: z.boolean(),
    typo: Typo,
    score: z.number(),
    correctAnswer: AnswerSchema,
    explanation: Localized,
    anchor: z.string(),
    moduleSlug: z.string(),
  })
  .openapi("AnswerFeedback");

const Result = z
  .object({ score: z.number(), maxScore: z.number(), percent: z.number(), submittedAt: z.string().openapi({ format: "date-time" }) })
  .openapi("AttemptResult");

const AttemptSummary = z
  .object({
    id: z.string(),
    module: z.string(),
    moduleTitle: Localized,
    assignmentId: z.string().nullable(),
    mode: z.enum(["practice", "assessment"]),
    status: z.enum(["open", "submitted"]),
    startedAt: z.string().openapi({ format: "date-time" }),
    deadline: z.string().nullable().openapi({ format: "date-time" }),
    questionCount: z.number().int(),
    answeredCount: z.number().int(),
    result: Result.nullable(),
  })
  .openapi("AttemptSummary");

const AttemptView = AttemptSummary.extend({
  serverNow: z.string().openapi({ format: "date-time", description: "The server's clock, so a client can correct its countdown" }),
  questions: z.array(ServedQuestionSchema),
  answers: z.record(z.string(), z.object({ answer: AnswerSchema, revision: z.number().int() })),
  feedback: z.record(z.string(), Feedback).openapi({ description: "Practice mode: feedback for every answered question" }),
}).openapi("Attempt");

const ReviewItem = z
  .object({
    question: ServedQuestionSchema,
    answer: AnswerSchema.nullable(),
    score: z.number().nullable().openapi({ description: "Hidden (null) while the policy hides the key" }),
    correct: z.boolean().nullable(),
    typo: Typo,
    correctAnswer: AnswerSchema.nullable(),
    explanation: Localized.nullable(),
  })
  .openapi("ReviewItem");

const Review = z
  .object({
    attempt: AttemptSummary,
    showsKey: z.boolean(),
    keyAvailableAt: z.string().nullable().openapi({ format: "date-time", description: "When the policy will show the key, if it will" }),
    items: z.array(ReviewItem),
  })
  .openapi("AttemptReview");

const StartBody = z
  .object({
    module: z.string().max(80).optional().openapi({ description: "A module slug, for practice on one's own" }),
    assignmentId: z.string().max(64).optional().openapi({ description: "An assignment of one of my classes" }),
  })
  .superRefine((b, ctx) => {
    if ((b.module === undefined) === (b.assignmentId === undefined)) {
      ctx.addIssue({ code: "custom", path: ["module"], message: "give exactly one of module or assignmentId" });
    } else if (b.module !== undefined && !findModule(b.module)) {
      ctx.addIssue({ code: "custom", path: ["module"], message: "must be the slug of a module of the course" });
    }
  })
  .openapi("StartAttemptRequest");

const SaveBody = z
  .object({
    answer: AnswerSchema,
    revision: z
      .number()
      .int("must be a whole number")
      .min(0)
      .max(2 ** 31)
      .optional()
      .openapi({ description: "The client's counter for this answer; an older revision never overwrites a newer one" }),
  })
  .openapi("SaveAnswerRequest");

const AnswerParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
  questionId: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: "questionId", in: "path" } }),
});

/** What a summary reads of an attempt: its row without the snapshot, and how many questions it was served. */
const summaryColumns = {
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
};
type SummaryRow = Pick<AttemptRow, keyof typeof summaryColumns> & { questionCount: number };

const fullSummary = (a: AttemptRow, answeredCount: number) => summary({ ...a, questionCount: a.snapshot.length }, answeredCount);

function summary(a: SummaryRow, answeredCount: number): z.infer<typeof AttemptSummary> {
  return {
    id: a.id,
    module: a.moduleSlug,
    moduleTitle: moduleTitle(a.moduleSlug),
    assignmentId: a.assignmentId,
    mode: a.mode,
    status: a.status,
    startedAt: iso(a.startedAt),
    deadline: iso(a.deadline),
    questionCount: a.questionCount,
    answeredCount,
    result:
      a.status === "submitted" && a.score !== null && a.maxScore !== null
        ? {
            score: a.score,
            maxScore: a.maxScore,
            percent: a.maxScore ? Math.round((a.score / a.maxScore) * 1000) / 10 : 0,
            submittedAt: iso(a.submittedAt ?? a.startedAt),
          }
        : null,
  };
}

function feedbackFor(q: SnapshotQuestion, answer: Answer | undefined) {
  const g = gradeAnswer(q.key, answer);
  return {
    correct: g.correct,
    ...(g.typo ? { typo: g.typo } : {}),
    score: g.score,
    correctAnswer: correctAnswerOf(q),
    explanation: q.explanation,
    anchor: q.served.anchor,
    moduleSlug: q.served.moduleSlug,
  };
}

function view(a: AttemptRow, saved: AnswerRow[], now: number): z.infer<typeof AttemptView> {
  const given = answerMap(saved);
  const feedback: Record<string, ReturnType<typeof feedbackFor>> = {};
  // Practice shows each answered question's feedback; assessment shows nothing of the key before submit.
  if (a.mode === "practice")
    for (const q of a.snapshot) if (given.has(q.served.id)) feedback[q.served.id] = feedbackFor(q, given.get(q.served.id));
  return {
    ...fullSummary(a, saved.length),
    serverNow: iso(now),
    questions: a.snapshot.map((q) => q.served),
    answers: Object.fromEntries(saved.map((r) => [r.questionId, { answer: r.answer as Answer, revision: r.revision }])),
    feedback,
  };
}

/** Loads an own attempt and, if its deadline has passed, closes it first (the lazy half of finalisation). */
async function loadFresh(c: Context<AppEnv>, id: string, userId: string, now: number) {
  const loaded = await ownAttemptWithAnswers(c.var.db, id, userId);
  if (loaded.attempt.status === "open" && isOverdue(loaded.attempt.deadline, now)) {
    await finalizeAttempt(c.var.db, loaded.attempt, loaded.answers, loaded.attempt.deadline as number);
    return ownAttemptWithAnswers(c.var.db, id, userId);
  }
  return loaded;
}

/** The learner's open attempt matching `where`, and its answers: two statements to batch with a route's other reads. */
function openAttemptReads(db: Db, where: SQL | undefined) {
  return [
    db.select().from(attempts).where(where),
    db.select({ answer: answers }).from(answers).innerJoin(attempts, eq(attempts.id, answers.attemptId)).where(where),
  ] as const;
}

const openAttemptOf = (rows: (typeof attempts.$inferSelect)[], saved: { answer: AnswerRow }[]) =>
  rows[0] ? { attempt: rows[0] as AttemptRow, answers: saved.map((r) => r.answer) } : null;

/**
 * The rules an attempt starts under, checking the assignment's window and limit (409 with a reason). The open
 * attempt on the assignment is read in the same batch, so a start is one round trip plus the insert.
 */
async function rulesFor(db: Db, userId: string, assignmentId: string, now: number) {
  const [openRows, openAnswers] = openAttemptReads(
    db,
    and(eq(attempts.userId, userId), eq(attempts.assignmentId, assignmentId), eq(attempts.status, "open")),
  );
  const [rows, used, open, openSaved] = await db.batch([
    db
      .select({ a: assignments })
      .from(assignments)
      .innerJoin(classMembers, and(eq(classMembers.classId, assignments.classId), eq(classMembers.userId, userId)))
      .where(eq(assignments.id, assignmentId)),
    db
      .select({ n: count() })
      .from(attempts)
      .where(and(eq(attempts.userId, userId), eq(attempts.assignmentId, assignmentId), eq(attempts.status, "submitted"))),
    openRows,
    openAnswers,
  ]);
  const a = rows[0]?.a;
  if (!a) throw notFound("assignment");
  const rules: AttemptRules = {
    mode: a.mode,
    reviewPolicy: a.reviewPolicy,
    dueAt: a.dueAt,
    timeLimitMinutes: a.mode === "assessment" ? a.timeLimitMinutes : null,
    maxAttempts: a.maxAttempts,
    gradingMethod: a.gradingMethod,
  };
  const check = () => {
    if (a.opensAt !== null && now < a.opensAt) throw conflict(`This assignment opens at ${iso(a.opensAt)}.`, "not_open_yet");
    if (a.dueAt !== null && now >= a.dueAt) throw conflict("The due date of this assignment has passed.", "past_due");
    if (a.maxAttempts !== null && (used[0]?.n ?? 0) >= a.maxAttempts)
      throw conflict(`All ${a.maxAttempts} attempts are used.`, "attempt_limit");
  };
  return { assignment: a, rules, check, open: openAttemptOf(open, openSaved) };
}

const tags = ["Attempts"];

export const attemptRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/attempts",
      tags,
      security: signedIn,
      summary: "Start an attempt (or resume the open one) on a module or an assignment",
      request: { body: jsonBody(StartBody) },
      responses: {
        201: jsonContent(AttemptView, "A new attempt"),
        200: jsonContent(AttemptView, "The attempt already open, resumed"),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const body = c.req.valid("json");
      const db = c.var.db;
      const now = Date.now();
      let moduleSlug: string;
      let rules = practiceRules;
      let assignmentId: string | null = null;
      let check = () => {};
      let open: { attempt: AttemptRow; answers: AnswerRow[] } | null;
      if (body.assignmentId !== undefined) {
        const found = await rulesFor(db, user.id, body.assignmentId, now);
        moduleSlug = found.assignment.moduleSlug;
        rules = found.rules;
        assignmentId = found.assignment.id;
        check = found.check;
        open = found.open;
      } else {
        moduleSlug = body.module as string;
        const [rows, saved] = await db.batch(openAttemptReads(db, eq(attempts.openKey, `${user.id}:${moduleSlug}:`)));
        open = openAttemptOf(rows, saved);
      }
      const openKey = `${user.id}:${moduleSlug}:${assignmentId ?? ""}`;
      // An open attempt on an older module of the assignment (the instructor changed it) is not this one.
      if (open && open.attempt.openKey === openKey) {
        if (!isOverdue(open.attempt.deadline, now)) return c.json(view(open.attempt, open.answers, now), 200);
        // Past its deadline: close it (the lazy half of finalisation) and start a fresh one below.
        await finalizeAttempt(db, open.attempt, open.answers, open.attempt.deadline as number);
      }
      check();
      const seed = randomSeed();
      const snapshot = serveAttempt(course, moduleSlug, seed);
      const row = {
        id: crypto.randomUUID(),
        userId: user.id,
        moduleSlug,
        assignmentId,
        mode: rules.mode,
        status: "open" as const,
        seed,
        snapshot,
        itemDigest: itemDigest(snapshot, course),
        rules,
        startedAt: now,
        deadline: attemptDeadline(now, rules),
        openKey,
      };
      const inserted = await db
        .insert(attempts)
        .values(row)
        .onConflictDoNothing({ target: attempts.openKey })
        .returning({ id: attempts.id });
      if (inserted.length === 0) {
        // Another tap started it a moment ago: resume that one.
        const other = await db.select({ id: attempts.id }).from(attempts).where(eq(attempts.openKey, openKey)).get();
        if (!other) throw conflict("Starting the attempt collided with another request; try again.", "start_conflict");
        const loaded = await ownAttemptWithAnswers(db, other.id, user.id);
        return c.json(view(loaded.attempt, loaded.answers, now), 200);
      }
      return c.json(view(row as AttemptRow & typeof row, [], now), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/attempts",
      tags,
      security: signedIn,
      summary: "My attempts, newest first",
      responses: { 200: jsonContent(z.object({ attempts: z.array(AttemptSummary) }).openapi("AttemptList"), "Attempts"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      // Narrow rows: SQLite counts the snapshot's questions, so the ≈ 15 KB snapshots never leave D1.
      const rows = await c.var.db
        .select({
          ...summaryColumns,
          questionCount: sql<number>`json_array_length(${attempts.snapshot})`,
          answered: sql<number>`(SELECT count(*) FROM ${answers} WHERE ${answers.attemptId} = ${attempts.id})`,
        })
        .from(attempts)
        .where(eq(attempts.userId, user.id))
        .orderBy(desc(attempts.startedAt))
        .limit(500);
      return c.json({ attempts: rows.map((r) => summary(r, r.answered)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/attempts/{id}",
      tags,
      security: signedIn,
      summary: "One of my attempts: questions as served and my saved answers (to resume)",
      request: { params: IdParam },
      responses: { 200: jsonContent(AttemptView, "The attempt"), ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const now = Date.now();
      const { attempt, answers: saved } = await loadFresh(c, c.req.valid("param").id, user.id, now);
      return c.json(view(attempt, saved, now), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/attempts/{id}/answers/{questionId}",
      tags,
      security: signedIn,
      summary: "Autosave one answer; saving the same answer again is harmless",
      request: { params: AnswerParams, body: jsonBody(SaveBody) },
      responses: {
        200: jsonContent(
          z
            .object({ saved: z.literal(true), questionId: z.string(), revision: z.number().int(), feedback: Feedback.nullable() })
            .openapi("SaveAnswerResponse"),
          "Saved; in practice mode with this question's feedback",
        ),
        ...problems(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { id, questionId } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.var.db;
      const now = Date.now();
      const closed = () => conflict("This attempt is already submitted; answers can no longer change.", "attempt_closed");
      const timeUp = async () => {
        const { attempt, answers: saved } = await ownAttemptWithAnswers(db, id, user.id);
        if (attempt.status !== "open") return closed();
        await finalizeAttempt(db, attempt, saved, attempt.deadline as number);
        return conflict("Time is up: the deadline of this attempt has passed and it was submitted.", "deadline_passed");
      };
      // What never changes about the attempt (owner, mode, questions) comes from this isolate's cache when it served
      // a save of this attempt before, and the save is then one round trip; otherwise from D1, which checks
      // ownership, status and deadline first. Status and deadline are never cached: the write checks them itself.
      let facts = attemptFacts.get(id, now);
      if (!facts || facts.userId !== user.id) {
        const { attempt } = await ownAttemptWithAnswers(db, id, user.id);
        if (attempt.status !== "open") throw closed();
        if (isOverdue(attempt.deadline, now)) throw await timeUp();
        facts = { userId: attempt.userId, mode: attempt.mode, snapshot: attempt.snapshot };
        attemptFacts.set(id, facts, now + ATTEMPT_FACTS_TTL_MS);
      }
      const question = facts.snapshot.find((q) => q.served.id === questionId);
      if (!question) throw notFound("question in this attempt");
      const parsed = parseAnswer(question.served, body.answer);
      if (!parsed.ok) throw badRequest(`Invalid answer: it ${parsed.message}.`, [{ path: "answer", message: parsed.message }]);
      // Without a revision from the client, the save follows the stored one (read in the same statement).
      const revision =
        body.revision ??
        sql`COALESCE((SELECT ${answers.revision} FROM ${answers} WHERE ${answers.attemptId} = ${id} AND ${answers.questionId} = ${questionId}), 0) + 1`;
      const score = gradeAnswer(question.key, parsed.value).score;
      // Written only while the attempt is still open and within its deadline's grace, checked in the same
      // statement: a save racing a submit (or the clock) is either in the grade or refused, never stored after it.
      const writable = sql`EXISTS (SELECT 1 FROM ${attempts} WHERE ${attempts.id} = ${id} AND ${attempts.userId} = ${user.id} AND ${attempts.status} = 'open' AND (${attempts.deadline} IS NULL OR ${attempts.deadline} + ${DEADLINE_GRACE_MS} >= ${now}))`;
      const write = db
        .insert(answers)
        .select(sql`SELECT ${id}, ${questionId}, ${JSON.stringify(parsed.value)}, ${now}, ${revision}, ${score} WHERE ${writable}`)
        .onConflictDoUpdate({
          target: [answers.attemptId, answers.questionId],
          set: {
            answer: sql`excluded.answer`,
            savedAt: sql`excluded.saved_at`,
            revision: sql`excluded.revision`,
            score: sql`excluded.score`,
          },
          // A stale save (older revision, e.g. replayed from an offline queue) leaves the newer answer alone.
          setWhere: sql`${answers.revision} <= excluded.revision`,
        })
        .returning({ revision: answers.revision });
      const [[kept], [state]] = await db.batch([
        write,
        db
          .select({ status: attempts.status, deadline: attempts.deadline })
          .from(attempts)
          .where(and(eq(attempts.id, id), eq(attempts.userId, user.id))),
      ]);
      if (!state) {
        attemptFacts.delete(id);
        throw notFound("attempt");
      }
      if (!kept && state.status !== "open") throw closed();
      if (!kept && isOverdue(state.deadline, now)) throw await timeUp();
      return c.json(
        {
          saved: true as const,
          questionId,
          // A stale save (not kept) is acknowledged with its own revision; the newer stored answer stands.
          revision: kept?.revision ?? body.revision ?? 0,
          feedback: facts.mode === "practice" ? feedbackFor(question, parsed.value) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/attempts/{id}/submit",
      tags,
      security: signedIn,
      summary: "Submit and grade; submitting again returns the same result",
      request: { params: IdParam },
      responses: {
        200: jsonContent(z.object({ attempt: AttemptSummary, review: Review.nullable() }).openapi("SubmitResponse"), "Graded"),
        ...problems(401, 404),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const id = c.req.valid("param").id;
      const now = Date.now();
      const loaded = await ownAttemptWithAnswers(c.var.db, id, user.id);
      let graded = loaded;
      if (loaded.attempt.status === "open") {
        // Past the deadline the grade is as of the deadline: answers could not change after it anyway.
        const at = isOverdue(loaded.attempt.deadline, now) ? (loaded.attempt.deadline as number) : now;
        // The graded attempt is read back in the same batch: two round trips in all.
        graded = (await finalizeAndReread(c.var.db, loaded.attempt, loaded.answers, at, user.id)).reread ?? loaded;
      }
      const { attempt, answers: saved } = graded;
      const review = reviewOf(attempt, saved, now);
      return c.json({ attempt: fullSummary(attempt, saved.length), review: review.showsKey ? review : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/attempts/{id}/review",
      tags,
      security: signedIn,
      summary: "Review a submitted attempt; correct answers and explanations as the review policy allows",
      request: { params: IdParam },
      responses: { 200: jsonContent(Review, "The review"), ...problems(401, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c);
      const now = Date.now();
      const { attempt, answers: saved } = await loadFresh(c, c.req.valid("param").id, user.id, now);
      if (attempt.status !== "submitted") throw conflict("Submit the attempt to review it.", "attempt_open");
      return c.json(reviewOf(attempt, saved, now), 200);
    },
  );

function reviewOf(attempt: AttemptRow, saved: AnswerRow[], now: number): z.infer<typeof Review> {
  const showsKey = reviewShowsKey(attempt.rules, now);
  const given = answerMap(saved);
  return {
    attempt: fullSummary(attempt, saved.length),
    showsKey,
    keyAvailableAt:
      attempt.rules.reviewPolicy === "after_due" && attempt.rules.dueAt !== null && !showsKey ? iso(attempt.rules.dueAt) : null,
    items: attempt.snapshot.map((q) => {
      const answer = given.get(q.served.id) ?? null;
      const g = gradeAnswer(q.key, answer);
      return {
        question: q.served,
        answer,
        score: showsKey ? g.score : null,
        correct: showsKey ? g.correct : null,
        ...(showsKey && g.typo ? { typo: g.typo } : {}),
        correctAnswer: showsKey ? correctAnswerOf(q) : null,
        explanation: showsKey ? q.explanation : null,
      };
    }),
  };
}
