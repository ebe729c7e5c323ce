// Attempt rules as plain functions: deadlines, the grace period, scoring a whole attempt, and what a review may show.
import { createEmptyCard } from "ts-fsrs";
import type { Answer, AttemptRules, CloseReason, SnapshotQuestion } from "../../db/json.ts";
import { noRegrades, type RegradeRules, type ScoredAttempt, scoreUnder } from "./regrade.ts";

/** Answers that reach the server this long after the deadline still count: a slow phone network is not the learner's fault. */
export const DEADLINE_GRACE_MS = 30_000;

export type { AttemptRules, ReviewPolicy } from "../../db/json.ts";
export type { ScoredAttempt } from "./regrade.ts";

export const practiceRules: AttemptRules = {
  mode: "practice",
  reviewPolicy: "after_submit",
  dueAt: null,
  timeLimitMinutes: null,
  maxAttempts: null,
  gradingMethod: "best",
};

/** The server's deadline: the time limit from the start, capped by the due date; null when neither applies. */
export function attemptDeadline(startedAt: number, rules: Pick<AttemptRules, "dueAt" | "timeLimitMinutes">): number | null {
  const limit = rules.timeLimitMinutes ? startedAt + rules.timeLimitMinutes * 60_000 : null;
  if (limit === null) return rules.dueAt;
  if (rules.dueAt === null) return limit;
  return Math.min(limit, rules.dueAt);
}

/** True once answers are no longer accepted (deadline plus grace). */
export const isOverdue = (deadline: number | null, now: number) => deadline !== null && now > deadline + DEADLINE_GRACE_MS;

/** Whether correct answers and explanations may be shown for a submitted attempt. */
export function reviewShowsKey(rules: Pick<AttemptRules, "reviewPolicy" | "dueAt">, now: number): boolean {
  switch (rules.reviewPolicy) {
    case "after_submit":
      return true;
    case "after_due":
      return rules.dueAt !== null && now >= rules.dueAt;
    case "never":
      return false;
  }
}

/** An assessment on a module, as practice on that module sees it. */
export interface PendingAssessment {
  dueAt: number | null;
  maxAttempts: number | null;
  /** Attempts the student made on it, open ones included. */
  used: number;
}

/**
 * Whether practice on a module is paused for a student, and until when. Practice shows keys at once, so it pauses
 * while the student has an assessment on the module that is open or not yet due: until its due date; one without a
 * due date until the student has used every attempt (`reopensAt` null: no date to give). Null when not paused.
 */
export function practicePause(assessments: readonly PendingAssessment[], now: number): { reopensAt: number | null } | null {
  const pausing = assessments.filter((a) => (a.dueAt !== null ? now < a.dueAt : a.maxAttempts === null || a.used < a.maxAttempts));
  if (pausing.length === 0) return null;
  if (pausing.some((a) => a.dueAt === null)) return { reopensAt: null };
  return { reopensAt: Math.max(...pausing.map((a) => a.dueAt as number)) };
}

/**
 * When an attempt's missed questions may enter the review deck, which shows keys: with the key (after_submit)
 * at once, after_due from the due date, never not at all (null).
 */
export function deckDueAt(rules: Pick<AttemptRules, "reviewPolicy" | "dueAt">, now: number): number | null {
  if (rules.reviewPolicy === "never") return null;
  if (rules.reviewPolicy === "after_due") return Math.max(now, rules.dueAt ?? now);
  return now;
}

/** One point per question, partial credit as gradeAnswer gives it; unanswered questions score 0; regrades applied. */
export function scoreAttempt(
  snapshot: readonly SnapshotQuestion[],
  answers: ReadonlyMap<string, Answer>,
  regrades: RegradeRules = noRegrades,
): ScoredAttempt {
  return scoreUnder(snapshot, answers, regrades);
}

/** The key as the learner sees it in a review or in practice feedback (served ids, nothing else). */
export function correctAnswerOf(q: SnapshotQuestion): Answer {
  const k = q.key;
  switch (k.type) {
    case "single":
    case "truefalse":
      return k.correct;
    case "multiple":
      return k.correct;
    case "numeric":
      return k.value;
    case "text":
      return k.accepted;
    case "ordering":
      return k.order;
    case "matching":
      return k.pairs;
  }
}

/** Saved answers by question id. */
export const answerMap = (rows: readonly { questionId: string; answer: Answer }[]) => new Map(rows.map((r) => [r.questionId, r.answer]));

/**
 * Why an attempt closing at `at` closes: once its deadline has come, its time ran out, whoever closes it (the learner's
 * device submitting at zero, a late submit, a read of the overdue attempt, the cron, a removal); before it, `by`.
 */
export function closeReason(deadline: number | null, at: number, by: Exclude<CloseReason, "time_up">): CloseReason {
  return deadline !== null && at >= deadline ? "time_up" : by;
}

/**
 * How an attempt closes at `now` (db/queries/attempts.ts `finalizeAttempt` writes it): the saved answers whose stored
 * score differs from the grade under the regrades, the maximum, the questions the total leaves out or gives full marks
 * whatever is stored, why it closes (`by`, unless its time ran out first), and the deck cards for missed questions. The
 * deck shows keys, so it follows the review policy: never → no cards; after_due → due from the due date.
 */
export function attemptClose(
  attempt: { snapshot: readonly SnapshotQuestion[]; rules: Pick<AttemptRules, "reviewPolicy" | "dueAt">; deadline: number | null },
  saved: readonly { questionId: string; answer: Answer; score: number | null }[],
  now: number,
  regrades: RegradeRules = noRegrades,
  by: Exclude<CloseReason, "time_up"> = "submitted",
) {
  const scored = scoreAttempt(attempt.snapshot, answerMap(saved), regrades);
  const rescore = saved.flatMap((a) => {
    const score = scored.perQuestion.get(a.questionId)?.score ?? 0;
    return score === a.score ? [] : [{ questionId: a.questionId, score }];
  });
  const inSnapshot = (ids: ReadonlySet<string>) => attempt.snapshot.map((q) => q.served.id).filter((id) => ids.has(id));
  const dropped = inSnapshot(regrades.dropped);
  const due = deckDueAt(attempt.rules, now);
  const deck =
    due === null
      ? null
      : {
          due,
          card: JSON.stringify(createEmptyCard(new Date(due))),
          // An assessment-only question never becomes a card: the deck shows keys, and its key is the assessment's.
          questions: attempt.snapshot.filter((q) => !q.secret).map((q) => ({ id: q.served.id, moduleSlug: q.served.moduleSlug })),
        };
  return {
    rescore,
    maxScore: scored.maxScore,
    dropped,
    fullMarks: inSnapshot(regrades.fullMarks).filter((id) => !regrades.dropped.has(id)),
    reason: closeReason(attempt.deadline, now, by),
    deck,
  };
}
