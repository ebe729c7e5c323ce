// The rules an assignment applies to one student, and whether that student may start an attempt on it now.
import type { AttemptRules, GradingMethod, Mode, ReviewPolicy } from "../../db/json.ts";

/** What the server enforces for one student: when they may start, how long, how often, how graded, when keys show. */
export interface EffectiveRules {
  mode: Mode;
  opensAt: number | null;
  dueAt: number | null;
  /** Practice is never timed. */
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  gradingMethod: GradingMethod;
  reviewPolicy: ReviewPolicy;
}

type AssignmentRules = Omit<EffectiveRules, "timeLimitMinutes"> & { timeLimitMinutes: number | null };

/**
 * The one place a student's rules are read from an assignment: the start page shows them and an attempt starts under
 * them, so a per-student adjustment applied here reaches both alike.
 */
export function effectiveRules(a: AssignmentRules): EffectiveRules {
  return {
    mode: a.mode,
    opensAt: a.opensAt,
    dueAt: a.dueAt,
    timeLimitMinutes: a.mode === "assessment" ? a.timeLimitMinutes : null,
    maxAttempts: a.maxAttempts,
    gradingMethod: a.gradingMethod,
    reviewPolicy: a.reviewPolicy,
  };
}

/** The rules copied into an attempt that starts under `rules`. */
export const attemptRulesOf = (rules: EffectiveRules): AttemptRules => ({
  mode: rules.mode,
  reviewPolicy: rules.reviewPolicy,
  dueAt: rules.dueAt,
  timeLimitMinutes: rules.timeLimitMinutes,
  maxAttempts: rules.maxAttempts,
  gradingMethod: rules.gradingMethod,
});

export const startBlocks = ["not_open_yet", "past_due", "attempt_limit"] as const;
export type StartBlock = (typeof startBlocks)[number];

/** Why a new attempt may not start at `now` after `used` attempts (open or submitted), or null when it may. */
export function startBlock(rules: Pick<EffectiveRules, "opensAt" | "dueAt" | "maxAttempts">, used: number, now: number): StartBlock | null {
  if (rules.opensAt !== null && now < rules.opensAt) return "not_open_yet";
  if (rules.dueAt !== null && now >= rules.dueAt) return "past_due";
  if (rules.maxAttempts !== null && used >= rules.maxAttempts) return "attempt_limit";
  return null;
}
