// The review of a submitted attempt (components/ReviewList.tsx) as plain functions: each question's verdict, mistakes first, and the filter's
// default, ordering and matching marked per position. Tested in tests/unit/web/review.test.ts.
import type { ServedQuestion } from "./quiz/model.ts";
import type { Answer } from "./quiz/outbox.ts";

export interface ReviewItemLike {
  answer: unknown;
  correct: boolean | null;
  score: number | null;
  typo?: boolean;
}

export type VerdictKey = "right" | "typo" | "partly" | "wrong" | "unanswered" | "answered";

/** Whether an answer was given at all: an empty text, no tick or no matched row is no answer. */
export function isGiven(answer: unknown): boolean {
  if (answer === null || answer === undefined) return false;
  if (typeof answer === "string") return answer.trim() !== "";
  if (Array.isArray(answer)) return answer.length > 0;
  if (typeof answer === "object") return Object.keys(answer).length > 0;
  return true;
}

/** One question's verdict: no answer, and (when the key is shown) right, right with a typo, partly right or wrong. */
export function verdictOf(item: ReviewItemLike, showsKey: boolean): VerdictKey {
  if (!isGiven(item.answer)) return "unanswered";
  if (!showsKey || item.correct === null) return "answered";
  if (item.correct) return item.typo ? "typo" : "right";
  return (item.score ?? 0) > 0 ? "partly" : "wrong";
}

/** A question the learner should look at again: anything not fully right (only knowable when the key is shown). */
export const isMistake = (item: ReviewItemLike, showsKey: boolean): boolean => showsKey && item.correct !== true;

/** The items with their 1-based question numbers, mistakes first (each group in the attempt's order). */
export function mistakesFirst<T extends ReviewItemLike>(items: readonly T[], showsKey: boolean): { item: T; n: number }[] {
  const numbered = items.map((item, i) => ({ item, n: i + 1 }));
  return [...numbered.filter((e) => isMistake(e.item, showsKey)), ...numbered.filter((e) => !isMistake(e.item, showsKey))];
}

/**
 * Per line of an ordering or matching answer (as describeAnswer lists it), whether that position is right against
 * the key: an item in its place, a row matched to its pair. The same rule grading gives partial credit by. Null for
 * other types, and when there is no answer or no key to compare with.
 */
export function positionMarks(
  question: ServedQuestion,
  answer: Answer | null | undefined,
  key: Answer | null | undefined,
): boolean[] | null {
  const isPairs = (x: unknown): x is Record<string, string> => typeof x === "object" && x !== null && !Array.isArray(x);
  if (question.type === "ordering") {
    if (!Array.isArray(answer) || !Array.isArray(key) || answer.length === 0) return null;
    return answer.map((id, i) => id === key[i]);
  }
  if (question.type === "matching") {
    if (!isPairs(answer) || !isPairs(key) || Object.keys(answer).length === 0) return null;
    return (question.left ?? []).map((l) => Object.hasOwn(answer, l.id) && answer[l.id] === key[l.id]);
  }
  return null;
}
