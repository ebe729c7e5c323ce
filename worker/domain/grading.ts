// Grading one answer against its key: the rule for each question type lives here (explained with examples in docs/grading.md).
import { foldKazakh, normalizeText, parseNumber } from "../../lessons/normalize.ts";
import type { Answer, AnswerKey } from "./serve.ts";

// The course compiler reads answers the way grading does (its leak checks), so both take these from lessons/.
export { normalizeText, parseNumber };

export interface Grade {
  /** In [0, 1], rounded to 4 decimals; 1 is full credit. */
  score: number;
  /** Full credit, and nothing less. */
  correct: boolean;
  /**
   * A text answer accepted with a slip (still full credit): one letter off, or Kazakh letters typed on a Russian
   * keyboard (see `foldKazakh`); absent otherwise. The review shows what was typed beside the accepted form.
   */
  typo?: true;
}

/** Floating-point slack for numeric answers: 3.13 vs 3.18 ± 0.05 must count, though 3.18 − 3.13 is 0.0500000000000003. */
const EPSILON = 1e-9;

/** Scores, grades and shares are kept to 4 decimals. */
export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const grade = (raw: number): Grade => {
  const score = round4(Math.min(1, Math.max(0, raw)));
  return { score, correct: score === 1 };
};

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === "string");
const isStringRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * Scores an answer. No answer (null or undefined), or an answer of the wrong shape for the key
 * (e.g. one stored before a content fix), earns 0 rather than an error.
 *
 * - single, truefalse: all or nothing.
 * - multiple: each ticked correct option earns 1/C (C = correct options); each ticked wrong option
 *   costs 1/min(C, W) (W = wrong options); the total is floored at 0. When there are at least as many
 *   wrong options as correct ones this is (correct ticked − wrong ticked) / C; when wrong options are
 *   fewer, each one costs more, so that ticking every option always scores exactly 0.
 * - numeric: what was typed is read by `parseNumber`; correct when a reading is within the tolerance.
 * - text: correct when `normalizeText` of the answer equals that of any accepted variant (any language). Also correct,
 *   marked `typo`: when the only difference is Kazakh letters typed as their Russian-keyboard stand-ins (қ as к, і as
 *   и or i…, `foldKazakh`), whatever the length and the typos switch (the learner could not type them), in snapshots
 *   taken since slips are accepted; and,
 *   when the key allows typos, one slip (`isOneSlipAway`) from a variant of at least 6 letters.
 * - ordering: the share of items in their correct position.
 * - matching: the share of left-hand items matched to their right-hand item.
 */
export function gradeAnswer(key: AnswerKey, answer: Answer | null | undefined): Grade {
  if (answer === null || answer === undefined) return grade(0);
  switch (key.type) {
    case "single":
      return grade(answer === key.correct ? 1 : 0);
    case "truefalse":
      return grade(answer === key.correct ? 1 : 0);
    case "multiple": {
      if (!isStringArray(answer)) return grade(0);
      const correct = new Set(key.correct);
      if (correct.size === 0) return grade(0);
      const ticked = new Set(answer);
      let hits = 0;
      let misses = 0;
      for (const id of ticked) {
        if (correct.has(id)) hits++;
        else misses++;
      }
      const wrongOptions = key.optionCount - correct.size;
      // With no wrong options served, a miss can only come from a malformed answer: charge it like the plain rule.
      const penalty = 1 / (wrongOptions > 0 ? Math.min(correct.size, wrongOptions) : correct.size);
      return grade(hits / correct.size - misses * penalty);
    }
    case "numeric": {
      const readings = typeof answer === "number" ? [answer] : typeof answer === "string" ? parseNumber(answer) : [];
      const within = readings.some(
        (x) => Number.isFinite(x) && Math.abs(x - key.value) <= key.tolerance + EPSILON * Math.max(1, Math.abs(key.value)),
      );
      return grade(within ? 1 : 0);
    }
    case "text": {
      if (typeof answer !== "string") return grade(0);
      const given = normalizeText(answer);
      if (given === "") return grade(0);
      const variants = key.accepted.map(normalizeText);
      if (variants.includes(given)) return grade(1);
      // Snapshots from before slips were accepted (no `typos` in the key) keep exact comparison, so their grades stand.
      const folded = foldKazakh(given);
      if (key.typos !== undefined && variants.some((v) => foldKazakh(v) === folded)) return { ...grade(1), typo: true };
      const slip = key.typos === true && variants.some((v) => letterCount(v) >= MIN_TYPO_LETTERS && isOneSlipAway(given, v));
      return slip ? { ...grade(1), typo: true } : grade(0);
    }
    case "ordering": {
      if (!isStringArray(answer) || key.order.length === 0) return grade(0);
      const inPlace = key.order.filter((id, i) => answer[i] === id).length;
      return grade(inPlace / key.order.length);
    }
    case "matching": {
      if (!isStringRecord(answer)) return grade(0);
      const lefts = Object.keys(key.pairs);
      if (lefts.length === 0) return grade(0);
      const matched = lefts.filter((left) => Object.hasOwn(answer, left) && answer[left] === key.pairs[left]).length;
      return grade(matched / lefts.length);
    }
  }
}

/** A slip is forgiven only in answers this long: in a shorter word one letter more often makes another word. */
export const MIN_TYPO_LETTERS = 6;

const letterCount = (s: string) => s.match(/\p{L}/gu)?.length ?? 0;

/**
 * True when `a` and `b` differ by exactly one slip: one character inserted, left out or replaced, or two neighbours
 * swapped (a Damerau–Levenshtein distance of 1). Compares code points, so "ә" for "а" is one slip like "e" for "a".
 */
export function isOneSlipAway(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (i === x.length && i === y.length) return false;
  const restEqual = (xi: number, yi: number) => x.length - xi === y.length - yi && x.slice(xi).every((ch, k) => ch === y[yi + k]);
  if (x.length > y.length) return restEqual(i + 1, i);
  if (x.length < y.length) return restEqual(i, i + 1);
  return restEqual(i + 1, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && restEqual(i + 2, i + 2));
}
