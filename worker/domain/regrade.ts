// Regrading as plain functions: the rules an instructor added to an assignment (accept a typed answer, full marks,
// drop a question, one attempt's score by hand), grading one question under them, and what a regrade changes.
import type { Answer, AnswerKey, QuestionType, RegradeKind, SnapshotQuestion } from "../../db/json.ts";
import { type Grade, gradeAnswer, parseNumber, round4 } from "./grading.ts";

/** A stored regrade row as grading needs it (db/schema.ts `regrades`). */
export interface RegradeRow {
  attemptId: string | null;
  questionId: string;
  kind: RegradeKind;
  answer: string | null;
  score: number | null;
  comment: string | null;
  createdAt: number;
}

/** The regrades that apply to one attempt, by question id. */
export interface RegradeRules {
  accept: ReadonlyMap<string, readonly string[]>;
  fullMarks: ReadonlySet<string>;
  dropped: ReadonlySet<string>;
  /** Scores set by hand for this attempt (the latest per question). */
  scores: ReadonlyMap<string, number>;
}

export const noRegrades: RegradeRules = { accept: new Map(), fullMarks: new Set(), dropped: new Set(), scores: new Map() };

/** The rules for `attemptId` from an assignment's regrade rows (assignment-wide ones and that attempt's own). */
export function regradeRules(rows: readonly RegradeRow[], attemptId: string | null): RegradeRules {
  const accept = new Map<string, string[]>();
  const fullMarks = new Set<string>();
  const dropped = new Set<string>();
  const scores = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.createdAt - b.createdAt)) {
    if (r.attemptId !== null && r.attemptId !== attemptId) continue;
    if (r.kind === "accept" && r.answer !== null) accept.set(r.questionId, [...(accept.get(r.questionId) ?? []), r.answer]);
    else if (r.kind === "full_marks") fullMarks.add(r.questionId);
    else if (r.kind === "drop") dropped.add(r.questionId);
    else if (r.kind === "score" && r.score !== null) scores.set(r.questionId, r.score);
  }
  return { accept, fullMarks, dropped, scores };
}

/** The key with extra accepted answers; null when the type takes none or an answer is not a number for a numeric key. */
function widenedKeys(key: AnswerKey, extra: readonly string[]): AnswerKey[] | null {
  if (key.type === "text") return [{ ...key, accepted: [...key.accepted, ...extra] }];
  if (key.type === "numeric") {
    const values = extra.flatMap((e) => parseNumber(e).slice(0, 1));
    return values.map((value) => ({ ...key, value }));
  }
  return null;
}

/** Why an accepted answer cannot be added to a question of this type, or null when it can. */
export function acceptProblem(type: QuestionType, answer: string): string | null {
  if (type === "text") return answer.trim() === "" ? "must not be empty" : null;
  if (type === "numeric") return parseNumber(answer).length ? null : "must be a number for a numeric question";
  return "can only be accepted for a text or numeric question";
}

export interface QuestionGrade extends Grade {
  /** False for a dropped question: it is left out of the score and the maximum. */
  counted: boolean;
  /** What regrade changed this question's score, if one did. */
  regraded: RegradeKind | null;
}

/**
 * One question graded under the regrades: dropped leaves it out of the score (its grade under the other regrades is
 * kept for the record);
 * a score set by hand wins over the rest; full marks give 1; an accepted answer counts like the key's own.
 */
export function gradeQuestion(q: SnapshotQuestion, answer: Answer | null | undefined, rules: RegradeRules): QuestionGrade {
  const id = q.served.id;
  if (rules.dropped.has(id)) {
    const kept = gradeQuestion(q, answer, { ...rules, dropped: new Set() });
    return { ...kept, counted: false, regraded: "drop" };
  }
  const own = gradeAnswer(q.key, answer);
  const byHand = rules.scores.get(id);
  if (byHand !== undefined) return { score: round4(byHand), correct: byHand >= 1, counted: true, regraded: "score" };
  if (rules.fullMarks.has(id)) return { score: 1, correct: true, counted: true, regraded: "full_marks" };
  const extra = rules.accept.get(id);
  if (extra && own.score < 1) {
    const best = (widenedKeys(q.key, extra) ?? []).map((k) => gradeAnswer(k, answer)).find((g) => g.score > own.score);
    if (best) return { ...best, counted: true, regraded: "accept" };
  }
  return { ...own, counted: true, regraded: null };
}

export interface ScoredAttempt {
  score: number;
  maxScore: number;
  perQuestion: Map<string, QuestionGrade>;
}

/** A whole attempt under the regrades: one point per counted question, partial credit as gradeAnswer gives it. */
export function scoreUnder(
  snapshot: readonly SnapshotQuestion[],
  answers: ReadonlyMap<string, Answer>,
  rules: RegradeRules,
): ScoredAttempt {
  const perQuestion = new Map<string, QuestionGrade>();
  let score = 0;
  let maxScore = 0;
  for (const q of snapshot) {
    const g = gradeQuestion(q, answers.get(q.served.id), rules);
    perQuestion.set(q.served.id, g);
    if (g.counted) {
      score += g.score;
      maxScore += 1;
    }
  }
  return { score: round4(score), maxScore, perQuestion };
}

/** One submitted attempt's side of a question being regraded (db/queries/regrades.ts reads it). */
export interface RegradeTarget {
  attemptId: string;
  score: number;
  maxScore: number;
  question: SnapshotQuestion;
  answer: Answer | null;
  /** The stored per-question score, null when nothing was answered. */
  storedScore: number | null;
}

export interface RegradeChange {
  attemptId: string;
  score: number;
  maxScore: number;
  /** The answer's new stored score, when it was answered and the score changed. */
  answerScore: number | null;
}

const contribution = (g: QuestionGrade) => (g.counted ? { score: g.score, max: 1 } : { score: 0, max: 0 });

/**
 * What a new rule changes on one attempt: grading is per question, so the attempt's total moves by the difference
 * between the question's grade under the rules before and after (the same as grading the whole attempt again, see
 * tests/unit/regrade.test.ts). Null when nothing changes.
 */
export function regradeChange(t: RegradeTarget, before: RegradeRules, after: RegradeRules): RegradeChange | null {
  const was = contribution(gradeQuestion(t.question, t.answer, before));
  const now = gradeQuestion(t.question, t.answer, after);
  const is = contribution(now);
  const score = round4(t.score - was.score + is.score);
  const maxScore = t.maxScore - was.max + is.max;
  // A dropped question keeps its own grade on the answer (item analysis still shows how it went).
  const answerScore = t.answer !== null && t.storedScore !== now.score ? now.score : null;
  if (score === t.score && maxScore === t.maxScore && answerScore === null) return null;
  return { attemptId: t.attemptId, score, maxScore, answerScore };
}

/** What one more regrade row changes on each target attempt (those served the question), skipping the unchanged. */
export function regradeChanges(targets: readonly RegradeTarget[], rows: readonly RegradeRow[], row: RegradeRow): RegradeChange[] {
  const after = [...rows, row];
  return targets.flatMap((t) => {
    const change = regradeChange(t, regradeRules(rows, t.attemptId), regradeRules(after, t.attemptId));
    return change ? [change] : [];
  });
}
