// The bench's scale dataset: 1,000 students in 10 sections plus one 1,000-student cohort, ~20,000 submitted attempts
// with real snapshots and graded answers, open attempts to autosave and submit, and ready-made session tokens.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { createEmptyCard } from "ts-fsrs";
import { course } from "../../worker/course.ts";
import { type AttemptRules, correctAnswerOf, practiceRules, scoreAttempt } from "../../worker/domain/attempts.ts";
import { itemDigest } from "../../worker/domain/itemDigest.ts";
import { hashPassword } from "../../worker/domain/password.ts";
import { mulberry32, type Rng } from "../../worker/domain/random.ts";
import { type Answer, type SnapshotQuestion, serveAttempt } from "../../worker/domain/serve.ts";
import { hashSessionToken, newSessionToken } from "../../worker/domain/sessionToken.ts";

const run = promisify(execFile);

export const SCALE = {
  sections: 10,
  studentsPerSection: 100,
  assignmentsPerClass: 8,
  /** Submitted attempts per student per section assignment (the cohort adds about half an attempt per cell). */
  attemptsPerSectionAssignment: 2,
  cohortAttemptShare: 0.5,
  /** Open practice attempts per student: the pools that autosave and submit draw from, one per module. */
  openPracticePerStudent: 5,
};

export interface Student {
  id: string;
  cookie: string;
}
export interface OpenAttempt {
  id: string;
  cookie: string;
  /** A question of the attempt and a valid answer to it, for autosave. */
  questionId: string;
  answer: Answer;
}
export interface Fixtures {
  students: Student[];
  instructorCookie: string;
  sectionClassId: string;
  cohortClassId: string;
  /** An assignment of each student's section that still accepts attempts (unlimited, no due date). */
  openAssignmentBySection: string[];
  sectionOf: (studentIndex: number) => number;
  submitted: { id: string; cookie: string }[];
  /** Disjoint pools of open attempts: autosave uses one, each submit run its own. */
  openPools: OpenAttempt[][];
  modules: string[];
}

const q = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);
const row = (values: (string | number | null)[]) => `(${values.map(q).join(",")})`;

const MAX_STATEMENT_BYTES = 80_000;

/** Collects rows per table and flushes multi-row INSERTs into numbered SQL files of about `fileBytes`. */
class SqlWriter {
  private pending = new Map<string, string[]>();
  private pendingBytes = new Map<string, number>();
  private chunk: string[] = [];
  private chunkBytes = 0;
  readonly files: string[] = [];
  constructor(
    private readonly dir: string,
    private readonly fileBytes = 40 * 1024 * 1024,
    private readonly rowsPerInsert = 100,
  ) {}
  async add(head: string, values: (string | number | null)[]) {
    const text = row(values);
    const bytes = Buffer.byteLength(text);
    // D1 refuses a statement over 100 KB (SQLITE_TOOBIG): an attempt row alone is ~15 KB of snapshot.
    if ((this.pendingBytes.get(head) ?? 0) + bytes > MAX_STATEMENT_BYTES) await this.emit(head);
    const rows = this.pending.get(head) ?? [];
    rows.push(text);
    this.pending.set(head, rows);
    this.pendingBytes.set(head, (this.pendingBytes.get(head) ?? 0) + bytes + 2);
    if (rows.length >= this.rowsPerInsert) await this.emit(head);
  }
  /** Flushes every table's pending rows, in the order the tables were first used (parents before children). */
  async flushAll() {
    for (const head of this.pending.keys()) await this.emit(head);
  }
  private async emit(head: string) {
    const rows = this.pending.get(head);
    if (!rows?.length) return;
    // Rows may only follow the rows they refer to: tables are first used parents-first, so flush every earlier one.
    for (const earlier of this.pending.keys()) {
      if (earlier === head) break;
      await this.emitOwn(earlier);
    }
    await this.emitOwn(head);
  }
  private async emitOwn(head: string) {
    const rows = this.pending.get(head);
    if (!rows?.length) return;
    const stmt = `${head} VALUES ${rows.join(",\n")};\n`;
    this.pending.set(head, []);
    this.pendingBytes.set(head, 0);
    this.chunk.push(stmt);
    this.chunkBytes += stmt.length;
    if (this.chunkBytes >= this.fileBytes) await this.flushFile();
  }
  private async flushFile() {
    if (this.chunk.length === 0) return;
    const file = join(this.dir, `seed-${String(this.files.length).padStart(3, "0")}.sql`);
    await writeFile(file, this.chunk.join(""));
    this.files.push(file);
    this.chunk = [];
    this.chunkBytes = 0;
  }
  async close() {
    await this.flushAll();
    await this.flushFile();
  }
}

/** A plausible answer: right about 70% of the time, otherwise a wrong one of the right shape (or left blank). */
function answerFor(question: SnapshotQuestion, rng: Rng): Answer | undefined {
  const roll = rng();
  const right = correctAnswerOf(question);
  const k = question.key;
  if (roll < 0.7) return k.type === "text" ? (k.accepted[0] ?? "") : right;
  if (roll > 0.95) return undefined;
  const served = question.served;
  switch (k.type) {
    case "single":
      return served.options?.find((o) => o.id !== k.correct)?.id ?? k.correct;
    case "multiple":
      return served.options?.slice(0, 1).map((o) => o.id) ?? [];
    case "truefalse":
      return !k.correct;
    case "numeric":
      return String(k.value + 1000);
    case "text":
      return "не помню";
    case "ordering":
      return served.items?.map((i) => i.id) ?? [];
    case "matching": {
      const right = served.right ?? [];
      return Object.fromEntries((served.left ?? []).map((l, i) => [l.id, right[(i + 1) % right.length]?.id ?? ""]));
    }
  }
}

const ATTEMPT_HEAD =
  "INSERT INTO attempts (id, user_id, module_slug, assignment_id, mode, status, seed, snapshot, rules, started_at, deadline, submitted_at, score, max_score, open_key, item_digest)";
const ANSWER_HEAD = "INSERT INTO answers (attempt_id, question_id, answer, saved_at, revision, score)";
const CARD_HEAD = "INSERT OR IGNORE INTO review_cards (user_id, question_id, module_slug, card, due, created_at)";

/** Writes the dataset as SQL files in `dir`, applies them to the local D1 in `persistDir`, and returns what the bench drives. */
export async function seedScale(dir: string, persistDir: string, log: (s: string) => void): Promise<Fixtures> {
  const started = performance.now();
  await mkdir(dir, { recursive: true });
  const rng = mulberry32(20261117);
  const now = Date.now();
  const day = 24 * 60 * 60 * 1000;
  const sql = new SqlWriter(dir);
  // One PBKDF2 hash for every account: 1,000 × 100,000 iterations would take minutes and measure nothing.
  const pw = await hashPassword("bench-password-2026");
  const userHead = "INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations, created_at)";
  const sessionHead = "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)";
  const session = async (userId: string) => {
    const token = newSessionToken();
    await sql.add(sessionHead, [await hashSessionToken(token), userId, now, now + 30 * day]);
    return `qadam_session=${token}`;
  };

  await sql.add(userHead, [
    "bench-instructor",
    "teacher@bench.test",
    "Bench Instructor",
    "instructor",
    pw.hash,
    pw.salt,
    pw.iterations,
    now,
  ]);
  const instructorCookie = await session("bench-instructor");
  const lessonSlugs = course.modules.filter((m) => m.kind === "lesson").map((m) => m.slug);
  const allSlugs = course.modules.map((m) => m.slug);

  const classHead = "INSERT INTO classes (id, instructor_id, name, join_code, created_at)";
  const memberHead = "INSERT INTO class_members (class_id, user_id, joined_at)";
  const assignmentHead =
    "INSERT INTO assignments (id, class_id, module_slug, mode, opens_at, due_at, max_attempts, time_limit_minutes, grading_method, review_policy, time_zone, created_at, updated_at)";
  const classIds = [...Array.from({ length: SCALE.sections }, (_, i) => `bench-section-${i}`), "bench-cohort"];
  const assignmentsOf = new Map<string, { id: string; slug: string; rules: AttemptRules }[]>();
  for (const [ci, classId] of classIds.entries()) {
    await sql.add(classHead, [
      classId,
      "bench-instructor",
      classId === "bench-cohort" ? "Весь поток" : `Группа ${ci + 1}`,
      `BN${String(ci).padStart(4, "0")}`,
      now,
    ]);
    const list: { id: string; slug: string; rules: AttemptRules }[] = [];
    for (let a = 0; a < SCALE.assignmentsPerClass; a++) {
      const slug = allSlugs[a % allSlugs.length]!;
      const rules: AttemptRules = {
        mode: "assessment",
        reviewPolicy: "after_submit",
        dueAt: null,
        timeLimitMinutes: null,
        maxAttempts: null,
        gradingMethod: a % 2 === 0 ? "best" : "last",
      };
      const id = `${classId}-a${a}`;
      list.push({ id, slug, rules });
      await sql.add(assignmentHead, [
        id,
        classId,
        slug,
        "assessment",
        now - 30 * day,
        null,
        null,
        null,
        rules.gradingMethod,
        "after_submit",
        "Asia/Almaty",
        now,
        now,
      ]);
    }
    assignmentsOf.set(classId, list);
  }
  await sql.flushAll();

  const students: Student[] = [];
  const submitted: { id: string; cookie: string }[] = [];
  const open: OpenAttempt[] = [];
  let attemptCount = 0;
  let answerCount = 0;

  const addAttempt = async (
    userId: string,
    cookie: string,
    slug: string,
    assignmentId: string | null,
    rules: AttemptRules,
    status: "open" | "submitted",
  ) => {
    const seed = Math.floor(rng() * 2 ** 31);
    const snapshot = serveAttempt(course, slug, seed);
    const id = crypto.randomUUID();
    const startedAt = status === "open" ? now - Math.floor(rng() * day) : now - Math.floor((1 + rng() * 25) * day);
    const given = new Map<string, Answer>();
    for (const question of snapshot) {
      // An open attempt is half done; a submitted one was answered throughout.
      if (status === "open" && rng() < 0.5) continue;
      const answer = answerFor(question, rng);
      if (answer !== undefined) given.set(question.served.id, answer);
    }
    const scored = scoreAttempt(snapshot, given);
    const submittedAt = status === "submitted" ? startedAt + Math.floor((5 + rng() * 30) * 60_000) : null;
    await sql.add(ATTEMPT_HEAD, [
      id,
      userId,
      slug,
      assignmentId,
      rules.mode,
      status,
      seed,
      JSON.stringify(snapshot),
      JSON.stringify(rules),
      startedAt,
      null,
      submittedAt,
      status === "submitted" ? scored.score : null,
      status === "submitted" ? scored.maxScore : null,
      status === "open" ? `${userId}:${slug}:${assignmentId ?? ""}` : null,
      // As POST /api/attempts writes it.
      JSON.stringify(itemDigest(snapshot, course)),
    ]);
    attemptCount++;
    for (const [questionId, answer] of given) {
      await sql.add(ANSWER_HEAD, [
        id,
        questionId,
        JSON.stringify(answer),
        startedAt + 60_000,
        1,
        scored.perQuestion.get(questionId)?.score ?? 0,
      ]);
      answerCount++;
    }
    if (status === "submitted") {
      submitted.push({ id, cookie });
      for (const question of snapshot) {
        if ((scored.perQuestion.get(question.served.id)?.score ?? 0) >= 1) continue;
        const card = createEmptyCard(new Date(submittedAt ?? now));
        await sql.add(CARD_HEAD, [
          userId,
          question.served.id,
          question.served.moduleSlug,
          JSON.stringify(card),
          submittedAt ?? now,
          submittedAt ?? now,
        ]);
      }
    } else {
      const first = snapshot.find((x) => x.key.type === "single" || x.key.type === "truefalse") ?? snapshot[0]!;
      const answer = first.key.type === "text" ? (first.key.accepted[0] ?? "") : correctAnswerOf(first);
      open.push({ id, cookie, questionId: first.served.id, answer });
    }
  };

  for (let n = 0; n < SCALE.sections * SCALE.studentsPerSection; n++) {
    const id = `bench-student-${String(n).padStart(4, "0")}`;
    await sql.add(userHead, [id, `s${n}@bench.test`, `Студент ${n}`, "student", pw.hash, pw.salt, pw.iterations, now]);
    students.push({ id, cookie: await session(id) });
    await sql.add(memberHead, [classIds[Math.floor(n / SCALE.studentsPerSection)]!, id, now - 40 * day]);
    await sql.add(memberHead, ["bench-cohort", id, now - 40 * day]);
  }
  // Accounts, classes and memberships go first: the attempts below refer to them.
  await sql.flushAll();
  for (const [n, { id, cookie }] of students.entries()) {
    const classId = classIds[Math.floor(n / SCALE.studentsPerSection)]!;
    for (const a of assignmentsOf.get(classId)!)
      for (let k = 0; k < SCALE.attemptsPerSectionAssignment; k++) await addAttempt(id, cookie, a.slug, a.id, a.rules, "submitted");
    for (const a of assignmentsOf.get("bench-cohort")!)
      if (rng() < SCALE.cohortAttemptShare) await addAttempt(id, cookie, a.slug, a.id, a.rules, "submitted");
    for (let m = 0; m < SCALE.openPracticePerStudent; m++)
      await addAttempt(id, cookie, lessonSlugs[m % lessonSlugs.length]!, null, practiceRules, "open");
  }
  await sql.close();
  const generated = performance.now();
  log(
    `seed: ${students.length} students, ${classIds.length} classes, ${attemptCount} attempts (${submitted.length} submitted), ${answerCount} answers → ${sql.files.length} SQL files`,
  );

  for (const file of sql.files) {
    await run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", persistDir, `--file=${file}`, "--yes"], {
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  log(
    `seed: generated in ${((generated - started) / 1000).toFixed(1)} s, applied in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  );
  // Open attempts, grouped by module so each pool holds at most one per student and module (the open key is unique).
  const openPools = Array.from({ length: SCALE.openPracticePerStudent }, (_, m) =>
    open.filter((_, i) => i % SCALE.openPracticePerStudent === m),
  );
  return {
    students,
    instructorCookie,
    sectionClassId: classIds[0]!,
    cohortClassId: "bench-cohort",
    openAssignmentBySection: classIds.slice(0, SCALE.sections).map((c) => `${c}-a0`),
    sectionOf: (n) => Math.floor(n / SCALE.studentsPerSection),
    submitted,
    openPools,
    modules: allSlugs,
  };
}
