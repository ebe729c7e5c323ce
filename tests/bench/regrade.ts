// The regrade figure: one request that drops a question from ≈1,000 submitted attempts, timed, with its D1 round trips.
// It runs on a copy of the seeded D1 (the other figures keep their dataset), where the cohort assignment with the most
// submitted attempts gets copies of them until ≥ 1,000 attempts were served its most served question.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { d1File } from "./explain.ts";
import { startWorker } from "./server.ts";

export interface RegradeFigure {
  attemptsTouched: number;
  attemptsChanged: number;
  ms: number;
  roundTrips: number | null;
  status: number;
}

const TARGET = 1000;

const ATTEMPT_COLUMNS =
  "user_id, module_slug, assignment_id, mode, status, seed, snapshot, rules, started_at, deadline, submitted_at, score, max_score, open_key, item_digest";

/** Makes the copy hold ≥ TARGET submitted attempts served one question; returns the assignment, question and count. */
function prepareCopy(file: string, cohortClassId: string) {
  const db = new DatabaseSync(file);
  try {
    const top = db
      .prepare(
        `SELECT assignment_id AS id FROM attempts WHERE status = 'submitted' AND assignment_id IN (SELECT id FROM assignments WHERE class_id = ?)
         GROUP BY assignment_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get(cohortClassId) as { id: string };
    const served = () =>
      db
        .prepare(
          `SELECT json_extract(q.value, '$.served.id') AS qid, count(*) AS n FROM attempts AS a, json_each(a.snapshot) AS q
           WHERE a.assignment_id = ? AND a.status = 'submitted' GROUP BY qid ORDER BY n DESC LIMIT 1`,
        )
        .get(top.id) as { qid: string; n: number };
    for (let copy = 1; served().n < TARGET && copy < 20; copy++) {
      const originals = `SELECT id FROM attempts WHERE assignment_id = ? AND status = 'submitted' AND id NOT LIKE 'rg%'`;
      db.prepare(
        `INSERT INTO attempts (id, ${ATTEMPT_COLUMNS}) SELECT 'rg${copy}-' || id, ${ATTEMPT_COLUMNS} FROM attempts WHERE id IN (${originals})`,
      ).run(top.id);
      db.prepare(
        `INSERT INTO answers (attempt_id, question_id, answer, saved_at, revision, score)
         SELECT 'rg${copy}-' || attempt_id, question_id, answer, saved_at, revision, score FROM answers WHERE attempt_id IN (${originals})`,
      ).run(top.id);
    }
    const { qid, n } = served();
    return { assignmentId: top.id, questionId: qid, served: n };
  } finally {
    db.close();
  }
}

export async function regradeFigure(
  persistDir: string,
  cohortClassId: string,
  instructorCookie: string,
  port: number,
): Promise<RegradeFigure> {
  const copy = mkdtempSync(join(tmpdir(), "qadam-bench-regrade-"));
  try {
    cpSync(persistDir, copy, { recursive: true });
    // A reused dataset may predate the latest migrations.
    execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", copy], {
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const target = prepareCopy(d1File(copy), cohortClassId);
    const server = await startWorker(copy, port);
    try {
      // Warm the isolate and the instructor's session, so the figure is the regrade's own work.
      await fetch(`${server.origin}/api/me`, { headers: { cookie: instructorCookie } });
      const started = performance.now();
      const res = await fetch(`${server.origin}/api/classes/${cohortClassId}/assignments/${target.assignmentId}/regrades`, {
        method: "POST",
        headers: { cookie: instructorCookie, origin: server.origin, "content-type": "application/json" },
        body: JSON.stringify({ questionId: target.questionId, kind: "drop", comment: "bench" }),
      });
      const ms = performance.now() - started;
      const body = (await res.json()) as { attemptsChanged?: number };
      const trips = res.headers.get("x-d1-roundtrips");
      return {
        attemptsTouched: target.served,
        attemptsChanged: body.attemptsChanged ?? 0,
        ms,
        roundTrips: trips === null ? null : Number(trips),
        status: res.status,
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
