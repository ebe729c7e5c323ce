// No answer key before its time, and nobody else's data: walks every student-facing response during an attempt,
// then runs the authorization matrix (anonymous, other students, other instructors) over every documented route.
import { env } from "cloudflare:test";
import fc from "fast-check";
import type { InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { course } from "../../worker/course.ts";
import type { SnapshotQuestion } from "../../worker/domain/serve.ts";
import { answerFromKey } from "../shared/answers.ts";
import { type JsonSchema, type OpenApiDocument, openApiDocument } from "./contract.ts";
import { changedRows, type DocOperation, docOperations, label, type Pools, resolve, snapshotDb, urlOf } from "./hardening.ts";
import { api, call, signUp, type TestUser } from "./helpers.ts";

const doc = await openApiDocument();
const operations = docOperations(doc);

// The attempt as the route serves it (AppType), not written again here.
type Attempt = InferResponseType<ReturnType<typeof api>["attempts"]["$post"], 201>;

/** Creates a class owned by `teacher`; its id and join code. */
async function createClass(teacher: TestUser, name: string) {
  const body = await (await api(teacher).classes.$post({ json: { name } })).json();
  if (!("class" in body)) throw new Error("class not created");
  return { id: body.class.id, joinCode: body.class.joinCode ?? "" };
}

const join = (student: TestUser, code: string) => api(student).classes.join.$post({ json: { code } });

/** Starts (or resumes) `user`'s attempt; the response, unread. */
const start = (user: TestUser, json: { module: string } | { assignmentId: string }) => api(user).attempts.$post({ json });

/** The attempt a start answered with. */
async function attemptOf(res: Awaited<ReturnType<typeof start>>): Promise<Attempt> {
  const body = await res.json();
  if (!("questions" in body)) throw new Error(`no attempt: ${res.status}`);
  return body;
}

async function snapshotOf(attemptId: string): Promise<SnapshotQuestion[]> {
  const row = await env.DB.prepare("SELECT snapshot FROM attempts WHERE id = ?").bind(attemptId).first<{ snapshot: string }>();
  return JSON.parse(row?.snapshot ?? "[]") as SnapshotQuestion[];
}

/** The correct answer as a client would send it, read from the snapshot in D1 (only a test may do this). */
const correctAnswer = (q: SnapshotQuestion) => answerFromKey(q.key);

/** Saves the right answer to `q` in the attempt; the response, unread. */
const save = (user: TestUser, attemptId: string, q: SnapshotQuestion) =>
  api(user).attempts[":id"].answers[":questionId"].$put({
    param: { id: attemptId, questionId: q.served.id },
    json: { answer: correctAnswer(q) },
  });

// What the lessons themselves say is public: an explanation may repeat a lesson sentence word for word.
const lessonText = JSON.stringify(course.modules.map(({ questionIds: _ids, ...readable }) => readable));
const secret = (text: string) => text.length >= 12 && !lessonText.includes(JSON.stringify(text).slice(1, -1));
const explanationsOf = (questions: SnapshotQuestion[]) => questions.flatMap((q) => [q.explanation.ru, q.explanation.en]).filter(secret);
/** Every explanation of the course's source questions (worker/course.ts), in both languages. */
const courseExplanations = Object.values(course.questions)
  .flatMap((q) => [q.explanation.ru, q.explanation.en])
  .filter(secret);

/** Fields that carry a key; in a response that must not show one they are absent or null. */
const KEY_FIELDS = new Set(["key", "correct", "typo", "correctAnswer", "accepted", "pairs", "tolerance", "explanation", "score"]);

function keyFields(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyFields(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(KEY_FIELDS.has(k) && v !== null && !(k === "score" && path.includes("result")) ? [`${path}.${k}`] : []),
    ...keyFields(v, `${path}.${k}`),
  ]);
}

/** What in `body` gives the key away: key-bearing fields, an explanation's text, or a snapshot key verbatim. */
function leaks(body: string, explanations: string[], keys: SnapshotQuestion[]): string[] {
  const found: string[] = [];
  try {
    found.push(...keyFields(JSON.parse(body)));
  } catch {
    // Not JSON (a CSV): only the text checks apply.
  }
  for (const e of explanations) if (body.includes(JSON.stringify(e).slice(1, -1))) found.push(`explanation "${e.slice(0, 50)}…"`);
  for (const q of keys) {
    const text = JSON.stringify(q.key);
    if (body.includes(text) || body.includes(JSON.stringify(text))) found.push(`key of ${q.served.id}`);
  }
  return found;
}

/** A ready request body for `schema`: required fields only, drawn from `pools`, the first enum value otherwise. */
function exampleOf(schema: JsonSchema | undefined, pools: Pools, name = ""): unknown {
  const s = resolve(doc as OpenApiDocument, schema);
  if (!s) return {};
  if (Array.isArray(s.enum)) return s.enum[0];
  const members = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (members?.length) return exampleOf(members[0], pools, name);
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== "null") : ((s.type as string | undefined) ?? "object");
  switch (type) {
    case "string":
      return pools[name]?.[0] ?? "x".repeat(Math.max(1, (s.minLength as number) ?? 1));
    case "integer":
    case "number":
      return (s.minimum as number) ?? 0;
    case "boolean":
      return false;
    case "array":
      // As many items as the schema requires (one at most): a body the route accepts, so it answers who may call it.
      return (s.minItems as number | undefined) ? [exampleOf(s.items as JsonSchema, pools, name)] : [];
    default: {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = (s.required as string[] | undefined) ?? [];
      return Object.fromEntries(required.map((k) => [k, exampleOf(properties[k], pools, k)]));
    }
  }
}

/** GETs of paths filled in from the document's walk: raw, since they are strings, not routes the typed client names. */
async function getAll(user: TestUser, paths: string[]): Promise<{ path: string; status: number; body: string }[]> {
  return Promise.all(
    paths.map(async (path) => {
      const res = await call(path, { cookie: user.cookie });
      return { path, status: res.status, body: await res.text() };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------

describe("no answer key before its time", () => {
  let teacher: TestUser;
  let student: TestUser;
  let classId: string;

  beforeAll(async () => {
    [teacher, student] = await Promise.all([signUp("instructor"), signUp("student")]);
    const k = await createClass(teacher, "Leak class");
    classId = k.id;
    await join(student, k.joinCode);
  });

  /** Every GET in the document the student can call now, with this attempt's ids filled in: the student's whole view. */
  function studentGets(attempt: Attempt, slug: string): string[] {
    const fill = (op: DocOperation) => {
      const params: Record<string, string> = {};
      for (const p of op.pathParams) {
        if (p.name === "slug") params.slug = slug;
        else if (p.name === "questionId") params.questionId = attempt.questions[0]?.id ?? "x";
        else if (op.path.includes("/attempts/")) params[p.name] = attempt.id;
        else if (op.path.includes("/classes/")) params[p.name] = p.name === "id" ? classId : student.id;
        else params[p.name] = attempt.id;
      }
      const query = op.queryParams.some((p) => p.name === "lang") ? ["?lang=ru", "?lang=en"] : [""];
      return query.map((q) => urlOf(op, params, q));
    };
    return operations.filter((op) => op.method === "GET" && !op.path.endsWith("/openapi.json") && !op.path.endsWith("/docs")).flatMap(fill);
  }

  // Each policy that keeps the key back after submit, on a module of its own (an open assessment pauses its practice).
  it.each([
    ["after_due", "risks"],
    ["never", "prospects"],
  ] as const)(
    "assessment (%s): start, resume, list, saves (even right answers) and every other GET carry no key and no explanation",
    async (reviewPolicy, module) => {
      const created = await (
        await api(teacher).classes[":id"].assignments.$post({
          param: { id: classId },
          json: { module, mode: "assessment", timeZone: "UTC", reviewPolicy, dueAt: "2099-01-01T00:00" },
        })
      ).json();
      if (!("assignment" in created)) throw new Error("assignment not created");
      const { assignment } = created;
      const started = await start(student, { assignmentId: assignment.id });
      expect(started.status).toBe(201);
      const startText = await started.clone().text();
      const attempt = await attemptOf(started);
      const snapshot = await snapshotOf(attempt.id);
      expect(snapshot.length).toBeGreaterThan(5);
      const explanations = [...explanationsOf(snapshot), ...courseExplanations];
      const seen: { where: string; body: string }[] = [{ where: "POST /api/attempts", body: startText }];

      // Answer every question correctly: the save must still say nothing about it.
      for (const q of snapshot) {
        const res = await save(student, attempt.id, q);
        expect(res.status).toBe(200);
        seen.push({ where: `PUT answer ${q.served.id}`, body: await res.text() });
      }
      const resumed = await start(student, { assignmentId: assignment.id });
      expect(resumed.status).toBe(200);
      seen.push({ where: "POST /api/attempts (resume)", body: await resumed.text() });
      const gets = await getAll(student, studentGets(attempt, assignment.module));
      // The lesson, the outline, the attempt, the list, the dashboard… all of them must have answered.
      expect(gets.filter((g) => g.status === 200).length).toBeGreaterThanOrEqual(8);
      seen.push(...gets.filter((g) => g.status < 300).map((g) => ({ where: `GET ${g.path}`, body: g.body })));

      for (const { where, body } of seen) expect(leaks(body, explanations, snapshot), where).toEqual([]);

      // Submitted, but the policy shows the key only after the due date, or never: still nothing.
      const submitted = await api(student).attempts[":id"].submit.$post({ param: { id: attempt.id } });
      expect(submitted.status).toBe(200);
      const submitText = await submitted.clone().text();
      const result = await submitted.json();
      expect("review" in result && result.review).toBeNull();
      const review = await api(student).attempts[":id"].review.$get({ param: { id: attempt.id } });
      expect(review.status).toBe(200);
      const reviewText = await review.clone().text();
      const reviewed = await review.json();
      if (!("items" in reviewed)) throw new Error("no review");
      const { items } = reviewed;
      expect(items.every((i) => i.correctAnswer === null && i.explanation === null && i.correct === null)).toBe(true);
      expect(leaks(submitText, explanations, snapshot).filter((l) => !l.endsWith(".score"))).toEqual([]);
      for (const text of [reviewText, ...(await getAll(student, studentGets(attempt, module))).map((g) => g.body)]) {
        expect(leaks(text, explanations, snapshot).filter((l) => !/\.(score)$/.test(l))).toEqual([]);
      }
    },
  );

  it("practice: feedback only for the question just answered; no other explanation anywhere", async () => {
    const res = await start(student, { module: "success-factors" });
    expect(res.status).toBe(201);
    const startText = await res.clone().text();
    const attempt = await attemptOf(res);
    const snapshot = await snapshotOf(attempt.id);
    const [first, second, ...rest] = snapshot as [SnapshotQuestion, SnapshotQuestion, ...SnapshotQuestion[]];
    expect(leaks(startText, courseExplanations, snapshot)).toEqual([]);

    const savedBody = await (await save(student, attempt.id, first)).json();
    if (!("feedback" in savedBody) || !savedBody.feedback) throw new Error("saved without feedback");
    expect(savedBody.feedback.explanation).toEqual(first.explanation);
    expect(savedBody.feedback.correctAnswer).not.toBeNull();
    // The scan sees this (allowed) feedback for what it is: it would see a leak.
    expect(leaks(JSON.stringify(savedBody), explanationsOf([first]), [first])).toEqual(
      expect.arrayContaining(["$.feedback.correctAnswer", "$.feedback.explanation"]),
    );
    const others = [second, ...rest];
    const otherExplanations = explanationsOf(others);

    const resumed = await attemptOf(await api(student).attempts[":id"].$get({ param: { id: attempt.id } }));
    expect(Object.keys(resumed.feedback)).toEqual([first.served.id]);
    const gets = await getAll(student, studentGets(attempt, "success-factors"));
    for (const g of gets) {
      for (const e of otherExplanations)
        expect(g.body.includes(JSON.stringify(e).slice(1, -1)), `GET ${g.path} shows another question's explanation`).toBe(false);
      for (const q of others) expect(g.body.includes(JSON.stringify(q.key)), `GET ${g.path} shows the key of ${q.served.id}`).toBe(false);
    }
  });

  it("lessons and the outline never carry any question's explanation or key, in either language", async () => {
    const paths = course.modules.flatMap((m) => [`/api/modules/${m.slug}?lang=ru`, `/api/modules/${m.slug}?lang=en`]);
    const bodies = await getAll(student, ["/api/modules?lang=ru", "/api/modules?lang=en", ...paths]);
    for (const b of bodies) {
      expect(b.status, b.path).toBe(200);
      expect(leaks(b.body, courseExplanations, []), b.path).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

interface WorldData {
  student: TestUser;
  classmate: TestUser;
  teacher: TestUser;
  className: string;
  classId: string;
  joinCode: string;
  assignmentId: string;
  attemptIds: string[];
  questionIds: string[];
  cardIds: string[];
}

/** One instructor's world: a class with two students, an assignment, an open and a submitted attempt, a deck. */
async function makeWorld(tag: string, module: string): Promise<WorldData> {
  const uniq = `${tag}${Math.random().toString(36).slice(2, 8)}`;
  const [student, classmate, teacher] = await Promise.all([
    signUp("student", `Student ${uniq}`),
    signUp("student", `Classmate ${uniq}`),
    signUp("instructor", `Teacher ${uniq}`),
  ]);
  const className = `Class ${uniq}`;
  const k = await createClass(teacher, className);
  for (const s of [student, classmate]) await join(s, k.joinCode);
  const a = await (
    await api(teacher).classes[":id"].assignments.$post({ param: { id: k.id }, json: { module, mode: "assessment", timeZone: "UTC" } })
  ).json();
  if (!("assignment" in a)) throw new Error("assignment not created");
  const graded = await attemptOf(await start(student, { assignmentId: a.assignment.id }));
  await api(student).attempts[":id"].submit.$post({ param: { id: graded.id } });
  await attemptOf(await start(classmate, { assignmentId: a.assignment.id }));
  const open = await attemptOf(await start(student, { module: "risks" }));
  const cards = await env.DB.prepare("SELECT question_id FROM review_cards WHERE user_id = ?")
    .bind(student.id)
    .all<{ question_id: string }>();
  return {
    student,
    classmate,
    teacher,
    className,
    classId: k.id,
    joinCode: k.joinCode,
    assignmentId: a.assignment.id,
    attemptIds: [graded.id, open.id],
    questionIds: [...graded.questions, ...open.questions].map((q) => q.id),
    cardIds: cards.results.map((c) => c.question_id),
  };
}

/** Every way to fill `op`'s path parameters with `w`'s ids (one URL per attempt / card where those vary). */
function targetsIn(op: DocOperation, w: WorldData): string[] {
  if (op.pathParams.length === 0) return [op.path];
  const choices = op.pathParams.map((p): string[] => {
    if (op.path.startsWith("/api/attempts/")) return p.name === "id" ? w.attemptIds : w.questionIds.slice(0, 2);
    if (op.path.startsWith("/api/review/")) return w.cardIds.slice(0, 2);
    if (op.path.startsWith("/api/classes/")) {
      if (p.name === "id") return [w.classId];
      if (p.name === "assignmentId") return [w.assignmentId];
      return [w.student.id];
    }
    if (p.name === "slug") return [];
    return [w.classId, w.assignmentId, ...w.attemptIds, w.student.id];
  });
  if (choices.some((c) => c.length === 0)) return [];
  const combos = choices.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
  // Required query parameters point into the same world, so the request is valid and reaches the authorization check.
  const query = new URLSearchParams(
    op.queryParams
      .filter((p) => p.required)
      .map((p) => [p.name, p.name === "assignmentId" ? w.assignmentId : String(exampleOf(p.schema, {}))]),
  ).toString();
  return combos.map((values) =>
    urlOf(op, Object.fromEntries(op.pathParams.map((p, i) => [p.name, values[i] as string])), query ? `?${query}` : ""),
  );
}

/** What of `w` must never reach someone outside it. */
const secretsOf = (w: WorldData) => [
  w.student.name,
  w.student.email,
  w.classmate.name,
  w.classmate.email,
  w.teacher.name,
  w.teacher.email,
  w.className,
  w.joinCode,
  w.assignmentId,
  ...w.attemptIds,
];

// The matrix walks every operation of the served document (method, filled-in path, a body from its schema), so its
// requests stay raw: they are built from the document, not named through the typed client.
describe("authorization matrix: nobody reaches another's classes, assignments, attempts, reviews, gradebook or deck", () => {
  let one: WorldData;
  let two: WorldData;
  beforeAll(async () => {
    // Different modules, so the deck's question ids (the course's) differ between the worlds too.
    [one, two] = await Promise.all([makeWorld("one", "conclusion"), makeWorld("two", "prospects")]);
  });

  const bodyFor = (op: DocOperation, w: WorldData) => {
    if (!op.bodySchema) return undefined;
    // Valid in shape, pointing into world one: a join code nobody has (joining by code is the one way in, by design).
    const pools: Pools = {
      module: ["risks"],
      assignmentId: [w.assignmentId],
      timeZone: ["UTC"],
      code: ["ZZZZ99"],
      name: ["Intruder"],
      email: ["intruder@example.test"],
      password: ["intruder password 1"],
      answer: ["x"],
    };
    return exampleOf(op.bodySchema, pools);
  };

  it("anonymous callers, the other class's student and instructor get 401/403/404 for world one's ids and never its data", async () => {
    const callers = [
      { who: "anonymous", cookie: undefined as string | undefined, allowed: [401] },
      { who: "other student", cookie: two.student.cookie, allowed: [403, 404] },
      { who: "other instructor", cookie: two.teacher.cookie, allowed: [403, 404] },
    ];
    const before = await snapshotDb();
    let checked = 0;
    for (const op of operations.filter((o) => o.pathParams.length > 0)) {
      for (const url of targetsIn(op, one)) {
        for (const caller of callers) {
          const res = await call(url, { method: op.method, cookie: caller.cookie, body: bodyFor(op, one) });
          const text = await res.text();
          expect(caller.allowed, `${caller.who}: ${op.method} ${url} → ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
          for (const secret of secretsOf(one))
            expect(text.includes(secret), `${caller.who}: ${op.method} ${url} shows "${secret}"`).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    // Nothing in world one changed (rate-limit counters aside).
    expect(changedRows(before, await snapshotDb(), (table) => table === "rate_limits")).toEqual([]);
  });

  it("routes without ids answer each caller with their own data only", async () => {
    const callers = [
      { who: "other student", user: two.student },
      { who: "other instructor", user: two.teacher },
    ];
    let checked = 0;
    for (const op of operations.filter((o) => o.pathParams.length === 0 && !o.path.startsWith("/api/auth/"))) {
      for (const { who, user } of callers) {
        const res = await call(op.path, { method: op.method, cookie: user.cookie, body: bodyFor(op, one) });
        const text = await res.text();
        expect(res.status, `${who}: ${label(op)} → ${text.slice(0, 200)}`).toBeLessThan(500);
        for (const secret of secretsOf(one)) expect(text.includes(secret), `${who}: ${label(op)} shows "${secret}"`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("inside one class: a student gets only the member views of it, never the instructor's or a classmate's data", async () => {
    const memberViews = new Set(["GET /api/classes/{id}", "GET /api/classes/{id}/assignments"]);
    let checked = 0;
    for (const op of operations.filter((o) => o.path.startsWith("/api/classes/{id}"))) {
      for (const url of targetsIn(op, one)) {
        const res = await call(url, { method: op.method, cookie: one.student.cookie, body: bodyFor(op, one) });
        const text = await res.text();
        if (memberViews.has(label(op))) expect(res.status, `${op.method} ${url}`).toBe(200);
        else expect([403, 404], `${op.method} ${url} → ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
        for (const secret of [one.classmate.name, one.classmate.email, one.teacher.email, one.joinCode]) {
          expect(text.includes(secret), `${op.method} ${url} shows "${secret}"`).toBe(false);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("the class's own instructor cannot open, answer, submit or review a student's attempt, nor use their deck", async () => {
    let checked = 0;
    for (const op of operations.filter((o) => o.path.startsWith("/api/attempts/{id}") || o.path.startsWith("/api/review/{"))) {
      for (const url of targetsIn(op, one)) {
        const res = await call(url, { method: op.method, cookie: one.teacher.cookie, body: bodyFor(op, one) });
        expect([403, 404], `${op.method} ${url} → ${res.status}`).toContain(res.status);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("join codes cannot be guessed at speed: after 20 tries an hour, even the right code waits (429)", async () => {
    const guesser = await signUp("student");
    const guesses = fc.sample(fc.stringMatching(/^[2-9A-HJKMNP-Z]{6}$/), { numRuns: 20, seed: 7 }).filter((g) => g !== one.joinCode);
    for (const code of guesses) {
      const res = await join(guesser, code);
      expect(res.status).toBe(404);
    }
    const padding = 20 - guesses.length;
    for (let i = 0; i < padding; i++) await join(guesser, "ZZZZZZ");
    const right = await join(guesser, one.joinCode);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await right.text()).not.toContain(one.className);
  });

  it("ids guessed at random reach nothing", async () => {
    const guesses = fc.sample(fc.oneof(fc.uuid(), fc.constantFrom("1", "0", "m1-q01", "admin", "*", "%25")), { numRuns: 20, seed: 42 });
    for (const op of operations.filter((o) => o.pathParams.length > 0 && !o.path.includes("{slug}"))) {
      for (const guess of guesses) {
        const url = urlOf(op, Object.fromEntries(op.pathParams.map((p) => [p.name, encodeURIComponent(guess)])));
        const res = await call(url, { method: op.method, cookie: two.student.cookie, body: bodyFor(op, two) });
        expect([400, 403, 404], `${op.method} ${url} → ${res.status}`).toContain(res.status);
      }
    }
    // Twenty guesses at every operation with an id in its path: some 500 requests, more with each new route.
  }, 30_000);
});
