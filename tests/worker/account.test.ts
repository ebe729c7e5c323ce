// Managing one's own account (name, email, password, deletion, export) and instructor-issued reset codes: what each
// route does, who may call it (another instructor, a student, a removed student), and that bad input changes nothing.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client.ts";
import { purgeDeletedAfterNotice } from "../../worker/cron.ts";
import { ACCOUNT_PURGE_AFTER_MS } from "../../worker/domain/accountDeletion.ts";
import { RESET_CODE_TTL_MS } from "../../worker/domain/resetCode.ts";
import { guessAnswer } from "../shared/answers.ts";
import { expectContract } from "./contract.ts";
import { api, call, expectProblem, PASSWORD, sessionCookie, signUp, type TestUser } from "./helpers.ts";

const NEW_PASSWORD = "purple elephant orbit";
let ipCounter = 0;
/** Each test's failures count against its own client, so the sign-in counters of one test do not hold back another. */
const freshIp = () => `203.0.113.${++ipCounter}`;
const as = (user: TestUser | string | undefined, ip = freshIp()) => api(user, { "cf-connecting-ip": ip });

const me = (cookie?: string) => api(cookie).me.$get();
const login = (email: string, password: string) => as(undefined).auth.login.$post({ json: { email, password } });

async function body<T>(res: { status: number; json(): Promise<unknown>; text(): Promise<string> }, status: number): Promise<T> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function classWith(teacher: TestUser, ...students: TestUser[]) {
  const created = await body<{ class: { id: string; joinCode: string } }>(
    await api(teacher).classes.$post({ json: { name: "Account class" } }),
    201,
  );
  for (const s of students) expect((await api(s).classes.join.$post({ json: { code: created.class.joinCode } })).status).toBe(200);
  return created.class;
}

/** A submitted assessment attempt of `student` on a new assignment of the class, with one answer saved. */
async function attemptIn(teacher: TestUser, classId: string, student: TestUser) {
  const assignment = await body<{ assignment: { id: string } }>(
    await api(teacher).classes[":id"].assignments.$post({
      param: { id: classId },
      json: { module: "copying-to-innovation", mode: "assessment", timeZone: "UTC", reviewPolicy: "after_submit" },
    }),
    201,
  );
  const attempt = await body<{ id: string; questions: (Parameters<typeof guessAnswer>[0] & { id: string })[] }>(
    await api(student).attempts.$post({ json: { assignmentId: assignment.assignment.id } }),
    201,
  );
  const q = attempt.questions[0] as Parameters<typeof guessAnswer>[0] & { id: string };
  const saved = await api(student).attempts[":id"].answers[":questionId"].$put({
    param: { id: attempt.id, questionId: q.id },
    json: { answer: guessAnswer(q) },
  });
  expect(saved.status).toBe(200);
  expect((await api(student).attempts[":id"].submit.$post({ param: { id: attempt.id } })).status).toBe(200);
  return { attemptId: attempt.id, assignmentId: assignment.assignment.id, questionId: q.id };
}

const count = async (sql: string, ...args: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...args)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("PATCH /api/me", () => {
  it("renames the account, and the next request (through the session cache) sees the new name", async () => {
    const u = await signUp("student", "Old Name");
    expect((await body<{ user: { name: string } }>(await me(u.cookie), 200)).user.name).toBe("Old Name");
    const res = await api(u).me.$patch({ json: { name: "  Асель Нурланқызы " } });
    await expectContract("PATCH", "/api/me", res.clone());
    expect((await body<{ user: { name: string } }>(res, 200)).user.name).toBe("Асель Нурланқызы");
    expect((await body<{ user: { name: string } }>(await me(u.cookie), 200)).user.name).toBe("Асель Нурланқызы");
  });

  it.each([["   "], ["x".repeat(101)]])("refuses the name %j with 400 naming it, and keeps the old one", async (name) => {
    const u = await signUp("student", "Kept Name");
    const problem = await expectProblem(await api(u).me.$patch({ json: { name } }), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(["name"]);
    expect((await body<{ user: { name: string } }>(await me(u.cookie), 200)).user.name).toBe("Kept Name");
  });

  it("needs a session", async () => {
    await expectProblem(await api().me.$patch({ json: { name: "Nobody" } }), 401);
  });
});

describe("PUT /api/me/email", () => {
  it("moves the account to a new email with the current password", async () => {
    const u = await signUp("student");
    const email = `moved-${Date.now()}@Example.TEST`;
    const res = await as(u).me.email.$put({ json: { email, currentPassword: PASSWORD } });
    await expectContract("PUT", "/api/me/email", res.clone());
    expect((await body<{ user: { email: string } }>(res, 200)).user.email).toBe(email.toLowerCase());
    expect((await body<{ user: { email: string } }>(await me(u.cookie), 200)).user.email).toBe(email.toLowerCase());
    expect((await login(email, PASSWORD)).status).toBe(200);
    expect((await login(u.email, PASSWORD)).status).toBe(401);
  });

  it("refuses a wrong current password (400 naming it), a bad email (400) and a taken one (409), changing nothing", async () => {
    const u = await signUp("student");
    const other = await signUp("student");
    const wrong = await expectProblem(
      await as(u).me.email.$put({ json: { email: "free@example.test", currentPassword: "not it at all" } }),
      400,
    );
    expect(wrong.errors?.map((e) => e.path)).toEqual(["currentPassword"]);
    const bad = await expectProblem(await as(u).me.email.$put({ json: { email: "not-an-email", currentPassword: PASSWORD } }), 400);
    expect(bad.errors?.map((e) => e.path)).toEqual(["email"]);
    const taken = await expectProblem(
      await as(u).me.email.$put({ json: { email: other.email.toUpperCase(), currentPassword: PASSWORD } }),
      409,
    );
    expect(taken.errors?.map((e) => e.path)).toEqual(["email"]);
    expect((await body<{ user: { email: string } }>(await me(u.cookie), 200)).user.email).toBe(u.email);
    expect((await login(u.email, PASSWORD)).status).toBe(200);
  });

  it("counts wrong current passwords like failed sign-ins: past the limit even the right one waits (429)", async () => {
    const u = await signUp("student");
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      await expectProblem(await as(u, ip).me.email.$put({ json: { email: "x@example.test", currentPassword: `guess number ${i}` } }), 400);
    }
    const slowed = await expectProblem(
      await as(u, ip).me.email.$put({ json: { email: "x@example.test", currentPassword: PASSWORD } }),
      429,
    );
    expect(slowed.reason).toBe("account_slowed");
    expect((await body<{ user: { email: string } }>(await me(u.cookie), 200)).user.email).toBe(u.email);
  });
});

describe("PUT /api/me/password", () => {
  it("changes the password and signs out every other session at once (also one in the session cache)", async () => {
    const u = await signUp("student");
    const laptop = sessionCookie(await login(u.email, PASSWORD));
    for (const cookie of [u.cookie, laptop]) expect((await me(cookie)).status).toBe(200);
    const res = await as(u).me.password.$put({ json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    await expectContract("PUT", "/api/me/password", res.clone());
    expect(res.status).toBe(200);
    const fresh = sessionCookie(res);
    await expectProblem(await me(laptop), 401);
    await expectProblem(await me(u.cookie), 401);
    expect((await me(fresh)).status).toBe(200);
    expect((await login(u.email, PASSWORD)).status).toBe(401);
    expect((await login(u.email, NEW_PASSWORD)).status).toBe(200);
  });

  it.each([
    ["newPassword", { currentPassword: PASSWORD, newPassword: "short" }],
    ["newPassword", { currentPassword: PASSWORD, newPassword: "aaaaaaaaaaaaaa" }],
    ["currentPassword", { currentPassword: "", newPassword: NEW_PASSWORD }],
    ["currentPassword", { currentPassword: "wrong but long enough", newPassword: NEW_PASSWORD }],
  ])("refuses a bad %s with 400 naming it; the old password and sessions stay", async (field, json) => {
    const u = await signUp("student");
    const problem = await expectProblem(await as(u).me.password.$put({ json }), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual([field]);
    expect((await me(u.cookie)).status).toBe(200);
    expect((await login(u.email, PASSWORD)).status).toBe(200);
  });

  it("refuses a new password that contains the account's email name", async () => {
    const u = await signUp("student");
    const local = u.email.split("@")[0] as string;
    const problem = await expectProblem(
      await as(u).me.password.$put({ json: { currentPassword: PASSWORD, newPassword: `${local}!2026` } }),
      400,
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(["newPassword"]);
  });
});

describe("reset codes", () => {
  const issue = (who: TestUser | undefined, classId: string, userId: string) =>
    as(who).classes[":id"].members[":userId"]["reset-code"].$post({ param: { id: classId, userId } });
  const redeem = (json: { email: string; code: string; newPassword: string }, ip = freshIp()) =>
    as(undefined, ip).auth["reset-password"].$post({ json });

  it("an instructor issues a code for a student of the class; it resets the password once and signs the student in", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student");
    const k = await classWith(teacher, student);
    const laptop = sessionCookie(await login(student.email, PASSWORD));
    expect((await me(laptop)).status).toBe(200);
    const res = await issue(teacher, k.id, student.id);
    await expectContract("POST", `/api/classes/${k.id}/members/${student.id}/reset-code`, res.clone());
    const { code, expiresAt } = await body<{ code: string; expiresAt: string }>(res, 201);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(RESET_CODE_TTL_MS - 60_000);
    // Stored hashed only.
    const stored = await env.DB.prepare("SELECT code_hash FROM password_reset_codes WHERE user_id = ?")
      .bind(student.id)
      .first<{ code_hash: string }>();
    expect(stored?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.code_hash).not.toContain(code.replace("-", ""));

    // Typed the way a person would: lower case, a space instead of the dash.
    const done = await redeem({
      email: student.email.toUpperCase(),
      code: code.toLowerCase().replace("-", " "),
      newPassword: NEW_PASSWORD,
    });
    await expectContract("POST", "/api/auth/reset-password", done.clone());
    expect((await body<{ user: { id: string } }>(done, 200)).user.id).toBe(student.id);
    expect((await me(sessionCookie(done))).status).toBe(200);
    // Every earlier session ends, the cached one included; the old password is gone.
    await expectProblem(await me(laptop), 401);
    await expectProblem(await me(student.cookie), 401);
    expect((await login(student.email, PASSWORD)).status).toBe(401);
    expect((await login(student.email, NEW_PASSWORD)).status).toBe(200);
    // Works once.
    const again = await expectProblem(await redeem({ email: student.email, code, newPassword: "another fine phrase" }), 400);
    expect(again.errors?.map((e) => e.path)).toEqual(["code"]);
    expect((await login(student.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("refuses an expired code, a wrong one, and the previous code once a new one is issued", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student");
    const k = await classWith(teacher, student);
    const first = (await body<{ code: string }>(await issue(teacher, k.id, student.id), 201)).code;
    const second = (await body<{ code: string }>(await issue(teacher, k.id, student.id), 201)).code;
    await expectProblem(await redeem({ email: student.email, code: first, newPassword: NEW_PASSWORD }), 400);
    await expectProblem(await redeem({ email: student.email, code: "22222-22222", newPassword: NEW_PASSWORD }), 400);
    // An unknown email answers like a wrong code.
    await expectProblem(await redeem({ email: "nobody-here@example.test", code: second, newPassword: NEW_PASSWORD }), 400);
    await env.DB.prepare("UPDATE password_reset_codes SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1, student.id)
      .run();
    const expired = await expectProblem(await redeem({ email: student.email, code: second, newPassword: NEW_PASSWORD }), 400);
    expect(expired.errors?.map((e) => e.path)).toEqual(["code"]);
    expect((await login(student.email, PASSWORD)).status).toBe(200);
  });

  it.each([
    ["code", { code: "too-short" }],
    ["code", { code: "OOOOO-IIIII" }],
    ["newPassword", { newPassword: "short" }],
    ["email", { email: "not-an-email" }],
  ])("refuses a bad %s with 400 naming it; the code still works afterwards", async (field, over) => {
    const teacher = await signUp("instructor");
    const student = await signUp("student");
    const k = await classWith(teacher, student);
    const { code } = await body<{ code: string }>(await issue(teacher, k.id, student.id), 201);
    const problem = await expectProblem(await redeem({ email: student.email, code, newPassword: NEW_PASSWORD, ...over }), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
    expect((await login(student.email, PASSWORD)).status).toBe(200);
    expect((await redeem({ email: student.email, code, newPassword: NEW_PASSWORD })).status).toBe(200);
  });

  it("limits redeeming per account: after 10 tries in an hour even the right code waits (429)", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student");
    const k = await classWith(teacher, student);
    const { code } = await body<{ code: string }>(await issue(teacher, k.id, student.id), 201);
    for (let i = 0; i < 10; i++) {
      // Each guess from its own address: the per-account counter is what stops them.
      await expectProblem(await redeem({ email: student.email, code: `${"23456789AB"[i]}2222-33333`, newPassword: NEW_PASSWORD }), 400);
    }
    const limited = await redeem({ email: student.email, code, newPassword: NEW_PASSWORD });
    await expectProblem(limited, 429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login(student.email, PASSWORD)).status).toBe(200);
  });

  it("limits issuing per instructor: 30 an hour, then 429", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student");
    const k = await classWith(teacher, student);
    for (let i = 0; i < 30; i++) expect((await issue(teacher, k.id, student.id)).status).toBe(201);
    await expectProblem(await issue(teacher, k.id, student.id), 429);
  });

  it("only an instructor of a class the student is in may issue one", async () => {
    const teacher = await signUp("instructor");
    const otherTeacher = await signUp("instructor");
    const student = await signUp("student");
    const classmate = await signUp("student");
    const removed = await signUp("student");
    const outsider = await signUp("student");
    const k = await classWith(teacher, student, classmate, removed);
    const otherClass = await classWith(otherTeacher, outsider);
    expect((await api(teacher).classes[":id"].members[":userId"].$delete({ param: { id: k.id, userId: removed.id } })).status).toBe(200);

    await expectProblem(await issue(undefined, k.id, student.id), 401);
    await expectProblem(await issue(classmate, k.id, student.id), 403);
    await expectProblem(await issue(student, k.id, student.id), 403);
    await expectProblem(await issue(otherTeacher, k.id, student.id), 404);
    // Another instructor's student, even through the caller's own class id, and through theirs.
    await expectProblem(await issue(teacher, k.id, outsider.id), 404);
    await expectProblem(await issue(teacher, otherClass.id, outsider.id), 404);
    await expectProblem(await issue(teacher, k.id, removed.id), 404);
    await expectProblem(await issue(teacher, k.id, teacher.id), 404);
    expect(await count("SELECT count(*) AS n FROM password_reset_codes WHERE issued_by IN (?, ?)", teacher.id, otherTeacher.id)).toBe(0);
  });
});

describe("deleting an account", () => {
  const preview = (u: TestUser) => api(u).me.deletion.$get();
  const remove = (u: TestUser, currentPassword = PASSWORD) => as(u).me.delete.$post({ json: { currentPassword } });
  const departed = (who: TestUser | undefined, id: string) => api(who).classes[":id"].departed.$get({ param: { id } });
  const acknowledge = (who: TestUser | undefined, id: string, userId: string) =>
    api(who).classes[":id"].departed[":userId"].$delete({ param: { id, userId } });

  it("a student's class attempts stay in the gradebook until the instructor acknowledges; the rest goes at once", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student", "Leaving Student");
    const classmate = await signUp("student");
    const k = await classWith(teacher, student, classmate);
    const kept = await attemptIn(teacher, k.id, student);
    await attemptIn(teacher, k.id, classmate);
    // Practice on her own, outside the class: removed at once.
    expect((await api(student).attempts.$post({ json: { module: "risks" } })).status).toBe(201);

    const what = await preview(student);
    await expectContract("GET", "/api/me/deletion", what.clone());
    const plan = await body<{ allowed: boolean; classAttempts: { id: string; attemptCount: number }[] }>(what, 200);
    expect(plan.allowed).toBe(true);
    expect(plan.classAttempts).toEqual([{ id: k.id, name: "Account class", attemptCount: 1 }]);

    const wrong = await expectProblem(await remove(student, "not my password"), 400);
    expect(wrong.errors?.map((e) => e.path)).toEqual(["currentPassword"]);
    expect((await me(student.cookie)).status).toBe(200);

    const laptop = sessionCookie(await login(student.email, PASSWORD));
    expect((await me(laptop)).status).toBe(200);
    const done = await remove(student);
    expect(done.status).toBe(204);
    expect(done.headers.get("set-cookie")).toMatch(/^qadam_session=;/);
    await expectProblem(await me(student.cookie), 401);
    await expectProblem(await me(laptop), 401);
    expect((await login(student.email, PASSWORD)).status).toBe(401);
    expect(await count("SELECT count(*) AS n FROM attempts WHERE user_id = ?", student.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM review_cards WHERE user_id = ?", student.id)).toBe(0);
    // The email is free for a new account at once.
    expect(
      (await as(undefined).auth.signup.$post({ json: { email: student.email, password: PASSWORD, name: "Again", role: "student" } }))
        .status,
    ).toBe(201);

    // The gradebook keeps the results; the roster no longer lists her; the class page tells the instructor.
    const gradebook = await body<{ students: { id: string }[] }>(
      await api(teacher).classes[":id"].gradebook.$get({ param: { id: k.id } }),
      200,
    );
    expect(gradebook.students.map((s) => s.id)).toContain(student.id);
    const roster = await body<{ members: { id: string }[] }>(await api(teacher).classes[":id"].$get({ param: { id: k.id } }), 200);
    expect(roster.members.map((m) => m.id)).toEqual([classmate.id]);
    const list = await departed(teacher, k.id);
    await expectContract("GET", `/api/classes/${k.id}/departed`, list.clone());
    const { students } = await body<{
      students: { userId: string; name: string; attemptCount: number; deletedAt: string; removeOn: string }[];
    }>(list, 200);
    expect(students).toHaveLength(1);
    expect(students[0]).toMatchObject({ userId: student.id, name: "Leaving Student", attemptCount: 1 });
    expect(Date.parse(students[0]?.removeOn ?? "") - Date.parse(students[0]?.deletedAt ?? "")).toBe(ACCOUNT_PURGE_AFTER_MS);

    const ack = await acknowledge(teacher, k.id, student.id);
    await expectContract("DELETE", `/api/classes/${k.id}/departed/${student.id}`, ack.clone());
    expect(await body(ack, 200)).toEqual({ userId: student.id, removedAttempts: 1 });
    expect(await count("SELECT count(*) AS n FROM attempts WHERE id = ?", kept.attemptId)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM users WHERE id = ?", student.id)).toBe(0);
    expect((await body<{ students: unknown[] }>(await departed(teacher, k.id), 200)).students).toEqual([]);
    const after = await body<{ students: { id: string }[] }>(
      await api(teacher).classes[":id"].gradebook.$get({ param: { id: k.id } }),
      200,
    );
    expect(after.students.map((s) => s.id)).toEqual([classmate.id]);
    await expectProblem(await acknowledge(teacher, k.id, student.id), 404);
  });

  it("who may see and acknowledge departed students: only the class's instructor, and only for students who deleted", async () => {
    const teacher = await signUp("instructor");
    const otherTeacher = await signUp("instructor");
    const student = await signUp("student");
    const staying = await signUp("student");
    const k = await classWith(teacher, student, staying);
    await attemptIn(teacher, k.id, student);
    expect((await remove(student)).status).toBe(204);
    for (const who of [otherTeacher]) {
      await expectProblem(await departed(who, k.id), 404);
      await expectProblem(await acknowledge(who, k.id, student.id), 404);
    }
    await expectProblem(await departed(staying, k.id), 403);
    await expectProblem(await acknowledge(staying, k.id, student.id), 403);
    await expectProblem(await departed(undefined, k.id), 401);
    // A student who did not delete their account is not acknowledged away.
    await expectProblem(await acknowledge(teacher, k.id, staying.id), 404);
    expect(await count("SELECT count(*) AS n FROM attempts WHERE user_id = ?", student.id)).toBe(1);
  });

  it("without acknowledgement the cron removes the class data after the notice period", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student");
    const k = await classWith(teacher, student);
    await attemptIn(teacher, k.id, student);
    expect((await remove(student)).status).toBe(204);
    const db = createDb(env.DB);
    expect(await purgeDeletedAfterNotice(db, Date.now())).toBe(0);
    expect(await count("SELECT count(*) AS n FROM attempts WHERE user_id = ?", student.id)).toBe(1);
    expect(await purgeDeletedAfterNotice(db, Date.now() + ACCOUNT_PURGE_AFTER_MS + 1000)).toBeGreaterThanOrEqual(1);
    expect(await count("SELECT count(*) AS n FROM attempts WHERE user_id = ?", student.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM class_members WHERE user_id = ?", student.id)).toBe(0);
  });

  it("an instructor whose class has students is refused (409) and keeps everything; with no students left, the classes go too", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student");
    const k = await classWith(teacher, student);
    const empty = await classWith(teacher);
    const plan = await body<{ allowed: boolean; classesWithStudents: { id: string }[]; emptyClasses: { id: string }[] }>(
      await preview(teacher),
      200,
    );
    expect(plan.allowed).toBe(false);
    expect(plan.classesWithStudents.map((c) => c.id)).toEqual([k.id]);
    expect(plan.emptyClasses.map((c) => c.id)).toEqual([empty.id]);
    const refused = await expectProblem(await remove(teacher), 409);
    expect(refused.reason).toBe("classes_with_students");
    expect((await me(teacher.cookie)).status).toBe(200);
    expect(await count("SELECT count(*) AS n FROM classes WHERE instructor_id = ?", teacher.id)).toBe(2);

    expect((await api(teacher).classes[":id"].members[":userId"].$delete({ param: { id: k.id, userId: student.id } })).status).toBe(200);
    expect((await remove(teacher)).status).toBe(204);
    await expectProblem(await me(teacher.cookie), 401);
    expect(await count("SELECT count(*) AS n FROM classes WHERE instructor_id = ?", teacher.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM users WHERE id = ?", teacher.id)).toBe(0);
    expect((await me(student.cookie)).status).toBe(200);
  });

  it("refuses a missing password with 400 and needs a session", async () => {
    const u = await signUp("student");
    // Raw: a body without the field on purpose.
    const problem = await expectProblem(await call("/api/me/delete", { method: "POST", body: {}, cookie: u.cookie }), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(["currentPassword"]);
    expect((await me(u.cookie)).status).toBe(200);
    await expectProblem(await api().me.delete.$post({ json: { currentPassword: PASSWORD } }), 401);
    await expectProblem(await api().me.deletion.$get(), 401);
  });
});

describe("GET /api/me/export", () => {
  it("downloads the user's own profile, memberships, attempts with answers and deck cards, and nobody else's", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student", "Exporting Student");
    const classmate = await signUp("student");
    const k = await classWith(teacher, student, classmate);
    const mine = await attemptIn(teacher, k.id, student);
    const theirs = await attemptIn(teacher, k.id, classmate);
    const res = await api(student).me.export.$get();
    await expectContract("GET", "/api/me/export", res.clone());
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="qadam-data-.+\.json"$/);
    const data = await body<{
      profile: { id: string; name: string; email: string };
      memberships: { classId: string; instructorName: string }[];
      attempts: { id: string; status: string; result: { score: number } | null; answers: { questionId: string }[] }[];
      deckCards: { questionId: string }[];
    }>(res, 200);
    expect(data.profile).toMatchObject({ id: student.id, name: "Exporting Student", email: student.email });
    expect(data.memberships).toEqual([expect.objectContaining({ classId: k.id, instructorName: teacher.name })]);
    expect(data.attempts.map((a) => a.id)).toEqual([mine.attemptId]);
    expect(data.attempts[0]?.answers.map((a) => a.questionId)).toEqual([mine.questionId]);
    expect(data.attempts[0]?.result).not.toBeNull();
    const text = JSON.stringify(data);
    expect(text).not.toContain(theirs.attemptId);
    expect(text).not.toContain(classmate.id);
    // No snapshot, so no answer key and no explanation travels in the export.
    expect(text).not.toMatch(/"key"|"explanation"|"snapshot"/);
    const cards = await count("SELECT count(*) AS n FROM review_cards WHERE user_id = ?", student.id);
    expect(data.deckCards).toHaveLength(cards);
  });

  it("an instructor's export lists the classes they teach, not their students", async () => {
    const teacher = await signUp("instructor");
    const student = await signUp("student");
    const k = await classWith(teacher, student);
    const data = await body<{ classesTaught: { id: string }[]; memberships: unknown[] }>(await api(teacher).me.export.$get(), 200);
    expect(data.classesTaught.map((c) => c.id)).toEqual([k.id]);
    expect(JSON.stringify(data)).not.toContain(student.id);
  });

  it("needs a session", async () => {
    await expectProblem(await api().me.export.$get(), 401);
  });
});
