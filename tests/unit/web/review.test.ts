// The review's plain parts (web/src/review.ts): each question's verdict, and mistakes first.
import { describe, expect, it } from "vitest";
import type { ServedQuestion } from "../../../web/src/quiz/model.ts";
import { isGiven, mistakesFirst, positionMarks, verdictOf } from "../../../web/src/review.ts";

const item = (answer: unknown, correct: boolean | null, score: number | null, typo = false) => ({ answer, correct, score, typo });

describe("verdictOf", () => {
  it("tells no answer apart from a wrong one", () => {
    expect(verdictOf(item(null, false, 0), true)).toBe("unanswered");
    expect(verdictOf(item("  ", false, 0), true)).toBe("unanswered");
    expect(verdictOf(item([], false, 0), true)).toBe("unanswered");
    expect(verdictOf(item({}, false, 0), true)).toBe("unanswered");
    expect(verdictOf(item("b2", false, 0), true)).toBe("wrong");
    expect(verdictOf(item(false, false, 0), true)).toBe("wrong");
  });

  it("right, right with a typo, partly right", () => {
    expect(verdictOf(item("a", true, 1), true)).toBe("right");
    expect(verdictOf(item("a", true, 1, true), true)).toBe("typo");
    expect(verdictOf(item(["x", "y"], false, 0.5), true)).toBe("partly");
  });

  it("says only 'answered' while the key is hidden", () => {
    expect(verdictOf(item("a", null, null), false)).toBe("answered");
    expect(verdictOf(item(null, null, null), false)).toBe("unanswered");
  });
});

describe("mistakesFirst", () => {
  it("puts every mistake (wrong, partly, no answer) before the right ones, each group in order, numbers kept", () => {
    const items = [item("a", true, 1), item("b", false, 0), item("c", true, 1), item(null, false, 0), item(["x"], false, 0.5)];
    expect(mistakesFirst(items, true).map((e) => e.n)).toEqual([2, 4, 5, 1, 3]);
  });
  it("keeps the attempt's order when the key is hidden", () => {
    const items = [item("a", null, null), item(null, null, null)];
    expect(mistakesFirst(items, false).map((e) => e.n)).toEqual([1, 2]);
  });
});

describe("isGiven", () => {
  it.each([
    [0, true],
    [false, true],
    ["0", true],
    ["", false],
    [undefined, false],
  ])("%j → %s", (answer, given) => {
    expect(isGiven(answer)).toBe(given);
  });
});

const L = (en: string) => ({ en, ru: `${en}-ru` });
const base = { moduleSlug: "risks", anchor: "p-1", prompt: L("Prompt") };
const ordering: ServedQuestion = {
  ...base,
  id: "o",
  type: "ordering",
  items: [
    { id: "x1", text: L("1999") },
    { id: "y2", text: L("2009") },
    { id: "z3", text: L("2019") },
  ],
};
const matching: ServedQuestion = {
  ...base,
  id: "p",
  type: "matching",
  left: [
    { id: "l1", text: L("Huawei") },
    { id: "l2", text: L("Alibaba") },
  ],
  right: [
    { id: "r1", text: L("e-commerce") },
    { id: "r2", text: L("telecom") },
  ],
};
const single: ServedQuestion = { ...base, id: "s", type: "single", options: [{ id: "a1", text: L("Alpha") }] };

describe("positionMarks", () => {
  it("marks each place of an ordering against the key, as grading counts it", () => {
    expect(positionMarks(ordering, ["x1", "z3", "y2"], ["x1", "y2", "z3"])).toEqual([true, false, false]);
    expect(positionMarks(ordering, ["x1", "y2", "z3"], ["x1", "y2", "z3"])).toEqual([true, true, true]);
  });
  it("marks each row of a matching, an unmatched row wrong", () => {
    expect(positionMarks(matching, { l1: "r2", l2: "r2" }, { l1: "r2", l2: "r1" })).toEqual([true, false]);
    expect(positionMarks(matching, { l2: "r1" }, { l1: "r2", l2: "r1" })).toEqual([false, true]);
  });
  it("marks nothing without an answer, without a key, or for another type", () => {
    expect(positionMarks(ordering, [], ["x1", "y2", "z3"])).toBeNull();
    expect(positionMarks(ordering, ["x1", "y2", "z3"], null)).toBeNull();
    expect(positionMarks(matching, {}, { l1: "r2" })).toBeNull();
    expect(positionMarks(single, "a1", "a1")).toBeNull();
  });
});
