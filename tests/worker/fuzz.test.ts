// Property-based hostile input against every operation the OpenAPI document lists, as anonymous, a student and an
// instructor: never a 5xx, every 4xx a problem+json naming the problem, and nothing already saved changes.
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { course } from "../../worker/course.ts";
import { hashSessionToken, newSessionToken, SESSION_COOKIE } from "../../worker/domain/sessionToken.ts";
import { openApiDocument } from "./contract.ts";
import {
  ABSURD_NUMBERS,
  changedRows,
  type DocOperation,
  docOperations,
  fromSchema,
  HOSTILE_STRINGS,
  hostilePathSegment,
  hostileValue,
  INJECTIONS,
  invalidBody,
  label,
  mutated,
  type Pools,
  problemFaults,
  RAW_BAD_BODIES,
  satisfies,
  snapshotDb,
  UNICODE_EDGES,
  urlOf,
  WRONG_CONTENT_TYPES,
} from "./hardening.ts";
import { call, json, ORIGIN, PASSWORD, sessionCookie, signUp, type TestUser, uniqueEmail } from "./helpers.ts";

const doc = await openApiDocument();
const operations = docOperations(doc);

/** Runs per operation and phase: together about 2,000 requests, well under a minute in workerd. */
const RUNS = { hostile: 36, anything: 26, answers: 80 };

interface Caller {
  name: "anonymous" | "student" | "instructor";
  user?: TestUser;
}

interface World {
  /** The owner of the protected data: a student with attempts and a deck, their instructor with a class. */
  owner: TestUser;
  teacher: TestUser;
  /** The fuzzing callers' own accounts. */
  student: TestUser;
  instructor: TestUser;
  /** Ids of data that is not the fuzzing callers'. */
  othersIds: string[];
  /** Ids of the fuzzing student's own data, including an open practice attempt. */
  ownIds: string[];
  openAttempt: { id: string; questions: { id: string; type: string }[] };
  pools: Pools;
}

let world: World;

interface AttemptBody {
  id: string;
  questions: { id: string; type: string; options?: { id: string }[]; items?: { id: string }[]; left?: { id: string }[] }[];
}

async function startAttempt(user: TestUser, body: Record<string, unknown>): Promise<AttemptBody> {
  const res = await call("/api/attempts", { method: "POST", cookie: user.cookie, body });
  if (res.status !== 201 && res.status !== 200) throw new Error(`start failed: ${res.status} ${await res.text()}`);
  return json<AttemptBody>(res);
}

async function saveFirst(user: TestUser, attempt: AttemptBody, count: number) {
  for (const q of attempt.questions.slice(0, count)) {
    const answer =
      q.type === "truefalse"
        ? true
        : q.type === "single"
          ? q.options?.[0]?.id
          : q.type === "multiple"
            ? [q.options?.[0]?.id]
            : q.type === "ordering"
              ? q.items?.map((i) => i.id)
              : q.type === "matching"
                ? {}
                : "42";
    await call(`/api/attempts/${attempt.id}/answers/${q.id}`, { method: "PUT", cookie: user.cookie, body: { answer } });
  }
}

beforeAll(async () => {
  const [owner, teacher, student, instructor] = await Promise.all([
    signUp("student", "Protected Owner"),
    signUp("instructor", "Protected Teacher"),
    signUp("student", "Fuzz Student"),
    signUp("instructor", "Fuzz Instructor"),
  ]);
  const k = await json<{ class: { id: string; joinCode: string } }>(
    await call("/api/classes", { method: "POST", cookie: teacher.cookie, body: { name: "Protected class" } }),
  );
  await call("/api/classes/join", { method: "POST", cookie: owner.cookie, body: { code: k.class.joinCode } });
  const assignment = await json<{ assignment: { id: string } }>(
    await call(`/api/classes/${k.class.id}/assignments`, {
      method: "POST",
      cookie: teacher.cookie,
      body: { module: "risks", mode: "assessment", timeZone: "Asia/Almaty", reviewPolicy: "after_submit" },
    }),
  );
  // The owner: a submitted assessment (with misses, so a review deck) and an open practice attempt with answers.
  const graded = await startAttempt(owner, { assignmentId: assignment.assignment.id });
  await saveFirst(owner, graded, 3);
  await call(`/api/attempts/${graded.id}/submit`, { method: "POST", cookie: owner.cookie });
  const practice = await startAttempt(owner, { module: "prospects" });
  await saveFirst(owner, practice, 4);
  // The fuzzing student: a submitted practice attempt and an open one.
  const done = await startAttempt(student, { module: "conclusion" });
  await saveFirst(student, done, 2);
  await call(`/api/attempts/${done.id}/submit`, { method: "POST", cookie: student.cookie });
  const open = await startAttempt(student, { module: "copying-to-innovation" });
  await saveFirst(student, open, 2);

  const questionIds = [...graded.questions, ...practice.questions, ...done.questions, ...open.questions].map((q) => q.id);
  const choiceIds = [...graded.questions, ...open.questions].flatMap((q) =>
    [...(q.options ?? []), ...(q.items ?? []), ...(q.left ?? [])].map((o) => o.id),
  );
  world = {
    owner,
    teacher,
    student,
    instructor,
    othersIds: [owner.id, teacher.id, k.class.id, assignment.assignment.id, graded.id, practice.id],
    ownIds: [student.id, instructor.id, done.id, open.id],
    openAttempt: open,
    pools: {
      module: course.modules.map((m) => m.slug),
      slug: course.modules.map((m) => m.slug),
      assignmentId: [assignment.assignment.id],
      code: [k.class.joinCode, k.class.joinCode.toLowerCase(), "ABC-123"],
      timeZone: ["UTC", "Asia/Almaty", "Europe/Berlin", "America/St_Johns", "Mars/Olympus", "Etc/GMT+14"],
      opensAt: ["2030-01-01T09:00", "2030-01-01T09:00:00+05:00", ...HOSTILE_STRINGS.slice(-20)],
      dueAt: ["2030-02-01T09:00", "2000-01-01T00:00Z", "2099-12-31T23:59"],
      email: [owner.email],
      password: [PASSWORD, "correct horse battery staple"],
      name: ["Асель", "<img src=x onerror=alert(1)>", "Robert'); DROP TABLE users;--"],
      lang: ["ru", "en", "kk"],
      answer: choiceIds,
      "answer.keys": choiceIds,
      id: [...questionIds, k.class.id],
      questionId: [...questionIds, ...Object.keys(course.questions).slice(0, 10)],
    },
  };
});

// ---------------------------------------------------------------------------------------------------------------

interface Shot {
  caller: Caller["name"];
  params: Record<string, string>;
  query: string;
  headers: Record<string, string>;
  body?: { text: string; type?: string };
  /** The statuses this request may be answered with, when the input decides them. */
  expect?: number[];
}

function callers(): Caller[] {
  return [{ name: "anonymous" }, { name: "student", user: world.student }, { name: "instructor", user: world.instructor }];
}

async function send(op: DocOperation, shot: Shot): Promise<Response> {
  const caller = callers().find((c) => c.name === shot.caller);
  const headers: Record<string, string> = { ...shot.headers };
  if (caller?.user) headers.cookie = caller.user.cookie;
  if (op.method !== "GET" && op.method !== "HEAD") headers.origin = ORIGIN;
  const init: RequestInit = { method: op.method, headers };
  if (shot.body && op.method !== "GET" && op.method !== "HEAD") {
    init.body = shot.body.text;
    if (shot.body.type) headers["content-type"] = shot.body.type;
  }
  return exports.default.fetch(new Request(`${ORIGIN}${urlOf(op, shot.params, shot.query)}`, init));
}

/** Checks one answer against the error contract; on a 5xx or a malformed problem the property fails with the request. */
/** The LTI pages answer a browser's refused request with an HTML page saying why, as their document declares. */
const declaredHtml = (op: DocOperation, res: Response) =>
  res.status < 500 &&
  (res.headers.get("content-type") ?? "").startsWith("text/html") &&
  Boolean((op.operation.responses[String(res.status)] as { content?: Record<string, unknown> } | undefined)?.content?.["text/html"]);

async function check(op: DocOperation, shot: Shot, res: Response) {
  const faults = declaredHtml(op, res) ? [] : await problemFaults(res);
  if (shot.expect && !shot.expect.includes(res.status)) faults.push(`expected ${shot.expect.join(" or ")}, got ${res.status}`);
  if (faults.length) {
    const request = { ...shot, body: shot.body && { ...shot.body, text: shot.body.text.slice(0, 300) } };
    throw new Error(`${label(op)}: ${faults.join("; ")}\nrequest: ${JSON.stringify(request)}`);
  }
}

/**
 * A valid POST /auth/logout ends the caller's session: give it a new one straight in D1 (signing in again would
 * soon meet the per-account rate limit), so later runs keep their role.
 */
async function keepSignedIn(res: Response, caller: Caller["name"]) {
  const cleared = /qadam_session=;|Max-Age=0/i.test(res.headers.get("set-cookie") ?? "");
  const me = caller === "anonymous" ? undefined : caller === "student" ? world.student : world.instructor;
  if (!me || !cleared) return;
  const token = newSessionToken();
  await env.DB.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
    .bind(await hashSessionToken(token), me.id, Date.now(), Date.now() + 3_600_000)
    .run();
  me.cookie = `${SESSION_COOKIE}=${token}`;
}

const asciiHeader = fc.constantFrom("*", "xx", "ru;q=abc", "en-US,en;q=0.9", "zz-ZZ;q=2", ",,,", "en;q=0.5, ru;q=0.5", "x".repeat(300));
const headersArb: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    "accept-language": asciiHeader,
    "if-none-match": fc.constantFrom("*", '"x"', 'W/"1"', '"', "\"' OR 1=1"),
    "cf-connecting-ip": fc.ipV4(),
    accept: fc.constantFrom("*/*", "text/html", "application/xml", "application/problem+json"),
  },
  { requiredKeys: [] },
);

/** A query string: the declared parameters with valid-looking or hostile values, sometimes undeclared ones. */
function queryArb(op: DocOperation): fc.Arbitrary<string> {
  const entries = op.queryParams.map((p) =>
    fc.option(
      fc.oneof(
        fromSchema(doc, p.schema, world.pools, p.name).map(String),
        fc.constantFrom(...HOSTILE_STRINGS.filter((s) => !/[\ud800-\udfff]/.test(s)), ...ABSURD_NUMBERS.map(String)),
      ),
      { nil: undefined },
    ),
  );
  return fc
    .tuple(
      fc.tuple(...entries),
      fc.option(fc.constantFrom("extra=1", "lang=en&lang=ru", "__proto__[x]=1", "%=%", "a=%ZZ"), { nil: undefined }),
    )
    .map(([values, extra]) => {
      const q = new URLSearchParams();
      op.queryParams.forEach((p, i) => {
        const v = values[i];
        if (v !== undefined) q.append(p.name, v);
      });
      const text = [q.toString(), extra].filter(Boolean).join("&");
      return text ? `?${text}` : "";
    });
}

/** Path parameters drawn from `ids` (real ones) or from hostile segments. */
function paramsArb(op: DocOperation, ids: string[]): fc.Arbitrary<Record<string, string>> {
  const shape: Record<string, fc.Arbitrary<string>> = {};
  for (const p of op.pathParams) {
    const named = world.pools[p.name] ?? [];
    shape[p.name] = fc.oneof(
      { weight: 2, arbitrary: hostilePathSegment },
      ...(ids.length || named.length ? [{ weight: 3, arbitrary: fc.constantFrom(...ids, ...named).map(encodeURIComponent) }] : []),
    );
  }
  return fc.record(shape);
}

const isDotSegment = (segment: string) => /^(\.|%2e){1,2}$/i.test(segment);

const json100k = (value: unknown) => {
  const padded = typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : { value };
  return JSON.stringify({ ...padded, padding: "Ж".repeat(60 * 1024) });
};

/** Bodies a route must refuse, each with the status its kind decides (when it does). */
type HostileBody = NonNullable<Shot["body"]> & { expect?: number[] };

function hostileBodyArb(op: DocOperation): fc.Arbitrary<HostileBody> {
  const schema = op.bodySchema;
  const valid = schema ? fromSchema(doc, schema, world.pools) : fc.constant({});
  const bad = schema
    ? invalidBody(doc, schema, world.pools).map((v) => JSON.stringify(v))
    : hostileValue.map((v) => JSON.stringify(v) ?? "null");
  const stillValid = (text: string) => {
    if (!schema) return false;
    try {
      return satisfies(doc, schema, JSON.parse(text));
    } catch {
      return false;
    }
  };
  return fc.oneof(
    { weight: 4, arbitrary: bad.filter((text) => !stillValid(text)).map((text) => ({ text, type: "application/json" })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...RAW_BAD_BODIES.filter((t) => !stillValid(t))).map((text) => ({ text, type: "application/json" })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...WRONG_CONTENT_TYPES))
        // A wrong media type is a 415, unless a bad path parameter was refused first (400).
        .map(([v, type]) => ({ text: JSON.stringify(v) ?? "{}", type, ...(schema ? { expect: [415, 400] } : {}) })),
    },
    { weight: 1, arbitrary: valid.map((v) => ({ text: json100k(v), type: "application/json", expect: [413] })) },
    { weight: 1, arbitrary: fc.constant<HostileBody>({ text: "x".repeat(200 * 1024), type: "text/plain", expect: [413] }) },
  );
}

/** Runs `property` and reports which pre-existing rows changed, leaving out those `skip` names. */
async function withUnchangedDb(run: () => Promise<void>, skip?: (table: string, row: string) => boolean) {
  const before = await snapshotDb();
  await run();
  const after = await snapshotDb();
  expect(changedRows(before, after, skip)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------

describe("hostile input: refused with problem+json, nothing saved changes", () => {
  it("the document lists the operations this suite fuzzes", () => {
    expect(operations.length).toBeGreaterThan(15);
  });

  it("the snapshot sees a changed, a deleted and (without complaint) an added row", async () => {
    const before = await snapshotDb();
    await env.DB.prepare("UPDATE users SET name = name || '!' WHERE id = ?").bind(world.owner.id).run();
    await env.DB.prepare("DELETE FROM rate_limits").run();
    await signUp("student");
    const changes = changedRows(before, await snapshotDb());
    expect(changes.some((c) => c.startsWith("users ") && c.includes("Protected Owner!"))).toBe(true);
    expect(changes.every((c) => c.startsWith("users ") || c.includes("deleted"))).toBe(true);
    await env.DB.prepare("UPDATE users SET name = 'Protected Owner' WHERE id = ?").bind(world.owner.id).run();
  });

  it.each(operations.map((op) => [label(op), op] as const))("%s", async (_, op) => {
    const writes = op.method !== "GET" && op.method !== "HEAD";
    // A write with no input at all (sign out) is a valid call whatever we do: only anonymous callers fuzz it here.
    const inputless = writes && !op.bodySchema && op.pathParams.length === 0;
    // Without a body to make the request invalid, a write may only name data that is not the caller's.
    const ids = writes && !op.bodySchema ? world.othersIds : [...world.othersIds, ...world.ownIds];
    const callerArb = fc.constantFrom<Caller["name"]>(
      ...(inputless ? (["anonymous"] as const) : (["anonymous", "student", "instructor"] as const)),
    );
    const shotArb: fc.Arbitrary<Shot> = fc
      .record({
        caller: callerArb,
        params: paramsArb(op, ids),
        query: queryArb(op),
        headers: headersArb,
        body: writes ? fc.option(hostileBodyArb(op), { nil: undefined, freq: op.bodySchema ? 10 : 3 }) : fc.constant(undefined),
      })
      // A "." or ".." segment is resolved by URL parsing into another path, whose answer the body does not decide.
      .map((shot) => ({ ...shot, expect: Object.values(shot.params).some(isDotSegment) ? undefined : shot.body?.expect }))
      // A write with a body schema needs a hostile body to count as hostile input.
      .filter((shot) => !(op.bodySchema && !shot.body));
    await withUnchangedDb(async () => {
      await fc.assert(
        fc.asyncProperty(shotArb, async (shot) => {
          const res = await send(op, shot);
          await check(op, shot, res);
          // A write is refused outright: its body is bad, or it names data that is not the caller's.
          if (writes && !inputless)
            expect(res.status, `${label(op)} took hostile input: ${JSON.stringify(shot).slice(0, 400)}`).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: RUNS.hostile },
      );
    });
  });
});

describe("anything from anyone: never a 5xx, other people's data never changes", () => {
  it.each(operations.map((op) => [label(op), op] as const))("%s", async (_, op) => {
    const writes = op.method !== "GET" && op.method !== "HEAD";
    const schema = op.bodySchema;
    const bodyArb: fc.Arbitrary<Shot["body"]> = schema
      ? fc.oneof(
          {
            weight: 3,
            arbitrary: fromSchema(doc, schema, world.pools).map((v) => ({ text: JSON.stringify(v), type: "application/json" })),
          },
          { weight: 3, arbitrary: mutated(doc, schema, world.pools).map((v) => ({ text: JSON.stringify(v), type: "application/json" })) },
          { weight: 2, arbitrary: hostileBodyArb(op).map(({ text, type }) => ({ text, type })) },
        )
      : fc.option(
          hostileValue.map((v) => ({ text: JSON.stringify(v) ?? "", type: "application/json" })),
          { nil: undefined },
        );
    const shotArb: fc.Arbitrary<Shot> = fc.record({
      caller: fc.constantFrom<Caller["name"]>("anonymous", "student", "instructor"),
      params: paramsArb(op, [...world.othersIds, ...world.ownIds]),
      query: queryArb(op),
      headers: headersArb,
      body: writes ? bodyArb : fc.constant(undefined),
    });
    // The fuzzing callers may change their own data with a valid call (and rate-limit counters count); nobody else's.
    const mine = [...world.ownIds];
    await withUnchangedDb(
      async () => {
        await fc.assert(
          fc.asyncProperty(shotArb, async (shot) => {
            const res = await send(op, shot);
            await check(op, shot, res);
            await keepSignedIn(res, shot.caller);
          }),
          { numRuns: RUNS.anything },
        );
      },
      (table, row) => table === "rate_limits" || mine.some((id) => row.includes(id)),
    );
  });
});

describe("PUT an answer of any shape into one's own open attempt", () => {
  it("is saved, or refused with a 400 naming answer or revision while the stored answers stay as they were", async () => {
    const { student } = world;
    // Its own open attempt: the "anything at all" phase above may have submitted the shared one with a valid call.
    const openAttempt = await startAttempt(student, { module: "state-visit-2019" });
    const stored = async () =>
      JSON.stringify(
        (await env.DB.prepare("SELECT * FROM answers WHERE attempt_id = ? ORDER BY question_id").bind(openAttempt.id).all()).results,
      );
    const answerArb = fc.oneof(
      fromSchema(doc, { $ref: "#/components/schemas/Answer" }, world.pools, "answer"),
      hostileValue,
      fc.constantFrom(...INJECTIONS, "\ud800", "\u0000", "٣٫١٨", "3,18", "1e308", "-0"),
    );
    const revisionArb = fc.option(fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(...ABSURD_NUMBERS)), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...openAttempt.questions), answerArb, revisionArb, async (q, answer, revision) => {
        const before = await stored();
        const res = await call(`/api/attempts/${openAttempt.id}/answers/${q.id}`, {
          method: "PUT",
          cookie: student.cookie,
          body: { answer, ...(revision === undefined ? {} : { revision }) },
        });
        const faults = await problemFaults(res);
        expect(faults, `${q.type} ← ${JSON.stringify(answer)}`).toEqual([]);
        if (res.status === 200) return;
        expect(res.status, `${q.type} ← ${JSON.stringify({ answer, revision })}: ${await res.clone().text()}`).toBe(400);
        const problem = await json<{ errors: { path: string }[] }>(res);
        // The path names the field, or a place inside it (answer.2 for the third element of a list).
        expect(problem.errors.map((e) => e.path).some((p) => /^(answer|revision)(\.|$)/.test(p))).toBe(true);
        expect(await stored()).toBe(before);
      }),
      { numRuns: RUNS.answers },
    );
  });
});

describe("stored text at the edges of Unicode", () => {
  // Names and messages stay ASCII (code points, escaped JSON): a lone surrogate would break the test runner's own channel.
  const codePoints = (s: string) => [...s].map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}`).join(" ");
  it.each(UNICODE_EDGES.filter((s) => s.trim().length > 0).map((s) => [codePoints(s), s] as const))(
    "a name and a class name %s are stored and read back exactly as sent, or refused with a 400 naming the field",
    async (_, text) => {
      const signup = await call("/api/auth/signup", {
        method: "POST",
        body: { email: uniqueEmail("edge"), password: PASSWORD, name: `T ${text}`, role: "instructor" },
        headers: { "cf-connecting-ip": `198.18.${text.length % 250}.${(text.codePointAt(0) ?? 0) % 250}` },
      });
      expect(await problemFaults(signup)).toEqual([]);
      const wellFormed = !/[\uD800-\uDFFF]/u.test(text);
      if (!wellFormed) {
        // Text with a lone surrogate half is not text: storing it would silently turn it into U+FFFD.
        expect(signup.status).toBe(400);
        expect((await json<{ errors: { path: string }[] }>(signup)).errors.map((e) => e.path)).toEqual(["name"]);
        const teacher = await signUp("instructor");
        const res = await call("/api/classes", { method: "POST", cookie: teacher.cookie, body: { name: `C ${text}` } });
        expect(res.status).toBe(400);
        expect((await json<{ errors: { path: string }[] }>(res)).errors.map((e) => e.path)).toEqual(["name"]);
        return;
      }
      expect(signup.status).toBe(201);
      const cookie = sessionCookie(signup);
      const me = await json<{ user: { name: string } }>(await call("/api/me", { cookie }));
      expect(JSON.stringify(me.user.name)).toBe(JSON.stringify(`T ${text}`.trim()));
      const res = await call("/api/classes", { method: "POST", cookie, body: { name: `C ${text}` } });
      expect(res.status).toBe(201);
      const { class: k } = await json<{ class: { id: string; name: string } }>(res);
      const read = await json<{ class: { name: string } }>(await call(`/api/classes/${k.id}`, { cookie }));
      expect(JSON.stringify(read.class.name)).toBe(JSON.stringify(`C ${text}`.trim()));
    },
  );
});
