// Item analysis of an assignment's submitted attempts: per question, how many answered, facility, discrimination, option picks and warning flags.
import type { Localized, QuestionType } from "../../lessons/schema.ts";
import type { Question } from "../../lessons/types.ts";
import { gradeAnswer, round4 } from "./grading.ts";
import type { Answer, AnswerKey, ServedQuestion } from "./serve.ts";

/** Kelley's classic share for the upper and lower groups: it maximises the difference while keeping groups large enough. */
export const GROUP_SHARE = 0.27;
/** Below these counts a flag would be noise: a few lucky or unlucky answers say nothing about the question. */
export const MIN_ANSWERS_FOR_FACILITY_FLAGS = 5;
export const MIN_ATTEMPTS_FOR_DISCRIMINATION_FLAG = 10;
export const TOO_HARD_BELOW = 0.2;
/**
 * Below this many attempts facility and discrimination swing with one student: with 2 attempts the groups are one
 * attempt each and the index can only be −1, 0 or 1. The figures are still computed, but marked unreliable.
 */
export const RELIABLE_FROM_ATTEMPTS = 20;
export const TOO_EASY_ABOVE = 0.95;

export type ItemFlag = "too_hard" | "too_easy" | "negative_discrimination";

/**
 * What analysis reads of one question of a snapshot: a SnapshotQuestion (serve.ts) has it all, and so does a
 * question rebuilt from the attempt's item digest and the course (itemDigest.ts) without reading the snapshot.
 */
export interface AnalysedQuestion {
  served: Pick<ServedQuestion, "id" | "type" | "moduleSlug" | "anchor" | "prompt" | "options">;
  key: AnswerKey;
}

export interface AnalysedAttempt {
  id: string;
  /** The attempt's total as a share of its maximum (0..1): what the upper and lower groups are ranked by. */
  share: number;
  snapshot: readonly AnalysedQuestion[];
  /** Saved answers by served question id, with the per-question score recorded when the attempt was graded. */
  answers: ReadonlyMap<string, { answer: Answer; score: number | null }>;
}

export interface OptionPicks {
  /** The source option's id when the served text still matches the course; otherwise a key made from the text. */
  id: string;
  text: Localized;
  correct: boolean;
  picked: number;
  /** picked / answered; null before anyone answered. */
  share: number | null;
}

export interface ItemStats {
  questionId: string;
  type: QuestionType;
  moduleSlug: string;
  anchor: string;
  prompt: Localized;
  /** Submitted attempts that were served this question (a final test draws a different subset each time). */
  served: number;
  answered: number;
  /** Attempts that got full marks on it: with `served`, the honest count when there are too few for a share. */
  correct: number;
  /** Served to at least RELIABLE_FROM_ATTEMPTS attempts: only then do facility and discrimination mean much. */
  reliable: boolean;
  /** Mean score (0..1) over the attempts that were served it; an unanswered question scores 0, as in grading. */
  facility: number | null;
  /** Mean item score of the upper group minus the lower group (−1..1); null when either group never saw it. */
  discrimination: number | null;
  /** Single, multiple and true/false: how often each option was picked. */
  options: OptionPicks[] | null;
  flags: ItemFlag[];
}

export interface ItemAnalysis {
  attemptCount: number;
  /** attemptCount ≥ RELIABLE_FROM_ATTEMPTS. */
  reliable: boolean;
  reliableFrom: number;
  /** Attempts in each of the upper and lower groups. */
  groupSize: number;
  items: ItemStats[];
}

const avg = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

export const TRUE_FALSE_TEXT: Record<"true" | "false", Localized> = {
  true: { ru: "Верно", en: "True" },
  false: { ru: "Неверно", en: "False" },
};

/** How many attempts each extreme group holds: 27 % of them, never overlapping. */
export function groupSize(attemptCount: number): number {
  return Math.min(Math.floor(attemptCount / 2), Math.round(GROUP_SHARE * attemptCount));
}

/** The score one attempt got on one served question: the recorded one, or graded again if it was never recorded. */
function itemScore(attempt: AnalysedAttempt, q: AnalysedQuestion): number {
  const saved = attempt.answers.get(q.served.id);
  if (!saved) return 0;
  return saved.score ?? gradeAnswer(q.key, saved.answer).score;
}

/** Scores are rounded to 4 decimals when graded, so full marks is 1 give or take that rounding. */
const isFullMarks = (score: number) => score >= 1 - 1e-4;

/** Whether a question's figures rest on enough attempts to mean much (see RELIABLE_FROM_ATTEMPTS). */
export const isReliable = (served: number) => served >= RELIABLE_FROM_ATTEMPTS;

const sameText = (a: Localized, b: Localized) => a.ru === b.ru && a.en === b.en;
const textKey = (t: Localized) => `text:${t.ru}\u0000${t.en}`;

interface Accumulator {
  first: AnalysedQuestion;
  served: number;
  answered: number;
  correct: number;
  scores: number[];
  upper: number[];
  lower: number[];
  options: Map<string, OptionPicks> | null;
}

/**
 * Option ids are drawn afresh for every attempt, so picks are counted per option of the course's source
 * question, matched by text; an option whose text changed in the course since is kept under its own text.
 */
function optionGroups(q: AnalysedQuestion, source: Question | undefined): Map<string, OptionPicks> | null {
  if (q.served.type === "truefalse") {
    return new Map(
      (["true", "false"] as const).map((v) => [v, { id: v, text: TRUE_FALSE_TEXT[v], correct: false, picked: 0, share: null }]),
    );
  }
  if (q.served.type !== "single" && q.served.type !== "multiple") return null;
  const groups = new Map<string, OptionPicks>();
  if (source && (source.type === "single" || source.type === "multiple")) {
    for (const o of source.options) groups.set(o.id, { id: o.id, text: o.text, correct: false, picked: 0, share: null });
  }
  return groups;
}

function countPicks(acc: Accumulator, q: AnalysedQuestion, answer: Answer | undefined, source: Question | undefined) {
  const groups = acc.options;
  if (!groups) return;
  if (q.key.type === "truefalse") {
    (groups.get(String(q.key.correct)) as OptionPicks).correct = true;
    if (typeof answer === "boolean") (groups.get(String(answer)) as OptionPicks).picked++;
    return;
  }
  if (q.key.type !== "single" && q.key.type !== "multiple") return;
  const correct = new Set(q.key.type === "single" ? [q.key.correct] : q.key.correct);
  const picked = new Set(typeof answer === "string" ? [answer] : Array.isArray(answer) ? answer : []);
  const sourceOptions = source && (source.type === "single" || source.type === "multiple") ? source.options : [];
  for (const served of q.served.options ?? []) {
    const match = sourceOptions.find((o) => sameText(o.text, served.text));
    const key = match?.id ?? textKey(served.text);
    let group = groups.get(key);
    if (!group) {
      group = { id: key, text: served.text, correct: false, picked: 0, share: null };
      groups.set(key, group);
    }
    if (correct.has(served.id)) group.correct = true;
    if (picked.has(served.id)) group.picked++;
  }
}

/** Flags in the order a teacher should read them: broken first. */
export function itemFlags(stats: Pick<ItemStats, "served" | "answered" | "facility" | "discrimination">): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (stats.discrimination !== null && stats.discrimination < 0 && stats.served >= MIN_ATTEMPTS_FOR_DISCRIMINATION_FLAG)
    flags.push("negative_discrimination");
  if (stats.facility !== null && stats.answered >= MIN_ANSWERS_FOR_FACILITY_FLAGS) {
    if (stats.facility < TOO_HARD_BELOW) flags.push("too_hard");
    if (stats.facility > TOO_EASY_ABOVE) flags.push("too_easy");
  }
  return flags;
}

/**
 * Analyses submitted attempts. Attempts are ranked by their total (ties by id, so the result does not depend
 * on the order rows arrived in); the top and bottom 27 % form the groups for the discrimination index.
 */
export function analyseItems(attempts: readonly AnalysedAttempt[], sourceQuestions: Readonly<Record<string, Question>>): ItemAnalysis {
  const ranked = [...attempts].sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const g = groupSize(ranked.length);
  const upperIds = new Set(ranked.slice(0, g).map((a) => a.id));
  const lowerIds = new Set(ranked.slice(ranked.length - g).map((a) => a.id));

  const byQuestion = new Map<string, Accumulator>();
  for (const attempt of ranked) {
    for (const q of attempt.snapshot) {
      const source = sourceQuestions[q.served.id];
      let acc = byQuestion.get(q.served.id);
      if (!acc) {
        acc = { first: q, served: 0, answered: 0, correct: 0, scores: [], upper: [], lower: [], options: optionGroups(q, source) };
        byQuestion.set(q.served.id, acc);
      }
      const score = itemScore(attempt, q);
      const saved = attempt.answers.get(q.served.id);
      acc.served++;
      if (saved) acc.answered++;
      if (isFullMarks(score)) acc.correct++;
      acc.scores.push(score);
      if (g > 0 && upperIds.has(attempt.id)) acc.upper.push(score);
      if (g > 0 && lowerIds.has(attempt.id)) acc.lower.push(score);
      countPicks(acc, q, saved?.answer, source);
    }
  }

  const items = [...byQuestion.values()]
    .map((acc): ItemStats => {
      const facility = avg(acc.scores);
      const up = avg(acc.upper);
      const low = avg(acc.lower);
      const discrimination = up === null || low === null ? null : round4(up - low);
      const options = acc.options
        ? [...acc.options.values()].map((o) => ({ ...o, share: acc.answered === 0 ? null : round4(o.picked / acc.answered) }))
        : null;
      const stats = { served: acc.served, answered: acc.answered, facility: facility === null ? null : round4(facility), discrimination };
      const q = acc.first.served;
      return {
        questionId: q.id,
        type: q.type,
        moduleSlug: q.moduleSlug,
        anchor: q.anchor,
        prompt: q.prompt,
        ...stats,
        correct: acc.correct,
        reliable: isReliable(acc.served),
        options,
        flags: itemFlags(stats),
      };
    })
    .sort((a, b) => a.questionId.localeCompare(b.questionId, "en", { numeric: true }));

  return { attemptCount: ranked.length, reliable: isReliable(ranked.length), reliableFrom: RELIABLE_FROM_ATTEMPTS, groupSize: g, items };
}
