import { createExecutionContext, createScheduledController, env } from "cloudflare:test";
import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import type { CompiledCourse } from "../../lessons/types.ts";
import { course } from "../../worker/course.ts";
import type { Answer, SnapshotQuestion } from "../../worker/domain/serve.ts";
import worker from "../../worker/index.ts";
import { answerFromKey, guessAnswer } from "../shared/answers.ts";
import { expectContract } from "./contract.ts";
import { api, bodyAt, call, expectProblem, signUp, type TestUser } from "./helpers.ts";

// Request and response types from the routes themselves (AppType), not written again here.
type Client = ReturnType<typeof api>;
type Attempt = InferResponseType<Client["attempts"]["$post"], 201>;
type Served = Attempt["questions"][number];
type Saved = InferResponseType<Client["attempts"][":id"]["answers"][":questionId"]["$put"], 200>;
type Review = InferResponseType<Client["attempts"][":id"]["review"]["$get"], 200>;
type StartRequest = InferRequestType<Client["attempts"]["$post"]>["json"];
type AssignmentRequest = InferRequestType<Client["classes"][":id"]["assignments"]["$post"]>["json"];

/** The correct answer for a served question, found by asking the snapshot stored in D1 (tests only). */
async function keyOf(attemptId: string, questionId: string): Promise<Answer> {
  const row = await env.DB.prepare("SELECT snapshot FROM attempts WHERE id = ?").bind(attemptId).first<{ snapshot: string }>();
  const q = (JSON.parse(row?.snapshot ?? "[]") as SnapshotQuestion[]).find((s) => s.served.id === questionId) as SnapshotQuestion;
  return answerFromKey(q.key, { decimalComma: true });
}

/** A shape-valid but (usually) wrong answer. */
const someAnswer = (q: Served) => guessAnswer(q);

const start = (user: TestUser, json: StartRequest) => api(user).attempts.$post({ json });

/** A started (or resumed) attempt as served. */
const started = async (user: TestUser, json: StartRequest) => bodyAt(await start(user, json), 200, 201);

const attemptOf = (user: TestUser | undefined, id: string) => api(user).attempts[":id"].$get({ param: { id } });
const submit = (user: TestUser, id: string) => api(user).attempts[":id"].submit.$post({ param: { id } });
const reviewOf = (user: TestUser, id: string) => api(user).attempts[":id"].review.$get({ param: { id } });

const save = (user: TestUser, attemptId: string, questionId: string, answer: Answer, revision?: number) =>
  api(user).attempts[":id"].answers[":questionId"].$put({
    param: { id: attemptId, questionId },
    json: { answer, ...(revision === undefined ? {} : { revision }) },
  });

async function assignmentFor(teacher: TestUser, student: TestUser, rules: Partial<AssignmentRequest>) {
  const k = await bodyAt(await api(teacher).classes.$post({ json: { name: "Quiz class" } }), 201);
  await api(student).classes.join.$post({ json: { code: k.class.joinCode ?? "" } });
  const res = await api(teacher).classes[":id"].assignments.$post({
    param: { id: k.class.id },
    json: {
      module: "achievements-2019",
      mode: "assessment",
      timeZone: "UTC",
      gradingMethod: "best",
      reviewPolicy: "after_submit",
      ...rules,
    },
  });
  expect(res.status).toBe(201);
  return (await bodyAt(res, 201)).assignment.id;
}

describe("POST /api/attempts (practice on a module)", () => {
  let student: TestUser;
  beforeAll(async () => {
    student = await signUp("student");
  });

  it("serves the module's practice questions with no key, and resumes the open attempt", async () => {
    const first = await start(student, { module: "copying-to-innovation" });
    expect(first.status).toBe(201);
    const a = await bodyAt(first, 201);
    const bank = (course as CompiledCourse).modules.find((m) => m.slug === "copying-to-innovation");
    const practice = bank?.questionIds.filter((id) => !course.questions[id]?.assessmentOnly) ?? [];
    expect(a.questions.map((q) => q.id).sort()).toEqual([...practice].sort());
    expect(a).toMatchObject({ mode: "practice", status: "open", deadline: null });
    const text = JSON.stringify(a);
    for (const field of ['"answer"', '"answers":{"', '"key"', '"explanation"', '"correct"', '"pairs"', '"accepted"'])
      expect(text).not.toContain(field);
    const again = await start(student, { module: "copying-to-innovation" });
    expect(again.status).toBe(200);
    expect((await bodyAt(again, 200)).id).toBe(a.id);
  });

  it("400 names the field for bad starts", async () => {
    const both = await expectProblem(await start(student, { module: "risks", assignmentId: "x" }), 400);
    expect(both.errors?.[0]?.path).toBe("module");
    const unknown = await expectProblem(await start(student, { module: "nope" }), 400);
    expect(unknown.errors?.[0]?.path).toBe("module");
  });

  it("practice autosave returns feedback; the same save twice is harmless; a stale revision never wins", async () => {
    const a = await started(student, { module: "risks" });
    const q = a.questions[0] as Served;
    const right = await keyOf(a.id, q.id);
    const r1 = await bodyAt(await save(student, a.id, q.id, right, 5), 200);
    expect(r1.feedback?.correct).toBe(true);
    expect(r1.feedback?.explanation.ru.length).toBeGreaterThan(0);
    await save(student, a.id, q.id, right, 5);
    const stale = await save(student, a.id, q.id, someAnswer(q), 2);
    expect(stale.status).toBe(200);
    const resumed = await bodyAt(await attemptOf(student, a.id), 200);
    expect(resumed.answers[q.id]).toEqual({ answer: right, revision: 5 });
    expect(resumed.feedback[q.id]?.correct).toBe(true);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM answers WHERE attempt_id = ?").bind(a.id).first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("a text answer with a one-letter slip is right, marked as a typo in the feedback and in the review", async () => {
    // A practice text question whose first variant is one word of 6+ letters: dropping its last letter is one slip.
    const oneWord = (q: CompiledCourse["questions"][string]) =>
      q.type === "text" && !q.assessmentOnly && q.typos && /^\p{L}{6,}$/u.test(q.answers.ru[0] ?? "");
    const source = Object.values((course as CompiledCourse).questions).find(oneWord);
    expect(source, "a practice text question with a one-word answer of 6+ letters").toBeDefined();
    const typoStudent = await signUp("student");
    const a = await started(typoStudent, { module: source?.moduleSlug });
    const row = await env.DB.prepare("SELECT snapshot FROM attempts WHERE id = ?").bind(a.id).first<{ snapshot: string }>();
    const snapshot = JSON.parse(row?.snapshot ?? "[]") as SnapshotQuestion[];
    const target = snapshot.find((q) => q.served.id === source?.id);
    const { served, key } = target as SnapshotQuestion;
    const slipped = (key.type === "text" ? (key.accepted[0] as string) : "").slice(0, -1);
    const path = `/api/attempts/${a.id}/answers/${served.id}`;
    const res = await save(typoStudent, a.id, served.id, slipped);
    const body = (await expectContract("PUT", "/api/attempts/{id}/answers/{questionId}", res)) as Saved;
    expect(body.feedback, path).toMatchObject({ correct: true, typo: true, score: 1 });
    const exact = await bodyAt(await save(typoStudent, a.id, served.id, await keyOf(a.id, served.id)), 200);
    expect(exact.feedback).not.toHaveProperty("typo");
    await save(typoStudent, a.id, served.id, slipped);
    await submit(typoStudent, a.id);
    const review = (await expectContract("GET", "/api/attempts/{id}/review", await reviewOf(typoStudent, a.id))) as Review;
    expect(review.items.filter((i) => i.typo).map((i) => i.question.id)).toEqual([served.id]);
  });

  it("refuses answers of the wrong shape (400 on answer) and unknown questions (404)", async () => {
    const a = await started(student, { module: "prospects" });
    const q = a.questions.find((x) => x.type === "single") as Served;
    const bad = await expectProblem(await save(student, a.id, q.id, "zzzz"), 400);
    expect(bad.errors?.[0]?.path).toBe("answer");
    // Raw: bodies the typed client will not build (an answer of no answer type, no answer at all).
    const path = `/api/attempts/${a.id}/answers/${q.id}`;
    await expectProblem(await call(path, { method: "PUT", cookie: student.cookie, body: { answer: { toString: 1 } } }), 400);
    await expectProblem(await call(path, { method: "PUT", cookie: student.cookie, body: {} }), 400);
    await expectProblem(await save(student, a.id, "m9-q99", "a"), 404);
  });
});

describe("submit and review", () => {
  it("grades on the server once: submitting twice returns the same result", async () => {
    const student = await signUp("student");
    const a = await started(student, { module: "success-factors" });
    const [q1, q2] = a.questions as [Served, Served];
    await save(student, a.id, q1.id, await keyOf(a.id, q1.id));
    await save(student, a.id, q2.id, someAnswer(q2));
    const first = await bodyAt(await submit(student, a.id), 200);
    expect(first.attempt.result?.maxScore).toBe(a.questions.length);
    expect(first.attempt.result?.score).toBeGreaterThanOrEqual(1);
    expect(first.review?.items).toHaveLength(a.questions.length);
    const second = await bodyAt(await submit(student, a.id), 200);
    expect(second.attempt.result).toEqual(first.attempt.result);
    await expectProblem(await save(student, a.id, q2.id, someAnswer(q2)), 409);
    // Missed questions entered the learner's review deck.
    const deck = await env.DB.prepare("SELECT count(*) AS n FROM review_cards WHERE user_id = ?").bind(student.id).first<{ n: number }>();
    // q2's made-up answer may happen to be right (a true/false "false"), so count the misses the review shows.
    expect(deck?.n).toBe(first.review?.items.filter((i) => (i.score ?? 0) < 1).length);
    expect(deck?.n).toBeGreaterThanOrEqual(a.questions.length - 2);
  });

  it("concurrent double submits grade exactly once", async () => {
    const student = await signUp("student");
    const a = await started(student, { module: "conclusion" });
    const results = await Promise.all([1, 2, 3].map(() => submit(student, a.id)));
    const bodies = await Promise.all(results.map((r) => bodyAt(r, 200)));
    expect(new Set(bodies.map((b) => JSON.stringify(b.attempt.result))).size).toBe(1);
  });

  it("review of an open attempt is a 409; another user's attempt is a 404 everywhere", async () => {
    const owner = await signUp("student");
    const other = await signUp("student");
    const teacher = await signUp("instructor");
    const a = await started(owner, { module: "state-visit-2019" });
    await expectProblem(await reviewOf(owner, a.id), 409);
    const q = a.questions[0] as Served;
    for (const user of [other, teacher]) {
      await expectProblem(await attemptOf(user, a.id), 404);
      await expectProblem(await save(user, a.id, q.id, someAnswer(q)), 404);
      await expectProblem(await submit(user, a.id), 404);
      await expectProblem(await reviewOf(user, a.id), 404);
    }
    await expectProblem(await attemptOf(undefined, a.id), 401);
    const list = await bodyAt(await api(other).attempts.$get(), 200);
    expect(list.attempts.map((x) => x.id)).not.toContain(a.id);
  });

  it("lists my attempts newest first with their question and answer counts", async () => {
    const student = await signUp("student");
    const first = await started(student, { module: "state-visit-2019" });
    const q = first.questions[0] as Served;
    expect((await save(student, first.id, q.id, someAnswer(q), 1)).status).toBe(200);
    // Started a minute apart, so "newest first" has one answer however fast the two requests run.
    await env.DB.prepare("UPDATE attempts SET started_at = started_at - 60000 WHERE id = ?").bind(first.id).run();
    const second = await started(student, { module: "copying-to-innovation" });
    const list = await bodyAt(await api(student).attempts.$get(), 200);
    expect(list.attempts.map((x) => [x.id, x.questionCount, x.answeredCount, x.status])).toEqual([
      [second.id, second.questions.length, 0, "open"],
      [first.id, first.questions.length, 1, "open"],
    ]);
  });
});

describe("assignments: limits, windows, deadlines, review policy", () => {
  let teacher: TestUser;
  beforeAll(async () => {
    teacher = await signUp("instructor");
  });

  it("enforces the attempt limit, opens-at and due-at with 409 and a reason", async () => {
    const student = await signUp("student");
    const limited = await assignmentFor(teacher, student, { maxAttempts: 1 });
    const a = await started(student, { assignmentId: limited });
    expect(a.mode).toBe("assessment");
    await submit(student, a.id);
    expect((await expectProblem(await start(student, { assignmentId: limited }), 409)).reason).toBe("attempt_limit");
    const future = await assignmentFor(teacher, student, { opensAt: "2099-01-01T00:00" });
    expect((await expectProblem(await start(student, { assignmentId: future }), 409)).reason).toBe("not_open_yet");
    const past = await assignmentFor(teacher, student, { opensAt: "2020-01-01T00:00", dueAt: "2020-02-01T00:00" });
    expect((await expectProblem(await start(student, { assignmentId: past }), 409)).reason).toBe("past_due");
    const stranger = await signUp("student");
    await expectProblem(await start(stranger, { assignmentId: limited }), 404);
  });

  it("assessment saves say nothing of the key; answers after the deadline are refused and the attempt is closed", async () => {
    const student = await signUp("student");
    const timed = await assignmentFor(teacher, student, { timeLimitMinutes: 10 });
    const a = await started(student, { assignmentId: timed });
    expect(a.deadline).not.toBeNull();
    const q = a.questions[0] as Served;
    const saved = await bodyAt(await save(student, a.id, q.id, await keyOf(a.id, q.id)), 200);
    expect(saved.feedback).toBeNull();
    // Within the grace period the answer still counts.
    await env.DB.prepare("UPDATE attempts SET deadline = ? WHERE id = ?")
      .bind(Date.now() - 5_000, a.id)
      .run();
    expect((await save(student, a.id, q.id, await keyOf(a.id, q.id))).status).toBe(200);
    await env.DB.prepare("UPDATE attempts SET deadline = ? WHERE id = ?")
      .bind(Date.now() - 60_000, a.id)
      .run();
    expect((await expectProblem(await save(student, a.id, q.id, someAnswer(q)), 409)).reason).toBe("deadline_passed");
    const after = await bodyAt(await attemptOf(student, a.id), 200);
    expect(after.status).toBe("submitted");
    expect(after.result?.score).toBe(1);
    expect(after.result?.closeReason).toBe("time_up");
  });

  it("the result says how the attempt closed: submitted before the deadline, time up after it (a device's late submit too)", async () => {
    const student = await signUp("student");
    const timed = await assignmentFor(teacher, student, { timeLimitMinutes: 10 });
    const onTime = await started(student, { assignmentId: timed });
    const mine = await bodyAt(await submit(student, onTime.id), 200);
    expect(mine.attempt.result?.closeReason).toBe("submitted");
    await expectContract("POST", `/api/attempts/${onTime.id}/submit`, await submit(student, onTime.id));
    // The device submits when its countdown reaches zero: within the grace, after the deadline.
    const late = await started(student, { assignmentId: timed });
    await env.DB.prepare("UPDATE attempts SET deadline = ? WHERE id = ?")
      .bind(Date.now() - 5_000, late.id)
      .run();
    const auto = await bodyAt(await submit(student, late.id), 200);
    expect(auto.attempt.result?.closeReason).toBe("time_up");
    const review = await reviewOf(student, late.id);
    await expectContract("GET", `/api/attempts/${late.id}/review`, review);
    expect((await bodyAt(review, 200)).attempt.result?.closeReason).toBe("time_up");
    const list = await bodyAt(await api(student).attempts.$get(), 200);
    expect(Object.fromEntries(list.attempts.map((x) => [x.id, x.result?.closeReason]))).toEqual({
      [onTime.id]: "submitted",
      [late.id]: "time_up",
    });
  });

  it("an overdue attempt nobody touches is finalised by the cron", async () => {
    const student = await signUp("student");
    const timed = await assignmentFor(teacher, student, { timeLimitMinutes: 5 });
    const a = await started(student, { assignmentId: timed });
    await env.DB.prepare("UPDATE attempts SET deadline = ? WHERE id = ?")
      .bind(Date.now() - 120_000, a.id)
      .run();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" }), env, createExecutionContext());
    const row = await env.DB.prepare("SELECT status, score, close_reason FROM attempts WHERE id = ?")
      .bind(a.id)
      .first<{ status: string; score: number }>();
    expect(row).toEqual({ status: "submitted", score: 0, close_reason: "time_up" });
    // The result and review say so, as they do for an attempt closed on access.
    const review = await bodyAt(await reviewOf(student, a.id), 200);
    expect(review.attempt.result?.closeReason).toBe("time_up");
  });

  it("after_due hides correct answers until the due date; never hides them for good", async () => {
    const student = await signUp("student");
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const later = await assignmentFor(teacher, student, { reviewPolicy: "after_due", dueAt: due });
    const a = await started(student, { assignmentId: later });
    const submitted = await bodyAt(await submit(student, a.id), 200);
    expect(submitted.review).toBeNull();
    const review = await bodyAt(await reviewOf(student, a.id), 200);
    expect(review.showsKey).toBe(false);
    expect(review.keyAvailableAt).toBe(due);
    expect(review.items.every((i) => i.correctAnswer === null && i.explanation === null && i.score === null)).toBe(true);
    // Once the due date passes the key appears: the review reads the assignment's due date as it is now.
    await env.DB.prepare("UPDATE assignments SET due_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, later)
      .run();
    const open = await bodyAt(await reviewOf(student, a.id), 200);
    expect(open.showsKey).toBe(true);
    expect(open.items.every((i) => i.correctAnswer !== null)).toBe(true);
  });

  it("the review deck follows the policy: no card from an assessment's secret questions; a gated card waits for the due date and refuses early answers", async () => {
    const student = await signUp("student");
    const never = await assignmentFor(teacher, student, { reviewPolicy: "never" });
    const a = await started(student, { assignmentId: never });
    await submit(student, a.id);
    const due = Date.now() + 86_400_000;
    const later = await assignmentFor(teacher, student, { reviewPolicy: "after_due", dueAt: new Date(due).toISOString() });
    const b = await started(student, { assignmentId: later });
    await submit(student, b.id);
    const none = await env.DB.prepare("SELECT count(*) AS n FROM review_cards WHERE user_id = ?").bind(student.id).first<{ n: number }>();
    expect(none?.n).toBe(0);
    // A card gated by the after_due assessment (as a practice question topping up a small secret pool would be).
    const practised = (course.modules.find((m) => m.slug === "achievements-2019")?.questionIds ?? []).find(
      (id) => !course.questions[id]?.assessmentOnly,
    ) as string;
    await env.DB.prepare(
      "INSERT INTO review_cards (user_id, question_id, module_slug, card, due, created_at, assignment_id) VALUES (?, ?, ?, ?, ?, 0, ?)",
    )
      .bind(student.id, practised, "achievements-2019", JSON.stringify({ due: new Date(due).toISOString(), reps: 0, state: 0 }), due, later)
      .run();
    const dueNow = await bodyAt(await api(student).review.due.$get({ query: {} }), 200);
    expect(dueNow.due).toBe(0);
    const early = await api(student).review[":questionId"].$post({ param: { questionId: practised }, json: { answer: "a", seed: 1 } });
    const problem = await expectProblem(early, 409);
    expect(problem.reason).toBe("not_due");
    expect(JSON.stringify(problem)).not.toContain("explanation");
  });

  it("editing the assignment later does not change an attempt already started", async () => {
    const student = await signUp("student");
    const id = await assignmentFor(teacher, student, { timeLimitMinutes: 30 });
    const a = await started(student, { assignmentId: id });
    const classId = (await env.DB.prepare("SELECT class_id FROM assignments WHERE id = ?").bind(id).first<{ class_id: string }>())
      ?.class_id as string;
    const edited = await api(teacher).classes[":id"].assignments[":assignmentId"].$patch({
      param: { id: classId, assignmentId: id },
      json: { timeLimitMinutes: 1, reviewPolicy: "never" },
    });
    expect(edited.status).toBe(200);
    const again = await bodyAt(await attemptOf(student, a.id), 200);
    expect(again.deadline).toBe(a.deadline);
  });
});

describe("an attempt keeps its snapshot when the course changes", () => {
  const MODULE = "conclusion";
  const live = course as CompiledCourse;

  /** Every question of the module rewritten (texts and keys) and one removed, as an author's later edit would. */
  function editCourse(): () => void {
    const module = live.modules.find((m) => m.slug === MODULE) as CompiledCourse["modules"][number];
    const bank = module.questionIds;
    const saved = new Map(bank.map((id) => [id, live.questions[id]]));
    for (const id of bank) {
      const q = live.questions[id];
      if (!q) continue;
      const edited = { ...q, prompt: { ru: `ИЗМЕНЕНО ${id}`, en: `EDITED ${id}` }, explanation: { ru: "Новое", en: "New" } };
      switch (edited.type) {
        case "single":
          edited.answer = edited.options.find((o) => o.id !== edited.answer)?.id ?? edited.answer;
          break;
        case "multiple":
          edited.answer = edited.options.filter((o) => !edited.answer.includes(o.id)).map((o) => o.id);
          break;
        case "truefalse":
          edited.answer = !edited.answer;
          break;
        case "numeric":
          edited.answer += 1;
          break;
        case "text":
          edited.answers = { ru: ["совсем другое"], en: ["something else"] };
          break;
        case "ordering":
          edited.items = [...edited.items].reverse();
          break;
        case "matching":
          edited.pairs = edited.pairs.map((p, i, all) => ({ ...p, right: (all[(i + 1) % all.length] as typeof p).right }));
          break;
      }
      live.questions[id] = edited;
    }
    const removed = bank[0] as string;
    delete live.questions[removed];
    module.questionIds = bank.slice(1);
    return () => {
      module.questionIds = bank;
      for (const [id, q] of saved) if (q) live.questions[id] = q;
    };
  }

  it("serves, grades and reviews from the snapshot, and the stored snapshot stays byte for byte the same", async () => {
    const student = await signUp("student");
    const a = await started(student, { module: MODULE });
    const snapshotRow = () => env.DB.prepare("SELECT snapshot FROM attempts WHERE id = ?").bind(a.id).first<{ snapshot: string }>();
    const before = (await snapshotRow())?.snapshot;
    const rights = new Map<string, Answer>();
    for (const q of a.questions) rights.set(q.id, await keyOf(a.id, q.id));
    const [first, ...rest] = a.questions as [Served, ...Served[]];
    expect((await save(student, a.id, first.id, rights.get(first.id) as Answer)).status).toBe(200);

    const restore = editCourse();
    try {
      // The Worker does see the edited course: a new attempt of another student is served the new texts.
      const other = await signUp("student");
      const fresh = await started(other, { module: MODULE });
      expect(fresh.questions).toHaveLength(a.questions.length - 1);
      expect(fresh.questions.every((q) => q.prompt.en.startsWith("EDITED "))).toBe(true);

      const resumed = await bodyAt(await attemptOf(student, a.id), 200);
      expect(resumed.questions).toEqual(a.questions);
      expect(resumed.feedback[first.id]).toMatchObject({ correct: true });
      for (const q of rest) {
        const res = await save(student, a.id, q.id, rights.get(q.id) as Answer);
        expect(res.status, q.id).toBe(200);
        expect((await bodyAt(res, 200)).feedback?.correct, q.id).toBe(true);
      }
      const submitted = await bodyAt(await submit(student, a.id), 200);
      expect(submitted.attempt.result).toMatchObject({ score: a.questions.length, maxScore: a.questions.length });
      const review = await bodyAt(await reviewOf(student, a.id), 200);
      expect(review.items.map((i) => i.question)).toEqual(a.questions);
      expect(review.items.every((i) => i.correct && i.explanation !== null && i.explanation.en !== "New")).toBe(true);
      expect((await snapshotRow())?.snapshot).toBe(before);
    } finally {
      restore();
    }
  });
});

describe("autosave from the isolate's attempt cache (worker/domain/attemptFacts.ts)", () => {
  /** A save sent to the Worker in bench mode, which reports its D1 round trips (raw: api() cannot change the Worker's env). */
  async function countedSave(user: TestUser, attemptId: string, questionId: string, answer: Answer, revision?: number) {
    const request = new Request(`http://localhost/api/attempts/${attemptId}/answers/${questionId}`, {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: user.cookie, origin: "http://localhost" },
      body: JSON.stringify({ answer, ...(revision === undefined ? {} : { revision }) }),
    });
    const res = await worker.fetch(request, { ...env, QADAM_BENCH: "1" } as unknown as typeof env, createExecutionContext());
    return { res, trips: Number(res.headers.get("x-d1-roundtrips")) };
  }

  it("reads the attempt once; later saves of it are one round trip", async () => {
    const student = await signUp("student");
    const a = await started(student, { module: "copying-to-innovation" });
    const [q1, q2] = a.questions as [Served, Served];
    const first = await countedSave(student, a.id, q1.id, someAnswer(q1), 1);
    expect(first.res.status).toBe(200);
    expect(first.trips).toBe(2);
    const second = await countedSave(student, a.id, q2.id, someAnswer(q2), 1);
    expect(second.res.status).toBe(200);
    expect(second.trips).toBe(1);
    const stored = await env.DB.prepare("SELECT question_id AS q FROM answers WHERE attempt_id = ? ORDER BY q")
      .bind(a.id)
      .all<{ q: string }>();
    expect(stored.results.map((r) => r.q).sort()).toEqual([q1.id, q2.id].sort());
  });

  it("without a revision, a save follows the stored one; a stale revision is acknowledged and changes nothing", async () => {
    const student = await signUp("student");
    const a = await started(student, { module: "copying-to-innovation" });
    const q = a.questions[0] as Served;
    const revisionOf = async (res: Awaited<ReturnType<typeof save>>) => (await bodyAt(res, 200)).revision;
    expect(await revisionOf(await save(student, a.id, q.id, someAnswer(q)))).toBe(1);
    expect(await revisionOf(await save(student, a.id, q.id, someAnswer(q)))).toBe(2);
    expect(await revisionOf(await save(student, a.id, q.id, someAnswer(q), 10))).toBe(10);
    expect(await revisionOf(await save(student, a.id, q.id, someAnswer(q)))).toBe(11);
    const stale = await save(student, a.id, q.id, someAnswer(q), 3);
    expect(stale.status).toBe(200);
    const row = await env.DB.prepare("SELECT revision FROM answers WHERE attempt_id = ? AND question_id = ?")
      .bind(a.id, q.id)
      .first<{ revision: number }>();
    expect(row?.revision).toBe(11);
  });

  it("a cached attempt still refuses saves once submitted, and never serves another user", async () => {
    const student = await signUp("student");
    const other = await signUp("student");
    const a = await started(student, { module: "copying-to-innovation" });
    const q = a.questions[0] as Served;
    expect((await save(student, a.id, q.id, someAnswer(q), 1)).status).toBe(200);
    // The attempt's facts are cached now; someone else's save of it is still a 404 and writes nothing.
    await expectProblem(await save(other, a.id, q.id, someAnswer(q), 5), 404);
    expect((await submit(student, a.id)).status).toBe(200);
    expect((await expectProblem(await save(student, a.id, q.id, someAnswer(q), 2), 409)).reason).toBe("attempt_closed");
    const row = await env.DB.prepare("SELECT revision FROM answers WHERE attempt_id = ? AND question_id = ?")
      .bind(a.id, q.id)
      .first<{ revision: number }>();
    expect(row?.revision).toBe(1);
  });
});
