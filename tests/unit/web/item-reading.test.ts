// Item analysis as the page reads it: counts instead of shares below the reliable size, and counted phrases
// in each language's plural forms ("1 попытка", "2 попытки", "5 попыток", "1 attempt", "2 attempts").
import { describe, expect, it } from "vitest";
import { instructorEn } from "../../../web/src/locales/instructor.en.ts";
import { instructorRu } from "../../../web/src/locales/instructor.ru.ts";
import { readItem } from "../../../web/src/pages/instructor/itemReading.ts";
import { countPhrase, pluralForm } from "../../../web/src/plural.ts";

describe("readItem", () => {
  it("too few attempts: the count of right answers and no index, whatever the numbers say", () => {
    const twoOpposite = { served: 2, correct: 1, facility: 0.5, discrimination: -1, reliable: false };
    expect(readItem(twoOpposite)).toEqual({ facility: { kind: "count", correct: 1, served: 2 }, discrimination: { kind: "tooFew" } });
  });

  it("enough attempts: the facility share and the discrimination index, null kept as not available", () => {
    expect(readItem({ served: 40, correct: 30, facility: 0.8, discrimination: 0.35, reliable: true })).toEqual({
      facility: { kind: "share", share: 0.8 },
      discrimination: { kind: "index", value: 0.35 },
    });
    expect(readItem({ served: 20, correct: 0, facility: 0, discrimination: null, reliable: true }).discrimination).toEqual({
      kind: "index",
      value: null,
    });
  });
});

describe("counted attempts", () => {
  const ru = instructorRu.gradebook.items.attemptCount;
  const en = instructorEn.gradebook.items.attemptCount;

  it.each([
    [0, "0 попыток", "0 attempts"],
    [1, "1 попытка", "1 attempt"],
    [2, "2 попытки", "2 attempts"],
    [4, "4 попытки", "4 attempts"],
    [5, "5 попыток", "5 attempts"],
    [11, "11 попыток", "11 attempts"],
    [20, "20 попыток", "20 attempts"],
    [21, "21 попытка", "21 attempts"],
    [22, "22 попытки", "22 attempts"],
    [1000, "1 000 попыток", "1,000 attempts"],
  ])("%i → %s / %s", (n, inRussian, inEnglish) => {
    // Russian groups thousands with a no-break space.
    expect(countPhrase(ru, "ru", n).replace(/\u00a0/g, " ")).toBe(inRussian);
    expect(countPhrase(en, "en", n)).toBe(inEnglish);
  });

  it("every form a language can pick has its phrase", () => {
    for (const [forms, locale] of [
      [ru, "ru"],
      [en, "en"],
    ] as const) {
      for (const category of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) {
        expect(forms[category as keyof typeof forms], `${locale} ${category}`).toContain("{{ count }}");
      }
    }
    expect(pluralForm("ru", 1.5)).toBe("other");
  });
});
