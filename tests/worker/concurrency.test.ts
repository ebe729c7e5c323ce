// Races on one attempt: simultaneous autosaves, double submits, two tabs, double starts, and saves racing a submit.
import { env } from "cloudflare:test";
import type { InferResponseType } from "hono/client";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../worker/domain/serve.ts";
import { api, signUp, type TestUser } from "./helpers.ts";

// Response types from the routes themselves (AppType), not written again here.
type Client = ReturnType<typeof api>;
type Attempt = InferResponseType<Client["attempts"]["$post"], 201>;
type Served = Attempt["questions"][number];
type Submitted = InferResponseType<Client["attempts"][":id"]["submit"]["$post"], 200>;

const rotate = <T>(list: T[], by: number) => list.map((_, i) => list[(i + by) % list.length] as T);

/** The `n`th distinct, shape-valid answer to `q` (as the server stores it), so each revision is recognisable. */
function variant(q: Served, n: number): Answer {
  const options = (q.options ?? []).map((o) => o.id);
  switch (q.type) {
    case "single":
      return options[n % options.length] as string;
    case "multiple":
      return [options[n % options.length] as string];
    case "truefalse":
      return n % 2 === 0;
    case "numeric":
      return String(n);
    case "text":
      return `ответ ${n}`;
    case "ordering":
      return rotate(
        (q.items ?? []).map((i) => i.id),
        n,
      );
    default: {
      const right = rotate(
        (q.right ?? []).map((r) => r.id),
        n,
      );
      return Object.fromEntries((q.left ?? []).map((l, i) => [l.id, right[i] as string]));
    }
  }
}

/** A question whose answers are all distinct however many revisions we send (free text or a number). */
const freeForm = (a: Attempt) => a.questions.find((q) => q.type === "text" || q.type === "numeric") ?? (a.questions[0] as Served);

const startOn = (user: TestUser, module: string) => api(user).attempts.$post({ json: { module } });

async function start(user: TestUser, module: string): Promise<Attempt> {
  const res = await startOn(user, module);
  expect(res.status).toBe(201);
  return (await res.json()) as Attempt;
}

const save = (user: TestUser, attemptId: string, questionId: string, answer: Answer, revision?: number) =>
  api(user).attempts[":id"].answers[":questionId"].$put({
    param: { id: attemptId, questionId },
    json: { answer, ...(revision === undefined ? {} : { revision }) },
  });

const submit = (user: TestUser, attemptId: string) => api(user).attempts[":id"].submit.$post({ param: { id: attemptId } });

async function storedAnswers(attemptId: string) {
  const rows = await env.DB.prepare("SELECT question_id, answer, revision, score, saved_at FROM answers WHERE attempt_id = ?")
    .bind(attemptId)
    .all<{ question_id: string; answer: string; revision: number; score: number | null; saved_at: number }>();
  return new Map(rows.results.map((r) => [r.question_id, { ...r, answer: JSON.parse(r.answer) as unknown }]));
}

const shuffled = <T>(list: T[]) =>
  list
    .map((value) => ({ value, key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.value);

describe("simultaneous autosaves of one question", () => {
  it("30 saves with increasing revisions and a few stale ones, all at once: the highest revision is stored", async () => {
    const student = await signUp("student");
    const a = await start(student, "copying-to-innovation");
    const q = freeForm(a);
    const fresh = Array.from({ length: 30 }, (_, i) => ({ revision: i + 1, answer: variant(q, i + 1) }));
    // Stale replays from an offline queue: low revisions carrying answers that must never win.
    const stale = [0, 1, 2, 3, 5].map((revision) => ({ revision, answer: variant(q, 1000 + revision) }));
    const responses = await Promise.all(shuffled([...fresh, ...stale]).map((s) => save(student, a.id, q.id, s.answer, s.revision)));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const stored = (await storedAnswers(a.id)).get(q.id);
    expect(stored?.revision).toBe(30);
    expect(stored?.answer).toEqual(variant(q, 30));
    const res = await api(student).attempts[":id"].$get({ param: { id: a.id } });
    expect(res.status).toBe(200);
    const resumed = (await res.json()) as Attempt;
    expect(resumed.answers[q.id]).toEqual({ answer: variant(q, 30), revision: 30 });
  });

  it("saves without a revision, all at once, leave exactly one row holding one of the answers sent", async () => {
    const student = await signUp("student");
    const a = await start(student, "achievements-2019");
    const q = freeForm(a);
    const sent = Array.from({ length: 15 }, (_, i) => variant(q, i + 1));
    const responses = await Promise.all(sent.map((answer) => save(student, a.id, q.id, answer)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM answers WHERE attempt_id = ? AND question_id = ?")
      .bind(a.id, q.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
    expect(sent).toContainEqual((await storedAnswers(a.id)).get(q.id)?.answer);
  });
});

describe("two tabs on one attempt", () => {
  it("interleaved sequences of saves leave every question at its highest revision", async () => {
    const student = await signUp("student");
    const a = await start(student, "success-factors");
    const questions = a.questions.slice(0, 8);
    // Tab A sends odd revisions, tab B even ones, each in its own order and at its own pace; the client's counter
    // is per answer, so the highest revision of each question is the answer the learner gave last.
    const tab = async (parity: 0 | 1) => {
      for (let round = 0; round < 4; round++) {
        for (const q of shuffled(questions)) {
          const revision = round * 2 + parity + 1;
          const res = await save(student, a.id, q.id, variant(q, revision), revision);
          expect(res.status).toBe(200);
          if (Math.random() < 0.3) await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        }
      }
    };
    await Promise.all([tab(0), tab(1), tab(0), tab(1)]);
    const stored = await storedAnswers(a.id);
    for (const q of questions) {
      expect(stored.get(q.id)?.revision, q.id).toBe(8);
      expect(stored.get(q.id)?.answer, q.id).toEqual(variant(q, 8));
    }
    expect(stored.size).toBe(questions.length);
  });
});

describe("simultaneous submits", () => {
  it("10 submits at once: one grade, identical answers, one set of review cards", async () => {
    const student = await signUp("student");
    const a = await start(student, "risks");
    for (const [i, q] of a.questions.slice(0, 5).entries()) expect((await save(student, a.id, q.id, variant(q, i))).status).toBe(200);
    const responses = await Promise.all(Array.from({ length: 10 }, () => submit(student, a.id)));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);

    const row = await env.DB.prepare("SELECT status, score, max_score, submitted_at FROM attempts WHERE id = ?")
      .bind(a.id)
      .first<{ status: string; score: number; max_score: number; submitted_at: number }>();
    expect(row?.status).toBe("submitted");
    const graded = JSON.parse(bodies[0] as string) as Submitted;
    expect(graded.attempt.result).toMatchObject({ score: row?.score, maxScore: row?.max_score });
    expect(Date.parse(graded.attempt.result?.submittedAt as string)).toBe(row?.submitted_at);

    // The deck holds each missed question once.
    const cards = await env.DB.prepare("SELECT question_id FROM review_cards WHERE user_id = ?")
      .bind(student.id)
      .all<{ question_id: string }>();
    const ids = cards.results.map((c) => c.question_id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await storedAnswers(a.id);
    const missed = a.questions.filter((q) => (stored.get(q.id)?.score ?? 0) < 1).map((q) => q.id);
    expect(ids.sort()).toEqual(missed.sort());
    // The grade is the sum of the stored answers' scores.
    const sum = [...stored.values()].reduce((n, r) => n + (r.score ?? 0), 0);
    expect(row?.score).toBeCloseTo(sum, 9);
  });

  it("saves racing a submit are either graded or refused with 409: the grade always matches what is stored", async () => {
    const student = await signUp("student");
    const a = await start(student, "state-visit-2019");
    // Every question saved once, with two submits fired in the middle and at the end of the burst.
    type Shot = { question?: Served; answer?: Answer; res: Promise<{ status: number }> };
    const shots: Shot[] = a.questions.map((q, i) => ({
      question: q,
      answer: variant(q, i + 1),
      res: save(student, a.id, q.id, variant(q, i + 1)),
    }));
    shots.splice(Math.floor(shots.length / 2), 0, { res: submit(student, a.id) });
    shots.push({ res: submit(student, a.id) });
    const statuses = await Promise.all(shots.map((s) => s.res.then((r) => r.status)));
    const row = await env.DB.prepare("SELECT status, score, submitted_at FROM attempts WHERE id = ?")
      .bind(a.id)
      .first<{ status: string; score: number; submitted_at: number }>();
    expect(row?.status).toBe("submitted");
    const stored = await storedAnswers(a.id);
    shots.forEach((shot, i) => {
      if (!shot.question) {
        expect(statuses[i]).toBe(200);
        return;
      }
      // A save that answered 200 is in the graded attempt; one that lost the race was told so and left no trace.
      expect([200, 409], shot.question.id).toContain(statuses[i]);
      if (statuses[i] === 200) expect(stored.get(shot.question.id)?.answer, shot.question.id).toEqual(shot.answer);
      else expect(stored.has(shot.question.id), shot.question.id).toBe(false);
    });
    const sum = [...stored.values()].reduce((n, r) => n + (r.score ?? 0), 0);
    expect(row?.score).toBeCloseTo(sum, 9);
    for (const r of stored.values()) expect(r.saved_at).toBeLessThanOrEqual(row?.submitted_at ?? 0);
  });
});

describe("simultaneous starts", () => {
  it("10 POST /api/attempts for one module at once open one attempt; the others resume it", async () => {
    const student = await signUp("student");
    const responses = await Promise.all(Array.from({ length: 10 }, () => startOn(student, "prospects")));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    // Every one answered 200 or 201, both of which serve the attempt.
    const bodies = await Promise.all(responses.map(async (r) => (await r.json()) as Attempt));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(new Set(bodies.map((b) => JSON.stringify(b.questions))).size).toBe(1);
    const open = await env.DB.prepare("SELECT count(*) AS n FROM attempts WHERE user_id = ? AND status = 'open'")
      .bind(student.id)
      .first<{ n: number }>();
    expect(open?.n).toBe(1);
  });
});
