// Serving a quiz: which questions an attempt gets, how each is shown without its key, and what answer shapes it accepts.
import type { Answer, AnswerKey, ServedQuestion, SnapshotQuestion } from "../../db/json.ts";
import type { CompiledCourse, Question } from "../../lessons/types.ts";

export type { Answer, AnswerKey, Choice, ServedQuestion, SnapshotQuestion } from "../../db/json.ts";

import { mulberry32, type Rng, randomInt, shuffle } from "./random.ts";

type Course = Pick<CompiledCourse, "modules" | "questions">;

/** Practice (and the deck) never see an assessment-only question; an assessment draws from those first. */
export type ServeMode = "practice" | "assessment";

/** An assessment on a module with a secret pool smaller than this is topped up with practice questions. */
export const ASSESSMENT_MIN_QUESTIONS = 8;

/**
 * The questions an attempt in `mode` may draw from one bank, in draw order. Practice: the practice questions,
 * shuffled. Assessment: the assessment-only pool shuffled, then the practice questions shuffled (taken only to top a
 * small pool up); a bank without a secret pool serves as before, whole.
 */
function pool(questions: Question[], mode: ServeMode, rng: Rng): { secret: Question[]; open: Question[] } {
  const secret = shuffle(
    questions.filter((q) => q.assessmentOnly),
    rng,
  );
  const open = shuffle(
    questions.filter((q) => !q.assessmentOnly),
    rng,
  );
  return mode === "practice" ? { secret: [], open } : { secret, open };
}

/**
 * The questions of one attempt, in the order they are served.
 * A lesson module in practice serves its practice questions, shuffled; in an assessment, its assessment-only pool
 * (topped up with practice questions to ASSESSMENT_MIN_QUESTIONS), or the whole bank when it has no such pool.
 * The final test draws `draw` questions from each lesson module's bank the same way (assessment pool first) and
 * shuffles them together.
 */
export function selectQuestions(course: Course, moduleSlug: string, rng: Rng, mode: ServeMode = "practice"): Question[] {
  const module = course.modules.find((m) => m.slug === moduleSlug);
  if (!module) throw new Error(`unknown module: ${moduleSlug}`);
  const lookup = (id: string) => {
    const question = course.questions[id];
    if (!question) throw new Error(`module ${moduleSlug} refers to a missing question: ${id}`);
    return question;
  };
  const bank = (m: typeof module, size: (secret: number, open: number) => number) => {
    const { secret, open } = pool(m.questionIds.map(lookup), mode, rng);
    return [...secret, ...open].slice(0, size(secret.length, open.length));
  };
  if (module.kind === "lesson") {
    const served = bank(module, (secret, open) =>
      secret === 0 ? open : Math.min(secret + open, Math.max(secret, ASSESSMENT_MIN_QUESTIONS)),
    );
    return shuffle(served, rng);
  }

  const draw = module.draw;
  if (draw === undefined || !Number.isInteger(draw) || draw < 1) throw new Error(`final module ${moduleSlug} has no valid draw`);
  // Sorted by order so the draw for a seed does not depend on how the modules happen to be listed.
  const lessons = course.modules.filter((m) => m.kind === "lesson").sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  const drawn = lessons.flatMap((m) => bank(m, () => draw));
  return shuffle(drawn, rng);
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const ID_ALPHABET = `0123456789${LETTERS}`;
const ID_LENGTH = 4;

/**
 * Fresh random ids (a letter, then 3 base36 characters), unique among all the ids of one question
 * (options, items, left and right alike). The leading letter keeps an id from looking like an array
 * index, which objects would reorder as a key ("9988" sorts before "a1b2"), and makes it a valid HTML id.
 */
function idMaker(rng: Rng): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      let id = LETTERS[randomInt(rng, LETTERS.length)]!;
      for (let i = 1; i < ID_LENGTH; i++) id += ID_ALPHABET[randomInt(rng, ID_ALPHABET.length)];
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

/** Moves the first element to the end: for n ≥ 2 distinct elements this always changes the order. */
const rotate = <T>(list: T[]): T[] => (list.length < 2 ? list : [...list.slice(1), list[0] as T]);

const sameOrder = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Shows a question without its key. Options, items and right-hand sides get fresh ids, made in the
 * order they are displayed, so neither an id nor the order in which ids were made says anything about
 * the key; the key is returned beside it in those same ids.
 */
export function serveQuestion(q: Question, rng: Rng): SnapshotQuestion {
  const served = serveShuffled(q, rng);
  return q.assessmentOnly ? { ...served, secret: true } : served;
}

function serveShuffled(q: Question, rng: Rng): SnapshotQuestion {
  const nextId = idMaker(rng);
  const base = { id: q.id, type: q.type, moduleSlug: q.moduleSlug, anchor: q.anchor, prompt: q.prompt };
  const explanation = q.explanation;

  switch (q.type) {
    case "single":
    case "multiple": {
      const shuffled = shuffle(q.options, rng);
      const options = shuffled.map((o) => ({ id: nextId(), text: o.text }));
      const served: ServedQuestion = { ...base, options };
      const isCorrect = (i: number) => (q.type === "single" ? shuffled[i]!.id === q.answer : q.answer.includes(shuffled[i]!.id));
      // Listed in served order, so the key says nothing about the authored order either.
      const correct = options.filter((_, i) => isCorrect(i)).map((o) => o.id);
      if (correct.length === 0 || (q.type === "single" && correct.length !== 1))
        throw new Error(`question ${q.id}: its answer is not among its options`);
      const key: AnswerKey =
        q.type === "single" ? { type: "single", correct: correct[0]! } : { type: "multiple", correct, optionCount: options.length };
      return { served, key, explanation };
    }
    case "truefalse":
    case "text":
      return { served: base, key: fixedKey(q) as AnswerKey, explanation };
    case "numeric": {
      const served: ServedQuestion = q.unit ? { ...base, unit: q.unit } : base;
      return { served, key: fixedKey(q) as AnswerKey, explanation };
    }
    case "ordering": {
      // Authors write items in the correct order, so a shuffle that lands on it must not be served as is.
      let order = shuffle(q.items, rng);
      if (sameOrder(order, q.items)) order = rotate(order);
      const items = order.map((item) => ({ id: nextId(), text: item.text }));
      const servedId = new Map(order.map((item, i) => [item.id, items[i]!.id]));
      return { served: { ...base, items }, key: { type: "ordering", order: q.items.map((item) => servedId.get(item.id)!) }, explanation };
    }
    case "matching": {
      const left = q.pairs.map((p) => ({ id: nextId(), text: p.left }));
      // Pairs are written matched, so a right column lined up row by row with the left would give the key away.
      let rightOrder = shuffle(q.pairs, rng);
      if (sameOrder(rightOrder, q.pairs)) rightOrder = rotate(rightOrder);
      const right = rightOrder.map((p) => ({ id: nextId(), text: p.right }));
      const rightId = new Map(rightOrder.map((p, i) => [p.id, right[i]!.id]));
      const pairs: Record<string, string> = {};
      q.pairs.forEach((p, i) => {
        pairs[left[i]!.id] = rightId.get(p.id)!;
      });
      return { served: { ...base, left, right }, key: { type: "matching", pairs }, explanation };
    }
  }
}

/**
 * The key of a question whose key names no served ids (true/false, numeric, text): every attempt gets the same one,
 * so item analysis can take it from the course (itemDigest.ts). Null for the types whose keys hold drawn ids.
 */
export function fixedKey(q: Question): AnswerKey | null {
  switch (q.type) {
    case "truefalse":
      return { type: "truefalse", correct: q.answer };
    case "numeric":
      return { type: "numeric", value: q.answer, tolerance: q.tolerance };
    case "text":
      return { type: "text", accepted: [...new Set([...q.answers.ru, ...q.answers.en, ...(q.answers.kk ?? [])])], typos: q.typos };
    default:
      return null;
  }
}

/** Select and serve: the same course and seed always give the same attempt. */
export function serveAttempt(course: Course, moduleSlug: string, seed: number, mode: ServeMode = "practice"): SnapshotQuestion[] {
  const rng = mulberry32(seed);
  return selectQuestions(course, moduleSlug, rng, mode).map((q) => serveQuestion(q, rng));
}

export type ParsedAnswer = { ok: true; value: Answer } | { ok: false; message: string };

export const MAX_NUMERIC_INPUT = 40;
export const MAX_TEXT_INPUT = 200;

const fail = (message: string): ParsedAnswer => ({ ok: false, message });

/** Checks the shape of an answer against the question as served (ids, types, lengths); says nothing about correctness. */
export function parseAnswer(served: ServedQuestion, raw: unknown): ParsedAnswer {
  switch (served.type) {
    case "single": {
      const ids = new Set((served.options ?? []).map((o) => o.id));
      if (typeof raw !== "string" || !ids.has(raw)) return fail("must be one of the option ids of this question");
      return { ok: true, value: raw };
    }
    case "multiple": {
      const ids = new Set((served.options ?? []).map((o) => o.id));
      if (!Array.isArray(raw)) return fail("must be an array of option ids (empty if none is chosen)");
      const seen = new Set<string>();
      for (const [i, id] of raw.entries()) {
        if (typeof id !== "string" || !ids.has(id)) return fail(`element ${i} must be one of the option ids of this question`);
        if (seen.has(id)) return fail(`element ${i} repeats an option already chosen; list each option once`);
        seen.add(id);
      }
      return { ok: true, value: [...seen] };
    }
    case "truefalse":
      if (typeof raw !== "boolean") return fail("must be true or false");
      return { ok: true, value: raw };
    case "numeric":
      if (typeof raw === "number") {
        if (!Number.isFinite(raw)) return fail("must be a finite number");
        return { ok: true, value: raw };
      }
      if (typeof raw !== "string") return fail("must be a number or the text the learner typed");
      if (raw.length > MAX_NUMERIC_INPUT) return fail(`must be at most ${MAX_NUMERIC_INPUT} characters long`);
      return { ok: true, value: raw };
    case "text":
      if (typeof raw !== "string") return fail("must be a string");
      if (raw.length > MAX_TEXT_INPUT) return fail(`must be at most ${MAX_TEXT_INPUT} characters long`);
      return { ok: true, value: raw };
    case "ordering": {
      const items = served.items ?? [];
      const ids = new Set(items.map((item) => item.id));
      if (!Array.isArray(raw)) return fail("must be an array of item ids in the chosen order");
      const seen = new Set<string>();
      for (const [i, id] of raw.entries()) {
        if (typeof id !== "string" || !ids.has(id)) return fail(`element ${i} must be one of the item ids of this question`);
        if (seen.has(id)) return fail(`element ${i} repeats an item; list each item exactly once`);
        seen.add(id);
      }
      if (seen.size !== items.length) return fail(`must list all ${items.length} items of this question, each exactly once`);
      return { ok: true, value: [...seen] };
    }
    case "matching": {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        return fail("must be an object mapping left-hand ids to right-hand ids");
      }
      const rightIds = new Set((served.right ?? []).map((r) => r.id));
      const value: Record<string, string> = {};
      const leftIds = (served.left ?? []).map((l) => l.id);
      for (const key of Object.keys(raw)) {
        if (!leftIds.includes(key)) return fail("every key must be one of the left-hand ids of this question");
      }
      // Rebuilt in the served order from known ids only, so nothing the client added survives.
      for (const id of leftIds) {
        if (!Object.hasOwn(raw, id)) continue;
        const target = (raw as Record<string, unknown>)[id];
        if (typeof target !== "string" || !rightIds.has(target)) {
          return fail(`the value for "${id}" must be one of the right-hand ids of this question`);
        }
        value[id] = target;
      }
      return { ok: true, value };
    }
  }
}
