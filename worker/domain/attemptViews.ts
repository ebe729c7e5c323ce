// How an attempt reads on the wire: its summary, the attempt as served (with practice feedback), and its review under
// the policy. Rows in (db/queries/attempts.ts), the contract's shapes out (worker/contract/attempts.ts).
import type { Answer, SnapshotQuestion } from "../../db/json.ts";
import type { AnswerRow, AttemptRow, SummaryRow } from "../../db/queries/attempts.ts";
import type { AttemptReview, AttemptSummary, AttemptView, Feedback } from "../contract/attempts.ts";
import { iso } from "../contract/common.ts";
import { moduleTitle } from "../course.ts";
import { type AttemptRules, answerMap, correctAnswerOf, reviewShowsKey } from "./attempts.ts";
import { percentOf } from "./grades.ts";
import { gradeAnswer } from "./grading.ts";
import { gradeQuestion, type RegradeRow, regradeRules } from "./regrade.ts";

export function attemptSummary(a: SummaryRow, answeredCount: number): AttemptSummary {
  return {
    id: a.id,
    module: a.moduleSlug,
    moduleTitle: moduleTitle(a.moduleSlug),
    assignmentId: a.assignmentId,
    mode: a.mode,
    status: a.status,
    startedAt: iso(a.startedAt),
    deadline: iso(a.deadline),
    questionCount: a.questionCount,
    answeredCount,
    result:
      a.status === "submitted" && a.score !== null && a.maxScore !== null
        ? {
            score: a.score,
            maxScore: a.maxScore,
            percent: a.maxScore ? percentOf(a.score / a.maxScore) : 0,
            submittedAt: iso(a.submittedAt ?? a.startedAt),
            closeReason: a.closeReason,
          }
        : null,
  };
}

/** The summary of a whole attempt row (its snapshot counts the questions). */
export const fullSummary = (a: AttemptRow, answeredCount: number) =>
  attemptSummary({ ...a, questionCount: a.snapshot.length }, answeredCount);

/** Practice feedback on one answer: graded, with the key and where the lesson teaches it. */
export function feedbackFor(q: SnapshotQuestion, answer: Answer | undefined): Feedback {
  const g = gradeAnswer(q.key, answer);
  return {
    correct: g.correct,
    ...(g.typo ? { typo: g.typo } : {}),
    score: g.score,
    correctAnswer: correctAnswerOf(q),
    explanation: q.explanation,
    anchor: q.served.anchor,
    moduleSlug: q.served.moduleSlug,
  };
}

/** The attempt to answer or resume; practice shows each answered question's feedback, an assessment nothing of the key. */
export function attemptView(a: AttemptRow, saved: AnswerRow[], now: number): AttemptView {
  const given = answerMap(saved);
  const feedback: Record<string, Feedback> = {};
  if (a.mode === "practice")
    for (const q of a.snapshot) if (given.has(q.served.id)) feedback[q.served.id] = feedbackFor(q, given.get(q.served.id));
  return {
    ...fullSummary(a, saved.length),
    serverNow: iso(now),
    questions: a.snapshot.map((q) => q.served),
    answers: Object.fromEntries(saved.map((r) => [r.questionId, { answer: r.answer, revision: r.revision }])),
    feedback,
  };
}

/**
 * The review of a submitted attempt: keys, scores and explanations only where the review policy shows them at `now`.
 * `rules`: the assignment's review rules as they are now, with the student's override (an extended due date moves the
 * key's date with it); the attempt's own copy from its start when it has no assignment any more. `regrades`: the
 * instructor's regrades of it, which grade its items and are listed as its audit lines (an accepted answer only once
 * the key shows).
 */
export function attemptReview(
  attempt: AttemptRow,
  saved: AnswerRow[],
  now: number,
  rules: Pick<AttemptRules, "reviewPolicy" | "dueAt"> = attempt.rules,
  regrades: readonly RegradeRow[] = [],
): AttemptReview {
  const showsKey = reviewShowsKey(rules, now);
  const given = answerMap(saved);
  const graded = regradeRules(regrades, attempt.id);
  const served = new Set(attempt.snapshot.map((q) => q.served.id));
  return {
    attempt: fullSummary(attempt, saved.length),
    showsKey,
    keyAvailableAt: rules.reviewPolicy === "after_due" && rules.dueAt !== null && !showsKey ? iso(rules.dueAt) : null,
    items: attempt.snapshot.map((q) => {
      const answer = given.get(q.served.id) ?? null;
      const g = gradeQuestion(q, answer, graded);
      return {
        question: q.served,
        answer,
        score: showsKey ? g.score : null,
        correct: showsKey ? g.correct : null,
        ...(showsKey && g.typo ? { typo: g.typo } : {}),
        correctAnswer: showsKey ? correctAnswerOf(q) : null,
        explanation: showsKey ? q.explanation : null,
        counted: g.counted,
        regraded: g.regraded,
      };
    }),
    regrades: regrades
      .filter((r) => served.has(r.questionId) && (r.attemptId === null || r.attemptId === attempt.id))
      .map((r) => ({
        questionId: r.questionId,
        kind: r.kind,
        answer: showsKey ? r.answer : null,
        score: r.score,
        comment: r.comment,
        at: iso(r.createdAt),
      })),
  };
}
