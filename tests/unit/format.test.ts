// One format per value (web/src/format.ts): percentages whole, with the sign as each language writes it; points.
import { describe, expect, it } from "vitest";
import { formatPercent, formatPoints, formatShare } from "../../web/src/format.ts";

describe("formatPercent", () => {
  it.each([
    [67.4, "ru", "67\u00a0%"],
    [67.4, "en", "67%"],
    [67.5, "en", "68%"],
    [100, "ru", "100\u00a0%"],
    [0, "en", "0%"],
  ])("%s in %s is %j", (value, locale, text) => {
    expect(formatPercent(value, locale)).toBe(text);
  });

  it("a share reads as the same percentage", () => {
    expect(formatShare(0.674, "ru")).toBe(formatPercent(67.4, "ru"));
    expect(formatShare(1, "en")).toBe("100%");
  });
});

describe("formatPoints", () => {
  it("keeps at most two decimals with the language's mark", () => {
    expect(formatPoints(7.5, "ru")).toBe("7,5");
    expect(formatPoints(20 / 3, "en")).toBe("6.67");
    expect(formatPoints(8, "ru")).toBe("8");
  });
});
