// Per-student overrides: the effective rules every reader takes, the accommodation's wording, and an open attempt's new deadline.
import { describe, expect, it } from "vitest";
import type { AttemptRules } from "../../db/json.ts";
import { attemptDeadline } from "../../worker/domain/attempts.ts";
import {
  accommodatedLimit,
  describeAccommodation,
  effectiveRules,
  isEmptyOverride,
  type Override,
  rescheduleOpen,
} from "../../worker/domain/overrides.ts";

const none: Override = { extraMinutes: null, timeFactor: null, extraAttempts: null, opensAt: null, dueAt: null };
const rules = { opensAt: 1_000, dueAt: 9_000_000, maxAttempts: 2, timeLimitMinutes: 20 };

describe("effectiveRules", () => {
  it("is the assignment's rules without an override, or with an empty one", () => {
    expect(effectiveRules(rules, null)).toBe(rules);
    expect(effectiveRules(rules, undefined)).toBe(rules);
    expect(effectiveRules(rules, none)).toEqual(rules);
  });

  it("adds attempts and minutes, multiplies the limit, and replaces the dates", () => {
    expect(effectiveRules(rules, { ...none, extraAttempts: 1 })).toEqual({ ...rules, maxAttempts: 3 });
    expect(effectiveRules(rules, { ...none, extraMinutes: 15 })).toEqual({ ...rules, timeLimitMinutes: 35 });
    expect(effectiveRules(rules, { ...none, timeFactor: 1.5 })).toEqual({ ...rules, timeLimitMinutes: 30 });
    expect(effectiveRules(rules, { ...none, timeFactor: 1.5, extraMinutes: 5 })).toEqual({ ...rules, timeLimitMinutes: 35 });
    expect(effectiveRules(rules, { ...none, dueAt: 12_000_000, opensAt: 500 })).toEqual({ ...rules, dueAt: 12_000_000, opensAt: 500 });
  });

  it("leaves an unlimited rule unlimited: no time limit stays none, no attempt limit stays none", () => {
    const open = { ...rules, maxAttempts: null, timeLimitMinutes: null };
    expect(effectiveRules(open, { ...none, extraAttempts: 3, extraMinutes: 30, timeFactor: 2 })).toEqual(open);
  });

  it("touches only the fields the reader passed", () => {
    const review = { reviewPolicy: "after_due" as const, dueAt: 5 };
    expect(effectiveRules(review, { ...none, dueAt: 50, extraAttempts: 2, extraMinutes: 9 })).toEqual({
      reviewPolicy: "after_due",
      dueAt: 50,
    });
    expect(effectiveRules({ dueAt: null, maxAttempts: 1 }, { ...none, dueAt: 7, extraAttempts: 1 })).toEqual({ dueAt: 7, maxAttempts: 2 });
  });

  it("rounds a multiplied limit up to a whole minute", () => {
    expect(accommodatedLimit(25, { timeFactor: 1.25, extraMinutes: null })).toBe(32);
    expect(accommodatedLimit(null, { timeFactor: 3, extraMinutes: 10 })).toBeNull();
  });

  it("an empty override is one that changes nothing", () => {
    expect(isEmptyOverride(none)).toBe(true);
    expect(isEmptyOverride({ ...none, extraAttempts: 1 })).toBe(false);
  });
});

describe("describeAccommodation", () => {
  it("says each change in one short line in both languages, dates in the assignment's zone", () => {
    const due = Date.UTC(2026, 11, 11, 13, 0); // 18:00 in Almaty (UTC+5)
    const d = describeAccommodation({ ...none, extraMinutes: 15, extraAttempts: 1, dueAt: due }, "Asia/Almaty");
    expect(d?.summary).toEqual({ ru: "+15 мин, +1 попытка, срок 2026-12-11 18:00", en: "+15 min, +1 attempt, due 2026-12-11 18:00" });
    expect(d?.dueAt).toBe(due);
  });

  it("gets Russian and English plurals right", () => {
    const line = (n: number) => describeAccommodation({ ...none, extraAttempts: n }, "UTC")?.summary;
    expect(line(2)).toEqual({ ru: "+2 попытки", en: "+2 attempts" });
    expect(line(5)).toEqual({ ru: "+5 попыток", en: "+5 attempts" });
    expect(line(11)).toEqual({ ru: "+11 попыток", en: "+11 attempts" });
    expect(line(21)?.ru).toBe("+21 попытка");
  });

  it("is null without an override", () => {
    expect(describeAccommodation(null, "UTC")).toBeNull();
  });
});

describe("rescheduleOpen: an override applies to an attempt in progress at once", () => {
  const started = 10_000_000;
  const attemptRules: AttemptRules = {
    mode: "assessment",
    reviewPolicy: "after_submit",
    dueAt: null,
    timeLimitMinutes: 20,
    maxAttempts: 1,
    gradingMethod: "best",
  };
  const assignment = { mode: "assessment" as const, opensAt: null, dueAt: null, maxAttempts: 1, timeLimitMinutes: 20 };

  it("moves the deadline by the extra time, from the attempt's own start", () => {
    const moved = rescheduleOpen({ id: "t", startedAt: started, rules: attemptRules }, assignment, { ...none, extraMinutes: 10 });
    expect(moved.deadline).toBe(started + 30 * 60_000);
    expect(moved.rules).toEqual({ ...attemptRules, timeLimitMinutes: 30 });
  });

  it("a later due date lets a due-capped deadline run to the time limit", () => {
    const dueSoon = { ...assignment, dueAt: started + 5 * 60_000 };
    expect(attemptDeadline(started, { dueAt: dueSoon.dueAt, timeLimitMinutes: 20 })).toBe(started + 5 * 60_000);
    const moved = rescheduleOpen({ id: "t", startedAt: started, rules: attemptRules }, dueSoon, { ...none, dueAt: started + 60 * 60_000 });
    expect(moved.deadline).toBe(started + 20 * 60_000);
  });

  it("removing the override (null) puts the assignment's own rules back", () => {
    const moved = rescheduleOpen({ id: "t", startedAt: started, rules: { ...attemptRules, timeLimitMinutes: 90 } }, assignment, null);
    expect(moved.deadline).toBe(started + 20 * 60_000);
  });

  it("practice has no time limit, override or not", () => {
    const practice = { ...assignment, mode: "practice" as const };
    const moved = rescheduleOpen({ id: "t", startedAt: started, rules: attemptRules }, practice, { ...none, extraMinutes: 10 });
    expect(moved.deadline).toBeNull();
  });
});
