import { env } from "cloudflare:test";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, expectProblem, signUp, type TestUser } from "./helpers.ts";

type Client = ReturnType<typeof api>;
type AssignmentRequest = InferRequestType<Client["classes"][":id"]["assignments"]["$post"]>["json"];

async function createClass(owner: TestUser, name = "Группа <b>1</b>") {
  const res = await api(owner).classes.$post({ json: { name } });
  expect(res.status).toBe(201);
  const body = await res.json();
  if (!("class" in body)) throw new Error("class not created");
  return body.class;
}

const join = (student: TestUser, code: string | null) => api(student).classes.join.$post({ json: { code: code ?? "" } });

const assignmentBody = (over: Partial<AssignmentRequest> = {}): AssignmentRequest => ({
  module: "copying-to-innovation",
  mode: "assessment",
  opensAt: "2026-01-10T09:00",
  dueAt: "2036-01-20T18:00",
  timeZone: "Asia/Almaty",
  maxAttempts: 2,
  timeLimitMinutes: 15,
  gradingMethod: "best",
  reviewPolicy: "after_due",
  ...over,
});

const assign = (teacher: TestUser, id: string, json: AssignmentRequest = assignmentBody()) =>
  api(teacher).classes[":id"].assignments.$post({ param: { id }, json });

/** The assignment a successful create answered with. */
async function assigned(res: Awaited<ReturnType<typeof assign>>) {
  const body = await res.json();
  if (!("assignment" in body)) throw new Error(`assignment not created: ${res.status}`);
  return body.assignment;
}

/** What the authorization matrix reads of any answer, typed or raw. */
interface Answer {
  status: number;
  headers: Headers;
  text(): Promise<string>;
}

describe("classes", () => {
  let teacher: TestUser;
  let student: TestUser;
  beforeAll(async () => {
    teacher = await signUp("instructor", "Учитель");
    student = await signUp("student", "Ученик");
  });

  it("an instructor creates a class with a readable join code", async () => {
    const k = await createClass(teacher);
    expect(k.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(k.name).toBe("Группа <b>1</b>");
    expect(k.memberCount).toBe(0);
  });

  it("a student joins by code (any case, with spaces), twice harmlessly, and sees the class", async () => {
    const k = await createClass(teacher);
    const typed = `${k.joinCode?.slice(0, 3).toLowerCase()} ${k.joinCode?.slice(3)}`;
    for (let i = 0; i < 2; i++) {
      const res = await join(student, typed);
      expect(res.status).toBe(200);
      const joined = await res.json();
      expect("class" in joined && joined.class.joinCode).toBeNull();
    }
    const list = await (await api(student).classes.$get()).json();
    if (!("classes" in list)) throw new Error("no class list");
    expect(list.classes.filter((c) => c.id === k.id)).toHaveLength(1);
    const detail = await (await api(teacher).classes[":id"].$get({ param: { id: k.id } })).json();
    if (!("members" in detail)) throw new Error("no class detail");
    expect(detail.members?.map((m) => m.id)).toEqual([student.id]);
    const asStudent = await (await api(student).classes[":id"].$get({ param: { id: k.id } })).json();
    if (!("members" in asStudent)) throw new Error("no class detail");
    expect(asStudent.members).toBeNull();
    expect(asStudent.class.instructorName).toBe("Учитель");
  });

  it("refuses a code that is malformed (400) or unknown (404), both naming the field", async () => {
    const bad = await expectProblem(await join(student, "O0I1"), 400);
    expect(bad.errors?.[0]?.path).toBe("code");
    const none = await expectProblem(await join(student, "ZZZZZZ"), 404);
    expect(none.errors?.[0]?.path).toBe("code");
  });

  it("rotating the code retires the old one", async () => {
    const k = await createClass(teacher);
    const res = await api(teacher).classes[":id"]["join-code"].$post({ param: { id: k.id } });
    const rotated = await res.json();
    if (!("joinCode" in rotated)) throw new Error(`no new code: ${res.status}`);
    const { joinCode } = rotated;
    expect(joinCode).not.toBe(k.joinCode);
    await expectProblem(await join(student, k.joinCode), 404);
    expect((await join(student, joinCode)).status).toBe(200);
  });

  it("the instructor removes a student, who then no longer sees the class", async () => {
    const k = await createClass(teacher);
    await join(student, k.joinCode);
    const remove = () => api(teacher).classes[":id"].members[":userId"].$delete({ param: { id: k.id, userId: student.id } });
    expect((await remove()).status).toBe(200);
    await expectProblem(await api(student).classes[":id"].$get({ param: { id: k.id } }), 404);
    await expectProblem(await remove(), 404);
  });
});

describe("assignments", () => {
  let teacher: TestUser;
  let student: TestUser;
  let classId: string;
  beforeAll(async () => {
    teacher = await signUp("instructor");
    student = await signUp("student");
    const k = await createClass(teacher);
    classId = k.id;
    await join(student, k.joinCode);
  });

  it("stores dates in UTC from the instructor's zone and shows them back as entered", async () => {
    const res = await assign(teacher, classId);
    expect(res.status).toBe(201);
    const assignment = await assigned(res);
    expect(assignment).toMatchObject({
      opensAt: "2026-01-10T04:00:00.000Z",
      opensAtLocal: "2026-01-10T09:00",
      dueAtLocal: "2036-01-20T18:00",
      timeZone: "Asia/Almaty",
      maxAttempts: 2,
      reviewPolicy: "after_due",
    });
    const row = await env.DB.prepare("SELECT opens_at FROM assignments WHERE id = ?").bind(assignment.id).first<{ opens_at: number }>();
    expect(row?.opens_at).toBe(Date.parse("2026-01-10T04:00:00Z"));
  });

  it("is daylight-saving safe: a Berlin summer and winter time keep their wall clock", async () => {
    const res = await assign(
      teacher,
      classId,
      assignmentBody({ timeZone: "Europe/Berlin", opensAt: "2026-03-20T10:00", dueAt: "2026-04-02T10:00" }),
    );
    const assignment = await assigned(res);
    expect(assignment.opensAt).toBe("2026-03-20T09:00:00.000Z");
    expect(assignment.dueAt).toBe("2026-04-02T08:00:00.000Z");
  });

  it.each([
    ["module", { module: "no-such-module" }],
    ["timeZone", { timeZone: "Mars/Olympus" }],
    ["maxAttempts", { maxAttempts: 0 }],
    ["timeLimitMinutes", { timeLimitMinutes: 1.5 }],
    ["dueAt", { dueAt: "2026-01-01T09:00" }],
    ["opensAt", { opensAt: "2026-02-30T09:00" }],
    ["reviewPolicy", { reviewPolicy: "after_due", dueAt: null }],
  ] as const)("refuses a bad %s with 400 naming it", async (field, over) => {
    const problem = await expectProblem(await assign(teacher, classId, assignmentBody(over)), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it.each([
    ["mode", { mode: "exam" }],
    ["gradingMethod", { gradingMethod: "median" }],
  ])("refuses a %s outside its enum with 400 naming it", async (field, over) => {
    // Raw: a value outside the enum is a body the typed client will not send.
    const problem = await expectProblem(
      await call(`/api/classes/${classId}/assignments`, { method: "POST", cookie: teacher.cookie, body: { ...assignmentBody(), ...over } }),
      400,
    );
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("members list the class's assignments; the student dashboard shows status and attempts left", async () => {
    const created = await assigned(await assign(teacher, classId));
    const list = await (await api(student).classes[":id"].assignments.$get({ param: { id: classId } })).json();
    if (!("assignments" in list)) throw new Error("no assignment list");
    expect(list.assignments.map((a) => a.id)).toContain(created.id);
    const mine = await (await api(student).assignments.$get()).json();
    if (!("assignments" in mine)) throw new Error("no dashboard");
    const byId = new Map(mine.assignments.map((a) => [a.id, a.progress]));
    expect(byId.get(created.id)).toMatchObject({ status: "not_started", attemptsLeft: 2 });
    // The Berlin assignment of the test above was due in April 2026: missed.
    expect([...byId.values()].some((p) => p.status === "missed")).toBe(true);
  });

  it("an edit changes the rules and keeps unchanged dates", async () => {
    const created = await assigned(await assign(teacher, classId));
    const res = await api(teacher).classes[":id"].assignments[":assignmentId"].$patch({
      param: { id: classId, assignmentId: created.id },
      json: { maxAttempts: 5, timeZone: "Europe/London" },
    });
    const edited = await res.json();
    if (!("assignment" in edited)) throw new Error(`not edited: ${res.status}`);
    const { assignment } = edited;
    expect(assignment.maxAttempts).toBe(5);
    expect(assignment.dueAt).toBe(created.dueAt);
  });
});

describe("authorization matrix: classes and assignments", () => {
  it("anonymous 401, wrong role 403, other users 404 — never someone else's data", async () => {
    const owner = await signUp("instructor");
    const otherTeacher = await signUp("instructor");
    const member = await signUp("student");
    const outsider = await signUp("student");
    const k = await createClass(owner);
    await join(member, k.joinCode);
    const a = await assigned(await assign(owner, k.id));
    const who = {
      anonymous: undefined,
      owner: owner.cookie,
      otherTeacher: otherTeacher.cookie,
      member: member.cookie,
      outsider: outsider.cookie,
    };
    const id = k.id;
    const cases: [string, (as: string | undefined) => Promise<Answer>, Record<keyof typeof who, number>][] = [
      [
        `GET /api/classes/${id}`,
        (as) => api(as).classes[":id"].$get({ param: { id } }),
        { anonymous: 401, owner: 200, otherTeacher: 404, member: 200, outsider: 404 },
      ],
      [
        `GET /api/classes/${id}/assignments`,
        (as) => api(as).classes[":id"].assignments.$get({ param: { id } }),
        { anonymous: 401, owner: 200, otherTeacher: 404, member: 200, outsider: 404 },
      ],
      [
        `POST /api/classes/${id}/assignments`,
        (as) => api(as).classes[":id"].assignments.$post({ param: { id }, json: assignmentBody() }),
        { anonymous: 401, owner: 201, otherTeacher: 404, member: 403, outsider: 403 },
      ],
      [
        `PATCH /api/classes/${id}/assignments/${a.id}`,
        (as) => api(as).classes[":id"].assignments[":assignmentId"].$patch({ param: { id, assignmentId: a.id }, json: { maxAttempts: 3 } }),
        { anonymous: 401, owner: 200, otherTeacher: 404, member: 403, outsider: 403 },
      ],
      [
        `POST /api/classes/${id}/join-code`,
        (as) => api(as).classes[":id"]["join-code"].$post({ param: { id } }),
        { anonymous: 401, owner: 200, otherTeacher: 404, member: 403, outsider: 403 },
      ],
      [
        `DELETE /api/classes/${id}/members/${outsider.id}`,
        (as) => api(as).classes[":id"].members[":userId"].$delete({ param: { id, userId: outsider.id } }),
        { anonymous: 401, owner: 404, otherTeacher: 404, member: 403, outsider: 403 },
      ],
      [
        "POST /api/classes",
        (as) => api(as).classes.$post({ json: { name: "x" } }),
        { anonymous: 401, owner: 201, otherTeacher: 201, member: 403, outsider: 403 },
      ],
      [
        "POST /api/classes/join",
        (as) => api(as).classes.join.$post({ json: { code: "ZZZZZZ" } }),
        { anonymous: 401, owner: 403, otherTeacher: 403, member: 404, outsider: 404 },
      ],
      [
        "GET /api/assignments",
        (as) => api(as).assignments.$get(),
        { anonymous: 401, owner: 403, otherTeacher: 403, member: 200, outsider: 200 },
      ],
    ];
    for (const [request, send, expected] of cases) {
      for (const [role, cookie] of Object.entries(who) as [keyof typeof who, string | undefined][]) {
        const res = await send(cookie);
        expect(`${role} ${request} → ${res.status}`).toBe(`${role} ${request} → ${expected[role]}`);
        if (res.status >= 400) expect(res.headers.get("content-type")).toContain("application/problem+json");
        if (res.status === 404) expect(await res.text()).not.toContain(k.name);
      }
    }
    const outsiderList = await (await api(outsider).assignments.$get()).json();
    if (!("assignments" in outsiderList)) throw new Error("no dashboard");
    expect(outsiderList.assignments.some((x) => x.classId === k.id)).toBe(false);
  });
});
