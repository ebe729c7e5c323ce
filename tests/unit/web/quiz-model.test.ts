// Quiz client logic without a browser: what counts as answered, reordering, answers as text, the countdown.
import { describe, expect, it } from "vitest";
import { clockSkew, formatRemaining, remainingMs, timerAlert } from "../../../web/src/quiz/countdown.ts";
import {
  canonicalSpelling,
  describeAnswer,
  isAnswered,
  moveItem,
  moveTo,
  orderOf,
  type ServedQuestion,
  setMatch,
  toggleOption,
} from "../../../web/src/quiz/model.ts";

const L = (en: string, ru = `${en}-ru`) => ({ en, ru });
const base = { moduleSlug: "risks", anchor: "p-1", prompt: L("Prompt") };
const single: ServedQuestion = {
  ...base,
  id: "s",
  type: "single",
  options: [
    { id: "a1", text: L("Alpha") },
    { id: "b2", text: L("Beta") },
  ],
};
const multiple: ServedQuestion = {
  ...base,
  id: "m",
  type: "multiple",
  options: [
    { id: "a1", text: L("One") },
    { id: "b2", text: L("Two") },
    { id: "c3", text: L("Three") },
  ],
};
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
const numeric: ServedQuestion = { ...base, id: "n", type: "numeric", unit: L("bn USD", "млрд долл.") };
const text: ServedQuestion = { ...base, id: "t", type: "text" };
const tf: ServedQuestion = { ...base, id: "b", type: "truefalse" };
const words = { true: "True", false: "False", none: "no answer" };

describe("isAnswered", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["   ", false],
    ["0", true],
    ["opt", true],
    [false, true],
    [true, true],
    [0, true],
    [[], false],
    [["a"], true],
    [{}, false],
    [{ l1: "r1" }, true],
  ] as const)("%j → %s", (answer, expected) => {
    expect(isAnswered(answer as never)).toBe(expected);
  });
});

describe("ordering", () => {
  it("shows the served order until the learner's answer is a full permutation", () => {
    expect(orderOf(ordering, undefined)).toEqual(["x1", "y2", "z3"]);
    expect(orderOf(ordering, ["z3", "x1", "y2"])).toEqual(["z3", "x1", "y2"]);
    expect(orderOf(ordering, ["z3", "x1"])).toEqual(["x1", "y2", "z3"]);
    expect(orderOf(ordering, ["z3", "z3", "x1"])).toEqual(["x1", "y2", "z3"]);
    expect(orderOf(ordering, ["z3", "x1", "nope"])).toEqual(["x1", "y2", "z3"]);
    expect(orderOf(ordering, "z3")).toEqual(["x1", "y2", "z3"]);
  });

  it("moves an item one place, and not past either end", () => {
    const order = ["x1", "y2", "z3"];
    expect(moveItem(order, "y2", -1)).toEqual(["y2", "x1", "z3"]);
    expect(moveItem(order, "y2", 1)).toEqual(["x1", "z3", "y2"]);
    expect(moveItem(order, "x1", -1)).toEqual(order);
    expect(moveItem(order, "z3", 1)).toEqual(order);
    expect(moveItem(order, "nope", 1)).toEqual(order);
    expect(order).toEqual(["x1", "y2", "z3"]);
  });

  it("moveTo puts an item straight at a position, the others keeping their order", () => {
    const six = ["a", "b", "c", "d", "e", "f"];
    expect(moveTo(six, "f", 0)).toEqual(["f", "a", "b", "c", "d", "e"]);
    expect(moveTo(six, "a", 5)).toEqual(["b", "c", "d", "e", "f", "a"]);
    expect(moveTo(six, "c", 3)).toEqual(["a", "b", "d", "c", "e", "f"]);
    expect(moveTo(six, "c", 2)).toEqual(six);
    // Out of range clamps; an unknown id changes nothing.
    expect(moveTo(six, "b", 99)).toEqual(["a", "c", "d", "e", "f", "b"]);
    expect(moveTo(six, "b", -3)).toEqual(["b", "a", "c", "d", "e", "f"]);
    expect(moveTo(six, "zz", 0)).toEqual(six);
  });
});

describe("matching and multiple choice edits", () => {
  it("sets and clears one row, leaving the others", () => {
    const a = setMatch(undefined, "l1", "r2");
    expect(a).toEqual({ l1: "r2" });
    const b = setMatch(a, "l2", "r1");
    expect(b).toEqual({ l1: "r2", l2: "r1" });
    expect(setMatch(b, "l1", "")).toEqual({ l2: "r1" });
    expect(a).toEqual({ l1: "r2" });
  });

  it("ticks and unticks options, kept in the served order", () => {
    const a = toggleOption(multiple, undefined, "c3", true);
    expect(toggleOption(multiple, a, "a1", true)).toEqual(["a1", "c3"]);
    expect(toggleOption(multiple, ["a1", "c3"], "a1", false)).toEqual(["c3"]);
    expect(toggleOption(multiple, ["a1"], "a1", true)).toEqual(["a1"]);
  });
});

describe("describeAnswer", () => {
  it("names options, booleans and numbers in the UI language", () => {
    expect(describeAnswer(single, "b2", "ru", words)).toEqual({ lines: ["Beta-ru"], ordered: false });
    expect(describeAnswer(multiple, ["c3", "a1"], "en", words)).toEqual({ lines: ["One", "Three"], ordered: false });
    expect(describeAnswer(tf, false, "en", words).lines).toEqual(["False"]);
    expect(describeAnswer(numeric, 3.18, "ru", words).lines).toEqual(["3,18 млрд долл."]);
    expect(describeAnswer(numeric, 42500, "en", words).lines).toEqual(["42,500 bn USD"]);
    expect(describeAnswer(numeric, " 3,2 ", "en", words).lines).toEqual(["3,2 bn USD"]);
  });

  it("lists an ordering in order and a matching row by row", () => {
    expect(describeAnswer(ordering, ["z3", "x1", "y2"], "en", words)).toEqual({ lines: ["2019", "1999", "2009"], ordered: true });
    expect(describeAnswer(matching, { l2: "r1" }, "en", words).lines).toEqual(["Huawei → no answer", "Alibaba → e-commerce"]);
  });

  it("shows a text key's one canonical spelling in the UI language, and what was typed otherwise", () => {
    const accepted = ["Жэнь Чжэнфэй", "Жэнь Чжэнфей", "Ren Zhengfei", "Ren Zheng-fei"];
    expect(describeAnswer(text, accepted, "en", words)).toEqual({ lines: ["Ren Zhengfei"], ordered: false });
    expect(describeAnswer(text, accepted, "ru", words).lines).toEqual(["Жэнь Чжэнфэй"]);
    expect(describeAnswer(text, [], "ru", words).lines).toEqual(["no answer"]);
    expect(describeAnswer(text, " Ren ", "en", words).lines).toEqual(["Ren"]);
  });

  it("puts a unit with plural forms in agreement with the number (typed or the key)", () => {
    const years: ServedQuestion = {
      ...base,
      id: "y",
      type: "numeric",
      unit: { ru: { one: "год", few: "года", many: "лет", other: "года" }, en: { one: "year", other: "years" } },
    };
    expect(describeAnswer(years, 3, "ru", words).lines).toEqual(["3 года"]);
    expect(describeAnswer(years, 5, "ru", words).lines).toEqual(["5 лет"]);
    expect(describeAnswer(years, 21, "ru", words).lines).toEqual(["21 год"]);
    expect(describeAnswer(years, "2,5", "ru", words).lines).toEqual(["2,5 года"]);
    expect(describeAnswer(years, " 11 ", "ru", words).lines).toEqual(["11 лет"]);
    expect(describeAnswer(years, 1, "en", words).lines).toEqual(["1 year"]);
    expect(describeAnswer(years, "1.0", "en", words).lines).toEqual(["1.0 years"]);
  });

  it("says 'no answer' for nothing, blanks and unknown ids", () => {
    for (const [q, a] of [
      [single, null],
      [single, "zz"],
      [multiple, []],
      [text, "  "],
      [matching, {}],
      [ordering, undefined],
    ] as const) {
      expect(describeAnswer(q, a as never, "en", words)).toEqual({ lines: ["no answer"], ordered: false });
    }
  });
});

describe("canonicalSpelling", () => {
  const accepted = ["Жэнь Чжэнфэй", "Жэнь Чжэнфей", "Ren Zhengfei", "Ren Zheng-fei"];
  it("takes the first spelling in the reader's script", () => {
    expect(canonicalSpelling(accepted, "ru")).toBe("Жэнь Чжэнфэй");
    expect(canonicalSpelling(accepted, "en")).toBe("Ren Zhengfei");
  });
  it("falls back to the first spelling when none is in that script", () => {
    expect(canonicalSpelling(["Astana Hub", "AstanaHub"], "ru")).toBe("Astana Hub");
    expect(canonicalSpelling(["Астана"], "en")).toBe("Астана");
    expect(canonicalSpelling([], "en")).toBeUndefined();
  });
  it("takes a Kazakh spelling for kk, a Russian one where there is none, and keeps Kazakh spellings from ru", () => {
    const kk = ["Тоқаев", "Токаев", "Tokayev"];
    expect(canonicalSpelling(["Токаев", "Tokayev", "Тоқаев"], "kk")).toBe("Тоқаев");
    expect(canonicalSpelling(["Токаев", "Tokayev"], "kk")).toBe("Токаев");
    expect(canonicalSpelling(["Tokayev"], "kk")).toBe("Tokayev");
    expect(canonicalSpelling(kk, "ru")).toBe("Токаев");
    expect(canonicalSpelling(kk, "en")).toBe("Tokayev");
  });
});

describe("countdown", () => {
  it("corrects the deadline by the server's clock", () => {
    // The device runs 5 s behind the server.
    const skew = clockSkew("2026-03-01T10:00:05.000Z", Date.parse("2026-03-01T10:00:00.000Z"));
    expect(skew).toBe(5000);
    expect(remainingMs("2026-03-01T10:20:05.000Z", skew, Date.parse("2026-03-01T10:00:00.000Z"))).toBe(20 * 60_000);
    expect(clockSkew("not a date", 1)).toBe(0);
  });

  it("formats minutes and seconds, rounding up and never negative", () => {
    expect(formatRemaining(20 * 60_000)).toBe("20:00");
    expect(formatRemaining(65_001)).toBe("1:06");
    expect(formatRemaining(999)).toBe("0:01");
    expect(formatRemaining(0)).toBe("0:00");
    expect(formatRemaining(-5000)).toBe("0:00");
    expect(formatRemaining(3_725_000)).toBe("1:02:05");
  });

  it("speaks at 5 minutes, 1 minute and time up, once each", () => {
    expect(timerAlert(null, 20 * 60_000)).toBeNull();
    expect(timerAlert(300_500, 300_000)).toEqual({ kind: "left", minutes: 5 });
    expect(timerAlert(300_000, 299_500)).toBeNull();
    expect(timerAlert(120_000, 119_500)).toBeNull();
    expect(timerAlert(60_400, 59_900)).toEqual({ kind: "left", minutes: 1 });
    expect(timerAlert(500, 0)).toEqual({ kind: "up" });
    expect(timerAlert(0, -500)).toBeNull();
  });

  it("on resuming under 5 minutes, says how many are left; past the deadline, that time is up", () => {
    expect(timerAlert(null, 150_000)).toEqual({ kind: "left", minutes: 3 });
    expect(timerAlert(null, -1)).toEqual({ kind: "up" });
  });

  it("a late tick that skips a threshold still speaks it", () => {
    expect(timerAlert(310_000, 290_000)).toEqual({ kind: "left", minutes: 5 });
  });
});
