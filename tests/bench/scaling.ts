// `npm run bench:scaling`: a timed test started together by many students, run against one local D1 and against four
// behind an organisation router; prints throughput, latency and the bytes each attempt takes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { D1Database } from "@cloudflare/workers-types";
import { getPlatformProxy } from "wrangler";
import { course } from "../../worker/course.ts";
import { type AttemptRules, correctAnswerOf, scoreAttempt } from "../../worker/domain/attempts.ts";
import { itemDigest } from "../../worker/domain/itemDigest.ts";
import { type Answer, serveAttempt } from "../../worker/domain/serve.ts";
import { ShardRouter } from "./shardRouter.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const STUDENTS = Number(process.env.SCALING_STUDENTS ?? 2000);
const ORGS = Number(process.env.SCALING_ORGS ?? 8);
/** Autosaves per student (a real test saves each of its ~22 answers; fewer keeps the run short on a shared machine). */
const SAVES = Number(process.env.SCALING_SAVES ?? 5);
/** Requests in flight at once: the Worker's isolates calling D1 together. */
const CONCURRENCY = Number(process.env.SCALING_CONCURRENCY ?? 64);
const SLUG = "copying-to-innovation";
const log = (s: string) => console.log(s);

function migrations(): string[] {
  const dir = join(root, "db/migrations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), "utf8").split("--> statement-breakpoint"))
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Student {
  id: string;
  org: string;
  assignmentId: string;
}

const rules: AttemptRules = {
  mode: "assessment",
  reviewPolicy: "after_submit",
  dueAt: null,
  timeLimitMinutes: 20,
  maxAttempts: 1,
  gradingMethod: "best",
};

async function seed(router: ShardRouter<D1Database>, now: number): Promise<Student[]> {
  const students: Student[] = [];
  const perOrg = Math.ceil(STUDENTS / ORGS);
  for (let o = 0; o < ORGS; o++) {
    const org = `org-${o}`;
    router.place(org, perOrg);
    const db = router.dbFor(org);
    const teacher = `${org}-teacher`;
    const classId = `${org}-class`;
    const assignmentId = `${org}-test`;
    const user = db.prepare(
      "INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations, created_at) VALUES (?, ?, ?, ?, 'x', 'x', 1, ?)",
    );
    const stmts = [
      user.bind(teacher, `${teacher}@scaling.test`, "Teacher", "instructor", now),
      db
        .prepare("INSERT INTO classes (id, instructor_id, name, join_code, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(classId, teacher, org, `SC${o}`, now),
      db
        .prepare(
          "INSERT INTO assignments (id, class_id, module_slug, mode, opens_at, due_at, max_attempts, time_limit_minutes, grading_method, review_policy, time_zone, created_at, updated_at) VALUES (?, ?, ?, 'assessment', ?, NULL, 1, 20, 'best', 'after_submit', 'Asia/Almaty', ?, ?)",
        )
        .bind(assignmentId, classId, SLUG, now - 1000, now, now),
    ];
    for (let s = 0; s < perOrg && students.length < STUDENTS; s++) {
      const id = `${org}-s${s}`;
      students.push({ id, org, assignmentId });
      stmts.push(user.bind(id, `${id}@scaling.test`, `Student ${s}`, "student", now));
      stmts.push(db.prepare("INSERT INTO class_members (class_id, user_id, joined_at) VALUES (?, ?, ?)").bind(classId, id, now));
    }
    for (let i = 0; i < stmts.length; i += 200) await db.batch(stmts.slice(i, i + 200));
  }
  return students;
}

/** One student's timed test, with the round trips the Worker makes (docs/performance.md): start 2, first save 2, later saves 1, submit 2. */
async function takeTest(db: D1Database, s: Student, seed: number, time: (op: string, ms: number) => void) {
  const t = async <T>(op: string, f: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await f();
    time(op, performance.now() - started);
    return result;
  };
  const now = Date.now();
  const attemptId = `${s.id}-attempt`;
  const openKey = `${s.id}:${SLUG}:${s.assignmentId}`;
  const snapshot = serveAttempt(course, SLUG, seed, "assessment");
  // Start: read the assignment, membership and any open attempt in one batch, then write the attempt.
  await t("start", async () => {
    await db.batch([
      db.prepare("SELECT * FROM assignments WHERE id = ?").bind(s.assignmentId),
      db.prepare("SELECT 1 FROM class_members WHERE user_id = ? AND class_id = ?").bind(s.id, `${s.org}-class`),
      db.prepare("SELECT id FROM attempts WHERE open_key = ?").bind(openKey),
    ]);
    await db
      .prepare(
        "INSERT INTO attempts (id, user_id, module_slug, assignment_id, mode, status, seed, snapshot, rules, started_at, deadline, submitted_at, score, max_score, open_key, item_digest) VALUES (?, ?, ?, ?, 'assessment', 'open', ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)",
      )
      .bind(
        attemptId,
        s.id,
        SLUG,
        s.assignmentId,
        seed,
        JSON.stringify(snapshot),
        JSON.stringify(rules),
        now,
        now + 20 * 60_000,
        openKey,
        JSON.stringify(itemDigest(snapshot, course)),
      )
      .run();
  });
  const given = new Map<string, Answer>();
  const upsert = db.prepare(
    "INSERT INTO answers (attempt_id, question_id, answer, saved_at, revision, score) VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (attempt_id, question_id) DO UPDATE SET answer = excluded.answer, saved_at = excluded.saved_at, revision = excluded.revision WHERE excluded.revision > answers.revision",
  );
  for (const [i, q] of snapshot.slice(0, SAVES).entries()) {
    const answer = correctAnswerOf(q);
    given.set(q.served.id, answer);
    await t(i === 0 ? "autosave (first)" : "autosave", async () => {
      // The first save in an isolate reads the attempt (deadline, snapshot); later ones only write.
      if (i === 0) await db.prepare("SELECT status, deadline, snapshot FROM attempts WHERE id = ?").bind(attemptId).first();
      await upsert.bind(attemptId, q.served.id, JSON.stringify(answer), Date.now(), 1).run();
    });
  }
  // Submit: read the answers, then grade and close in one batch.
  await t("submit", async () => {
    await db.prepare("SELECT question_id, answer FROM answers WHERE attempt_id = ?").bind(attemptId).all();
    const scored = scoreAttempt(snapshot, given);
    await db.batch([
      db
        .prepare(
          "UPDATE attempts SET status = 'submitted', submitted_at = ?, score = ?, max_score = ?, open_key = NULL WHERE id = ? AND status = 'open'",
        )
        .bind(Date.now(), scored.score, scored.maxScore, attemptId),
      ...[...given.keys()].map((qid) =>
        db
          .prepare("UPDATE answers SET score = ? WHERE attempt_id = ? AND question_id = ?")
          .bind(scored.perQuestion.get(qid) ?? 0, attemptId, qid),
      ),
    ]);
  });
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

async function runWith(shards: number) {
  const dir = mkdtempSync(join(tmpdir(), `qadam-scaling-${shards}-`));
  const names = Array.from({ length: shards }, (_, i) => `SHARD_${i}`);
  // A throwaway config whose only bindings are the N databases: each is its own SQLite file, as each D1 is its own
  // single-writer database in production.
  const config = join(dir, "wrangler.json");
  writeFileSync(
    config,
    JSON.stringify({
      name: "qadam-scaling",
      compatibility_date: "2026-11-01",
      d1_databases: names.map((binding, i) => ({
        binding,
        database_name: `scaling-${i}`,
        database_id: `00000000-0000-4000-8000-00000000000${i}`,
      })),
    }),
  );
  const proxy = await getPlatformProxy<Record<string, D1Database>>({
    configPath: config,
    persist: { path: join(dir, "state") },
    envFiles: [],
  });
  try {
    const databases = names.map((n) => proxy.env[n] as D1Database);
    for (const db of databases) for (const stmt of migrations()) await db.prepare(stmt).run();
    const router = new ShardRouter(databases);
    const students = await seed(router, Date.now());
    const times = new Map<string, number[]>();
    const time = (op: string, ms: number) => times.set(op, [...(times.get(op) ?? []), ms]);
    let next = 0;
    const started = performance.now();
    // Everyone presses "Start" at once: CONCURRENCY students are in flight at any moment until all have submitted.
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < students.length) {
          const i = next++;
          const s = students[i] as Student;
          await takeTest(router.dbFor(s.org), s, 1000 + i, time);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // What a submitted attempt costs in D1: its row and its answers' rows, from the data just written.
    const sizes = await Promise.all(
      databases.map((db) =>
        db
          .prepare(
            "SELECT count(*) AS n, sum(length(id) + length(user_id) + length(module_slug) + length(assignment_id) + length(mode) + length(status) + 8 + length(snapshot) + length(rules) + 8 * 5 + coalesce(length(item_digest), 0)) AS attemptBytes, sum(length(snapshot)) AS snapshotBytes, (SELECT sum(length(attempt_id) + length(question_id) + length(answer) + 8 * 3) FROM answers) AS answerBytes FROM attempts",
          )
          .first<{ n: number; attemptBytes: number; snapshotBytes: number; answerBytes: number }>(),
      ),
    );
    type Sizes = { n: number; attemptBytes: number; snapshotBytes: number; answerBytes: number };
    const total = sizes.reduce<Sizes>(
      (a, s) => ({
        n: a.n + (s?.n ?? 0),
        attemptBytes: a.attemptBytes + (s?.attemptBytes ?? 0),
        snapshotBytes: a.snapshotBytes + (s?.snapshotBytes ?? 0),
        answerBytes: a.answerBytes + (s?.answerBytes ?? 0),
      }),
      { n: 0, attemptBytes: 0, snapshotBytes: 0, answerBytes: 0 },
    );
    const fileBytes = sqliteBytes(dir);
    const ops = [...times.values()].reduce((n, xs) => n + xs.length, 0);
    const perStudentWrites = 1 + SAVES + 1;
    const perStudentTrips = 2 + (SAVES + 1) + 2;
    log(
      `\n${shards} D1 database${shards > 1 ? "s" : ""} (${ORGS} organisations, ${students.length} students, ${SAVES} saves each, ${CONCURRENCY} in flight)`,
    );
    log(
      `  all tests done in ${seconds.toFixed(1)} s: ${(students.length / seconds).toFixed(0)} students/s, ${((students.length * perStudentWrites) / seconds).toFixed(0)} write requests/s, ${((students.length * perStudentTrips) / seconds).toFixed(0)} D1 round trips/s, ${ops} timed operations`,
    );
    for (const [op, xs] of times)
      log(
        `  ${op.padEnd(17)} p50 ${quantile(xs, 0.5).toFixed(1)} ms   p95 ${quantile(xs, 0.95).toFixed(1)} ms   p99 ${quantile(xs, 0.99).toFixed(1)} ms`,
      );
    log(
      `  per submitted attempt: ${(total.attemptBytes / total.n).toFixed(0)} B attempt row (snapshot ${(total.snapshotBytes / total.n).toFixed(0)} B) + ${(total.answerBytes / total.n).toFixed(0)} B of ${SAVES} answers; SQLite files ${(fileBytes / total.n).toFixed(0)} B per attempt with indexes and accounts`,
    );
    return { shards, seconds, studentsPerSecond: students.length / seconds, bytesPerAttempt: total.attemptBytes / total.n };
  } finally {
    await proxy.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

function sqliteBytes(dir: string): number {
  let bytes = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.sqlite(-wal)?$/.test(entry.name)) bytes += statSync(p).size;
    }
  };
  walk(dir);
  return bytes;
}

async function main() {
  log(`scaling simulation on ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}`);
  const one = await runWith(1);
  const four = await runWith(4);
  log(`\n4 databases vs 1: ${(four.studentsPerSecond / one.studentsPerSecond).toFixed(2)}× the students per second`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
