// How attempts become a grade and a status for one student on one assignment.
import type { GradingMethod } from "../../db/json.ts";
import { round4 } from "./grading.ts";

export type { GradingMethod } from "../../db/json.ts";
export type AssignmentStatus = "upcoming" | "not_started" | "in_progress" | "submitted" | "late" | "missed";

/** A share (0..1) as a percentage to one decimal (0..100): the only way a `share` becomes a `percent`. */
export const percentOf = (share: number) => Math.round(share * 1000) / 10;

export interface AttemptOutcome {
  status: "open" | "submitted";
  /** Share of the maximum score, 0..1; null while open. */
  share: number | null;
  startedAt: number;
  submittedAt: number | null;
}

/**
 * The grade under the assignment's method, as a share 0..1, over submitted attempts only:
 * best = the highest, last = the most recently submitted, average = the mean. Null with none submitted.
 */
export function finalGrade(method: GradingMethod, attempts: AttemptOutcome[]): number | null {
  const done = attempts
    .filter((a) => a.status === "submitted" && a.share !== null)
    .sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0));
  if (done.length === 0) return null;
  const scores = done.map((a) => a.share as number);
  const value =
    method === "best"
      ? Math.max(...scores)
      : method === "last"
        ? (scores.at(-1) as number)
        : scores.reduce((s, x) => s + x, 0) / scores.length;
  return round4(value);
}

/**
 * Submitted on time beats late beats anything open; an open attempt shows as in progress; past the due
 * date with nothing submitted is missed; before opening, upcoming.
 */
export function assignmentStatus(
  window: { opensAt: number | null; dueAt: number | null },
  attempts: AttemptOutcome[],
  now: number,
): AssignmentStatus {
  const submitted = attempts.filter((a) => a.status === "submitted");
  if (submitted.length > 0) {
    const onTime = window.dueAt === null || submitted.some((a) => (a.submittedAt ?? 0) <= (window.dueAt as number));
    return onTime ? "submitted" : "late";
  }
  if (attempts.some((a) => a.status === "open")) return "in_progress";
  if (window.opensAt !== null && now < window.opensAt) return "upcoming";
  if (window.dueAt !== null && now > window.dueAt) return "missed";
  return "not_started";
}
