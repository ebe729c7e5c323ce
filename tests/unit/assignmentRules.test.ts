// The rules an assignment applies to a student, why an attempt may not start, and why an attempt closed.
import { describe, expect, it } from "vitest";
import { attemptRulesOf, effectiveRules, startBlock } from "../../worker/domain/assignmentRules.ts";
import { closeReason } from "../../worker/domain/attempts.ts";

const assignment = {
  mode: "assessment" as const,
  opensAt: 1_000,
  dueAt: 10_000,
  timeLimitMinutes: 20,
  maxAttempts: 2,
  gradingMethod: "average" as const,
  reviewPolicy: "after_due" as const,
};

describe("effectiveRules", () => {
  it("are the assignment's rules; practice is never timed", () => {
    expect(effectiveRules(assignment)).toEqual(assignment);
    expect(effectiveRules({ ...assignment, mode: "practice" }).timeLimitMinutes).toBeNull();
  });

  it("become the attempt's stored rules without the opening time", () => {
    expect(attemptRulesOf(effectiveRules(assignment))).toEqual({
      mode: "assessment",
      reviewPolicy: "after_due",
      dueAt: 10_000,
      timeLimitMinutes: 20,
      maxAttempts: 2,
      gradingMethod: "average",
    });
  });
});

describe("startBlock", () => {
  it("names the first reason in the order the window and the count are checked", () => {
    expect(startBlock(assignment, 0, 999)).toBe("not_open_yet");
    expect(startBlock(assignment, 0, 1_000)).toBeNull();
    expect(startBlock(assignment, 1, 9_999)).toBeNull();
    expect(startBlock(assignment, 2, 5_000)).toBe("attempt_limit");
    expect(startBlock(assignment, 2, 10_000)).toBe("past_due");
    expect(startBlock({ opensAt: null, dueAt: null, maxAttempts: null }, 500, 0)).toBeNull();
  });
});

describe("closeReason", () => {
  it("is time_up from the deadline on, whoever closes; before it, who closed", () => {
    expect(closeReason(5_000, 4_999, "submitted")).toBe("submitted");
    expect(closeReason(5_000, 5_000, "submitted")).toBe("time_up");
    expect(closeReason(5_000, 5_030, "submitted")).toBe("time_up");
    expect(closeReason(5_000, 4_000, "removed")).toBe("removed");
    expect(closeReason(5_000, 6_000, "removed")).toBe("time_up");
    expect(closeReason(null, 9e12, "submitted")).toBe("submitted");
  });
});
