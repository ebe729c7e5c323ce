// The interface languages: a browser's preference list picks one, and Intl speaks each of them.
import { describe, expect, it } from "vitest";
import { intlTag, isLocale, LOCALE_NAMES, LOCALES, negotiateLocale } from "../../../web/src/languages.ts";

describe("negotiateLocale", () => {
  it.each([
    [["kk-KZ", "ru-RU", "en"], "kk"],
    [["kk"], "kk"],
    [["ru-KZ", "kk-KZ"], "ru"],
    [["en-GB", "kk"], "en"],
    [["de-DE", "kk-KZ", "ru"], "kk"],
    [["de-DE", "fr"], "ru"],
    [[], "ru"],
    [["KK_kz"], "kk"],
  ])("%j → %s", (preferred, locale) => {
    expect(negotiateLocale(preferred)).toBe(locale);
  });
});

describe("the three languages", () => {
  it("are named each in itself", () => {
    expect(LOCALES.map((l) => LOCALE_NAMES[l])).toEqual(["Қазақша", "Русский", "English"]);
  });

  it("know only their own codes", () => {
    expect(LOCALES.every(isLocale)).toBe(true);
    expect(isLocale("kz")).toBe(false);
    expect(isLocale(null)).toBe(false);
  });

  it("format Kazakh numbers, plurals and dates through Intl with kk-KZ", () => {
    expect(intlTag("kk")).toBe("kk-KZ");
    // Kazakh groups thousands with a no-break space and writes a decimal comma.
    expect(new Intl.NumberFormat(intlTag("kk")).format(1234567.5)).toMatch(/^1\s234\s567,5$/u);
    expect(new Intl.PluralRules(intlTag("kk")).resolvedOptions().pluralCategories.sort()).toEqual(["one", "other"]);
    expect(new Intl.DateTimeFormat(intlTag("kk"), { month: "long", timeZone: "UTC" }).format(new Date("2026-12-03T12:00:00Z"))).toMatch(
      /желтоқсан/i,
    );
    expect(new Intl.RelativeTimeFormat(intlTag("kk"), { numeric: "auto" }).format(1, "day")).toBe("ертең");
  });
});
