// The review deck through the API in workerd: missed questions enter it, answers reschedule them with FSRS, and only the owner sees them.
import { env } from "cloudflare:test";
import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { course } from "../../worker/course.ts";
import { correctAnswerOf } from "../../worker/domain/attempts.ts";
import { mulberry32 } from "../../worker/domain/random.ts";
import { type AnswerKey, serveQuestion } from "../../worker/domain/serve.ts";
import { answerFromKey } from "../shared/answers.ts";
import { expectContract } from "./contract.ts";
import { api, call, expectProblem, signUp, type TestUser } from "./helpers.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
const MODULE = "copying-to-innovation";
/** The module's practice questions: those a practice attempt serves and the deck may hold (never an assessment-only one). */
const BANK = (course.modules.find((m) => m.slug === MODULE)?.questionIds ?? []).filter((id) => !course.questions[id]?.assessmentOnly);

// Request and response types from the routes themselves (AppType), not written again here.
type Client = ReturnType<typeof api>;
type Due = InferResponseType<Client["review"]["due"]["$get"], 200>;
type DueCard = Due["cards"][number];
type CardAnswer = InferRequestType<Client["review"][":questionId"]["$post"]>["json"];
type Result = InferResponseType<Client["review"][":questionId"]["$post"], 200>;

const keyOf = (questionId: string, seed: number): AnswerKey => {
  const question = course.questions[questionId];
  if (!question) throw new Error(`no question ${questionId}`);
  return serveQuestion(question, mulberry32(seed)).key;
};

/** The right answer to a card as it was served with `seed`, worked out from the course (tests only). */
const rightAnswer = (questionId: string, seed: number) => answerFromKey(keyOf(questionId, seed), { decimalComma: true });

/** A well-formed answer that is surely not fully right. */
function wrongAnswer(questionId: string, seed: number): CardAnswer["answer"] {
  const k = keyOf(questionId, seed);
  switch (k.type) {
    case "single": {
      const q = serveQuestion(course.questions[questionId] as never, mulberry32(seed)).served;
      return q.options?.find((o) => o.id !== k.correct)?.id as string;
    }
    case "truefalse":
      return !k.correct;
    case "multiple":
      return [];
    case "numeric":
      return String(k.value + k.tolerance + 1000);
    case "text":
      return "совсем не то";
    case "ordering":
      return [...k.order].reverse();
    case "matching": {
      const lefts = Object.keys(k.pairs);
      const rights = lefts.map((l) => k.pairs[l] as string);
      return Object.fromEntries(lefts.map((l, i) => [l, rights[(i + 1) % rights.length] as string]));
    }
  }
}

/** Starts a practice attempt and submits it with no answers: every question of the module is missed. */
async function missEverything(user: TestUser, module = MODULE) {
  const started = await api(user).attempts.$post({ json: { module } });
  expect([200, 201]).toContain(started.status);
  const attempt = await started.json();
  if (!("questions" in attempt)) throw new Error(`no attempt: ${JSON.stringify(attempt)}`);
  const submitted = await api(user).attempts[":id"].submit.$post({ param: { id: attempt.id } });
  expect(submitted.status).toBe(200);
}

const dueCards = (user?: TestUser, query: InferRequestType<Client["review"]["due"]["$get"]>["query"] = {}) =>
  api(user).review.due.$get({ query });

async function due(user: TestUser, query?: Parameters<typeof dueCards>[1]): Promise<Due> {
  const res = await dueCards(user, query);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await expectContract("GET", "/api/review/due", res)) as Due;
}

const answer = (user: TestUser | undefined, questionId: string, json: CardAnswer) =>
  api(user).review[":questionId"].$post({ param: { questionId }, json });

/** Raw: a body the typed client will not build (a field missing, an answer or a rating of no allowed type). */
const rawAnswer = (user: TestUser, questionId: string, body: unknown) =>
  call(`/api/review/${encodeURIComponent(questionId)}`, { method: "POST", cookie: user.cookie, body });

async function answered(user: TestUser, questionId: string, body: CardAnswer): Promise<Result> {
  const path = `/api/review/${questionId}`;
  const res = await answer(user, questionId, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await expectContract("POST", path, res)) as Result;
}

/** Moves a card's due date into the past, as if time had passed (the server's clock is real). */
async function makeDue(user: TestUser, questionId: string) {
  await env.DB.prepare("UPDATE review_cards SET due = ? WHERE user_id = ? AND question_id = ?")
    .bind(Date.now() - 1000, user.id, questionId)
    .run();
}

const card = (deck: Due, questionId: string) => {
  const found = deck.cards.find((c) => c.questionId === questionId);
  if (!found) throw new Error(`${questionId} is not due`);
  return found;
};

describe("GET /api/review/due", () => {
  it("needs a signed-in student", async () => {
    await expectProblem(await dueCards(), 401);
    const instructor = await signUp("instructor");
    await expectProblem(await dueCards(instructor), 403);
  });

  it("is empty before anything was missed", async () => {
    const student = await signUp("student");
    expect(await due(student)).toEqual({ due: 0, cards: [], nextDue: null });
  });

  it("lists every missed question of a submitted attempt, served without its key", async () => {
    const student = await signUp("student");
    await missEverything(student);
    const deck = await due(student);
    expect(deck.due).toBe(BANK.length);
    expect(deck.cards.map((c) => c.questionId).sort()).toEqual([...BANK].sort());
    expect(deck.nextDue).toBeNull();
    for (const c of deck.cards) {
      expect(c.moduleSlug).toBe(MODULE);
      expect(c.moduleTitle.en).toBe("From copying to innovation");
      expect(c.state).toBe("new");
      expect(c.reps).toBe(0);
      expect(c.question.id).toBe(c.questionId);
      expect(Date.parse(c.dueAt)).toBeLessThanOrEqual(Date.now());
      // The served question carries no key and no explanation.
      for (const field of ["answer", "answers", "correct", "key", "explanation", "tolerance", "pairs"])
        expect(c.question).not.toHaveProperty(field);
    }
  });

  it("serves at most 20 cards, oldest due first, and counts them all", async () => {
    const student = await signUp("student");
    await missEverything(student, "copying-to-innovation");
    await missEverything(student, "achievements-2019");
    // Spread the due dates so the order is observable.
    const ids = (
      await env.DB.prepare("SELECT question_id FROM review_cards WHERE user_id = ?").bind(student.id).all<{ question_id: string }>()
    ).results;
    const base = Date.now() - DAY;
    for (const [i, row] of ids.entries()) {
      await env.DB.prepare("UPDATE review_cards SET due = ? WHERE user_id = ? AND question_id = ?")
        .bind(base + i * MINUTE, student.id, row.question_id)
        .run();
    }
    const deck = await due(student);
    expect(deck.due).toBe(ids.length);
    expect(deck.cards).toHaveLength(20);
    expect(deck.cards.map((c) => c.questionId)).toEqual(ids.slice(0, 20).map((r) => r.question_id));
    const times = deck.cards.map((c) => Date.parse(c.dueAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("limit=0 only counts", async () => {
    const student = await signUp("student");
    await missEverything(student);
    expect(await due(student, { limit: 0 })).toEqual({ due: BANK.length, cards: [], nextDue: null });
    expect((await due(student, { limit: 3 })).cards).toHaveLength(3);
  });

  it("refuses a bad limit, naming it", async () => {
    const student = await signUp("student");
    for (const limit of ["-1", "21", "1.5", "many"]) {
      const problem = await expectProblem(await dueCards(student, { limit }), 400);
      expect(problem.errors?.map((e) => e.path)).toContain("query.limit");
    }
  });

  it("serves each card with a fresh seed, and the options in that seed's order", async () => {
    const student = await signUp("student");
    await missEverything(student);
    const first = await due(student);
    const second = await due(student);
    const seeds = (d: Due) => d.cards.map((c) => c.seed);
    expect(seeds(first)).not.toEqual(seeds(second));
    for (const c of first.cards) {
      const question = course.questions[c.questionId];
      expect(c.question).toEqual(serveQuestion(question as never, mulberry32(c.seed)).served);
    }
  });

  it("skips cards whose question is no longer in the course", async () => {
    const student = await signUp("student");
    await missEverything(student);
    await env.DB.prepare("INSERT INTO review_cards (user_id, question_id, module_slug, card, due, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(student.id, "removed-q99", MODULE, JSON.stringify({ due: new Date(0).toISOString() }), 0, 0)
      .run();
    const deck = await due(student);
    expect(deck.due).toBe(BANK.length);
    expect(deck.cards.map((c) => c.questionId)).not.toContain("removed-q99");
    await expectProblem(await answer(student, "removed-q99", { answer: "x", seed: 1 }), 404);
  });
});

describe("POST /api/review/:questionId", () => {
  let student: TestUser;
  let deck: Due;
  beforeAll(async () => {
    student = await signUp("student");
    await missEverything(student);
    deck = await due(student);
  });

  it("right with Good: due in days, in review, and off today's list", async () => {
    const c = deck.cards[0] as DueCard;
    const before = Date.now();
    const r = await answered(student, c.questionId, { answer: rightAnswer(c.questionId, c.seed), seed: c.seed, rating: "good" });
    expect(r).toMatchObject({ questionId: c.questionId, correct: true, score: 1, rating: "good", state: "review", revised: false });
    expect(r.moduleSlug).toBe(MODULE);
    expect(r.anchor).toBe(course.questions[c.questionId]?.anchor);
    expect(r.explanation).toEqual(course.questions[c.questionId]?.explanation);
    expect(Date.parse(r.nextDue) - before).toBeGreaterThanOrEqual(DAY);
    const after = await due(student);
    expect(after.due).toBe(deck.due - 1);
    expect(after.cards.map((x) => x.questionId)).not.toContain(c.questionId);
    expect(after.nextDue).toBe(r.nextDue);
  });

  it("Easy schedules further out than Good", async () => {
    const good = deck.cards[1] as DueCard;
    const easy = deck.cards[2] as DueCard;
    const g = await answered(student, good.questionId, {
      answer: rightAnswer(good.questionId, good.seed),
      seed: good.seed,
      rating: "good",
    });
    const e = await answered(student, easy.questionId, {
      answer: rightAnswer(easy.questionId, easy.seed),
      seed: easy.seed,
      rating: "easy",
    });
    expect(e.rating).toBe("easy");
    expect(Date.parse(e.nextDue)).toBeGreaterThan(Date.parse(g.nextDue) + DAY);
  });

  it("right without a rating counts as Good", async () => {
    const c = deck.cards[3] as DueCard;
    const r = await answered(student, c.questionId, { answer: rightAnswer(c.questionId, c.seed), seed: c.seed });
    expect(r.rating).toBe("good");
    expect(r.state).toBe("review");
  });

  it("wrong: Again whatever the learner chose, back in minutes, with the key to learn from", async () => {
    const c = deck.cards[4] as DueCard;
    const before = Date.now();
    const r = await answered(student, c.questionId, { answer: wrongAnswer(c.questionId, c.seed), seed: c.seed, rating: "easy" });
    expect(r).toMatchObject({ correct: false, rating: "again", state: "learning" });
    const wait = Date.parse(r.nextDue) - before;
    expect(wait).toBeGreaterThan(5 * MINUTE);
    expect(wait).toBeLessThanOrEqual(11 * MINUTE);
    expect(r.correctAnswer).toEqual(correctAnswerOf(serveQuestion(course.questions[c.questionId] as never, mulberry32(c.seed))));
    // Not due again until those minutes pass.
    expect((await due(student)).cards.map((x) => x.questionId)).not.toContain(c.questionId);
  });

  it("a lapse after graduating: relearning, one lapse, back in minutes", async () => {
    const c = deck.cards[5] as DueCard;
    await answered(student, c.questionId, { answer: rightAnswer(c.questionId, c.seed), seed: c.seed, rating: "good" });
    await makeDue(student, c.questionId);
    const again = card(await due(student), c.questionId);
    expect(again.state).toBe("review");
    expect(again.reps).toBe(1);
    const before = Date.now();
    const r = await answered(student, c.questionId, { answer: wrongAnswer(c.questionId, again.seed), seed: again.seed });
    expect(r).toMatchObject({ correct: false, rating: "again", state: "relearning" });
    expect(Date.parse(r.nextDue) - before).toBeLessThanOrEqual(11 * MINUTE);
    await makeDue(student, c.questionId);
    const relearning = card(await due(student), c.questionId);
    expect(relearning).toMatchObject({ state: "relearning", lapses: 1, reps: 2 });
  });

  it("the same serving again revises its review: Good then Easy is as if Easy", async () => {
    const c = deck.cards[6] as DueCard;
    const right = rightAnswer(c.questionId, c.seed);
    const first = await answered(student, c.questionId, { answer: right, seed: c.seed });
    const second = await answered(student, c.questionId, { answer: right, seed: c.seed, rating: "easy" });
    expect(second.revised).toBe(true);
    expect(second.rating).toBe("easy");
    expect(Date.parse(second.nextDue)).toBeGreaterThan(Date.parse(first.nextDue));
    // And a retry of the very same request changes nothing.
    const retry = await answered(student, c.questionId, { answer: right, seed: c.seed, rating: "easy" });
    expect(retry.nextDue).toBe(second.nextDue);
    await makeDue(student, c.questionId);
    expect(card(await due(student), c.questionId).reps).toBe(1);
  });

  it("previews every rating's interval (ts-fsrs), the same for each answer to one serving, and keeps the one it applied", async () => {
    // A learner of its own: the shared deck above has no card to spare.
    const learner = await signUp("student");
    await missEverything(learner);
    const c = (await due(learner)).cards[0] as DueCard;
    const right = rightAnswer(c.questionId, c.seed);
    const before = Date.now();
    const first = await answered(learner, c.questionId, { answer: right, seed: c.seed });
    const { again, hard, good, easy } = first.preview;
    // Again is the 10-minute relearning step; then Hard < Good < Easy, in days.
    expect(again).toBe(10 * 60);
    expect(hard).toBeGreaterThan(again);
    expect(good).toBeGreaterThanOrEqual(hard);
    expect(easy).toBeGreaterThan(good);
    expect(good).toBeGreaterThanOrEqual(DAY / 1000);
    // The interval applied (Good by default) is the one its button promised.
    expect(Math.abs(Date.parse(first.nextDue) - before - good * 1000)).toBeLessThan(5000);
    const revised = await answered(learner, c.questionId, { answer: right, seed: c.seed, rating: "easy" });
    expect(revised.preview).toEqual(first.preview);
    expect(Math.abs(Date.parse(revised.nextDue) - before - easy * 1000)).toBeLessThan(5000);
  });

  it("a wrong first answer cannot be corrected by sending the key for the same serving", async () => {
    const c = deck.cards[7] as DueCard;
    const wrong = await answered(student, c.questionId, { answer: wrongAnswer(c.questionId, c.seed), seed: c.seed });
    const cheat = await answered(student, c.questionId, { answer: rightAnswer(c.questionId, c.seed), seed: c.seed, rating: "easy" });
    expect(cheat).toMatchObject({ correct: false, rating: "again", revised: true, score: 1 });
    expect(cheat.nextDue).toBe(wrong.nextDue);
  });

  it("is 404 for another student's card, and leaves it alone", async () => {
    const other = await signUp("student");
    const c = deck.cards[8] as DueCard;
    await expectProblem(await answer(other, c.questionId, { answer: rightAnswer(c.questionId, c.seed), seed: c.seed }), 404);
    expect((await due(other)).due).toBe(0);
    expect(card(await due(student), c.questionId).reps).toBe(0);
  });

  it("is 404 for a question not in my deck or not in the course", async () => {
    await expectProblem(await answer(student, "no-such-question", { answer: "a", seed: 1 }), 404);
    const fresh = await signUp("student");
    await expectProblem(await answer(fresh, BANK[0] as string, { answer: "a", seed: 1 }), 404);
  });

  it("refuses an answer of the wrong shape for the question as served, naming answer", async () => {
    const c = deck.cards[9] as DueCard;
    const problem = await expectProblem(await rawAnswer(student, c.questionId, { answer: { nope: 1 }, seed: c.seed }), 400);
    expect(problem.errors).toEqual([{ path: "answer", message: expect.any(String) }]);
    // An id from another serving is not an id of this one.
    if (c.question.type === "single") {
      const problem2 = await expectProblem(await answer(student, c.questionId, { answer: "zzzz", seed: c.seed }), 400);
      expect(problem2.errors?.[0]?.path).toBe("answer");
    }
    // Nothing was reviewed.
    expect(card(await due(student), c.questionId).reps).toBe(0);
  });

  it("refuses a bad seed or rating, naming it", async () => {
    const c = deck.cards[9] as DueCard;
    const typed = (body: CardAnswer) => () => answer(student, c.questionId, body);
    const raw = (body: unknown) => () => rawAnswer(student, c.questionId, body);
    for (const [send, path] of [
      [raw({ answer: "a" }), "seed"],
      [typed({ answer: "a", seed: -1 }), "seed"],
      [typed({ answer: "a", seed: 2 ** 32 }), "seed"],
      [typed({ answer: "a", seed: 1.5 }), "seed"],
      [raw({ answer: "a", seed: 1, rating: "perfect" }), "rating"],
      [raw({ seed: 1 }), "answer"],
    ] as const) {
      const problem = await expectProblem(await send(), 400);
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
  });

  it("needs a signed-in student", async () => {
    await expectProblem(await answer(undefined, BANK[0] as string, { answer: "a", seed: 1 }), 401);
    const instructor = await signUp("instructor");
    await expectProblem(await answer(instructor, BANK[0] as string, { answer: "a", seed: 1 }), 403);
  });
});
