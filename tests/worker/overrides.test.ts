// Per-student overrides (accommodations): the override is read at every rule read (start, autosave deadline, cron
// finalisation, review policy, deck, practice pause, dashboard, gradebook), applies to an attempt in progress at once,
// leaves with a removed student, and only the class's instructor may set or remove it.
import { createExecutionContext, createScheduledController, env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { course } from "../../worker/course.ts";
import type { ServedQuestion } from "../../worker/domain/serve.ts";
import worker from "../../worker/index.ts";
import { guessAnswer } from "../shared/answers.ts";
import { expectContract } from "./contract.ts";
import { api, call, expectProblem, signUp, type TestUser } from "./helpers.ts";

const MODULE = "achievements-2019";
const MINUTE = 60_000;
const DAY = 86_400_000;

let teacher: TestUser;
beforeAll(async () => {
  teacher = await signUp("instructor");
});

/** A class with the students in it and one assignment on MODULE under `rules`. */
async function classWith(students: TestUser[], rules: Record<string, unknown> = {}, owner = teacher) {
  const k = await (await api(owner).classes.$post({ json: { name: "Accommodations" } })).json();
  if (!("class" in k)) throw new Error("class not created");
  for (const s of students) expect((await api(s).classes.join.$post({ json: { code: k.class.joinCode ?? "" } })).status).toBe(200);
  const created = await api(owner).classes[":id"].assignments.$post({
    param: { id: k.class.id },
    json: { module: MODULE, mode: "assessment", timeZone: "Asia/Almaty", gradingMethod: "best", reviewPolicy: "after_submit", ...rules },
  });
  const body = await created.json();
  if (!("assignment" in body)) throw new Error("assignment not created");
  return { classId: k.class.id, assignmentId: body.assignment.id };
}

type Ids = { classId: string; assignmentId: string };
type OverrideInput = {
  extraMinutes?: number | null;
  timeFactor?: number | null;
  extraAttempts?: number | null;
  opensAt?: string | null;
  dueAt?: string | null;
};

const setOverride = (ids: Ids, userIds: string[], o: OverrideInput, as: TestUser = teacher) =>
  api(as).classes[":id"].assignments[":assignmentId"].overrides.$post({
    param: { id: ids.classId, assignmentId: ids.assignmentId },
    json: { userIds, ...o },
  });

const removeOverride = (ids: Ids, userId: string, as: TestUser = teacher) =>
  api(as).classes[":id"].assignments[":assignmentId"].overrides[":userId"].$delete({
    param: { id: ids.classId, assignmentId: ids.assignmentId, userId },
  });

async function override(ids: Ids, userIds: string[], o: OverrideInput) {
  const res = await setOverride(ids, userIds, o);
  expect(res.status).toBe(200);
  return expectContract("POST", `/api/classes/${ids.classId}/assignments/${ids.assignmentId}/overrides`, res);
}

const start = (user: TestUser, assignmentId: string) => api(user).attempts.$post({ json: { assignmentId } });
async function started(user: TestUser, assignmentId: string) {
  const res = await start(user, assignmentId);
  expect([200, 201]).toContain(res.status);
  const body = await res.json();
  if (!("questions" in body)) throw new Error("no attempt");
  return body;
}
const submit = (user: TestUser, id: string) => api(user).attempts[":id"].submit.$post({ param: { id } });
const save = (user: TestUser, id: string, q: ServedQuestion) =>
  api(user).attempts[":id"].answers[":questionId"].$put({ param: { id, questionId: q.id }, json: { answer: guessAnswer(q) } });
const overridesOf = async (userId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM assignment_overrides WHERE user_id = ?").bind(userId).first<{ n: number }>())?.n;
const iso = (ms: number) => new Date(ms).toISOString();

describe("POST /api/classes/:id/assignments/:assignmentId/overrides: start", () => {
  it("extra attempts lift the attempt limit for that student only", async () => {
    const [amir, bota] = [await signUp("student"), await signUp("student")];
    const ids = await classWith([amir, bota], { maxAttempts: 1 });
    for (const s of [amir, bota]) await submit(s, (await started(s, ids.assignmentId)).id);
    expect((await expectProblem(await start(amir, ids.assignmentId), 409)).reason).toBe("attempt_limit");
    await override(ids, [amir.id], { extraAttempts: 1 });
    expect((await start(amir, ids.assignmentId)).status).toBe(201);
    expect((await expectProblem(await start(bota, ids.assignmentId), 409)).reason).toBe("attempt_limit");
  });

  it("another window: an earlier opening and a later due date", async () => {
    const student = await signUp("student");
    const ids = await classWith([student], { opensAt: iso(Date.now() + DAY), dueAt: iso(Date.now() + 2 * DAY) });
    expect((await expectProblem(await start(student, ids.assignmentId), 409)).reason).toBe("not_open_yet");
    await override(ids, [student.id], { opensAt: iso(Date.now() - MINUTE) });
    expect((await start(student, ids.assignmentId)).status).toBe(201);

    const late = await signUp("student");
    const past = await classWith([late], { dueAt: iso(Date.now() + DAY) });
    await env.DB.prepare("UPDATE assignments SET due_at = ? WHERE id = ?")
      .bind(Date.now() - MINUTE, past.assignmentId)
      .run();
    expect((await expectProblem(await start(late, past.assignmentId), 409)).reason).toBe("past_due");
    const until = Date.now() + 3 * DAY;
    await override(past, [late.id], { dueAt: iso(until) });
    const a = await started(late, past.assignmentId);
    expect(a.deadline).toBe(iso(until));
  });

  it("more time: a factor and extra minutes make the attempt's deadline", async () => {
    const student = await signUp("student");
    const ids = await classWith([student], { timeLimitMinutes: 20 });
    await override(ids, [student.id], { timeFactor: 1.5, extraMinutes: 5 });
    const a = await started(student, ids.assignmentId);
    expect(Date.parse(a.deadline as string) - Date.parse(a.startedAt)).toBe(35 * MINUTE);
  });
});

describe("an override applies to an attempt in progress at once", () => {
  it("autosave: a time-up attempt takes answers again once its time is extended, and not after the extension is removed", async () => {
    const student = await signUp("student");
    const ids = await classWith([student], { timeLimitMinutes: 10 });
    const a = await started(student, ids.assignmentId);
    const q = a.questions[0] as ServedQuestion;
    // Started 12 minutes ago: its 10 minutes are up (but nobody closed it yet).
    const startedAt = Date.now() - 12 * MINUTE;
    await env.DB.prepare("UPDATE attempts SET started_at = ?, deadline = ? WHERE id = ?")
      .bind(startedAt, startedAt + 10 * MINUTE, a.id)
      .run();
    await override(ids, [student.id], { extraMinutes: 15 });
    const row = await env.DB.prepare("SELECT deadline FROM attempts WHERE id = ?").bind(a.id).first<{ deadline: number }>();
    expect(row?.deadline).toBe(startedAt + 25 * MINUTE);
    expect((await save(student, a.id, q)).status).toBe(200);

    expect((await removeOverride(ids, student.id)).status).toBe(200);
    expect((await expectProblem(await save(student, a.id, q), 409)).reason).toBe("deadline_passed");
  });

  it("cron: an extended attempt stays open past its old deadline; without the extension the cron closes it", async () => {
    const student = await signUp("student");
    const ids = await classWith([student], { timeLimitMinutes: 5 });
    const a = await started(student, ids.assignmentId);
    const startedAt = Date.now() - 10 * MINUTE;
    await env.DB.prepare("UPDATE attempts SET started_at = ?, deadline = ? WHERE id = ?")
      .bind(startedAt, startedAt + 5 * MINUTE, a.id)
      .run();
    await override(ids, [student.id], { timeFactor: 4 });
    const cron = () =>
      worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" }), env, createExecutionContext());
    await cron();
    const status = async () =>
      (await env.DB.prepare("SELECT status FROM attempts WHERE id = ?").bind(a.id).first<{ status: string }>())?.status;
    expect(await status()).toBe("open");
    await removeOverride(ids, student.id);
    await cron();
    expect(await status()).toBe("submitted");
  });
});

describe("review policy and deck read the student's due date", () => {
  it("after_due: the key waits for the student's extended due date, while a classmate sees it", async () => {
    const [slow, other] = [await signUp("student"), await signUp("student")];
    const ids = await classWith([slow, other], { reviewPolicy: "after_due", dueAt: iso(Date.now() + DAY) });
    const attempts = [];
    for (const s of [slow, other]) {
      const a = await started(s, ids.assignmentId);
      await save(s, a.id, a.questions[0] as ServedQuestion);
      await submit(s, a.id);
      attempts.push(a.id);
    }
    // The class's due date passes; the slow student's is a week later.
    const extended = Date.now() + 7 * DAY;
    await override(ids, [slow.id], { dueAt: iso(extended) });
    await env.DB.prepare("UPDATE assignments SET due_at = ? WHERE id = ?")
      .bind(Date.now() - MINUTE, ids.assignmentId)
      .run();
    const review = async (s: TestUser, id: string) => {
      const res = await api(s).attempts[":id"].review.$get({ param: { id } });
      expect(res.status).toBe(200);
      return (await expectContract("GET", `/api/attempts/${id}/review`, res)) as { showsKey: boolean; keyAvailableAt: string | null };
    };
    expect(await review(slow, attempts[0] as string)).toMatchObject({ showsKey: false, keyAvailableAt: iso(extended) });
    expect((await review(other, attempts[1] as string)).showsKey).toBe(true);

    // The deck: a card of this assessment, due now, is held back for the slow student only.
    const practised = (course.modules.find((m) => m.slug === MODULE)?.questionIds ?? []).find(
      (id) => !course.questions[id]?.assessmentOnly,
    );
    for (const s of [slow, other])
      await env.DB.prepare(
        "INSERT OR REPLACE INTO review_cards (user_id, question_id, module_slug, card, due, created_at, assignment_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
        .bind(
          s.id,
          practised,
          MODULE,
          JSON.stringify({ due: iso(Date.now() - MINUTE), stability: 0, difficulty: 0, reps: 0, lapses: 0, state: 0 }),
          Date.now() - MINUTE,
          0,
          ids.assignmentId,
        )
        .run();
    const due = async (s: TestUser) => {
      const body = await (await api(s).review.due.$get({ query: {} })).json();
      return "cards" in body ? body.cards.filter((c) => c.questionId === practised).length : -1;
    };
    expect(await due(slow)).toBe(0);
    expect(await due(other)).toBe(1);
    const early = await api(slow).review[":questionId"].$post({
      param: { questionId: practised as string },
      json: { answer: "a", seed: 1 },
    });
    expect((await expectProblem(early, 409)).reason).toBe("not_due");
  });

  it("practice on the module pauses until the student's own due date", async () => {
    const student = await signUp("student");
    const ids = await classWith([student], { dueAt: iso(Date.now() + DAY) });
    await env.DB.prepare("UPDATE assignments SET due_at = ? WHERE id = ?")
      .bind(Date.now() - MINUTE, ids.assignmentId)
      .run();
    const practice = () => api(student).attempts.$post({ json: { module: MODULE } });
    expect((await practice()).status).toBe(201);
    const until = Date.now() + 2 * DAY;
    await override(ids, [student.id], { dueAt: iso(until) });
    const paused = await expectProblem(await practice(), 409);
    expect(paused).toMatchObject({ reason: "practice_paused", reopensAt: iso(until) });
  });
});

describe("what the student and the gradebook are told", () => {
  it("the dashboard and the class's assignments give the effective rules and a short description", async () => {
    const student = await signUp("student");
    const ids = await classWith([student], { maxAttempts: 2, timeLimitMinutes: 30, dueAt: "2030-01-10T18:00" });
    await override(ids, [student.id], { extraAttempts: 1, extraMinutes: 15, dueAt: "2030-01-11T18:00" });
    const res = await api(student).assignments.$get();
    const mine = (await expectContract("GET", "/api/assignments", res)) as {
      assignments: {
        id: string;
        maxAttempts: number;
        timeLimitMinutes: number;
        dueAtLocal: string;
        accommodation: unknown;
        progress: { attemptsLeft: number };
      }[];
    };
    const a = mine.assignments.find((x) => x.id === ids.assignmentId);
    expect(a).toMatchObject({ maxAttempts: 3, timeLimitMinutes: 45, dueAtLocal: "2030-01-11T18:00", progress: { attemptsLeft: 3 } });
    expect(a?.accommodation).toMatchObject({
      extraAttempts: 1,
      extraMinutes: 15,
      summary: { en: "+15 min, +1 attempt, due 2030-01-11 18:00", ru: "+15 мин, +1 попытка, срок 2030-01-11 18:00" },
    });
    const listed = await (await api(student).classes[":id"].assignments.$get({ param: { id: ids.classId } })).json();
    expect("assignments" in listed && listed.assignments[0]).toMatchObject({ maxAttempts: 3, dueAtLocal: "2030-01-11T18:00" });
    const asTeacher = await (await api(teacher).classes[":id"].assignments.$get({ param: { id: ids.classId } })).json();
    expect("assignments" in asTeacher && asTeacher.assignments[0]).toMatchObject({ maxAttempts: 2, dueAtLocal: "2030-01-10T18:00" });
  });

  it("the gradebook cell and the student detail show the accommodation; a missed due date extended is not missed", async () => {
    const [slow, other] = [await signUp("student"), await signUp("student")];
    const ids = await classWith([slow, other], { dueAt: iso(Date.now() + DAY) });
    await env.DB.prepare("UPDATE assignments SET due_at = ? WHERE id = ?")
      .bind(Date.now() - MINUTE, ids.assignmentId)
      .run();
    await override(ids, [slow.id], { dueAt: "2030-05-03T09:00" });
    const res = await api(teacher).classes[":id"].gradebook.$get({ param: { id: ids.classId } });
    const book = (await expectContract("GET", `/api/classes/${ids.classId}/gradebook`, res)) as {
      students: { id: string; cells: Record<string, { status: string; accommodation: { summary: { en: string } } | null }> }[];
    };
    const cell = (id: string) => book.students.find((s) => s.id === id)?.cells[ids.assignmentId];
    expect(cell(slow.id)).toMatchObject({ status: "not_started", accommodation: { summary: { en: "due 2030-05-03 09:00" } } });
    expect(cell(other.id)).toMatchObject({ status: "missed", accommodation: null });
    const detail = await (
      await api(teacher).classes[":id"].students[":studentId"].attempts.$get({ param: { id: ids.classId, studentId: slow.id } })
    ).json();
    expect("assignments" in detail && detail.assignments[0]).toMatchObject({
      status: "not_started",
      accommodation: { dueAt: "2030-05-03T04:00:00.000Z" },
    });
  });
});

describe("removing and refusing", () => {
  it("removing a student from the class removes their overrides; a removed student cannot be given one", async () => {
    const student = await signUp("student");
    const ids = await classWith([student]);
    await override(ids, [student.id], { extraAttempts: 2 });
    expect(await overridesOf(student.id)).toBe(1);
    const removed = await api(teacher).classes[":id"].members[":userId"].$delete({ param: { id: ids.classId, userId: student.id } });
    expect(removed.status).toBe(200);
    expect(await overridesOf(student.id)).toBe(0);
    const problem = await expectProblem(await setOverride(ids, [student.id], { extraAttempts: 1 }), 404);
    expect(problem.errors?.[0]?.path).toBe("userIds");
    expect(await overridesOf(student.id)).toBe(0);
    // Nor can the removed student reach the instructor's routes.
    expect((await setOverride(ids, [student.id], { extraAttempts: 1 }, student)).status).toBe(403);
  });

  it("only the class's instructor: another instructor 404, a student 403, anonymous 401; nothing changes", async () => {
    const [student, classmate] = [await signUp("student"), await signUp("student")];
    const ids = await classWith([student, classmate]);
    await override(ids, [student.id], { extraAttempts: 1 });
    const stranger = await signUp("instructor");
    const before = await env.DB.prepare("SELECT * FROM assignment_overrides WHERE assignment_id = ?").bind(ids.assignmentId).all();
    await expectProblem(await setOverride(ids, [student.id], { extraAttempts: 5 }, stranger), 404);
    await expectProblem(await removeOverride(ids, student.id, stranger), 404);
    await expectProblem(await setOverride(ids, [classmate.id], { extraAttempts: 5 }, student), 403);
    await expectProblem(await removeOverride(ids, student.id, classmate), 403);
    const path = `/api/classes/${ids.classId}/assignments/${ids.assignmentId}/overrides`;
    await expectProblem(await call(path, { method: "POST", body: { userIds: [student.id], extraAttempts: 5 } }), 401);
    // Another class's assignment under this class's id is not found either.
    const mine = await classWith([student]);
    await expectProblem(
      await setOverride({ classId: mine.classId, assignmentId: ids.assignmentId }, [student.id], { extraAttempts: 5 }),
      404,
    );
    const after = await env.DB.prepare("SELECT * FROM assignment_overrides WHERE assignment_id = ?").bind(ids.assignmentId).all();
    expect(after.results).toEqual(before.results);
    await expectProblem(await removeOverride(ids, classmate.id), 404);
  });

  it("bad input is a 400 naming the field, and saves nothing", async () => {
    const student = await signUp("student");
    const ids = await classWith([student], { opensAt: "2030-01-01T09:00", dueAt: "2030-01-10T09:00" });
    const path = `/api/classes/${ids.classId}/assignments/${ids.assignmentId}/overrides`;
    const cases: [unknown, string][] = [
      [{ userIds: [student.id], timeFactor: 0.5 }, "timeFactor"],
      [{ userIds: [student.id], extraMinutes: 1.5 }, "extraMinutes"],
      [{ userIds: [student.id], extraAttempts: 0 }, "extraAttempts"],
      [{ userIds: [], extraAttempts: 1 }, "userIds"],
      [{ userIds: [student.id] }, "(body)"],
      [{ userIds: [student.id], dueAt: "next friday" }, "dueAt"],
      [{ userIds: [student.id], dueAt: "2029-12-31T09:00" }, "dueAt"],
    ];
    for (const [body, field] of cases) {
      const problem = await expectProblem(await call(path, { method: "POST", body, cookie: teacher.cookie }), 400);
      expect(
        problem.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await overridesOf(student.id)).toBe(0);
  });
});
