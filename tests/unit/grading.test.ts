// Grading rules per question type, the number and text normalisers, and the anti-gaming rule for multiple choice.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompiledCourse } from "../../lessons/types.ts";
import { gradeAnswer, isOneSlipAway, normalizeText, parseNumber } from "../../worker/domain/grading.ts";
import { mulberry32 } from "../../worker/domain/random.ts";
import { type AnswerKey, serveQuestion } from "../../worker/domain/serve.ts";

// Built by `npm run lessons:build` (npm test builds first).
const course = JSON.parse(readFileSync(new URL("../../lessons/.build/course.json", import.meta.url), "utf8")) as CompiledCourse;
const questions = Object.values(course.questions);

const full = { score: 1, correct: true };
const none = { score: 0, correct: false };
const partial = (score: number) => ({ score, correct: false });

describe("gradeAnswer: no answer", () => {
  const keys: AnswerKey[] = [
    { type: "single", correct: "abcd" },
    { type: "multiple", correct: ["abcd"], optionCount: 3 },
    { type: "truefalse", correct: false },
    { type: "numeric", value: 0, tolerance: 0 },
    { type: "text", accepted: ["x"] },
    { type: "ordering", order: ["a", "b", "c"] },
    { type: "matching", pairs: { a: "x", b: "y", c: "z" } },
  ];
  it.each(keys)("$type: null and undefined score 0", (key) => {
    expect(gradeAnswer(key, null)).toEqual(none);
    expect(gradeAnswer(key, undefined)).toEqual(none);
  });
});

describe("gradeAnswer: single", () => {
  const key: AnswerKey = { type: "single", correct: "k3x9" };
  it("is all or nothing", () => {
    expect(gradeAnswer(key, "k3x9")).toEqual(full);
    expect(gradeAnswer(key, "k3x8")).toEqual(none);
    expect(gradeAnswer(key, "K3X9")).toEqual(none);
    expect(gradeAnswer(key, "")).toEqual(none);
  });
  it("gives nothing for an answer of another shape", () => {
    expect(gradeAnswer(key, ["k3x9"])).toEqual(none);
    expect(gradeAnswer(key, true)).toEqual(none);
    expect(gradeAnswer(key, { k3x9: "k3x9" })).toEqual(none);
  });
});

describe("gradeAnswer: truefalse", () => {
  it("is all or nothing, and only a boolean counts", () => {
    const yes: AnswerKey = { type: "truefalse", correct: true };
    const no: AnswerKey = { type: "truefalse", correct: false };
    expect(gradeAnswer(yes, true)).toEqual(full);
    expect(gradeAnswer(yes, false)).toEqual(none);
    expect(gradeAnswer(no, false)).toEqual(full);
    expect(gradeAnswer(no, true)).toEqual(none);
    expect(gradeAnswer(yes, "true")).toEqual(none);
    expect(gradeAnswer(no, 0)).toEqual(none);
    expect(gradeAnswer(no, "")).toEqual(none);
  });
});

describe("gradeAnswer: multiple", () => {
  // Options a..e; W = wrong options, C = correct options.
  const twoOfFive: AnswerKey = { type: "multiple", correct: ["a", "b"], optionCount: 5 }; // C = 2, W = 3
  const threeOfFive: AnswerKey = { type: "multiple", correct: ["a", "b", "c"], optionCount: 5 }; // C = 3, W = 2
  const fiveOfSeven: AnswerKey = { type: "multiple", correct: ["a", "b", "c", "d", "e"], optionCount: 7 }; // C = 5, W = 2

  it("with at least as many wrong options as correct: (correct ticked − wrong ticked) / correct options", () => {
    expect(gradeAnswer(twoOfFive, ["a", "b"])).toEqual(full);
    expect(gradeAnswer(twoOfFive, ["b", "a"])).toEqual(full);
    expect(gradeAnswer(twoOfFive, ["a"])).toEqual(partial(0.5));
    expect(gradeAnswer(twoOfFive, ["a", "b", "c"])).toEqual(partial(0.5));
    expect(gradeAnswer(twoOfFive, ["a", "c"])).toEqual(none);
    expect(gradeAnswer(twoOfFive, ["a", "c", "d"])).toEqual(none);
    expect(gradeAnswer(twoOfFive, ["c"])).toEqual(none);
    expect(gradeAnswer(twoOfFive, [])).toEqual(none);
  });

  it("with fewer wrong options than correct: each wrong tick costs 1 / wrong options", () => {
    expect(gradeAnswer(threeOfFive, ["a", "b", "c"])).toEqual(full);
    expect(gradeAnswer(threeOfFive, ["a", "b"])).toEqual(partial(0.6667));
    expect(gradeAnswer(threeOfFive, ["a"])).toEqual(partial(0.3333));
    expect(gradeAnswer(threeOfFive, ["a", "b", "c", "d"])).toEqual(partial(0.5));
    expect(gradeAnswer(threeOfFive, ["a", "b", "d"])).toEqual(partial(0.1667));
    expect(gradeAnswer(threeOfFive, ["a", "d"])).toEqual(none);
    expect(gradeAnswer(fiveOfSeven, ["a", "b", "c", "d", "e", "f"])).toEqual(partial(0.5));
    expect(gradeAnswer(fiveOfSeven, ["a", "b", "c", "d"])).toEqual(partial(0.8));
  });

  it("anti-gaming: ticking every option earns nothing, whatever the split", () => {
    const ids = "abcdefgh".split("");
    for (let n = 3; n <= 8; n++) {
      for (let c = 1; c < n; c++) {
        const key: AnswerKey = { type: "multiple", correct: ids.slice(0, c), optionCount: n };
        expect(gradeAnswer(key, ids.slice(0, n)), `${c} of ${n}`).toEqual(none);
      }
    }
  });

  it("anti-gaming holds for every multiple-choice question of the course as served", () => {
    const multiples = questions.filter((q) => q.type === "multiple");
    expect(multiples.length).toBeGreaterThan(0);
    for (const q of multiples) {
      const { served, key } = serveQuestion(q, mulberry32(1));
      const all = served.options!.map((o) => o.id);
      expect(gradeAnswer(key, all), q.id).toEqual(none);
      if (key.type === "multiple") expect(gradeAnswer(key, key.correct), q.id).toEqual(full);
    }
  });

  it("counts a repeated tick once and never goes below 0", () => {
    expect(gradeAnswer(twoOfFive, ["a", "a", "a"])).toEqual(partial(0.5));
    expect(gradeAnswer(twoOfFive, ["c", "d", "e"])).toEqual(none);
  });

  it("gives nothing for an answer of another shape", () => {
    expect(gradeAnswer(twoOfFive, "a")).toEqual(none);
    expect(gradeAnswer(twoOfFive, { a: "b" })).toEqual(none);
    expect(gradeAnswer(twoOfFive, true)).toEqual(none);
  });

  it("still grades when every option is correct (ticking all is then the answer)", () => {
    const allCorrect: AnswerKey = { type: "multiple", correct: ["a", "b", "c"], optionCount: 3 };
    expect(gradeAnswer(allCorrect, ["a", "b", "c"])).toEqual(full);
    expect(gradeAnswer(allCorrect, ["a"])).toEqual(partial(0.3333));
  });

  it("property: the score is in [0, 1], has at most 4 decimals, and is 1 exactly for the correct set", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 8 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.integer({ min: 0, max: 7 })),
        (n, c, ticks) => {
          fc.pre(c < n);
          const ids = Array.from({ length: n }, (_, i) => `o${i}`);
          const key: AnswerKey = { type: "multiple", correct: ids.slice(0, c), optionCount: n };
          const answer = ticks.filter((t) => t < n).map((t) => ids[t]!);
          const { score, correct } = gradeAnswer(key, answer);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
          expect(Math.round(score * 10_000) / 10_000).toBe(score);
          const exact = new Set(answer).size === c && answer.every((id) => key.correct.includes(id));
          expect(correct).toBe(exact);
        },
      ),
    );
  });
});

describe("parseNumber", () => {
  it.each([
    ["42", [42]],
    ["  42  ", [42]],
    ["3.18", [3.18]],
    ["3,18", [3.18]],
    ["0,5", [0.5]],
    [",5", [0.5]],
    [".5", [0.5]],
    ["5.", [5]],
    ["007", [7]],
    ["-3", [-3]],
    ["−3,5", [-3.5]],
    ["+2.3", [2.3]],
    ["- 4", [-4]],
    ["-0", [0]],
    ["42 500", [42500]],
    ["42\u00a0500", [42500]],
    ["42\u2009500", [42500]],
    ["42\u202f500", [42500]],
    ["1 234 567", [1234567]],
    ["1 234 567,25", [1234567.25]],
    ["42 500.5", [42500.5]],
    ["42 500,000", [42500]],
    ["４２", [42]],
    ["42,500", [42.5, 42500]],
    ["1,000", [1, 1000]],
    ["-1,500", [-1.5, -1500]],
    ["0,500", [0.5]],
    ["1234,567", [1234.567]],
    ["3,1800", [3.18]],
  ])("reads %j as %j", (input, readings) => {
    expect(parseNumber(input)).toEqual(readings);
  });

  it.each([
    "",
    "   ",
    "abc",
    "12 kg",
    "$5",
    "1e3",
    "0x10",
    "Infinity",
    "NaN",
    "3.1.8",
    "3,1,8",
    "3,18.5",
    "1,234,567",
    "1,234.5",
    "4 2500",
    "42  500",
    "42 50",
    "1234 567",
    "+-3",
    "--3",
    "3-",
    ".",
    ",",
    "1/2",
    "½",
    "3 ,18",
  ])("rejects %j", (input) => {
    expect(parseNumber(input)).toEqual([]);
  });
});

describe("gradeAnswer: numeric", () => {
  const exact: AnswerKey = { type: "numeric", value: 42500, tolerance: 0 };
  const fuzzy: AnswerKey = { type: "numeric", value: 3.18, tolerance: 0.05 };
  const half: AnswerKey = { type: "numeric", value: 42.5, tolerance: 0 };

  it("accepts what a learner types in either convention", () => {
    for (const typed of ["42500", "42 500", "42\u00a0500", "42\u2009500", " 42500 ", "+42500", "42,500", "42500,0", "42500.00"]) {
      expect(gradeAnswer(exact, typed), typed).toEqual(full);
    }
    for (const typed of ["3,18", "3.18", "3,2", "3.13", "3,23", "3.20"]) expect(gradeAnswer(fuzzy, typed), typed).toEqual(full);
  });

  it("is correct within the tolerance (allowing for floating point) and wrong outside it", () => {
    expect(gradeAnswer(fuzzy, "3.13")).toEqual(full);
    expect(gradeAnswer(fuzzy, "3.23")).toEqual(full);
    expect(gradeAnswer(fuzzy, "3.12")).toEqual(none);
    expect(gradeAnswer(fuzzy, "3.24")).toEqual(none);
    expect(gradeAnswer(fuzzy, "3.2301")).toEqual(none);
    expect(gradeAnswer(exact, "42501")).toEqual(none);
    expect(gradeAnswer(exact, "42499")).toEqual(none);
  });

  it("takes either reading of an ambiguous comma", () => {
    expect(gradeAnswer(exact, "42,500")).toEqual(full);
    expect(gradeAnswer(half, "42,500")).toEqual(full);
    expect(gradeAnswer(half, "42,5")).toEqual(full);
    expect(gradeAnswer({ type: "numeric", value: 1000, tolerance: 0 }, "1,000")).toEqual(full);
    expect(gradeAnswer({ type: "numeric", value: 1, tolerance: 0 }, "1,000")).toEqual(full);
    expect(gradeAnswer({ type: "numeric", value: 500, tolerance: 0 }, "0,500")).toEqual(none);
  });

  it("handles signs", () => {
    const negative: AnswerKey = { type: "numeric", value: -2.5, tolerance: 0 };
    expect(gradeAnswer(negative, "-2,5")).toEqual(full);
    expect(gradeAnswer(negative, "−2.5")).toEqual(full);
    expect(gradeAnswer(negative, "2.5")).toEqual(none);
    expect(gradeAnswer({ type: "numeric", value: 0, tolerance: 0 }, "-0")).toEqual(full);
  });

  it("gives nothing for what is not a number", () => {
    for (const typed of ["", "abc", "42 500 kg", "1e4", "42.500.0", "4 2500"]) expect(gradeAnswer(exact, typed), typed).toEqual(none);
    expect(gradeAnswer(exact, true)).toEqual(none);
    expect(gradeAnswer(exact, ["42500"])).toEqual(none);
  });

  it("accepts a number as well as text", () => {
    expect(gradeAnswer(exact, 42500)).toEqual(full);
    expect(gradeAnswer(fuzzy, 3.15)).toEqual(full);
    expect(gradeAnswer(fuzzy, 3.3)).toEqual(none);
    expect(gradeAnswer(fuzzy, Number.NaN)).toEqual(none);
    expect(gradeAnswer(fuzzy, Number.POSITIVE_INFINITY)).toEqual(none);
  });

  it("grades every numeric question of the course from its own answer, written the Russian way", () => {
    for (const q of questions) {
      if (q.type !== "numeric") continue;
      const { key } = serveQuestion(q, mulberry32(1));
      const russian = q.answer.toLocaleString("ru-RU", { maximumFractionDigits: 10 });
      expect(gradeAnswer(key, russian), `${q.id}: ${russian}`).toEqual(full);
      expect(gradeAnswer(key, String(q.answer + q.tolerance + 1)), q.id).toEqual(none);
    }
  });
});

describe("normalizeText", () => {
  it.each([
    ["Huawei", "huawei"],
    ["  HUAWEI  ", "huawei"],
    ["Ёлка", "елка"],
    ["ЁЛКА", "елка"],
    ["е\u0308лка", "елка"],
    ["«Astana Hub»", "astana hub"],
    ["“Astana Hub”", "astana hub"],
    ["„Астана Хаб“", "астана хаб"],
    ["‘Alibaba’", "alibaba"],
    ['"Alibaba"', "alibaba"],
    ["Xi'an", "xian"],
    ["Xi’an", "xian"],
    ["Astana-Hub", "astana hub"],
    ["Astana – Hub", "astana hub"],
    ["Astana—Hub", "astana hub"],
    ["Ren Zheng-fei", "ren zheng fei"],
    ["КазНУ им. аль-Фараби", "казну им аль фараби"],
    ["КазНУ им.аль-Фараби", "казну им аль фараби"],
    ["e-Gov.", "e gov"],
    ["Hurun, Inc.!?", "hurun inc"],
    ["Ren\tZhengfei\n", "ren zhengfei"],
    ["Ren\u00a0\u00a0Zhengfei", "ren zhengfei"],
    ["ＨＵＡＷＥＩ", "huawei"],
    ["(robots)", "robots"],
    ["...", ""],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});

describe("gradeAnswer: text", () => {
  const renZhengfei: AnswerKey = {
    type: "text",
    accepted: ["Жэнь Чжэнфэй", "Жэнь Чжэнфей", "Ren Zhengfei", "Ren Zheng-fei"],
  };

  it("accepts any variant of either language after normalising both sides", () => {
    for (const typed of [
      "ren zhengfei",
      "REN ZHENGFEI",
      " Ren  Zhengfei. ",
      "Ren Zheng fei",
      "«Жэнь Чжэнфэй»",
      "жэнь чжэнфей",
      "Жэнь-Чжэнфэй",
    ]) {
      expect(gradeAnswer(renZhengfei, typed), typed).toEqual(full);
    }
  });

  it("treats ё and е alike on both sides", () => {
    expect(gradeAnswer({ type: "text", accepted: ["Королёв"] }, "королев")).toEqual(full);
    expect(gradeAnswer({ type: "text", accepted: ["Королев"] }, "КОРОЛЁВ")).toEqual(full);
  });

  it("rejects other words, partial names and empty answers", () => {
    for (const typed of ["Zhengfei Ren", "Ren", "Ren Zhengfeii", "", "   ", "—"])
      expect(gradeAnswer(renZhengfei, typed), typed).toEqual(none);
    expect(gradeAnswer(renZhengfei, ["Ren Zhengfei"])).toEqual(none);
  });

  it("accepts every listed variant of every text question of the course, in any case and with punctuation", () => {
    for (const q of questions) {
      if (q.type !== "text") continue;
      const { key } = serveQuestion(q, mulberry32(1));
      for (const variant of [...q.answers.ru, ...q.answers.en]) {
        expect(gradeAnswer(key, variant.toUpperCase()), `${q.id}: ${variant}`).toEqual(full);
        expect(gradeAnswer(key, ` «${variant}». `), `${q.id}: ${variant}`).toEqual(full);
      }
      expect(gradeAnswer(key, "совершенно не то"), q.id).toEqual(none);
    }
  });
});

describe("gradeAnswer: text with one-letter slips", () => {
  const typo = { score: 1, correct: true, typo: true };
  const key = (...accepted: string[]): AnswerKey => ({ type: "text", accepted, typos: true });

  it("accepts one substituted, missing, extra or swapped letter in a Cyrillic word, with full credit", () => {
    const k = key("Аймагамбетов");
    expect(gradeAnswer(k, "Аймагамбетов")).toEqual(full);
    for (const typed of ["Аймагамбэтов", "Аймагамбтов", "Аймагаамбетов", "Аймагабметов", "Айамгамбетов", "аймагамбетова"]) {
      expect(gradeAnswer(k, typed), typed).toEqual(typo);
    }
  });

  it("counts a Kazakh letter for its Russian look-alike as one slip, and a second slip refuses", () => {
    const k = key("Қазақстан");
    expect(gradeAnswer(k, "Казақстан")).toEqual(typo);
    expect(gradeAnswer(k, "Қазакстан")).toEqual(typo);
    // Every Kazakh letter typed on a Russian keyboard is one slip of its own kind (grading-kazakh.test.ts) …
    expect(gradeAnswer(k, "Казакстан")).toEqual(typo);
    // … but a stand-in and a second, ordinary slip are refused.
    expect(gradeAnswer(k, "Казакстна")).toEqual(none);
    for (const [variant, slipped] of [
      ["Әуезов", "Ауезов"],
      ["Ғылым орталығы", "Гылым орталығы"],
      ["Жаңалық", "Жаналық"],
      ["Өскемен", "Оскемен"],
      ["Ұлттық банк", "Улттық банк"],
      ["Үкімет", "Укімет"],
      ["Шаһарлар", "Шахарлар"],
      ["Білімді", "Билімді"],
    ]) {
      expect(gradeAnswer(key(variant as string), slipped), `${variant} ← ${slipped}`).toEqual(typo);
    }
  });

  it("takes ё for е as no slip at all: normalisation already made them equal", () => {
    expect(gradeAnswer(key("Королёв"), "Королев")).toEqual(full);
    expect(gradeAnswer(key("Королёв"), "Каролев")).toEqual(typo);
  });

  it("accepts swapped neighbours in Latin letters too, and a slip in a several-word answer", () => {
    expect(gradeAnswer(key("Ren Zhengfei"), "Ren Zhnegfei")).toEqual(typo);
    expect(gradeAnswer(key("Astana Hub"), "Astana Hab")).toEqual(typo);
    expect(gradeAnswer(key("Astana Hub"), "AstanaHub")).toEqual(typo);
  });

  it("refuses two slips, and any slip in an answer of 5 letters or fewer", () => {
    expect(gradeAnswer(key("Аймагамбетов"), "Аймогамбэтов")).toEqual(none);
    expect(gradeAnswer(key("Аймагамбетов"), "Амйагамбетво")).toEqual(none);
    expect(gradeAnswer(key("Хурун"), "Хурон")).toEqual(none);
    expect(gradeAnswer(key("eGov"), "eGob")).toEqual(none);
    expect(gradeAnswer(key("КазНУ"), "КазНО")).toEqual(none);
    // Digits are not letters: "2019" as text never takes a slip.
    expect(gradeAnswer(key("2019 год"), "2018 год")).toEqual(none);
  });

  it("refuses a slip when the question turns typos off, and in snapshots taken before typos existed", () => {
    expect(gradeAnswer({ type: "text", accepted: ["Аймагамбетов"], typos: false }, "Аймагамбэтов")).toEqual(none);
    expect(gradeAnswer({ type: "text", accepted: ["Аймагамбетов"] }, "Аймагамбэтов")).toEqual(none);
  });

  it("never forgives a slip in a numeric answer", () => {
    expect(gradeAnswer({ type: "numeric", value: 42_500, tolerance: 0 }, "42 550")).toEqual(none);
    expect(gradeAnswer({ type: "numeric", value: 1972, tolerance: 0 }, "1927")).toEqual(none);
  });

  it("serves a text question's switch in its key", () => {
    const q = questions.find((x) => x.type === "text");
    expect(q && serveQuestion(q, mulberry32(1)).key).toMatchObject({ type: "text", typos: true });
  });
});

describe("isOneSlipAway", () => {
  it.each([
    ["abcdef", "abcdef", false],
    ["abcdef", "abxdef", true],
    ["abcdef", "abdef", true],
    ["abcdef", "abcdefg", true],
    ["abcdef", "bacdef", true],
    ["abcdef", "abcdfe", true],
    ["abcdef", "badcef", false],
    ["abcdef", "abcd", false],
    ["abcdef", "acbdfe", false],
    ["", "a", true],
  ])("%j vs %j → %s", (a, b, expected) => {
    expect(isOneSlipAway(a, b)).toBe(expected);
    expect(isOneSlipAway(b, a)).toBe(expected);
  });
});

describe("gradeAnswer: ordering", () => {
  const key: AnswerKey = { type: "ordering", order: ["a", "b", "c", "d", "e"] };

  it("gives the share of items in their correct position", () => {
    expect(gradeAnswer(key, ["a", "b", "c", "d", "e"])).toEqual(full);
    expect(gradeAnswer(key, ["a", "b", "c", "e", "d"])).toEqual(partial(0.6));
    expect(gradeAnswer(key, ["e", "d", "c", "b", "a"])).toEqual(partial(0.2));
    expect(gradeAnswer(key, ["b", "c", "d", "e", "a"])).toEqual(none);
    expect(gradeAnswer({ type: "ordering", order: ["x", "y", "z"] }, ["x", "z", "y"])).toEqual(partial(0.3333));
    expect(gradeAnswer({ type: "ordering", order: ["x", "y", "z"] }, ["y", "x", "z"])).toEqual(partial(0.3333));
  });

  it("never credits a position that is missing or extra", () => {
    expect(gradeAnswer(key, ["a", "b"])).toEqual(partial(0.4));
    expect(gradeAnswer(key, [])).toEqual(none);
    expect(gradeAnswer(key, ["a", "b", "c", "d", "e", "f"])).toEqual(full);
  });

  it("gives nothing for an answer of another shape", () => {
    expect(gradeAnswer(key, "abcde")).toEqual(none);
    expect(gradeAnswer(key, { 0: "a" })).toEqual(none);
  });
});

describe("gradeAnswer: matching", () => {
  const key: AnswerKey = { type: "matching", pairs: { l1: "r1", l2: "r2", l3: "r3", l4: "r4" } };

  it("gives the share of left items matched to the right item", () => {
    expect(gradeAnswer(key, { l1: "r1", l2: "r2", l3: "r3", l4: "r4" })).toEqual(full);
    expect(gradeAnswer(key, { l4: "r4", l3: "r3", l2: "r2", l1: "r1" })).toEqual(full);
    expect(gradeAnswer(key, { l1: "r1", l2: "r2", l3: "r4", l4: "r3" })).toEqual(partial(0.5));
    expect(gradeAnswer(key, { l1: "r2", l2: "r3", l3: "r4", l4: "r1" })).toEqual(none);
    expect(gradeAnswer({ type: "matching", pairs: { a: "x", b: "y", c: "z" } }, { a: "x" })).toEqual(partial(0.3333));
  });

  it("credits a partial answer for what it matched and nothing for the rest", () => {
    expect(gradeAnswer(key, { l1: "r1" })).toEqual(partial(0.25));
    expect(gradeAnswer(key, {})).toEqual(none);
  });

  it("gains nothing from sending one right item for every row or from unknown keys", () => {
    expect(gradeAnswer(key, { l1: "r1", l2: "r1", l3: "r1", l4: "r1" })).toEqual(partial(0.25));
    expect(gradeAnswer(key, { l1: "r1", x: "r2", y: "r3" })).toEqual(partial(0.25));
  });

  it("gives nothing for an answer of another shape", () => {
    expect(gradeAnswer(key, ["r1", "r2", "r3", "r4"])).toEqual(none);
    expect(gradeAnswer(key, "r1")).toEqual(none);
  });
});

describe("gradeAnswer: every type", () => {
  it("property: a score is always in [0, 1] with at most 4 decimals and `correct` exactly when it is 1", () => {
    const keys = questions.map((q) => serveQuestion(q, mulberry32(3)).key);
    const answer = fc.oneof(
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.array(fc.string({ maxLength: 4 })),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...keys), answer, (key, given) => {
        const { score, correct } = gradeAnswer(key, given);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(Math.round(score * 10_000) / 10_000).toBe(score);
        expect(correct).toBe(score === 1);
      }),
    );
  });
});
