// The JSON stored in D1 columns (attempt snapshots, rules, answers, item digests): the data layer's own types, which
// the Worker's domain code and its wire schemas (worker/contract/) are checked against.

/** Text in the course languages: ru and en always, kk where it is written (snapshots from before kk lack it). */
export interface Localized {
  ru: string;
  en: string;
  kk?: string;
}

/** A unit in one language: said the same after any number, or its forms by Intl.PluralRules category (lessons/schema.ts). */
export type UnitText = string | { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };

/** Every question type a course may hold and an attempt may store; the content schema (lessons/schema.ts) takes it from here. */
export const questionTypes = ["single", "multiple", "truefalse", "numeric", "text", "ordering", "matching"] as const;
export type QuestionType = (typeof questionTypes)[number];

export interface Choice {
  id: string;
  text: Localized;
}

/** What the student receives: no key, and ids that say nothing about it. */
export interface ServedQuestion {
  id: string;
  type: QuestionType;
  moduleSlug: string;
  anchor: string;
  prompt: Localized;
  /** single, multiple: shuffled. */
  options?: Choice[];
  /** ordering: shuffled, and never already in the correct order. */
  items?: Choice[];
  /** matching: the left column in the author's order. */
  left?: Choice[];
  /** matching: the right column, shuffled. */
  right?: Choice[];
  /** numeric. */
  unit?: { ru: UnitText; en: UnitText; kk?: UnitText };
}

/** The key of one served question, in its served ids. */
export type AnswerKey =
  | { type: "single"; correct: string }
  /** `optionCount`: how many options were served; the penalty for a wrong tick depends on it (see grading.ts). */
  | { type: "multiple"; correct: string[]; optionCount: number }
  | { type: "truefalse"; correct: boolean }
  | { type: "numeric"; value: number; tolerance: number }
  /**
   * Every accepted variant of both languages (a learner may answer in either). `typos`: a one-letter slip is
   * accepted; absent in snapshots taken before slips were, so those attempts keep the grades they had.
   */
  | { type: "text"; accepted: string[]; typos?: boolean }
  | { type: "ordering"; order: string[] }
  /** Left id → right id. */
  | { type: "matching"; pairs: Record<string, string> };

/** What an attempt stores per question, so later edits to the lessons never change it. */
export interface SnapshotQuestion {
  served: ServedQuestion;
  key: AnswerKey;
  explanation: Localized;
  /** An assessment-only question: its key never reaches the deck, only the review its assessment's policy allows. */
  secret?: true;
}

/**
 * A student's answer to one served question, as the client sends it and an attempt stores it:
 * single → option id; multiple → option ids; truefalse → boolean; numeric → what was typed (or a number);
 * text → what was typed; ordering → item ids in the learner's order; matching → left id → right id.
 */
export type Answer = string | number | boolean | string[] | Record<string, string>;

export const modes = ["practice", "assessment"] as const;
export type Mode = (typeof modes)[number];
export const gradingMethods = ["best", "last", "average"] as const;
export type GradingMethod = (typeof gradingMethods)[number];
export const reviewPolicies = ["after_submit", "after_due", "never"] as const;
export type ReviewPolicy = (typeof reviewPolicies)[number];
export const attemptStatuses = ["open", "submitted"] as const;
export type AttemptStatus = (typeof attemptStatuses)[number];
/** How an attempt was closed: the learner submitted it, its time ran out (deadline), or its owner left the class. */
export const closeReasons = ["submitted", "time_up", "removed"] as const;
export type CloseReason = (typeof closeReasons)[number];
export const roles = ["student", "instructor"] as const;
/** accept a typed answer, full marks for everyone, drop from the score (all assignment-wide); one attempt's score by hand. */
export const regradeKinds = ["accept", "full_marks", "drop", "score"] as const;
export type RegradeKind = (typeof regradeKinds)[number];
export type Role = (typeof roles)[number];

/** The assignment's rules copied into an attempt when it starts; later edits to the assignment do not touch it. */
export interface AttemptRules {
  mode: Mode;
  reviewPolicy: ReviewPolicy;
  dueAt: number | null;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  gradingMethod: GradingMethod;
}

export interface DigestQuestion {
  /** The served question's id, which is its course question's id. */
  id: string;
  /** single, multiple: each served option in served order, as [served id, id of the course option whose text it showed]. */
  options?: [string, string][];
  /** The key where it names ids drawn for this attempt (single, multiple, ordering, matching); the others' is fixedKey. */
  key?: AnswerKey;
}

/** What item analysis needs of a snapshot without its texts (worker/domain/itemDigest.ts explains the format). */
export interface ItemDigest {
  /**
   * contentHash of each question's course question when it was served, in served order: while every one is still the
   * course's, the course has everything of the attempt that the digest leaves out. A list of its own, so SQL can check it.
   */
  hashes: string[];
  /** One per snapshot question, in served order. */
  questions: DigestQuestion[];
}
