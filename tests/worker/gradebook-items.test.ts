// Item analysis from item digests: attempts started through the API carry one, the analysis answers exactly as it does
// from the snapshots, and the snapshot leaves D1 only for an attempt without a digest or one whose questions changed.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.ts";
import { itemAnalysisQueries } from "../../db/queries/gradebook.ts";
import { course } from "../../worker/course.ts";
import { attemptShare } from "../../worker/domain/gradebook.ts";
import { type AnalysedAttempt, analyseItems } from "../../worker/domain/itemAnalysis.ts";
import { contentHashes, type ItemDigest } from "../../worker/domain/itemDigest.ts";
import type { Answer, SnapshotQuestion } from "../../worker/domain/serve.ts";
import { guessAnswer } from "../shared/answers.ts";
import { api, signUp, type TestUser } from "./helpers.ts";

const MODULE = "copying-to-innovation";

/** What the analysis gives from the snapshots and answers stored in D1: the way it was computed before digests. */
async function fromSnapshots(assignmentId: string) {
  const { results: rows } = await env.DB.prepare(
    "SELECT id, score, max_score, snapshot FROM attempts WHERE assignment_id = ? AND status = 'submitted'",
  )
    .bind(assignmentId)
    .all<{ id: string; score: number; max_score: number; snapshot: string }>();
  const { results: saved } = await env.DB.prepare(
    "SELECT answers.* FROM answers JOIN attempts ON attempts.id = answers.attempt_id WHERE attempts.assignment_id = ?",
  )
    .bind(assignmentId)
    .all<{ attempt_id: string; question_id: string; answer: string; score: number | null }>();
  const attempts: AnalysedAttempt[] = rows.map((r) => ({
    id: r.id,
    share: attemptShare({ status: "submitted", score: r.score, maxScore: r.max_score }) ?? 0,
    snapshot: JSON.parse(r.snapshot) as SnapshotQuestion[],
    answers: new Map(
      saved
        .filter((a) => a.attempt_id === r.id)
        .map((a) => [a.question_id, { answer: JSON.parse(a.answer) as Answer, score: a.score }] as const),
    ),
  }));
  return JSON.parse(JSON.stringify(analyseItems(attempts, course.questions)));
}

describe("GET /api/classes/:id/items from item digests", () => {
  let teacher: TestUser;
  let classId: string;
  let assignmentId: string;
  const attemptIds: string[] = [];

  beforeAll(async () => {
    teacher = await signUp("instructor", "Digest teacher");
    const k = await (await api(teacher).classes.$post({ json: { name: "Digests" } })).json();
    if (!("class" in k)) throw new Error(`class not created: ${JSON.stringify(k)}`);
    classId = k.class.id;
    const made = await api(teacher).classes[":id"].assignments.$post({
      param: { id: classId },
      json: { module: MODULE, mode: "assessment", timeZone: "UTC", gradingMethod: "best", reviewPolicy: "after_submit" },
    });
    expect(made.status).toBe(201);
    const created = await made.json();
    if (!("assignment" in created)) throw new Error(`assignment not created: ${JSON.stringify(created)}`);
    assignmentId = created.assignment.id;
    for (let i = 0; i < 6; i++) {
      const student = await signUp("student", `Digest student ${i}`);
      await api(student).classes.join.$post({ json: { code: k.class.joinCode ?? "" } });
      const started = await api(student).attempts.$post({ json: { assignmentId } });
      expect(started.status).toBe(201);
      const attempt = await started.json();
      if (!("questions" in attempt)) throw new Error(`no attempt: ${JSON.stringify(attempt)}`);
      // Each student answers a different share of the questions, picking different options and truth values.
      for (const [n, q] of attempt.questions.entries()) {
        if ((n + i) % 4 === 0) continue;
        const answer =
          q.type === "single" ? (q.options?.[(n + i) % (q.options.length || 1)]?.id ?? "") : guessAnswer(q, { truth: (n + i) % 2 === 0 });
        const res = await api(student).attempts[":id"].answers[":questionId"].$put({
          param: { id: attempt.id, questionId: q.id },
          json: { answer },
        });
        expect(res.status).toBe(200);
      }
      expect((await api(student).attempts[":id"].submit.$post({ param: { id: attempt.id } })).status).toBe(200);
      attemptIds.push(attempt.id);
    }
  }, 60_000);

  const analysis = async () => {
    const res = await api(teacher).classes[":id"].items.$get({ param: { id: classId }, query: { assignmentId } });
    expect(res.status).toBe(200);
    const body = await res.json();
    if (!("items" in body)) throw new Error(`no analysis: ${JSON.stringify(body)}`);
    const { attemptCount, reliable, reliableFrom, groupSize, items } = body;
    return { attemptCount, reliable, reliableFrom, groupSize, items };
  };

  /** Which attempts the analysis statement sends the snapshot for. */
  const snapshotsSent = async () => {
    const [, , attemptsStatement] = itemAnalysisQueries(createDb(env.DB), classId, teacher.id, assignmentId, [
      ...contentHashes(course).values(),
    ]);
    const rows = await attemptsStatement;
    expect(rows).toHaveLength(attemptIds.length);
    return rows.filter((r) => r.snapshot !== null).map((r) => r.id);
  };

  it("starting an attempt stores its digest; the analysis is the one from the snapshots, with no snapshot sent", async () => {
    const { results } = await env.DB.prepare("SELECT item_digest FROM attempts WHERE assignment_id = ?")
      .bind(assignmentId)
      .all<{ item_digest: string | null }>();
    expect(results.every((r) => r.item_digest !== null)).toBe(true);
    expect(await snapshotsSent()).toEqual([]);
    const body = await analysis();
    expect(body).toEqual(await fromSnapshots(assignmentId));
    expect(body.attemptCount).toBe(6);
  });

  it("reads the snapshot of an attempt without a digest or served a question the course has changed since", async () => {
    const [legacy, stale] = attemptIds as [string, string];
    await env.DB.prepare("UPDATE attempts SET item_digest = NULL WHERE id = ?").bind(legacy).run();
    // `stale` as if served before an author reworded an option: its snapshot shows the old text, its digest an old hash.
    const row = await env.DB.prepare("SELECT snapshot, item_digest FROM attempts WHERE id = ?")
      .bind(stale)
      .first<{ snapshot: string; item_digest: string }>();
    const snapshot = JSON.parse(row?.snapshot ?? "[]") as SnapshotQuestion[];
    const digest = JSON.parse(row?.item_digest ?? "{}") as ItemDigest;
    const at = snapshot.findIndex((q) => q.served.type === "single");
    const option = snapshot[at]?.served.options?.[0] as { text: { ru: string; en: string } };
    option.text = { ru: "Старая формулировка", en: "Old wording" };
    digest.hashes[at] = "0123456789abcdef";
    await env.DB.prepare("UPDATE attempts SET snapshot = ?, item_digest = ? WHERE id = ?")
      .bind(JSON.stringify(snapshot), JSON.stringify(digest), stale)
      .run();

    expect((await snapshotsSent()).sort()).toEqual([legacy, stale].sort());
    const body = await analysis();
    expect(body).toEqual(await fromSnapshots(assignmentId));
    // The old wording is counted under its own text, as analysis does for any text the course no longer has.
    const reworded = body.items.find((q) => q.questionId === snapshot[at]?.served.id);
    expect(reworded?.options?.some((o) => o.id.startsWith("text:") && o.id.includes("Old wording"))).toBe(true);
  });
});
