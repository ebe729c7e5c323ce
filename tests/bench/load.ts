// The endpoints the bench drives: one probe per endpoint for D1 round trips and SQL, then autocannon at each concurrency.
import autocannon from "autocannon";
import type { Fixtures, OpenAttempt } from "./seed.ts";

/** A statement as worker/middleware/d1Count.ts reports it in `x-d1-statements` (long strings cut to 120 characters). */
export interface Statement {
  sql: string;
  params: unknown[];
}

export interface Call {
  method: "GET" | "POST" | "PUT";
  path: string;
  body?: unknown;
  cookie?: string;
}

export interface Endpoint {
  name: string;
  kind: "read" | "write";
  /** One request on fixtures the load runs do not touch, measured for round trips (after the session is warm). */
  probe: () => Call;
  /** The load generator: each call is the next request, rotating over many students and attempts. */
  next: (concurrency: number) => Call;
  note?: string;
  /** Fresh fixtures a run can use up (submit): requests beyond it repeat the idempotent path, said in the report. */
  poolSize?: (concurrency: number) => number;
}

export interface Probe {
  name: string;
  kind: "read" | "write";
  status: number;
  roundTrips: number | null;
  statements: Statement[];
  missing: boolean;
}

export interface LoadResult {
  name: string;
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  maxRoundTrips: number;
  meanRoundTrips: number;
  freshFixtures?: number;
}

const rotate = <T>(list: T[]) => {
  let i = 0;
  return () => list[i++ % list.length]!;
};

export function endpoints(f: Fixtures): Endpoint[] {
  // The probes use the last fixture of each list; the load runs use the rest.
  const reserve = <T>(list: T[]) => ({ probe: list[list.length - 1]!, rest: list.slice(0, -1) });
  const [autosavePool, startPool, ...submitPools] = f.openPools as [OpenAttempt[], OpenAttempt[], ...OpenAttempt[][]];
  const autosave = reserve(autosavePool);
  const nextAutosave = rotate(autosave.rest);
  // A class answering a quiz: 100 students (a tenth of the pool, well inside the isolate's attempt cache), each
  // saving again and again, as phones do while a student works through the questions.
  const nextClassSave = rotate(autosave.rest.slice(0, 100));
  const review = reserve(f.submitted.filter((_, i) => i % 7 === 0));
  const nextReview = rotate(review.rest);
  const students = f.students.map((s, n) => ({ ...s, assignmentId: f.openAssignmentBySection[f.sectionOf(n)]! }));
  const starters = reserve(students);
  const nextStarter = rotate(starters.rest);
  const nextStudent = rotate(students);
  const submitProbe = startPool[startPool.length - 1]!;
  const submitBy = new Map<number, () => OpenAttempt>();
  const submitPoolOf = (c: number) => submitPools[[1, 16, 64].indexOf(c)] ?? submitPools[0]!;
  const lesson = f.modules[0]!;
  const get = (path: string, cookie?: string): Call => ({ method: "GET", path, ...(cookie ? { cookie } : {}) });
  return [
    { name: "GET /api/health", kind: "read", probe: () => get("/api/health"), next: () => get("/api/health") },
    { name: "GET /api/modules", kind: "read", probe: () => get("/api/modules?lang=ru"), next: () => get("/api/modules?lang=ru") },
    {
      name: "GET /api/modules/:slug",
      kind: "read",
      probe: () => get(`/api/modules/${lesson}?lang=ru`),
      next: () => get(`/api/modules/${lesson}?lang=ru`),
    },
    {
      name: "POST /api/attempts",
      kind: "write",
      note: "assignment start: each student's first request starts an attempt (201), later ones resume it (200)",
      probe: () => ({
        method: "POST",
        path: "/api/attempts",
        body: { assignmentId: starters.probe.assignmentId },
        cookie: starters.probe.cookie,
      }),
      next: () => {
        const s = nextStarter();
        return { method: "POST", path: "/api/attempts", body: { assignmentId: s.assignmentId }, cookie: s.cookie };
      },
    },
    {
      name: "PUT /api/attempts/:id/answers/:q",
      kind: "write",
      note: "autosave over 999 open practice attempts, one per student: nearly every save is its attempt's first in the isolate",
      probe: () => putAnswer(autosave.probe),
      next: () => putAnswer(nextAutosave()),
    },
    {
      name: "PUT /api/attempts/:id/answers/:q (a class of 100)",
      kind: "write",
      note: "100 students saving again and again: the attempt's facts are cached, each save is one round trip",
      probe: () => putAnswer(autosave.probe),
      next: () => putAnswer(nextClassSave()),
    },
    {
      name: "POST /api/attempts/:id/submit",
      kind: "write",
      note: "each run has its own pool of open attempts; requests past the pool re-submit (the idempotent path)",
      probe: () => ({ method: "POST", path: `/api/attempts/${submitProbe.id}/submit`, cookie: submitProbe.cookie }),
      next: (c) => {
        const next = submitBy.get(c) ?? rotate(submitPoolOf(c));
        submitBy.set(c, next);
        const a = next();
        return { method: "POST", path: `/api/attempts/${a.id}/submit`, cookie: a.cookie };
      },
      poolSize: (c) => submitPoolOf(c).length,
    },
    {
      name: "GET /api/attempts/:id/review",
      kind: "read",
      probe: () => get(`/api/attempts/${review.probe.id}/review`, review.probe.cookie),
      next: () => {
        const a = nextReview();
        return get(`/api/attempts/${a.id}/review`, a.cookie);
      },
    },
    {
      name: "GET /api/classes/:id/gradebook (100×8)",
      kind: "read",
      probe: () => get(`/api/classes/${f.sectionClassId}/gradebook`, f.instructorCookie),
      next: () => get(`/api/classes/${f.sectionClassId}/gradebook`, f.instructorCookie),
    },
    {
      name: "GET /api/classes/:id/gradebook (1000×8)",
      kind: "read",
      probe: () => get(`/api/classes/${f.cohortClassId}/gradebook`, f.instructorCookie),
      next: () => get(`/api/classes/${f.cohortClassId}/gradebook`, f.instructorCookie),
    },
    {
      name: "GET /api/classes/:id/items (~500 attempts)",
      kind: "read",
      probe: () => get(`/api/classes/${f.cohortClassId}/items?assignmentId=${f.cohortClassId}-a0`, f.instructorCookie),
      next: () => get(`/api/classes/${f.cohortClassId}/items?assignmentId=${f.cohortClassId}-a0`, f.instructorCookie),
    },
    {
      name: "GET /api/review/due",
      kind: "read",
      probe: () => get("/api/review/due", starters.probe.cookie),
      next: () => get("/api/review/due", nextStudent().cookie),
    },
  ];
}

const putAnswer = (a: OpenAttempt): Call => ({
  method: "PUT",
  path: `/api/attempts/${a.id}/answers/${encodeURIComponent(a.questionId)}`,
  body: { answer: a.answer },
  cookie: a.cookie,
});

function headersOf(call: Call, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
    ...(call.cookie ? { cookie: call.cookie } : {}),
    ...extra,
  };
}

/** A route that is not mounted answers with the app's own 404 ("No API route …"), not a resource's 404. */
async function isMissingRoute(res: Response): Promise<boolean> {
  if (res.status !== 404) return false;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { detail?: string } | null;
  return body?.detail?.startsWith("No API route") ?? false;
}

export async function send(origin: string, call: Call, extra: Record<string, string> = {}) {
  return fetch(origin + call.path, {
    method: call.method,
    headers: headersOf(call, extra),
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
  });
}

/**
 * Sends the endpoint's probe with a warm session and reads its round trips and statements. A write is sent twice:
 * the second time is the repeat path (start → resume, autosave → same answer again, submit → already submitted).
 */
export async function probe(origin: string, ep: Endpoint, warm = true): Promise<Probe[]> {
  const call = ep.probe();
  // Warm this session in the isolate's cache first: the steady state is what the budget is about.
  if (call.cookie && warm) await send(origin, { method: "GET", path: "/api/me", cookie: call.cookie });
  const probes: Probe[] = [];
  for (const label of ep.kind === "write" || !warm ? ["", " (repeat)"] : [""]) {
    const res = await send(origin, call, { "x-d1-explain": "1" });
    const missing = await isMissingRoute(res);
    const header = res.headers.get("x-d1-roundtrips");
    const statements = JSON.parse(decodeURIComponent(res.headers.get("x-d1-statements") ?? "%5B%5D")) as Statement[];
    await res.arrayBuffer();
    probes.push({
      name: ep.name + label,
      kind: ep.kind,
      status: res.status,
      roundTrips: header === null ? null : Number(header),
      statements,
      missing,
    });
    if (missing) break;
  }
  return probes;
}

/**
 * Waits until the Worker answers the floor quickly again: autocannon stops sending when its time is up, but requests
 * already queued in workerd (a slow endpoint at c64) would otherwise be measured as the next endpoint's latency.
 */
export async function drain(origin: string, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const started = performance.now();
    await (await fetch(`${origin}/api/health`)).arrayBuffer();
    if (performance.now() - started < 20) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function load(origin: string, ep: Endpoint, concurrency: number, seconds: number): Promise<LoadResult> {
  await drain(origin);
  let trips = 0;
  let counted = 0;
  let maxTrips = 0;
  const result = await autocannon({
    url: origin,
    connections: concurrency,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const call = ep.next(concurrency);
          return {
            ...req,
            method: call.method,
            path: call.path,
            headers: headersOf(call),
            ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
          };
        },
        onResponse: (_status, _body, _context, headers) => {
          const n = Number(headers?.["x-d1-roundtrips"] ?? Number.NaN);
          if (Number.isNaN(n)) return;
          trips += n;
          counted++;
          maxTrips = Math.max(maxTrips, n);
        },
      },
    ],
  });
  return {
    name: ep.name,
    concurrency,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    maxRoundTrips: maxTrips,
    meanRoundTrips: counted ? trips / counted : 0,
    ...(ep.poolSize ? { freshFixtures: Math.min(ep.poolSize(concurrency), result.requests.total) } : {}),
  };
}
