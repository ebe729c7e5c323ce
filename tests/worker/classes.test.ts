import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, expectProblem, json, signUp, type TestUser } from "./helpers.ts";

interface ClassBody {
  class: { id: string; name: string; joinCode: string | null; memberCount: number | null; instructorName: string };
  members?: { id: string; name: string }[] | null;
}

async function createClass(owner: TestUser, name = "Группа <b>1</b>") {
  const res = await call("/api/classes", { method: "POST", cookie: owner.cookie, body: { name } });
  expect(res.status).toBe(201);
  return (await json<ClassBody>(res)).class;
}

const assignmentBody = (over: Record<string, unknown> = {}) => ({
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
      const res = await call("/api/classes/join", { method: "POST", cookie: student.cookie, body: { code: typed } });
      expect(res.status).toBe(200);
      expect((await json<ClassBody>(res)).class.joinCode).toBeNull();
    }
    const list = await json<{ classes: { id: string }[] }>(await call("/api/classes", { cookie: student.cookie }));
    expect(list.classes.filter((c) => c.id === k.id)).toHaveLength(1);
    const detail = await json<ClassBody>(await call(`/api/classes/${k.id}`, { cookie: teacher.cookie }));
    expect(detail.members?.map((m) => m.id)).toEqual([student.id]);
    const asStudent = await json<ClassBody>(await call(`/api/classes/${k.id}`, { cookie: student.cookie }));
    expect(asStudent.members).toBeNull();
    expect(asStudent.class.instructorName).toBe("Учитель");
  });

  it("refuses a code that is malformed (400) or unknown (404), both naming the field", async () => {
    const bad = await expectProblem(
      await call("/api/classes/join", { method: "POST", cookie: student.cookie, body: { code: "O0I1" } }),
      400,
    );
    expect(bad.errors?.[0]?.path).toBe("code");
    const none = await expectProblem(
      await call("/api/classes/join", { method: "POST", cookie: student.cookie, body: { code: "ZZZZZZ" } }),
      404,
    );
    expect(none.errors?.[0]?.path).toBe("code");
  });

  it("rotating the code retires the old one", async () => {
    const k = await createClass(teacher);
    const res = await call(`/api/classes/${k.id}/join-code`, { method: "POST", cookie: teacher.cookie });
    const { joinCode } = await json<{ joinCode: string }>(res);
    expect(joinCode).not.toBe(k.joinCode);
    await expectProblem(await call("/api/classes/join", { method: "POST", cookie: student.cookie, body: { code: k.joinCode } }), 404);
    expect((await call("/api/classes/join", { method: "POST", cookie: student.cookie, body: { code: joinCode } })).status).toBe(200);
  });

  it("the instructor removes a student, who then no longer sees the class", async () => {
    const k = await createClass(teacher);
    await call("/api/classes/join", { method: "POST", cookie: student.cookie, body: { code: k.joinCode } });
    expect((await call(`/api/classes/${k.id}/members/${student.id}`, { method: "DELETE", cookie: teacher.cookie })).status).toBe(200);
    await expectProblem(await call(`/api/classes/${k.id}`, { cookie: student.cookie }), 404);
    await expectProblem(await call(`/api/classes/${k.id}/members/${student.id}`, { method: "DELETE", cookie: teacher.cookie }), 404);
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
    await call("/api/classes/join", { method: "POST", cookie: student.cookie, body: { code: k.joinCode } });
  });

  it("stores dates in UTC from the instructor's zone and shows them back as entered", async () => {
    const res = await call(`/api/classes/${classId}/assignments`, { method: "POST", cookie: teacher.cookie, body: assignmentBody() });
    expect(res.status).toBe(201);
    const { assignment } = await json<{ assignment: Record<string, unknown> }>(res);
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
    const res = await call(`/api/classes/${classId}/assignments`, {
      method: "POST",
      cookie: teacher.cookie,
      body: assignmentBody({ timeZone: "Europe/Berlin", opensAt: "2026-03-20T10:00", dueAt: "2026-04-02T10:00" }),
    });
    const { assignment } = await json<{ assignment: { opensAt: string; dueAt: string } }>(res);
    expect(assignment.opensAt).toBe("2026-03-20T09:00:00.000Z");
    expect(assignment.dueAt).toBe("2026-04-02T08:00:00.000Z");
  });

  it.each([
    ["module", { module: "no-such-module" }],
    ["mode", { mode: "exam" }],
    ["timeZone", { timeZone: "Mars/Olympus" }],
    ["maxAttempts", { maxAttempts: 0 }],
    ["timeLimitMinutes", { timeLimitMinutes: 1.5 }],
    ["dueAt", { dueAt: "2026-01-01T09:00" }],
    ["opensAt", { opensAt: "2026-02-30T09:00" }],
    ["reviewPolicy", { reviewPolicy: "after_due", dueAt: null }],
    ["gradingMethod", { gradingMethod: "median" }],
  ])("refuses a bad %s with 400 naming it", async (field, over) => {
    const problem = await expectProblem(
      await call(`/api/classes/${classId}/assignments`, { method: "POST", cookie: teacher.cookie, body: assignmentBody(over) }),
      400,
    );
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("members list the class's assignments; the student dashboard shows status and attempts left", async () => {
    const created = await json<{ assignment: { id: string } }>(
      await call(`/api/classes/${classId}/assignments`, { method: "POST", cookie: teacher.cookie, body: assignmentBody() }),
    );
    const list = await json<{ assignments: { id: string }[] }>(
      await call(`/api/classes/${classId}/assignments`, { cookie: student.cookie }),
    );
    expect(list.assignments.map((a) => a.id)).toContain(created.assignment.id);
    const mine = await json<{ assignments: { id: string; progress: { status: string; attemptsLeft: number | null } }[] }>(
      await call("/api/assignments", { cookie: student.cookie }),
    );
    const byId = new Map(mine.assignments.map((a) => [a.id, a.progress]));
    expect(byId.get(created.assignment.id)).toMatchObject({ status: "not_started", attemptsLeft: 2 });
    // The Berlin assignment of the test above was due in April 2026: missed.
    expect([...byId.values()].some((p) => p.status === "missed")).toBe(true);
  });

  it("an edit changes the rules and keeps unchanged dates", async () => {
    const created = await json<{ assignment: { id: string; dueAt: string } }>(
      await call(`/api/classes/${classId}/assignments`, { method: "POST", cookie: teacher.cookie, body: assignmentBody() }),
    );
    const res = await call(`/api/classes/${classId}/assignments/${created.assignment.id}`, {
      method: "PATCH",
      cookie: teacher.cookie,
      body: { maxAttempts: 5, timeZone: "Europe/London" },
    });
    const { assignment } = await json<{ assignment: { maxAttempts: number; dueAt: string } }>(res);
    expect(assignment.maxAttempts).toBe(5);
    expect(assignment.dueAt).toBe(created.assignment.dueAt);
  });
});

describe("authorization matrix: classes and assignments", () => {
  it("anonymous 401, wrong role 403, other users 404 — never someone else's data", async () => {
    const owner = await signUp("instructor");
    const otherTeacher = await signUp("instructor");
    const member = await signUp("student");
    const outsider = await signUp("student");
    const k = await createClass(owner);
    await call("/api/classes/join", { method: "POST", cookie: member.cookie, body: { code: k.joinCode } });
    const a = await json<{ assignment: { id: string } }>(
      await call(`/api/classes/${k.id}/assignments`, { method: "POST", cookie: owner.cookie, body: assignmentBody() }),
    );
    const who = {
      anonymous: undefined,
      owner: owner.cookie,
      otherTeacher: otherTeacher.cookie,
      member: member.cookie,
      outsider: outsider.cookie,
    };
    const cases: [string, string, unknown, Record<keyof typeof who, number>][] = [
      ["GET", `/api/classes/${k.id}`, undefined, { anonymous: 401, owner: 200, otherTeacher: 404, member: 200, outsider: 404 }],
      ["GET", `/api/classes/${k.id}/assignments`, undefined, { anonymous: 401, owner: 200, otherTeacher: 404, member: 200, outsider: 404 }],
      [
        "POST",
        `/api/classes/${k.id}/assignments`,
        assignmentBody(),
        { anonymous: 401, owner: 201, otherTeacher: 404, member: 403, outsider: 403 },
      ],
      [
        "PATCH",
        `/api/classes/${k.id}/assignments/${a.assignment.id}`,
        { maxAttempts: 3 },
        { anonymous: 401, owner: 200, otherTeacher: 404, member: 403, outsider: 403 },
      ],
      ["POST", `/api/classes/${k.id}/join-code`, undefined, { anonymous: 401, owner: 200, otherTeacher: 404, member: 403, outsider: 403 }],
      [
        "DELETE",
        `/api/classes/${k.id}/members/${outsider.id}`,
        undefined,
        { anonymous: 401, owner: 404, otherTeacher: 404, member: 403, outsider: 403 },
      ],
      ["POST", "/api/classes", { name: "x" }, { anonymous: 401, owner: 201, otherTeacher: 201, member: 403, outsider: 403 }],
      ["POST", "/api/classes/join", { code: "ZZZZZZ" }, { anonymous: 401, owner: 403, otherTeacher: 403, member: 404, outsider: 404 }],
      ["GET", "/api/assignments", undefined, { anonymous: 401, owner: 403, otherTeacher: 403, member: 200, outsider: 200 }],
    ];
    for (const [method, path, body, expected] of cases) {
      for (const [role, cookie] of Object.entries(who) as [keyof typeof who, string | undefined][]) {
        const res = await call(path, { method, cookie, body });
        expect(`${role} ${method} ${path} → ${res.status}`).toBe(`${role} ${method} ${path} → ${expected[role]}`);
        if (res.status >= 400) expect(res.headers.get("content-type")).toContain("application/problem+json");
        if (res.status === 404) expect(await res.text()).not.toContain(k.name);
      }
    }
    const outsiderList = await json<{ assignments: { classId: string }[] }>(await call("/api/assignments", { cookie: outsider.cookie }));
    expect(outsiderList.assignments.some((x) => x.classId === k.id)).toBe(false);
  });
});
