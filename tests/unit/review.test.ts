// The review's plain parts (web/src/review.ts): each question's verdict, and mistakes first.
import { describe, expect, it } from "vitest";
import { isGiven, mistakesFirst, verdictOf } from "../../web/src/review.ts";

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
