// The results tab: grouping by module and assignment, best scores and sparkline points (web/src/myAttempts.ts).
import { describe, expect, it } from "vitest";
import { type AttemptLike, displayKey, groupResults, preferredSpelling, sparklinePoints } from "../../web/src/myAttempts.ts";

let n = 0;
function attempt(module: string, startedAt: string, percent: number | null, assignmentId: string | null = null): AttemptLike {
  const submittedAt = new Date(Date.parse(startedAt) + 10 * 60_000).toISOString();
  return {
    id: `a${++n}`,
    module,
    moduleTitle: { ru: `М ${module}`, en: `M ${module}` },
    assignmentId,
    status: percent === null ? "open" : "submitted",
    startedAt,
    result: percent === null ? null : { percent, submittedAt },
  };
}

describe("groupResults", () => {
  it("is empty for no attempts", () => {
    expect(groupResults([])).toEqual([]);
  });

  it("groups by module, most recently active first", () => {
    const groups = groupResults([
      attempt("a", "2026-01-01T10:00:00Z", 50),
      attempt("b", "2026-01-03T10:00:00Z", 70),
      attempt("a", "2026-01-02T10:00:00Z", 80),
    ]);
    expect(groups.map((g) => g.module)).toEqual(["b", "a"]);
    expect(groups[1]?.moduleTitle.en).toBe("M a");
  });

  it("takes the best submitted percentage of a module, across groups", () => {
    const [m] = groupResults([
      attempt("a", "2026-01-01T10:00:00Z", 50),
      attempt("a", "2026-01-02T10:00:00Z", 92.5, "asg"),
      attempt("a", "2026-01-03T10:00:00Z", 70),
      attempt("a", "2026-01-04T10:00:00Z", null),
    ]);
    expect(m?.best).toBe(92.5);
  });

  it("has no best before a submit", () => {
    expect(groupResults([attempt("a", "2026-01-01T10:00:00Z", null)])[0]?.best).toBeNull();
  });

  it("gives the trend oldest first, submitted attempts only", () => {
    const [m] = groupResults([
      attempt("a", "2026-01-03T10:00:00Z", 90),
      attempt("a", "2026-01-01T10:00:00Z", 40),
      attempt("a", "2026-01-04T10:00:00Z", null),
      attempt("a", "2026-01-02T10:00:00Z", 60, "asg"),
    ]);
    expect(m?.trend.map((p) => p.percent)).toEqual([40, 60, 90]);
  });

  it("splits a module by assignment, own practice first, attempts newest first", () => {
    const [m] = groupResults([
      attempt("a", "2026-01-05T10:00:00Z", 10, "x"),
      attempt("a", "2026-01-01T10:00:00Z", 20),
      attempt("a", "2026-01-03T10:00:00Z", 30),
      attempt("a", "2026-01-04T10:00:00Z", 40, "y"),
    ]);
    expect(m?.groups.map((g) => g.assignmentId)).toEqual([null, "x", "y"]);
    expect(m?.groups[0]?.attempts.map((a) => a.result?.percent)).toEqual([30, 20]);
  });

  it("counts a submit as activity, not only a start", () => {
    const early = attempt("a", "2026-01-01T10:00:00Z", 50);
    early.result = { percent: 50, submittedAt: "2026-01-09T10:00:00Z" };
    const groups = groupResults([early, attempt("b", "2026-01-05T10:00:00Z", 60)]);
    expect(groups.map((g) => g.module)).toEqual(["a", "b"]);
  });
});

describe("sparklinePoints", () => {
  it("puts 100% at the top and 0% at the bottom, inside the padding", () => {
    expect(sparklinePoints([0, 100], 100, 30, 3)).toEqual([
      [3, 27],
      [97, 3],
    ]);
  });

  it("spreads points evenly", () => {
    const xs = sparklinePoints([10, 20, 30, 40, 50], 100, 30, 0).map(([x]) => x);
    expect(xs).toEqual([0, 25, 50, 75, 100]);
  });

  it("centres a single score", () => {
    expect(sparklinePoints([50], 100, 30, 3)).toEqual([[50, 15]]);
  });

  it("clamps values outside 0–100", () => {
    expect(sparklinePoints([-5, 120], 100, 30, 3).map(([, y]) => y)).toEqual([27, 3]);
  });

  it("is empty for no scores", () => {
    expect(sparklinePoints([], 100, 30)).toEqual([]);
  });
});

describe("preferredSpelling / displayKey", () => {
  const accepted = ["Жэнь Чжэнфэй", "Жэнь Чжэнфей", "Ren Zhengfei", "Ren Zheng-fei"];
  it("takes the first spelling in the reader's script", () => {
    expect(preferredSpelling(accepted, "ru")).toBe("Жэнь Чжэнфэй");
    expect(preferredSpelling(accepted, "en")).toBe("Ren Zhengfei");
  });
  it("falls back to the first spelling when none is in that script", () => {
    expect(preferredSpelling(["Astana Hub", "AstanaHub"], "ru")).toBe("Astana Hub");
    expect(preferredSpelling(["Астана"], "en")).toBe("Астана");
    expect(preferredSpelling([], "en")).toBeUndefined();
  });
  it("takes a Kazakh spelling for kk, a Russian one where there is none, and keeps Kazakh spellings from ru", () => {
    const kk = ["Тоқаев", "Токаев", "Tokayev"];
    expect(preferredSpelling(["Токаев", "Tokayev", "Тоқаев"], "kk")).toBe("Тоқаев");
    expect(preferredSpelling(["Токаев", "Tokayev"], "kk")).toBe("Токаев");
    expect(preferredSpelling(["Tokayev"], "kk")).toBe("Tokayev");
    expect(preferredSpelling(kk, "ru")).toBe("Токаев");
    expect(preferredSpelling(kk, "en")).toBe("Tokayev");
  });
  it("changes only a text question's key", () => {
    expect(displayKey("text", accepted, "en")).toBe("Ren Zhengfei");
    expect(displayKey("ordering", ["b", "a"], "en")).toEqual(["b", "a"]);
    expect(displayKey("numeric", 769, "ru")).toBe(769);
    expect(displayKey("text", [], "ru")).toEqual([]);
  });
});
