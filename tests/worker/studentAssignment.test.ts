// GET /api/assignments/{id}: the start page's view of one assignment. It reads and starts nothing.
import { env } from "cloudflare:test";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { expectContract } from "./contract.ts";
import { api, expectProblem, signUp, type TestUser } from "./helpers.ts";

type AssignmentRequest = InferRequestType<ReturnType<typeof api>["classes"][":id"]["assignments"]["$post"]>["json"];

/** The body of a response that succeeded, typed as its route declares it. */
async function okBody<R extends { status: number; json(): Promise<unknown>; text(): Promise<string> }>(res: R) {
  if (res.status >= 300) throw new Error(`expected success, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as Awaited<ReturnType<Extract<R, { status: 200 | 201 }>["json"]>>;
}

const attemptCount = async (userId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM attempts WHERE user_id = ?").bind(userId).first<{ n: number }>())?.n;

const view = (as: TestUser | undefined, id: string) => api(as).assignments[":id"].$get({ param: { id } });

describe("GET /api/assignments/{id}", () => {
  let teacher: TestUser;
  let student: TestUser;
  let classId: string;
  const assign = async (rules: Partial<AssignmentRequest>) => {
    const res = await api(teacher).classes[":id"].assignments.$post({
      param: { id: classId },
      json: { module: "risks", mode: "assessment", timeZone: "Asia/Almaty", gradingMethod: "average", reviewPolicy: "after_due", ...rules },
    });
    if (res.status !== 201) throw new Error(await res.text());
    return (await res.json()).assignment.id;
  };

  beforeAll(async () => {
    teacher = await signUp("instructor");
    student = await signUp("student");
    const k = await okBody(await api(teacher).classes.$post({ json: { name: "Start page" } }));
    classId = k.class.id;
    await api(student).classes.join.$post({ json: { code: k.class.joinCode ?? "" } });
  });

  it("shows the rules that apply to me and my progress, and opening it (twice) starts no attempt", async () => {
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
    const id = await assign({ timeLimitMinutes: 15, maxAttempts: 2, dueAt: due });
    const first = await view(student, id);
    await expectContract("GET", `/api/assignments/${id}`, first);
    const body = await okBody(first);
    expect(body).toMatchObject({
      id,
      module: "risks",
      className: "Start page",
      effective: {
        mode: "assessment",
        timeLimitMinutes: 15,
        maxAttempts: 2,
        gradingMethod: "average",
        reviewPolicy: "after_due",
        opensAt: null,
      },
      progress: { status: "not_started", attemptsUsed: 0, attemptsLeft: 2, openAttemptId: null, gradeShare: null },
      startBlock: null,
    });
    expect(body.effective.dueAt).toBe(body.dueAt);
    expect(Math.abs(Date.parse(body.serverNow) - Date.now())).toBeLessThan(60_000);
    await view(student, id);
    expect(await attemptCount(student.id)).toBe(0);

    // Once started, the page offers to resume it and counts it.
    const started = await api(student).attempts.$post({ json: { assignmentId: id } });
    expect(started.status).toBe(201);
    const after = await okBody(await view(student, id));
    expect(after.progress).toMatchObject({ status: "in_progress", attemptsUsed: 1, attemptsLeft: 1 });
    expect(after.progress.openAttemptId).toBe((await okBody(started)).id);
  });

  it("says why a new attempt cannot start: not open yet, past due, no attempts left", async () => {
    const later = await assign({ opensAt: "2099-01-01T09:00", reviewPolicy: "never" });
    const past = await assign({ opensAt: "2020-01-01T00:00", dueAt: "2020-02-01T00:00" });
    const once = await assign({ maxAttempts: 1, reviewPolicy: "after_submit" });
    const started = await okBody(await api(student).attempts.$post({ json: { assignmentId: once } }));
    await api(student).attempts[":id"].submit.$post({ param: { id: started.id } });
    const blockOf = async (id: string) => (await okBody(await view(student, id))).startBlock;
    expect(await blockOf(later)).toBe("not_open_yet");
    expect(await blockOf(past)).toBe("past_due");
    expect(await blockOf(once)).toBe("attempt_limit");
    // Each is the reason POST /attempts gives.
    for (const id of [later, past, once]) {
      const refused = await expectProblem(await api(student).attempts.$post({ json: { assignmentId: id } }), 409);
      expect(refused.reason).toBe(await blockOf(id));
    }
  });

  it("a practice assignment is never timed, whatever the form held", async () => {
    const id = await assign({ mode: "practice", timeLimitMinutes: 5, reviewPolicy: "after_submit" });
    const body = await okBody(await view(student, id));
    expect(body.effective).toMatchObject({ mode: "practice", timeLimitMinutes: null });
  });

  it("only a member of the class sees it: 404 for others and after removal, 403 for instructors, 401 signed out", async () => {
    const id = await assign({ reviewPolicy: "after_submit" });
    const outsider = await signUp("student");
    await expectProblem(await view(outsider, id), 404);
    await expectProblem(await view(student, "no-such-assignment"), 404);
    await expectProblem(await view(teacher, id), 403);
    await expectProblem(await view(undefined, id), 401);
    const leaver = await signUp("student");
    const k = await okBody(await api(teacher).classes[":id"].$get({ param: { id: classId } }));
    await api(leaver).classes.join.$post({ json: { code: k.class.joinCode ?? "" } });
    expect((await view(leaver, id)).status).toBe(200);
    await api(teacher).classes[":id"].members[":userId"].$delete({ param: { id: classId, userId: leaver.id } });
    await expectProblem(await view(leaver, id), 404);
    expect(await attemptCount(outsider.id)).toBe(0);
  });
});
