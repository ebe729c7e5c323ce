// Instructor results: gradebook (JSON, CSV, XLSX), student detail, item analysis; who may read them; and that they stay a fixed number of indexed queries at 1,000 students.
import { createExecutionContext, env } from "cloudflare:test";
import { strFromU8, unzipSync } from "fflate";
import { hc, type InferRequestType, type InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.ts";
import { gradebookQueries, itemAnalysisQueries, studentAttemptQueries } from "../../db/queries/gradebook.ts";
import { type AppType, app } from "../../worker/app.ts";
import { course, findModule } from "../../worker/course.ts";
import { contentHashes } from "../../worker/domain/itemDigest.ts";
import { type SnapshotQuestion, serveAttempt } from "../../worker/domain/serve.ts";
import { expectContract } from "./contract.ts";
import { api, call, expectProblem, ORIGIN, type Received, signUp, type TestUser } from "./helpers.ts";

const H = 60 * 60 * 1000;

// Response and request types from the routes themselves (AppType), not written again here.
type Client = ReturnType<typeof api>;
type Gradebook = InferResponseType<Client["classes"][":id"]["gradebook"]["$get"], 200>;
type AssignmentRequest = InferRequestType<Client["classes"][":id"]["assignments"]["$post"]>["json"];

async function createClass(owner: TestUser, name: string) {
  const res = await api(owner).classes.$post({ json: { name } });
  expect(res.status).toBe(201);
  const body = await res.json();
  if (!("class" in body)) throw new Error("class not created");
  return body.class;
}

async function join(student: TestUser, code: string | null) {
  expect((await api(student).classes.join.$post({ json: { code: code ?? "" } })).status).toBe(200);
}

const isoMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function assign(owner: TestUser, classId: string, rules: Partial<AssignmentRequest>) {
  const res = await api(owner).classes[":id"].assignments.$post({
    param: { id: classId },
    json: { module: "copying-to-innovation", mode: "assessment", timeZone: "UTC", reviewPolicy: "after_submit", ...rules },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = await res.json();
  if (!("assignment" in body)) throw new Error("assignment not created");
  return body.assignment;
}

const gradebookOf = (as: TestUser | undefined, id: string) => api(as).classes[":id"].gradebook.$get({ param: { id } });
const itemsOf = (as: TestUser | undefined, id: string, assignmentId: string) =>
  api(as).classes[":id"].items.$get({ param: { id }, query: { assignmentId } });

let attemptCounter = 0;
/** An attempt row written straight to D1, so its times and score are exactly what the test needs. */
async function insertAttempt(a: {
  userId: string;
  assignmentId: string;
  status?: "open" | "submitted";
  score?: number | null;
  maxScore?: number | null;
  startedAt: number;
  submittedAt?: number | null;
  snapshot?: SnapshotQuestion[];
  id?: string;
}) {
  const id = a.id ?? `att-${++attemptCounter}-${crypto.randomUUID()}`;
  const status = a.status ?? "submitted";
  await env.DB.prepare(
    `INSERT INTO attempts (id, user_id, module_slug, assignment_id, mode, status, seed, snapshot, rules, started_at, deadline, submitted_at, score, max_score, open_key)
     VALUES (?, ?, 'copying-to-innovation', ?, 'assessment', ?, 1, ?, '{}', ?, NULL, ?, ?, ?, ?)`,
  )
    .bind(
      id,
      a.userId,
      a.assignmentId,
      status,
      JSON.stringify(a.snapshot ?? []),
      a.startedAt,
      a.submittedAt ?? null,
      a.score ?? null,
      a.maxScore ?? null,
      status === "open" ? `${a.userId}:copying-to-innovation:${a.assignmentId}` : null,
    )
    .run();
  return id;
}

const insertAnswer = (attemptId: string, questionId: string, answer: unknown, score: number | null) =>
  env.DB.prepare("INSERT INTO answers (attempt_id, question_id, answer, saved_at, revision, score) VALUES (?, ?, ?, ?, 1, ?)")
    .bind(attemptId, questionId, JSON.stringify(answer), Date.now(), score)
    .run();

/** The app, as a typed client signed in with `cookie`, over a D1 that logs every round trip: each statement run alone, and each batch as one. */
function countingClient(cookie: string) {
  const log: string[] = [];
  const real = Symbol("real");
  type Wrapped = D1PreparedStatement & { [real]: D1PreparedStatement };
  const wrap = (stmt: D1PreparedStatement, sql: string): Wrapped => {
    const run =
      (name: "first" | "all" | "raw" | "run") =>
      (...args: unknown[]) => {
        log.push(sql);
        return (stmt[name] as (...a: unknown[]) => unknown)(...args);
      };
    return {
      [real]: stmt,
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), sql),
      first: run("first"),
      all: run("all"),
      raw: run("raw"),
      run: run("run"),
    } as unknown as Wrapped;
  };
  const DB = {
    // The app opens a D1 session per request (worker/middleware/d1Session.ts); this double counts through it.
    withSession: () => DB,
    getBookmark: () => null,
    prepare: (sql: string) => wrap(env.DB.prepare(sql), sql),
    batch: (statements: Wrapped[]) => {
      log.push(`batch of ${statements.length}`);
      return env.DB.batch(statements.map((s) => s[real]));
    },
  } as unknown as D1Database;
  const client: Client = hc<AppType>(`${ORIGIN}/api`, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init), { ...env, DB }, createExecutionContext()),
    headers: { cookie },
  });
  return { log, client };
}

describe("GET /api/classes/:id/gradebook", () => {
  let teacher: TestUser;
  let s1: TestUser;
  let s2: TestUser;
  let s3: TestUser;
  let leaver: TestUser;
  let classId: string;
  const ids: Record<"best" | "last" | "avg" | "prac", string> = { best: "", last: "", avg: "", prac: "" };
  let body: Gradebook;

  beforeAll(async () => {
    teacher = await signUp("instructor", "Учитель");
    s1 = await signUp("student", 'Ахметов, "Даулет"');
    s2 = await signUp("student", "Борис Ким");
    s3 = await signUp("student", '=HYPERLINK("http://evil","x")');
    leaver = await signUp("student", "Ушедший");
    const k = await createClass(teacher, "Группа 1: «IT»");
    classId = k.id;
    for (const s of [s1, s2, s3, leaver]) await join(s, k.joinCode);
    const now = Date.now();
    ids.best = (await assign(teacher, classId, { gradingMethod: "best", dueAt: isoMinute(now + 48 * H) })).id;
    ids.last = (await assign(teacher, classId, { gradingMethod: "last", dueAt: isoMinute(now - 24 * H), module: "risks" })).id;
    ids.avg = (await assign(teacher, classId, { gradingMethod: "average", module: "prospects" })).id;
    ids.prac = (await assign(teacher, classId, { mode: "practice", opensAt: isoMinute(now + 24 * H), dueAt: isoMinute(now + 200 * H) })).id;
    const lastDue = now - 24 * H;
    // s1: best of 5/10 and 9/10; last of 8/10 then 4/10 (both on time); average of 6/10 and 10/10.
    const s = (userId: string, assignmentId: string, score: number, at: number) =>
      insertAttempt({ userId, assignmentId, score, maxScore: 10, startedAt: at - H, submittedAt: at });
    await s(s1.id, ids.best, 5, now - 5 * H);
    await s(s1.id, ids.best, 9, now - 4 * H);
    await s(s1.id, ids.last, 8, lastDue - 10 * H);
    await s(s1.id, ids.last, 4, lastDue - 5 * H);
    await s(s1.id, ids.avg, 6, now - 3 * H);
    await s(s1.id, ids.avg, 10, now - 2 * H);
    // s2: an open attempt on "best", and "last" handed in after its due date.
    await insertAttempt({ userId: s2.id, assignmentId: ids.best, status: "open", startedAt: now - H });
    await s(s2.id, ids.last, 7, lastDue + 2 * H);
    // The leaver scored 1/10 and was then removed: not in the gradebook, and not in any average.
    await s(leaver.id, ids.best, 1, now - H);
    const removed = await api(teacher).classes[":id"].members[":userId"].$delete({ param: { id: classId, userId: leaver.id } });
    expect(removed.status).toBe(200);
    const res = await gradebookOf(teacher, classId);
    await expectContract("GET", `/api/classes/${classId}/gradebook`, res);
    const read = await res.json();
    if (!("students" in read)) throw new Error(`no gradebook: ${res.status}`);
    body = read;
  });

  const row = (u: TestUser) => body.students.find((s) => s.id === u.id);
  const col = (id: string) => body.assignments.find((a) => a.id === id);

  it("has the current members with their names and emails, not a removed one", () => {
    expect(body.class).toEqual({ id: classId, name: "Группа 1: «IT»" });
    expect(body.students.map((s) => s.id).sort()).toEqual([s1.id, s2.id, s3.id].sort());
    expect(row(s1)).toMatchObject({ name: 'Ахметов, "Даулет"', email: s1.email });
  });

  it("grades cells under best, last and average", () => {
    expect(row(s1)?.cells).toEqual({
      [ids.best]: { gradeShare: 0.9, attempts: 2, status: "submitted", accommodation: null },
      [ids.last]: { gradeShare: 0.4, attempts: 2, status: "submitted", accommodation: null },
      [ids.avg]: { gradeShare: 0.8, attempts: 2, status: "submitted", accommodation: null },
      [ids.prac]: { gradeShare: null, attempts: 0, status: "upcoming", accommodation: null },
    });
  });

  it("shows in progress, late, missed and not started", () => {
    expect(row(s2)?.cells).toMatchObject({
      [ids.best]: { gradeShare: null, attempts: 1, status: "in_progress" },
      [ids.last]: { gradeShare: 0.7, attempts: 1, status: "late" },
      [ids.avg]: { gradeShare: null, attempts: 0, status: "not_started" },
    });
    expect(row(s3)?.cells).toMatchObject({
      [ids.best]: { status: "not_started" },
      [ids.last]: { gradeShare: null, attempts: 0, status: "missed" },
    });
  });

  it("averages per student (missed counts 0) and per assignment, with distributions", () => {
    expect(row(s1)?.averageShare).toBe(0.7);
    expect(row(s2)?.averageShare).toBe(0.7);
    expect(row(s3)?.averageShare).toBe(0);
    expect(col(ids.best)).toMatchObject({ averageShare: 0.9, submittedCount: 1, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1] });
    expect(col(ids.last)).toMatchObject({ averageShare: 0.55, submittedCount: 2, distribution: [0, 0, 0, 0, 1, 0, 0, 1, 0, 0] });
    expect(col(ids.avg)).toMatchObject({ module: "prospects", averageShare: 0.8, submittedCount: 1 });
    expect(col(ids.prac)).toMatchObject({ averageShare: null, submittedCount: 0 });
  });

  it("lists who has not started what is due within 72 hours", () => {
    expect(body.notStartedDueSoon).toEqual([
      { assignmentId: ids.best, dueAt: expect.any(String), students: [{ id: s3.id, name: s3.name }] },
    ]);
  });

  it("the CSV: BOM, CRLF, header, quoted names, neutralised formulas, grades in percent", async () => {
    const csv = (lang?: "ru" | "en" | "kk") =>
      api(teacher).classes[":id"]["gradebook.csv"].$get({ param: { id: classId }, query: { lang } });
    const res = await csv();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1] ?? "")).toBe("Группа 1 «IT» оценки.csv");
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFFСтудент,Эл. почта,"), "ru header").toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(text.replaceAll("\r\n", "")).not.toContain("\n");
    const header = lines[0] ?? "";
    // Columns in due order, undated last: last (risks), best, practice, average (prospects).
    const titles = ["risks", "copying-to-innovation", "copying-to-innovation", "prospects"].map((slug) => findModule(slug)?.title.ru);
    expect(header.startsWith(`Студент,Эл. почта,"${titles[0]} (срок `), header).toBe(true);
    expect(header).toContain(`"${titles[2]} (практика) (срок `);
    expect(header.endsWith(`,"${titles[3]}, %","Средний балл, %"`), header).toBe(true);
    expect(lines).toContain(`"Ахметов, ""Даулет""",${s1.email},40,90,,80,70`);
    expect(lines).toContain(`"'=HYPERLINK(""http://evil"",""x"")",${s3.email},,,,,0`);
    expect(lines).toContain(`Борис Ким,${s2.email},70,,,,70`);
    const en = await csv("en");
    // res.text() decodes UTF-8 and drops the BOM, as spreadsheet programs do.
    expect((await en.text()).startsWith("Student,Email,")).toBe(true);
    const kk = await csv("kk");
    const kkText = await kk.text();
    // Module titles are in kk where the module is written in kk, else in ru (as the course serves them).
    const kkTitle = (slug: string) => {
      const m = findModule(slug)!;
      return m.languages.includes("kk") ? m.title.kk : m.title.ru;
    };
    expect(kkText.startsWith(`Студент,Эл. пошта,"${kkTitle("risks")} (мерзімі `), kkText).toBe(true);
    expect(kkText.split("\r\n")[0]).toContain(`"${kkTitle("copying-to-innovation")} (жаттығу) (мерзімі `);
    expect(kkText.split("\r\n")[0]?.endsWith(`"Орташа балл, %"`)).toBe(true);
    expect(decodeURIComponent(kk.headers.get("content-disposition")?.split("''")[1] ?? "")).toBe("Группа 1 «IT» бағалар.csv");
    // Raw: a language outside the enum is a query the typed client will not send.
    const bad = await expectProblem(await call(`/api/classes/${classId}/gradebook.csv?lang=uz`, { cookie: teacher.cookie }), 400);
    expect(bad.errors?.[0]?.path).toBe("query.lang");
  });

  it("the XLSX: one frozen sheet, names as text, grades as percentage-formatted numbers, the CSV's cells", async () => {
    const xlsx = (lang?: "ru" | "en") => api(teacher).classes[":id"]["gradebook.xlsx"].$get({ param: { id: classId }, query: { lang } });
    const res = await xlsx();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(decodeURIComponent(disposition.split("''")[1] ?? "")).toBe("Группа 1 «IT» оценки.xlsx");
    const parts = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(parts).sort()).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
      ].sort(),
    );
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain('<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>');
    expect(strFromU8(parts["xl/workbook.xml"] as Uint8Array)).toContain('<sheet name="Оценки"');
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => m[2] ?? "");
    expect(rows).toHaveLength(1 + 3);
    const cells = (row: string) =>
      [
        ...row.matchAll(
          /<c r="([A-Z]+)\d+" s="(\d)"(?: t="inlineStr")?>(?:<is><t xml:space="preserve">(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g,
        ),
      ].map((m) => [m[1], m[2], m[3] ?? Number(m[4])]);
    expect(cells(rows[0] ?? "").slice(0, 2)).toEqual([
      ["A", "3", "Студент"],
      ["B", "3", "Эл. почта"],
    ]);
    // Same columns as the CSV row `"Ахметов, ""Даулет""",email,40,90,,80,70`: text style 1, percentages style 2 as shares.
    expect(cells(rows.find((r) => r.includes("Ахметов")) ?? "")).toEqual([
      ["A", "1", "Ахметов, &quot;Даулет&quot;"],
      ["B", "1", s1.email],
      ["C", "2", 0.4],
      ["D", "2", 0.9],
      ["F", "2", 0.8],
      ["G", "2", 0.7],
    ]);
    // A name that would be a formula in a CSV is only ever text here: an inline string, never <f>.
    expect(sheet).not.toContain("<f>");
    expect(sheet).toContain("=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)");
    expect(strFromU8(parts["xl/styles.xml"] as Uint8Array)).toContain('formatCode="0.0%"');
    const en = unzipSync(new Uint8Array(await (await xlsx("en")).arrayBuffer()));
    expect(strFromU8(en["xl/worksheets/sheet1.xml"] as Uint8Array)).toContain('<t xml:space="preserve">Student</t>');
    const bad = await expectProblem(await call(`/api/classes/${classId}/gradebook.xlsx?lang=xx`, { cookie: teacher.cookie }), 400);
    expect(bad.errors?.[0]?.path).toBe("query.lang");
  });

  it("student detail: every attempt in this class with answers and per-question scores", async () => {
    const snapshot = serveAttempt(course, "copying-to-innovation", 7);
    const [q1, q2] = snapshot as [SnapshotQuestion, SnapshotQuestion];
    const at = Date.now() - 30 * 60 * 1000;
    const id = await insertAttempt({
      userId: s3.id,
      assignmentId: ids.best,
      score: 1,
      maxScore: snapshot.length,
      startedAt: at - H / 2,
      submittedAt: at,
      snapshot,
    });
    await insertAnswer(id, q1.served.id, "whatever", 1);
    await insertAnswer(id, q2.served.id, false, 0);
    const attemptsOf = (studentId: string) =>
      api(teacher).classes[":id"].students[":studentId"].attempts.$get({ param: { id: classId, studentId } });
    const res = await attemptsOf(s3.id);
    await expectContract("GET", `/api/classes/${classId}/students/${s3.id}/attempts`, res);
    const detail = await res.json();
    if (!("student" in detail)) throw new Error(`no student detail: ${res.status}`);
    expect(detail.student).toMatchObject({ id: s3.id, name: s3.name });
    expect(detail.assignments.map((a) => a.id).sort()).toEqual(Object.values(ids).sort());
    const best = detail.assignments.find((a) => a.id === ids.best);
    expect(best).toMatchObject({ status: "submitted", gradeShare: Math.round((1 / snapshot.length) * 10_000) / 10_000 });
    expect(best?.attempts).toHaveLength(1);
    const attempt = best?.attempts[0];
    expect(attempt).toMatchObject({ id, late: false });
    expect(attempt?.items).toHaveLength(snapshot.length);
    expect(attempt?.items[0]).toMatchObject({ question: { id: q1.served.id }, answer: "whatever", score: 1 });
    expect(attempt?.items[1]).toMatchObject({ question: { id: q2.served.id }, answer: false, score: 0 });
    expect(attempt?.items[2]).toMatchObject({ answer: null, score: 0 });
    // A student of the class only: the removed student and an unknown id are 404.
    await expectProblem(await attemptsOf(leaver.id), 404);
    await expectProblem(await attemptsOf("nobody"), 404);
  });

  it("only the class's own instructor: 401 anonymous, 403 students, 404 other instructors and other classes", async () => {
    const other = await signUp("instructor", "Другой");
    const otherClass = await createClass(other, "Чужая группа");
    // Each read of the class's results, as `as` and for the class `id`.
    const reads: ((as: TestUser | undefined, id: string) => Promise<Received>)[] = [
      (as, id) => gradebookOf(as, id),
      (as, id) => api(as).classes[":id"]["gradebook.csv"].$get({ param: { id }, query: {} }),
      (as, id) => api(as).classes[":id"]["gradebook.xlsx"].$get({ param: { id }, query: {} }),
      (as, id) => api(as).classes[":id"].students[":studentId"].attempts.$get({ param: { id, studentId: s1.id } }),
      (as, id) => itemsOf(as, id, ids.best),
    ];
    for (const read of reads) {
      await expectProblem(await read(undefined, classId), 401);
      await expectProblem(await read(s1, classId), 403);
      await expectProblem(await read(leaver, classId), 403);
      const hidden = await expectProblem(await read(other, classId), 404);
      expect(JSON.stringify(hidden)).not.toContain(s1.name);
      expect((await read(teacher, classId)).status).toBe(200);
      await expectProblem(await read(teacher, otherClass.id), 404);
      await expectProblem(await read(teacher, "no-such-class"), 404);
    }
    // Another instructor's assignment cannot be analysed through one's own class either.
    const theirs = await assign(other, otherClass.id, { gradingMethod: "best" });
    await expectProblem(await itemsOf(teacher, classId, theirs.id), 404);
    // Raw: a request without its required query parameter is one the typed client will not send.
    const missing = await expectProblem(await call(`/api/classes/${classId}/items`, { cookie: teacher.cookie }), 400);
    expect(missing.errors?.[0]?.path).toBe("query.assignmentId");
  });
});

describe("GET /api/classes/:id/items", () => {
  it("computes facility, discrimination and option picks across differently shuffled attempts", async () => {
    const teacher = await signUp("instructor");
    const k = await createClass(teacher, "Item analysis");
    const students = [];
    for (let i = 0; i < 5; i++) {
      const s = await signUp("student", `Студент ${i}`);
      await join(s, k.joinCode);
      students.push(s);
    }
    const assignment = await assign(teacher, k.id, { gradingMethod: "best" });
    const bank = course.modules.find((m) => m.slug === "copying-to-innovation")?.questionIds ?? [];
    const single = bank.find((id) => course.questions[id]?.type === "single") as string;
    const truefalse = bank.find((id) => course.questions[id]?.type === "truefalse") as string;
    const multiple = bank.find((id) => course.questions[id]?.type === "multiple") as string;
    // Hand-made: attempts a1..a5 with their own seeds (so option ids and order differ), three questions each.
    //        S (single)      T (true/false)   M (multiple)   total
    // a1     right           right            right          3/3
    // a2     right           wrong            right          2/3
    // a3     wrong option X  right            —              1/3
    // a4     —               wrong            —              0/3
    // a5     right           right            —              2/3
    // Ranked a1, a2, a5 (tie broken by id), a3, a4; 27 % of 5 → groups of 1: upper a1, lower a4.
    const plan = [
      { s: "right", t: true, m: true },
      { s: "right", t: false, m: true },
      { s: "wrong", t: true, m: false },
      { s: null, t: false, m: false },
      { s: "right", t: true, m: false },
    ] as const;
    const servedIds = new Set<string>();
    for (const [i, p] of plan.entries()) {
      const snapshot = serveAttempt(course, "copying-to-innovation", 1000 + i).filter((q) =>
        [single, truefalse, multiple].includes(q.served.id),
      );
      const byId = (id: string) => snapshot.find((q) => q.served.id === id) as SnapshotQuestion;
      const S = byId(single);
      const T = byId(truefalse);
      const M = byId(multiple);
      const sKey = S.key.type === "single" ? S.key.correct : "";
      const tKey = T.key.type === "truefalse" ? T.key.correct : true;
      const mKey = M.key.type === "multiple" ? M.key.correct : [];
      servedIds.add(sKey);
      // "Option X": the first served option whose text is the source's first wrong option.
      const source = course.questions[single];
      const wrongText = source?.type === "single" ? source.options.find((o) => o.id !== source.answer)?.text : undefined;
      const wrong = S.served.options?.find((o) => o.text.en === wrongText?.en)?.id as string;
      let total = 0;
      const answers: [string, unknown, number][] = [];
      if (p.s) answers.push([single, p.s === "right" ? sKey : wrong, p.s === "right" ? 1 : 0]);
      answers.push([truefalse, p.t ? tKey : !tKey, p.t ? 1 : 0]);
      if (p.m) answers.push([multiple, mKey, 1]);
      for (const [, , score] of answers) total += score;
      const id = await insertAttempt({
        id: `a${i + 1}-${crypto.randomUUID()}`,
        userId: (students[i] as TestUser).id,
        assignmentId: assignment.id,
        score: total,
        maxScore: 3,
        startedAt: Date.now() - 2 * H,
        submittedAt: Date.now() - H,
        snapshot,
      });
      for (const [q, answer, score] of answers) await insertAnswer(id, q, answer, score);
    }
    // The five attempts were served the right option under different ids.
    expect(servedIds.size).toBeGreaterThan(1);
    // An open attempt is not analysed.
    await insertAttempt({ userId: (students[4] as TestUser).id, assignmentId: assignment.id, status: "open", startedAt: Date.now() });

    const res = await itemsOf(teacher, k.id, assignment.id);
    await expectContract("GET", `/api/classes/${k.id}/items?assignmentId=${assignment.id}`, res);
    const body = await res.json();
    if (!("items" in body)) throw new Error(`no item analysis: ${res.status}`);
    expect(body).toMatchObject({ attemptCount: 5, groupSize: 1 });
    const item = (id: string) => body.items.find((q) => q.questionId === id);
    // S: scores 1 1 0 0 1 → 0.6; answered by 4; upper a1 (1) − lower a4 (0) = 1.
    expect(item(single)).toMatchObject({ served: 5, answered: 4, facility: 0.6, discrimination: 1, flags: [] });
    const source = course.questions[single];
    if (source?.type !== "single") throw new Error("expected a single-choice question");
    const picks = Object.fromEntries((item(single)?.options ?? []).map((o) => [o.id, [o.correct, o.picked, o.share]]));
    const wrongId = source.options.find((o) => o.id !== source.answer)?.id as string;
    expect(picks[source.answer]).toEqual([true, 3, 0.75]);
    expect(picks[wrongId]).toEqual([false, 1, 0.25]);
    expect(item(single)?.options).toHaveLength(source.options.length);
    // T: scores 1 0 1 0 1 → 0.6; a1 right, a4 wrong → 1. Picks of "true" depend on the key.
    const t = item(truefalse);
    expect(t).toMatchObject({ served: 5, answered: 5, facility: 0.6, discrimination: 1 });
    const tf = course.questions[truefalse];
    const keyTrue = tf?.type === "truefalse" && tf.answer === true;
    expect(t?.options?.find((o) => o.id === "true")).toMatchObject({ correct: keyTrue, picked: keyTrue ? 3 : 2 });
    // M: scores 1 1 0 0 0 → 0.4; answered by 2; each correct option ticked twice (share 1).
    const m = item(multiple);
    expect(m).toMatchObject({ served: 5, answered: 2, facility: 0.4, discrimination: 1 });
    expect(m?.options?.filter((o) => o.correct).every((o) => o.picked === 2 && o.share === 1)).toBe(true);
    expect(m?.options?.filter((o) => !o.correct).every((o) => o.picked === 0)).toBe(true);
  });
});

/** SQL literal for seeding (test data only: every value is ours). */
const lit = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`);

const utf8 = new TextEncoder();
/** Multi-row INSERTs kept under D1's statement size limit (100 KB of UTF-8). */
function inserts(table: string, columns: string[], rows: (string | number | null)[][], maxBytes = 90_000): string[] {
  const out: string[] = [];
  let values: string[] = [];
  let size = 0;
  for (const r of rows) {
    const v = `(${r.map(lit).join(",")})`;
    const bytes = utf8.encode(v).length;
    if (values.length > 0 && size + bytes > maxBytes) {
      out.push(`INSERT INTO ${table} (${columns.join(",")}) VALUES ${values.join(",")}`);
      values = [];
      size = 0;
    }
    values.push(v);
    size += bytes + 1;
  }
  if (values.length) out.push(`INSERT INTO ${table} (${columns.join(",")}) VALUES ${values.join(",")}`);
  return out;
}

async function runAll(statements: string[]) {
  for (let i = 0; i < statements.length; i += 50) await env.DB.batch(statements.slice(i, i + 50).map((s) => env.DB.prepare(s)));
}

/** Seeds `size` students × 8 assignments straight into D1, one submitted attempt per cell; assignment 0 with real snapshots and answers. */
async function seedClass(teacher: TestUser, size: number, tag: string) {
  const k = await createClass(teacher, `Scale ${tag}`);
  const now = Date.now();
  const students = Array.from({ length: size }, (_, i) => `${tag}-s${i}`);
  await runAll([
    ...inserts(
      "users",
      ["id", "email", "name", "role", "password_hash", "password_salt", "password_iterations", "created_at"],
      students.map((id, i) => [id, `${id}@scale.test`, `Студент ${i}`, "student", "x", "x", 1, now]),
    ),
    ...inserts(
      "class_members",
      ["class_id", "user_id", "joined_at"],
      students.map((id) => [k.id, id, now]),
    ),
  ]);
  const assignmentIds = Array.from({ length: 8 }, (_, j) => `${tag}-a${j}`);
  await runAll(
    inserts(
      "assignments",
      [
        "id",
        "class_id",
        "module_slug",
        "mode",
        "opens_at",
        "due_at",
        "max_attempts",
        "time_limit_minutes",
        "grading_method",
        "review_policy",
        "time_zone",
        "created_at",
        "updated_at",
      ],
      assignmentIds.map((id, j) => [
        id,
        k.id,
        "copying-to-innovation",
        "assessment",
        null,
        now + (j - 4) * 24 * H,
        null,
        null,
        (["best", "last", "average"] as const)[j % 3] as string,
        "after_submit",
        "UTC",
        now,
        now,
      ]),
    ),
  );
  const snapshot = serveAttempt(course, "copying-to-innovation", 42);
  const snapshotJson = JSON.stringify(snapshot);
  const attemptRows: (string | number | null)[][] = [];
  const answerRows: (string | number | null)[][] = [];
  students.forEach((sid, i) => {
    assignmentIds.forEach((aid, j) => {
      if ((i + j) % 7 === 0) return; // some cells not started
      const id = `${sid}-${aid}`;
      const score = (i * 7 + j * 3) % 15;
      attemptRows.push([
        id,
        sid,
        "copying-to-innovation",
        aid,
        "assessment",
        "submitted",
        1,
        j === 0 ? snapshotJson : "[]",
        "{}",
        now - 2 * H,
        null,
        now - H,
        Math.min(score, 14),
        14,
        null,
      ]);
      if (j === 0)
        for (const [n, q] of snapshot.entries()) answerRows.push([id, q.served.id, JSON.stringify("x"), now, 1, n < score ? 1 : 0]);
    });
  });
  await runAll(
    inserts(
      "attempts",
      [
        "id",
        "user_id",
        "module_slug",
        "assignment_id",
        "mode",
        "status",
        "seed",
        "snapshot",
        "rules",
        "started_at",
        "deadline",
        "submitted_at",
        "score",
        "max_score",
        "open_key",
      ],
      attemptRows,
    ),
  );
  await runAll(inserts("answers", ["attempt_id", "question_id", "answer", "saved_at", "revision", "score"], answerRows));
  return { classId: k.id, studentId: students[1] as string, assignmentId: assignmentIds[0] as string };
}

describe("scale: 1,000 students × 8 assignments", () => {
  let teacher: TestUser;
  let small: Awaited<ReturnType<typeof seedClass>>;
  let large: Awaited<ReturnType<typeof seedClass>>;
  beforeAll(async () => {
    teacher = await signUp("instructor", "Scale teacher");
    small = await seedClass(teacher, 3, "small");
    large = await seedClass(teacher, 1000, "large");
  }, 180_000);

  /** The five reads of a class's results, each with the path it requests (for the messages). */
  const endpoints = (c: {
    classId: string;
    studentId: string;
    assignmentId: string;
  }): [string, (client: Client) => Promise<Received>][] => {
    const id = c.classId;
    return [
      [`/api/classes/${id}/gradebook`, (client) => client.classes[":id"].gradebook.$get({ param: { id } })],
      [`/api/classes/${id}/gradebook.csv`, (client) => client.classes[":id"]["gradebook.csv"].$get({ param: { id }, query: {} })],
      [`/api/classes/${id}/gradebook.xlsx`, (client) => client.classes[":id"]["gradebook.xlsx"].$get({ param: { id }, query: {} })],
      [
        `/api/classes/${id}/students/${c.studentId}/attempts`,
        (client) => client.classes[":id"].students[":studentId"].attempts.$get({ param: { id, studentId: c.studentId } }),
      ],
      [
        `/api/classes/${id}/items?assignmentId=${c.assignmentId}`,
        (client) => client.classes[":id"].items.$get({ param: { id }, query: { assignmentId: c.assignmentId } }),
      ],
    ];
  };

  // The teacher's session is already in the isolate's session cache (worker/domain/sessionCache.ts), so each
  // request is exactly its one batch.
  it("each endpoint is one batch, whatever the class size", async () => {
    const smallReads = endpoints(small).map(([, read]) => read);
    for (const [i, [path, read]] of endpoints(large).entries()) {
      const a = countingClient(teacher.cookie);
      const resSmall = await (smallReads[i] as (typeof smallReads)[number])(a.client);
      expect(resSmall.status).toBe(200);
      const b = countingClient(teacher.cookie);
      const resLarge = await read(b.client);
      expect(resLarge.status).toBe(200);
      expect(b.log.length, `${path}: ${b.log.join(" | ")}`).toBe(1);
      expect(b.log[0]).toMatch(/^batch of \d+$/);
      expect(b.log).toEqual(a.log.map((entry) => entry.replace(/small/g, "large")));
    }
  }, 120_000);

  it("returns the whole class", async () => {
    const body = await (await gradebookOf(teacher, large.classId)).json();
    if (!("students" in body)) throw new Error("no gradebook");
    expect(body.students).toHaveLength(1000);
    expect(body.assignments).toHaveLength(8);
    expect(body.students.every((s) => Object.keys(s.cells).length === 8)).toBe(true);
    const submitted = body.assignments.reduce((n, a) => n + a.submittedCount, 0);
    let expected = 0;
    for (let i = 0; i < 1000; i++) for (let j = 0; j < 8; j++) if ((i + j) % 7 !== 0) expected++;
    expect(submitted).toBe(expected);
    const items = await (await itemsOf(teacher, large.classId, large.assignmentId)).json();
    if (!("attemptCount" in items)) throw new Error("no item analysis");
    expect(items.attemptCount).toBe(1000 - Math.ceil(1000 / 7));
    expect(items.groupSize).toBe(Math.round(0.27 * items.attemptCount));
    // The workbook is zipped in the request itself (no Web Worker in workerd), however large the sheet.
    const xlsx = await api(teacher).classes[":id"]["gradebook.xlsx"].$get({ param: { id: large.classId }, query: {} });
    expect(xlsx.status).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(await xlsx.arrayBuffer()))["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet.match(/<row /g)).toHaveLength(1001);
  }, 60_000);

  it("a regrade touching every attempt is two round trips (one read batch, one write batch), whatever the class size", async () => {
    const question = serveAttempt(course, "copying-to-innovation", 42).at(-1)?.served.id as string;
    const counts: string[][] = [];
    for (const c of [small, large]) {
      const client = countingClient(teacher.cookie);
      const res = await client.client.classes[":id"].assignments[":assignmentId"].regrades.$post({
        param: { id: c.classId, assignmentId: c.assignmentId },
        json: { questionId: question, kind: "full_marks", comment: "broken" },
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      if (!("attemptsChanged" in body)) throw new Error("no regrade");
      if (c === large) expect(body.attemptsChanged).toBeGreaterThan(700);
      counts.push(client.log);
    }
    expect(counts[1]).toHaveLength(2);
    expect(counts[1]?.every((entry) => entry.startsWith("batch of "))).toBe(true);
    expect(counts[1]?.[0]).toBe(counts[0]?.[0]);
    const row = await env.DB.prepare("SELECT score FROM attempts WHERE id = ?")
      .bind(`${large.studentId}-${large.assignmentId}`)
      .first<{ score: number }>();
    expect(row?.score).toBe(8);
  }, 60_000);

  it("no statement scans attempts or answers (EXPLAIN QUERY PLAN)", async () => {
    const db = createDb(env.DB);
    const statements = [
      ...gradebookQueries(db, large.classId, teacher.id),
      ...studentAttemptQueries(db, large.classId, teacher.id, large.studentId),
      ...itemAnalysisQueries(db, large.classId, teacher.id, large.assignmentId, [...contentHashes(course).values()]),
    ];
    for (const statement of statements) {
      const { sql, params } = statement.toSQL();
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const details = plan.results.map((r) => r.detail);
      const plain = details.join("\n");
      expect(plain, sql).not.toMatch(/\bSCAN (attempts|answers)\b/);
      // And where they are searched, it is by a key that narrows to this class's rows, not by status alone.
      for (const d of details.filter((line) => /\b(attempts|answers)\b/.test(line)))
        expect(d, sql).toMatch(/^SEARCH (attempts|answers) USING (COVERING )?INDEX \w+ \((assignment_id|user_id|attempt_id|id)=/);
    }
  });
});
