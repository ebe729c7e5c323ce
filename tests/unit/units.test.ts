// A numeric question's unit in agreement with its number (web/src/quiz/units.ts), the way ru and en speak.
import { describe, expect, it } from "vitest";
import { typedNumber, unitFor } from "../../web/src/quiz/units.ts";

const yearsRu = { one: "год", few: "года", many: "лет", other: "года" };
const yearsEn = { one: "year", other: "years" };

describe("unitFor", () => {
  it.each([
    [1, "год"],
    [2, "года"],
    [3, "года"],
    [5, "лет"],
    [11, "лет"],
    [14, "лет"],
    [21, "год"],
    [22, "года"],
    [100, "лет"],
    [1.5, "года"],
    [0, "лет"],
  ])("ru %s → %s", (n, form) => {
    expect(unitFor(yearsRu, n, "ru")).toBe(form);
  });

  it("reads what was typed, with its decimals: '2,0' is not '2'", () => {
    expect(unitFor(yearsRu, "3", "ru")).toBe("года");
    expect(unitFor(yearsRu, "2,5", "ru")).toBe("года");
    expect(unitFor(yearsRu, "1,0", "ru")).toBe("года");
    expect(unitFor(yearsRu, "42 500", "ru")).toBe("лет");
    expect(unitFor(yearsEn, "1", "en")).toBe("year");
    expect(unitFor(yearsEn, "1.0", "en")).toBe("years");
    expect(unitFor(yearsEn, 1, "en")).toBe("year");
    expect(unitFor(yearsEn, 2, "en")).toBe("years");
  });

  it("labels an empty or unreadable field with `many` where the language has it, else `other`", () => {
    expect(unitFor(yearsRu, null, "ru")).toBe("лет");
    expect(unitFor(yearsRu, "", "ru")).toBe("лет");
    expect(unitFor(yearsRu, "abc", "ru")).toBe("лет");
    expect(unitFor(yearsEn, null, "en")).toBe("years");
  });

  it("keeps a plain string as it is after any number (млрд долларов; every Kazakh unit)", () => {
    expect(unitFor("млрд долларов", 3, "ru")).toBe("млрд долларов");
    expect(unitFor("жыл", 5, "kk")).toBe("жыл");
  });

  it("falls back to `other` for a category the unit does not list", () => {
    expect(unitFor({ other: "раза" }, 1, "ru")).toBe("раза");
  });
});

describe("typedNumber", () => {
  it.each([
    ["3", 3],
    ["3,18", 3.18],
    [" 3.18 ", 3.18],
    ["42 500", 42500],
    ["42\u00a0500", 42500],
    ["-2", -2],
    [",5", 0.5],
    ["", null],
    ["3 года", null],
    ["1e3", null],
  ])("%j → %s", (typed, value) => {
    expect(typedNumber(typed)).toBe(value);
  });
});
