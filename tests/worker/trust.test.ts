// A grade is worth what the hardest-working cheater gets without learning: the ways to an assessment's key, to an
// extra attempt and past a removal, each tried as the review of December 2026 tried them against a running server.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { course } from "../../worker/course.ts";
import type { ServedQuestion } from "../../worker/domain/serve.ts";
import { guessAnswer } from "../shared/answers.ts";
import { expectContract } from "./contract.ts";
import { api, expectProblem, signUp, type TestUser } from "./helpers.ts";

const MODULE = "achievements-2019";
const MINUTE = 60_000;
const DAY = 86_400_000;
const bank = (slug: string) => course.modules.find((m) => m.slug === slug)?.questionIds ?? [];
const secret = (id: string) => course.questions[id]?.assessmentOnly === true;

let teacher: TestUser;
beforeAll(async () => {
  teacher = await signUp("instructor");
});

/** A class with `student` in it and one assessment on MODULE under `rules`; the ids. */
async function assessmentFor(student: TestUser, rules: Record<string, unknown> = {}) {
  const k = await (await api(teacher).classes.$post({ json: { name: "Trust class" } })).json();
  if (!("class" in k)) throw new Error("class not created");
  expect((await api(student).classes.join.$post({ json: { code: k.class.joinCode ?? "" } })).status).toBe(200);
  const created = await api(teacher).classes[":id"].assignments.$post({
    param: { id: k.class.id },
    json: { module: MODULE, mode: "assessment", timeZone: "UTC", gradingMethod: "best", reviewPolicy: "after_submit", ...rules },
  });
  expect(created.status).toBe(201);
  const body = await created.json();
  if (!("assignment" in body)) throw new Error("assignment not created");
  return { classId: k.class.id, assignmentId: body.assignment.id };
}

const startOn = (user: TestUser, json: { module: string } | { assignmentId: string }) => api(user).attempts.$post({ json });

async function started(user: TestUser, json: { module: string } | { assignmentId: string }) {
  const res = await startOn(user, json);
  expect([200, 201]).toContain(res.status);
  const body = await res.json();
  if (!("questions" in body)) throw new Error("no attempt");
  return body;
}

const saveAny = (user: TestUser, attemptId: string, q: ServedQuestion) =>
  api(user).attempts[":id"].answers[":questionId"].$put({ param: { id: attemptId, questionId: q.id }, json: { answer: guessAnswer(q) } });

const submit = (user: TestUser, id: string) => api(user).attempts[":id"].submit.$post({ param: { id } });
const review = (user: TestUser, id: string) => api(user).attempts[":id"].review.$get({ param: { id } });

describe("practice never reveals an assessment's key", () => {
  it("every module has a secret pool, and practice (the final test too) serves none of it", async () => {
    const student = await signUp("student");
    for (const m of course.modules.filter((x) => x.kind === "lesson")) expect(bank(m.slug).filter(secret).length).toBeGreaterThanOrEqual(8);
    for (const slug of [MODULE, "final-test"]) {
      const a = await started(student, { module: slug });
      expect(a.questions.length).toBeGreaterThan(0);
      expect(a.questions.filter((q) => secret(q.id))).toEqual([]);
    }
  });

  it("an assessment draws from the secret pool first, so no question of it was ever practised", async () => {
    const student = await signUp("student");
    const { assignmentId } = await assessmentFor(student);
    const a = await started(student, { assignmentId });
    expect(a.questions.length).toBe(bank(MODULE).filter(secret).length);
    expect(a.questions.every((q) => secret(q.id))).toBe(true);
  });

  it("practice on the module pauses while the assessment is open, with a reason and when it reopens; the attack ends at the start", async () => {
    const student = await signUp("student");
    // Practice begun before the assessment was assigned cannot be resumed for its feedback either.
    const before = await started(student, { module: MODULE });
    const dueAt = new Date(Date.now() + 2 * DAY).toISOString();
    const { assignmentId } = await assessmentFor(student, { reviewPolicy: "never", dueAt });
    const res = await startOn(student, { module: MODULE });
    const problem = (await expectContract("POST", "/api/attempts", res)) as { reason: string; reopensAt: string; detail: string };
    expect(res.status).toBe(409);
    expect(problem.reason).toBe("practice_paused");
    expect(problem.reopensAt).toBe(dueAt);
    expect(problem.detail).toContain(dueAt);
    // Other modules stay open for practice, and the assessment itself starts.
    expect((await startOn(student, { module: "risks" })).status).toBe(201);
    expect((await startOn(student, { assignmentId })).status).toBe(201);
    // Once the due date has passed, practice reopens (and resumes the attempt begun before).
    await env.DB.prepare("UPDATE assignments SET due_at = ? WHERE id = ?")
      .bind(Date.now() - MINUTE, assignmentId)
      .run();
    const after = await started(student, { module: MODULE });
    expect(after.id).toBe(before.id);
  });

  it("an assessment without a due date pauses practice until its last attempt is used", async () => {
    const student = await signUp("student");
    const { assignmentId } = await assessmentFor(student, { maxAttempts: 1 });
    const paused = await expectProblem(await startOn(student, { module: MODULE }), 409);
    expect(paused).toMatchObject({ reason: "practice_paused", reopensAt: null });
    const a = await started(student, { assignmentId });
    expect((await submit(student, a.id)).status).toBe(200);
    expect((await startOn(student, { module: MODULE })).status).toBe(201);
  });

  it("the deck never serves nor grades an assessment-only question, even from a card that exists", async () => {
    const student = await signUp("student");
    const hidden = bank(MODULE).find(secret) as string;
    await env.DB.prepare("INSERT INTO review_cards (user_id, question_id, module_slug, card, due, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(
        student.id,
        hidden,
        MODULE,
        JSON.stringify({ due: new Date(0).toISOString(), stability: 0, difficulty: 0, reps: 0, lapses: 0, state: 0 }),
        0,
        0,
      )
      .run();
    const due = await (await api(student).review.due.$get({ query: {} })).json();
    if (!("cards" in due)) throw new Error("no deck");
    expect(due.due).toBe(0);
    expect(due.cards).toEqual([]);
    const graded = await api(student).review[":questionId"].$post({ param: { questionId: hidden }, json: { answer: "a", seed: 1 } });
    expect(graded.status).toBe(404);
  });

  it("a submitted assessment adds no card for its secret questions", async () => {
    const student = await signUp("student");
    const { assignmentId } = await assessmentFor(student);
    const a = await started(student, { assignmentId });
    expect((await submit(student, a.id)).status).toBe(200);
    const cards = await env.DB.prepare("SELECT count(*) AS n FROM review_cards WHERE user_id = ?").bind(student.id).first<{ n: number }>();
    expect(cards?.n).toBe(0);
  });
});

describe("no attempt beyond maxAttempts", () => {
  it("an overdue open attempt counts: start, let the time run out, start again → 409", async () => {
    const student = await signUp("student");
    const { assignmentId } = await assessmentFor(student, { maxAttempts: 1, timeLimitMinutes: 1 });
    const first = await started(student, { assignmentId });
    // Past the limit and its grace, unsubmitted.
    await env.DB.prepare("UPDATE attempts SET deadline = ? WHERE id = ?")
      .bind(Date.now() - 5 * MINUTE, first.id)
      .run();
    const again = await expectProblem(await startOn(student, { assignmentId }), 409);
    expect(again.reason).toBe("attempt_limit");
    const attempts = await env.DB.prepare("SELECT status FROM attempts WHERE user_id = ?").bind(student.id).all<{ status: string }>();
    expect(attempts.results).toEqual([{ status: "submitted" }]);
  });
});

describe("the key follows the assignment's current due date", () => {
  it("after an extension the review keeps the key hidden past the old date, and the deck's cards wait for the new one", async () => {
    const student = await signUp("student");
    const oldDue = Date.now() + 1500;
    const { classId, assignmentId } = await assessmentFor(student, { reviewPolicy: "after_due", dueAt: new Date(oldDue).toISOString() });
    const a = await started(student, { assignmentId });
    await saveAny(student, a.id, a.questions[0] as ServedQuestion);
    const submitted = await (await submit(student, a.id)).json();
    expect("review" in submitted && submitted.review).toBeNull();
    // A card gated by this assessment, as one from a small pool's practice question would be (due at the old date).
    const practised = bank(MODULE).find((id) => !secret(id)) as string;
    await env.DB.prepare(
      "INSERT INTO review_cards (user_id, question_id, module_slug, card, due, created_at, assignment_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
      .bind(
        student.id,
        practised,
        MODULE,
        JSON.stringify({ due: new Date(oldDue).toISOString(), stability: 0, difficulty: 0, reps: 0, lapses: 0, state: 0 }),
        oldDue,
        0,
        assignmentId,
      )
      .run();
    const newDue = new Date(Date.now() + 7 * DAY).toISOString();
    const patched = await api(teacher).classes[":id"].assignments[":assignmentId"].$patch({
      param: { id: classId, assignmentId },
      json: { dueAt: newDue },
    });
    // A change of the due date alone keeps the other rules (the policy is not reset to its default).
    const changed = await patched.json();
    expect("assignment" in changed && changed.assignment.reviewPolicy).toBe("after_due");
    await new Promise((r) => setTimeout(r, Math.max(0, oldDue - Date.now()) + 100));

    const r = await (await review(student, a.id)).json();
    if (!("items" in r)) throw new Error("no review");
    expect(r.showsKey).toBe(false);
    expect(r.keyAvailableAt).toBe(newDue);
    expect(r.items.every((i) => i.correctAnswer === null && i.explanation === null)).toBe(true);

    const card = await env.DB.prepare("SELECT due FROM review_cards WHERE user_id = ?").bind(student.id).first<{ due: number }>();
    expect(card?.due).toBe(Date.parse(newDue));
    const due = await (await api(student).review.due.$get({ query: {} })).json();
    expect("due" in due && due.due).toBe(0);
    const early = await api(student).review[":questionId"].$post({ param: { questionId: practised }, json: { answer: "a", seed: 1 } });
    expect((await expectProblem(early, 409)).reason).toBe("not_due");

    // A classmate can still start; once the new date passes, the key shows.
    await env.DB.prepare("UPDATE assignments SET due_at = ? WHERE id = ?")
      .bind(Date.now() - MINUTE, assignmentId)
      .run();
    const later = await (await review(student, a.id)).json();
    expect("showsKey" in later && later.showsKey).toBe(true);
  });

  it("a policy made stricter after submitting hides the key again (review follows the assignment's current rules)", async () => {
    const student = await signUp("student");
    const { classId, assignmentId } = await assessmentFor(student, { reviewPolicy: "after_submit" });
    const a = await started(student, { assignmentId });
    await submit(student, a.id);
    await api(teacher).classes[":id"].assignments[":assignmentId"].$patch({
      param: { id: classId, assignmentId },
      json: { reviewPolicy: "never" },
    });
    const r = await (await review(student, a.id)).json();
    expect("showsKey" in r && r.showsKey).toBe(false);
  });
});

describe("a removed student's open attempt", () => {
  it("is closed at removal, graded with what was saved, and takes no more answers or submits", async () => {
    const student = await signUp("student");
    const { classId, assignmentId } = await assessmentFor(student);
    const a = await started(student, { assignmentId });
    const [q1, q2] = a.questions as [ServedQuestion, ServedQuestion];
    expect((await saveAny(student, a.id, q1)).status).toBe(200);

    const removed = await api(teacher).classes[":id"].members[":userId"].$delete({ param: { id: classId, userId: student.id } });
    expect(await expectContract("DELETE", `/api/classes/${classId}/members/${student.id}`, removed)).toEqual({
      userId: student.id,
      closedAttempts: 1,
    });
    const row = await env.DB.prepare("SELECT status, max_score, close_reason FROM attempts WHERE id = ?")
      .bind(a.id)
      .first<{ status: string; max_score: number }>();
    expect(row).toEqual({ status: "submitted", max_score: a.questions.length, close_reason: "removed" });

    const late = await saveAny(student, a.id, q2);
    expect((await expectProblem(late, 409)).reason).toBe("not_in_class");
    const saved = await env.DB.prepare("SELECT count(*) AS n FROM answers WHERE attempt_id = ?").bind(a.id).first<{ n: number }>();
    expect(saved?.n).toBe(1);
    // A submit returns the grade as of removal; the assignment itself is gone for them.
    expect((await submit(student, a.id)).status).toBe(200);
    expect((await startOn(student, { assignmentId })).status).toBe(404);
  });

  it("an attempt still open after removal (a start that raced it) takes no answer and no submit", async () => {
    const student = await signUp("student");
    const { classId, assignmentId } = await assessmentFor(student);
    const a = await started(student, { assignmentId });
    // The membership row alone goes, as if the start had landed just after the removal read the open attempts.
    await env.DB.prepare("DELETE FROM class_members WHERE class_id = ? AND user_id = ?").bind(classId, student.id).run();
    expect((await expectProblem(await saveAny(student, a.id, a.questions[0] as ServedQuestion), 409)).reason).toBe("not_in_class");
    expect((await expectProblem(await submit(student, a.id), 409)).reason).toBe("not_in_class");
  });
});
