// When practice on a module pauses for an assessment on it, and when it reopens.
import { describe, expect, it } from "vitest";
import { practicePause } from "../../worker/domain/attempts.ts";

const NOW = 1_000_000;
const a = (dueAt: number | null, maxAttempts: number | null = null, used = 0) => ({ dueAt, maxAttempts, used });

describe("practicePause", () => {
  it("is null without an assessment, or when every one is past its due date", () => {
    expect(practicePause([], NOW)).toBeNull();
    expect(practicePause([a(NOW - 1), a(NOW)], NOW)).toBeNull();
  });

  it("pauses until the latest due date of the assessments not yet due, whether or not attempts are left", () => {
    expect(practicePause([a(NOW + 10)], NOW)).toEqual({ reopensAt: NOW + 10 });
    expect(practicePause([a(NOW + 10, 1, 1), a(NOW + 50), a(NOW - 5)], NOW)).toEqual({ reopensAt: NOW + 50 });
  });

  it("an assessment without a due date pauses while it has attempts left, with no date to give", () => {
    expect(practicePause([a(null)], NOW)).toEqual({ reopensAt: null });
    expect(practicePause([a(null, 2, 1)], NOW)).toEqual({ reopensAt: null });
    expect(practicePause([a(null, 2, 2)], NOW)).toBeNull();
    expect(practicePause([a(null, 1, 1), a(NOW + 10)], NOW)).toEqual({ reopensAt: NOW + 10 });
    expect(practicePause([a(null), a(NOW + 10)], NOW)).toEqual({ reopensAt: null });
  });
});
