// Quiz attempts: start or resume, autosave answers, submit once, list, and review under the assignment's policy.
import type { Context } from "hono";
import { createDb, type Db } from "../../db/client.ts";
import { saveAnswer } from "../../db/queries/answers.ts";
import {
  type AttemptWithAnswers,
  assignmentStartReads,
  finalizeAndReread,
  finalizeAttempt,
  insertAttempt,
  listOwnAttempts,
  openAttemptId,
  ownAttemptForReview,
  ownAttemptWithAnswers,
  practiceStartReads,
  type ReviewRules,
} from "../../db/queries/attempts.ts";
import {
  AnswerParams,
  AttemptList,
  AttemptReview,
  AttemptView,
  SaveAnswerResponse,
  SaveBody,
  StartBody,
  SubmitResponse,
} from "../contract/attempts.ts";
import { IdParam, iso } from "../contract/common.ts";
import { course } from "../course.ts";
import { attemptRulesOf, effectiveRules, startBlock } from "../domain/assignmentRules.ts";
import { ATTEMPT_FACTS_TTL_MS, attemptFacts } from "../domain/attemptFacts.ts";
import { attemptClose, attemptDeadline, DEADLINE_GRACE_MS, isOverdue, practicePause, practiceRules } from "../domain/attempts.ts";
import { attemptReview, attemptSummary, attemptView, feedbackFor, fullSummary } from "../domain/attemptViews.ts";
import { gradeAnswer } from "../domain/grading.ts";
import { itemDigest } from "../domain/itemDigest.ts";
import { effectiveRules as applyOverride } from "../domain/overrides.ts";
import { randomSeed } from "../domain/random.ts";
import { regradeRules } from "../domain/regrade.ts";
import { parseAnswer, serveAttempt } from "../domain/serve.ts";
import type { AppEnv } from "../env.ts";
import { deliverGradePosts } from "../lti/gradeDelivery.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn } from "../openapi.ts";
import { badRequest, conflict, found, notFound, Problem } from "../problem.ts";

function sendGradesSoon(c: Context<AppEnv>) {
  const delivery = deliverGradePosts(createDb(c.env.DB), c.env.LTI_PRIVATE_JWKS).catch((error) =>
    console.error("LTI grade delivery failed", error),
  );
  c.executionCtx.waitUntil(delivery);
}

/** The user's attempt with its answers; 404 when it is not theirs (or does not exist). */
async function ownAttempt(db: Db, id: string, userId: string): Promise<AttemptWithAnswers> {
  const loaded = await ownAttemptWithAnswers(db, id, userId);
  if (!loaded) throw notFound("attempt");
  return loaded;
}

/** How an attempt closes as of `at`: graded from its saved answers under its assignment's regrades. */
const closing = ({ attempt, answers, regrades }: AttemptWithAnswers, at: number) =>
  attemptClose(attempt, answers, at, regradeRules(regrades, attempt.id));

/** Closes an open attempt as of `at`; false when another request closed it first. */
const close = (db: Db, loaded: AttemptWithAnswers, at: number) => finalizeAttempt(db, loaded.attempt, closing(loaded, at), at);

/** The review rules an attempt is read under: its assignment's now, with the student's override; null for practice. */
const reviewRulesOf = (r: ReviewRules | null) => (r ? applyOverride({ reviewPolicy: r.reviewPolicy, dueAt: r.dueAt }, r.override) : null);

/** Reads an own attempt with `read` and, if its deadline has passed, closes it first (the lazy half of finalisation). */
async function loadFresh<T extends AttemptWithAnswers>(
  db: Db,
  id: string,
  userId: string,
  now: number,
  read: (db: Db, id: string, userId: string) => Promise<T>,
): Promise<T> {
  const loaded = await read(db, id, userId);
  if (loaded.attempt.status === "open" && isOverdue(loaded.attempt.deadline, now)) {
    await close(db, loaded, loaded.attempt.deadline as number);
    return read(db, id, userId);
  }
  return loaded;
}

/** An own attempt with its assignment's current review rules; 404 when it is not theirs. */
const ownAttemptReviewed = async (db: Db, id: string, userId: string) => found(await ownAttemptForReview(db, id, userId), "attempt");

/** Practice on a module, unless an assessment on it pauses practice (409 with when it reopens). */
async function practiceStart(db: Db, userId: string, moduleSlug: string, now: number) {
  const { open, assessments } = await practiceStartReads(db, userId, moduleSlug);
  const pause = practicePause(
    assessments.map((a) => ({ ...applyOverride({ dueAt: a.dueAt, maxAttempts: a.maxAttempts }, a.override), used: a.used })),
    now,
  );
  if (pause) {
    const until = pause.reopensAt === null ? "once the assessment on it closes" : `at ${iso(pause.reopensAt)}`;
    throw new Problem(409, `Practice on this module is paused while you have an assessment on it; it reopens ${until}.`, {
      type: "urn:qadam:problem:practice_paused",
      reason: "practice_paused",
      reopensAt: iso(pause.reopensAt),
    });
  }
  return { moduleSlug, assignmentId: null, rules: practiceRules, check: (_othersOpen: number) => {}, open };
}

/**
 * What an attempt on an assignment starts under: its module, rules, and the open attempt to resume. The window and
 * the limit are checked only when a new attempt is about to start (409 with a reason); one round trip.
 */
async function assignmentStart(db: Db, userId: string, assignmentId: string, now: number) {
  const { assignment, override, submittedCount, open } = await assignmentStartReads(db, userId, assignmentId);
  if (!assignment) throw notFound("assignment");
  // The student's accommodation (more time, attempts, another window) is part of every rule below.
  const a = applyOverride(assignment, override);
  const effective = effectiveRules(a);
  const rules = attemptRulesOf(effective);
  // `othersOpen`: an attempt on the assignment still open when this one starts (just closed as overdue, or on a module
  // the instructor has since changed) counts as used like a submitted one.
  const check = (othersOpen: number) => {
    const block = startBlock(effective, submittedCount + othersOpen, now);
    if (block === "not_open_yet") throw conflict(`This assignment opens at ${iso(effective.opensAt)}.`, block);
    if (block === "past_due") throw conflict("The due date of this assignment has passed.", block);
    if (block === "attempt_limit") throw conflict(`All ${effective.maxAttempts} attempts are used.`, block);
  };
  return { moduleSlug: a.moduleSlug, assignmentId: a.id, rules, check, open };
}

/** A removed student's attempt on the class's assignment: removal closed it, and it takes nothing more. */
const notInClass = () =>
  conflict("You are no longer in this class: the attempt was closed with the answers saved until then.", "not_in_class");

const tags = ["Attempts"];

export const attemptRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/attempts",
      operationId: "startAttempt",
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
      const start =
        body.assignmentId !== undefined
          ? await assignmentStart(db, user.id, body.assignmentId, now)
          : await practiceStart(db, user.id, body.module as string, now);
      const { moduleSlug, assignmentId, rules, open } = start;
      const openKey = `${user.id}:${moduleSlug}:${assignmentId ?? ""}`;
      // An open attempt on an older module of the assignment (the instructor changed it) is not this one.
      if (open && open.attempt.openKey === openKey) {
        if (!isOverdue(open.attempt.deadline, now)) return c.json(attemptView(open.attempt, open.answers, now), 200);
        // Past its deadline: close it (the lazy half of finalisation) and start a fresh one below.
        await close(db, open, open.attempt.deadline as number);
      }
      start.check(open ? 1 : 0);
      const seed = randomSeed();
      const snapshot = serveAttempt(course, moduleSlug, seed, rules.mode);
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
      if ((await insertAttempt(db, row)) === null) {
        // Another tap started it a moment ago: resume that one.
        const other = await openAttemptId(db, openKey);
        if (!other) throw conflict("Starting the attempt collided with another request; try again.", "start_conflict");
        const loaded = await ownAttempt(db, other, user.id);
        return c.json(attemptView(loaded.attempt, loaded.answers, now), 200);
      }
      return c.json(attemptView({ ...row, submittedAt: null, score: null, maxScore: null, closeReason: null }, [], now), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/attempts",
      operationId: "listAttempts",
      tags,
      security: signedIn,
      summary: "My attempts, newest first",
      responses: { 200: jsonContent(AttemptList, "Attempts"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      const rows = await listOwnAttempts(c.var.db, user.id);
      return c.json({ attempts: rows.map((r) => attemptSummary(r, r.answered)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/attempts/{id}",
      operationId: "getAttempt",
      tags,
      security: signedIn,
      summary: "One of my attempts: questions as served and my saved answers (to resume)",
      request: { params: IdParam },
      responses: { 200: jsonContent(AttemptView, "The attempt"), ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const now = Date.now();
      const { attempt, answers: saved } = await loadFresh(c.var.db, c.req.valid("param").id, user.id, now, ownAttempt);
      return c.json(attemptView(attempt, saved, now), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/attempts/{id}/answers/{questionId}",
      operationId: "saveAnswer",
      tags,
      security: signedIn,
      summary: "Autosave one answer; saving the same answer again is harmless",
      request: { params: AnswerParams, body: jsonBody(SaveBody) },
      responses: {
        200: jsonContent(SaveAnswerResponse, "Saved; in practice mode with this question's feedback"),
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
        const loaded = await ownAttempt(db, id, user.id);
        if (loaded.attempt.status !== "open") return closed();
        await close(db, loaded, loaded.attempt.deadline as number);
        return conflict("Time is up: the deadline of this attempt has passed and it was submitted.", "deadline_passed");
      };
      // What never changes about the attempt (owner, mode, questions) comes from this isolate's cache when it served
      // a save of this attempt before, and the save is then one round trip; otherwise from D1, which checks
      // ownership, status and deadline first. Status and deadline are never cached: the write checks them itself.
      let facts = attemptFacts.get(id, now);
      if (!facts || facts.userId !== user.id) {
        const { attempt } = await ownAttempt(db, id, user.id);
        if (attempt.status !== "open") throw closed();
        if (isOverdue(attempt.deadline, now)) throw await timeUp();
        facts = { userId: attempt.userId, mode: attempt.mode, snapshot: attempt.snapshot };
        attemptFacts.set(id, facts, now + ATTEMPT_FACTS_TTL_MS);
      }
      const question = facts.snapshot.find((q) => q.served.id === questionId);
      if (!question) throw notFound("question in this attempt");
      const parsed = parseAnswer(question.served, body.answer);
      if (!parsed.ok) throw badRequest(`Invalid answer: it ${parsed.message}.`, [{ path: "answer", message: parsed.message }]);
      const { kept, state } = await saveAnswer(db, {
        attemptId: id,
        userId: user.id,
        questionId,
        answer: parsed.value,
        revision: body.revision,
        score: gradeAnswer(question.key, parsed.value).score,
        now,
        graceMs: DEADLINE_GRACE_MS,
      });
      if (!state) {
        attemptFacts.delete(id);
        throw notFound("attempt");
      }
      if (kept === null && !state.member) throw notInClass();
      if (kept === null && state.status !== "open") throw closed();
      if (kept === null && isOverdue(state.deadline, now)) throw await timeUp();
      return c.json(
        {
          saved: true as const,
          questionId,
          // A stale save (not kept) is acknowledged with its own revision; the newer stored answer stands.
          revision: kept ?? body.revision ?? 0,
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
      operationId: "submitAttempt",
      tags,
      security: signedIn,
      summary: "Submit and grade; submitting again returns the same result",
      request: { params: IdParam },
      responses: { 200: jsonContent(SubmitResponse, "Graded"), ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const now = Date.now();
      // With the assignment's review rules as they are now: the review in the response follows them.
      const loaded = await ownAttemptReviewed(c.var.db, c.req.valid("param").id, user.id);
      let graded: AttemptWithAnswers = loaded;
      let rules = loaded.reviewRules;
      if (loaded.attempt.status === "open") {
        if (!loaded.member) throw notInClass();
        // Past the deadline the grade is as of the deadline: answers could not change after it anyway.
        const at = isOverdue(loaded.attempt.deadline, now) ? (loaded.attempt.deadline as number) : now;
        // The graded attempt is read back in the same batch: two round trips in all.
        const done = await finalizeAndReread(c.var.db, loaded.attempt, closing(loaded, at), at);
        graded = done.reread ?? loaded;
        // The LMS hears of the grade right after this response; the cron retries what fails.
        if (done.gradeQueued) sendGradesSoon(c);
        rules = done.reread ? done.reviewRules : rules;
      }
      const { attempt, answers: saved, regrades } = graded;
      const review = attemptReview(attempt, saved, now, reviewRulesOf(rules) ?? attempt.rules, regrades);
      return c.json({ attempt: fullSummary(attempt, saved.length), review: review.showsKey ? review : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/attempts/{id}/review",
      operationId: "getAttemptReview",
      tags,
      security: signedIn,
      summary: "Review a submitted attempt; correct answers and explanations as the review policy allows",
      request: { params: IdParam },
      responses: { 200: jsonContent(AttemptReview, "The review"), ...problems(401, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c);
      const now = Date.now();
      const id = c.req.valid("param").id;
      const { attempt, answers: saved, reviewRules, regrades } = await loadFresh(c.var.db, id, user.id, now, ownAttemptReviewed);
      if (attempt.status !== "submitted") throw conflict("Submit the attempt to review it.", "attempt_open");
      return c.json(attemptReview(attempt, saved, now, reviewRulesOf(reviewRules) ?? attempt.rules, regrades), 200);
    },
  );
