// The review of a submitted attempt as plain functions: each question's verdict, mistakes first, and the filter's
// default. Tested in tests/unit/web/review.test.ts.

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
