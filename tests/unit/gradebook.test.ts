// The gradebook's plain functions: cells under each grading method, statuses, averages, distribution, due soon.
import { describe, expect, it } from "vitest";
import {
  type AttemptFact,
  attemptShare,
  buildGradebook,
  cellKey,
  DUE_SOON_MS,
  distribution,
  type GradebookAssignment,
  mean,
} from "../../worker/domain/gradebook.ts";

const H = 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);

const assignments: GradebookAssignment[] = [
  { id: "best", mode: "assessment", opensAt: null, dueAt: NOW + 48 * H, gradingMethod: "best" },
  { id: "last", mode: "assessment", opensAt: null, dueAt: NOW - 24 * H, gradingMethod: "last" },
  { id: "avg", mode: "assessment", opensAt: null, dueAt: null, gradingMethod: "average" },
  { id: "prac", mode: "practice", opensAt: NOW + 24 * H, dueAt: NOW + 200 * H, gradingMethod: "best" },
];
const students = [
  { id: "s1", name: "Айгерим", email: "a@x.test" },
  { id: "s2", name: "Борис", email: "b@x.test" },
  { id: "s3", name: "Carol", email: "c@x.test" },
];

let n = 0;
const done = (userId: string, assignmentId: string, score: number, submittedAt: number, maxScore = 10): AttemptFact => ({
  userId,
  assignmentId,
  status: "submitted",
  score,
  maxScore,
  startedAt: submittedAt - H + ++n,
  submittedAt,
});
const open = (userId: string, assignmentId: string): AttemptFact => ({
  userId,
  assignmentId,
  status: "open",
  score: null,
  maxScore: null,
  startedAt: NOW - H,
  submittedAt: null,
});

const attempts: AttemptFact[] = [
  // s1: best of 5 and 9; last of 8 then 4 (both before due); average of 6 and 10.
  done("s1", "best", 9, NOW - 5 * H),
  done("s1", "best", 5, NOW - 4 * H),
  done("s1", "last", 8, NOW - 50 * H),
  done("s1", "last", 4, NOW - 30 * H),
  done("s1", "avg", 6, NOW - 3 * H),
  done("s1", "avg", 10, NOW - 2 * H),
  // s2: working on "best"; "last" only after its due date.
  open("s2", "best"),
  done("s2", "last", 7, NOW - 2 * H),
];

describe("buildGradebook", () => {
  const book = buildGradebook(students, assignments, attempts, NOW);
  const row = (id: string) => book.students.find((s) => s.id === id);
  const col = (id: string) => book.assignments.find((a) => a.id === id);

  it("grades each cell under its assignment's method and counts attempts", () => {
    expect(row("s1")?.cells).toEqual({
      best: { gradeShare: 0.9, attempts: 2, status: "submitted", override: null },
      last: { gradeShare: 0.4, attempts: 2, status: "submitted", override: null },
      avg: { gradeShare: 0.8, attempts: 2, status: "submitted", override: null },
      prac: { gradeShare: null, attempts: 0, status: "upcoming", override: null },
    });
  });

  it("reads each student's window with their override: an extended due date is not missed, a later opening is upcoming", () => {
    const none = { extraMinutes: null, timeFactor: null, extraAttempts: null, opensAt: null, dueAt: null };
    const missed = Object.entries(row("s3")?.cells ?? {}).find(([, c]) => c.status === "missed");
    expect(missed).toBeDefined();
    const [id] = missed as [string, unknown];
    const extended = { ...none, dueAt: NOW + 24 * 3_600_000 };
    const withOverride = buildGradebook(students, assignments, attempts, NOW, new Map([[cellKey("s3", id), extended]]));
    const cell = withOverride.students.find((s) => s.id === "s3")?.cells[id];
    expect(cell).toMatchObject({ status: "not_started", override: extended });
    const later = buildGradebook(
      students,
      assignments,
      attempts,
      NOW,
      new Map([[cellKey("s3", id), { ...none, opensAt: NOW + 1, dueAt: NOW + 2 }]]),
    );
    expect(later.students.find((s) => s.id === "s3")?.cells[id]?.status).toBe("upcoming");
  });

  it("gives in progress, late, missed and not started", () => {
    expect(row("s2")?.cells).toMatchObject({
      best: { gradeShare: null, attempts: 1, status: "in_progress" },
      last: { gradeShare: 0.7, attempts: 1, status: "late" },
      avg: { gradeShare: null, attempts: 0, status: "not_started" },
    });
    expect(row("s3")?.cells).toMatchObject({
      best: { status: "not_started" },
      last: { gradeShare: null, status: "missed" },
      avg: { status: "not_started" },
    });
  });

  it("averages a student over graded assessments, a missed one counting 0", () => {
    expect(row("s1")?.averageShare).toBe(0.7); // (0.9 + 0.4 + 0.8) / 3
    expect(row("s2")?.averageShare).toBe(0.7); // only "last" counts yet
    expect(row("s3")?.averageShare).toBe(0); // missed "last"
  });

  it("averages, distributes and counts per assignment over the students with a grade", () => {
    expect(col("best")).toEqual({ id: "best", averageShare: 0.9, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], submittedCount: 1 });
    expect(col("last")).toEqual({ id: "last", averageShare: 0.55, distribution: [0, 0, 0, 0, 1, 0, 0, 1, 0, 0], submittedCount: 2 });
    expect(col("prac")).toEqual({ id: "prac", averageShare: null, distribution: new Array(10).fill(0), submittedCount: 0 });
  });

  it("lists who has not started what is due within 72 hours (not those working on it)", () => {
    expect(book.notStartedDueSoon).toEqual([{ assignmentId: "best", dueAt: NOW + 48 * H, students: [{ id: "s3", name: "Carol" }] }]);
  });

  it("keeps the roster order and handles an empty class", () => {
    expect(book.students.map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
    expect(buildGradebook([], assignments, [], NOW)).toMatchObject({ students: [], notStartedDueSoon: [] });
  });

  it("due soon means after now and at most 72 hours ahead", () => {
    const at = (dueAt: number) =>
      buildGradebook(students.slice(0, 1), [{ ...(assignments[0] as GradebookAssignment), dueAt }], [], NOW).notStartedDueSoon.length;
    expect(at(NOW + DUE_SOON_MS)).toBe(1);
    expect(at(NOW + DUE_SOON_MS + 1)).toBe(0);
    expect(at(NOW - 1)).toBe(0);
    expect(at(NOW + 1)).toBe(1);
  });
});

describe("distribution", () => {
  it("puts each grade in its tenth, 100 % in the last, and survives float noise", () => {
    expect(distribution([0, 0.05, 0.1, 0.3, 0.29999999999999993, 0.7, 0.99, 1])).toEqual([2, 1, 0, 2, 0, 0, 0, 1, 0, 2]);
  });
  it("is all zeros for nobody", () => {
    expect(distribution([])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("attemptShare and mean", () => {
  it("share of the maximum; a submitted attempt with no maximum is 0; open is null", () => {
    expect(attemptShare({ status: "submitted", score: 3, maxScore: 4 })).toBe(0.75);
    expect(attemptShare({ status: "submitted", score: 0, maxScore: 0 })).toBe(0);
    expect(attemptShare({ status: "open", score: null, maxScore: null })).toBeNull();
  });
  it("rounds to 4 decimals and is null for nothing", () => {
    expect(mean([1, 0, 0])).toBe(0.3333);
    expect(mean([])).toBeNull();
  });
});
