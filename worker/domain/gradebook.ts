// The gradebook as plain data: each student's cell per assignment, averages, the score distribution, and who has not started what is due soon.
import { type AssignmentStatus, type AttemptOutcome, assignmentStatus, finalGrade, type GradingMethod } from "./grades.ts";
import { round4 } from "./grading.ts";
import { effectiveRules, type Override } from "./overrides.ts";

/** "Due soon" for the not-started list: within three days, long enough to send a reminder that can still help. */
export const DUE_SOON_MS = 72 * 60 * 60 * 1000;
/** Grades are shown in tenths of the scale: 0–10 %, 10–20 %, …, 90–100 % (100 % falls in the last one). */
export const DISTRIBUTION_BUCKETS = 10;

export interface GradebookStudent {
  id: string;
  name: string;
  email: string;
}

export interface GradebookAssignment {
  id: string;
  mode: "practice" | "assessment";
  opensAt: number | null;
  dueAt: number | null;
  gradingMethod: GradingMethod;
}

/** One attempt as the gradebook needs it: no snapshot, no answers. */
export interface AttemptFact {
  assignmentId: string;
  userId: string;
  status: "open" | "submitted";
  score: number | null;
  maxScore: number | null;
  startedAt: number;
  submittedAt: number | null;
}

export interface Cell {
  /** 0..1 under the grading method; null before a submission. */
  gradeShare: number | null;
  attempts: number;
  status: AssignmentStatus;
  /** The student's accommodation on this assignment; their status is read under it. */
  override: Override | null;
}

export interface StudentRow extends GradebookStudent {
  cells: Record<string, Cell>;
  /** 0..1 */
  averageShare: number | null;
}

export interface AssignmentColumn {
  id: string;
  /** 0..1 */
  averageShare: number | null;
  distribution: number[];
  submittedCount: number;
}

export interface DueSoon {
  assignmentId: string;
  dueAt: number;
  students: { id: string; name: string }[];
}

export interface Gradebook {
  students: StudentRow[];
  assignments: AssignmentColumn[];
  notStartedDueSoon: DueSoon[];
}

/** An attempt's share of its maximum; a submitted attempt with nothing to score counts as 0, an open one has none yet. */
export function attemptShare(a: Pick<AttemptFact, "status" | "score" | "maxScore">): number | null {
  if (a.score !== null && a.maxScore) return a.score / a.maxScore;
  return a.status === "submitted" ? 0 : null;
}

/** The mean, rounded like grades (4 decimals), or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return round4(values.reduce((s, x) => s + x, 0) / values.length);
}

/** Counts of grades (0..1) per tenth; the epsilon keeps 0.3 (stored as 0.29999…) in the 30 % bucket. */
export function distribution(grades: readonly number[], buckets = DISTRIBUTION_BUCKETS): number[] {
  const counts = new Array<number>(buckets).fill(0);
  for (const g of grades) {
    const i = Math.min(buckets - 1, Math.max(0, Math.floor(g * buckets + 1e-9)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/**
 * A student's standing: the mean over assessment assignments that count already, i.e. those with a grade, and
 * those missed (counted as 0, the way a teacher would). Practice is ungraded by design and assignments still
 * open without a submission are not held against anyone yet.
 */
export function studentAverage(assignments: readonly GradebookAssignment[], cells: Readonly<Record<string, Cell>>): number | null {
  const counted: number[] = [];
  for (const a of assignments) {
    const cell = cells[a.id];
    if (a.mode !== "assessment" || !cell) continue;
    if (cell.gradeShare !== null) counted.push(cell.gradeShare);
    else if (cell.status === "missed") counted.push(0);
  }
  return mean(counted);
}

/** The key of one student's cell in an assignment's column (of `overrides` too). */
export const cellKey = (userId: string, assignmentId: string) => `${userId}\u0000${assignmentId}`;

/**
 * Students × assignments from one list of attempts; `now` decides missed and due soon, each student's window read
 * with their override (by cellKey).
 */
export function buildGradebook(
  students: readonly GradebookStudent[],
  assignments: readonly GradebookAssignment[],
  attempts: readonly AttemptFact[],
  now: number,
  overrides: ReadonlyMap<string, Override> = new Map(),
): Gradebook {
  const byCell = new Map<string, AttemptOutcome[]>();
  for (const a of attempts) {
    const key = cellKey(a.userId, a.assignmentId);
    const list = byCell.get(key) ?? [];
    list.push({ status: a.status, share: attemptShare(a), startedAt: a.startedAt, submittedAt: a.submittedAt });
    byCell.set(key, list);
  }

  const rows: StudentRow[] = students.map((s) => {
    const cells: Record<string, Cell> = {};
    for (const a of assignments) {
      const own = byCell.get(cellKey(s.id, a.id)) ?? [];
      const override = overrides.get(cellKey(s.id, a.id)) ?? null;
      cells[a.id] = {
        gradeShare: finalGrade(a.gradingMethod, own),
        attempts: own.length,
        status: assignmentStatus(effectiveRules({ opensAt: a.opensAt, dueAt: a.dueAt }, override), own, now),
        override,
      };
    }
    return { id: s.id, name: s.name, email: s.email, cells, averageShare: studentAverage(assignments, cells) };
  });

  const columns: AssignmentColumn[] = assignments.map((a) => {
    const cells = rows.map((r) => r.cells[a.id] as Cell);
    const grades = cells.flatMap((c) => (c.gradeShare === null ? [] : [c.gradeShare]));
    return {
      id: a.id,
      averageShare: mean(grades),
      distribution: distribution(grades),
      submittedCount: cells.filter((c) => c.status === "submitted" || c.status === "late").length,
    };
  });

  const notStartedDueSoon: DueSoon[] = assignments
    .filter((a): a is GradebookAssignment & { dueAt: number } => a.dueAt !== null && a.dueAt > now && a.dueAt - now <= DUE_SOON_MS)
    .sort((x, y) => x.dueAt - y.dueAt)
    .map((a) => ({
      assignmentId: a.id,
      dueAt: a.dueAt,
      students: rows.filter((r) => r.cells[a.id]?.status === "not_started").map((r) => ({ id: r.id, name: r.name })),
    }))
    .filter((d) => d.students.length > 0);

  return { students: rows, assignments: columns, notStartedDueSoon };
}
