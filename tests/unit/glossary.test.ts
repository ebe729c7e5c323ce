// The UI strings follow the glossary (web/src/locales/glossary.md): no word it rejects, and no percent sign of their
// own (the value arrives formatted by web/src/format.ts). The rejected words are read from the glossary's table.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { accountEn } from "../../web/src/locales/account.en.ts";
import { accountKk } from "../../web/src/locales/account.kk.ts";
import { accountRu } from "../../web/src/locales/account.ru.ts";
import { en } from "../../web/src/locales/en.ts";
import { instructorEn } from "../../web/src/locales/instructor.en.ts";
import { instructorKk } from "../../web/src/locales/instructor.kk.ts";
import { instructorRu } from "../../web/src/locales/instructor.ru.ts";
import { kk } from "../../web/src/locales/kk.ts";
import { learnEn } from "../../web/src/locales/learn.en.ts";
import { learnKk } from "../../web/src/locales/learn.kk.ts";
import { learnRu } from "../../web/src/locales/learn.ru.ts";
import { quizEn } from "../../web/src/locales/quiz.en.ts";
import { quizKk } from "../../web/src/locales/quiz.kk.ts";
import { quizRu } from "../../web/src/locales/quiz.ru.ts";
import { ru } from "../../web/src/locales/ru.ts";

const glossary = readFileSync(new URL("../../web/src/locales/glossary.md", import.meta.url), "utf8");

/** The rows of the "Rejected words" table: language, rejected beginning of a word, the word to use. */
function rejectedWords(markdown: string): { lang: string; rejected: string; instead: string }[] {
  const section = markdown.split(/^## Rejected words$/m)[1]?.split(/^## /m)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter(([lang, rejected]) => lang !== "lang" && !/^-+$/.test(lang ?? "") && rejected)
    .map(([lang = "", rejected = "", instead = ""]) => ({ lang, rejected, instead }));
}

/** Every string of a locale object with its key path ("quiz.wrong", "results.attempts.few"). */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, inner]) => strings(inner, path ? `${path}.${key}` : key));
  return [];
}

const locales = {
  ru: [ru, accountRu, quizRu, learnRu, instructorRu].flatMap((set) => strings(set)),
  en: [en, accountEn, quizEn, learnEn, instructorEn].flatMap((set) => strings(set)),
  kk: [kk, accountKk, quizKk, learnKk, instructorKk].flatMap((set) => strings(set)),
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The glossary's entry as a pattern: `stem*` any word beginning so, else exactly that word or phrase. */
const rejecting = (entry: string) =>
  entry.endsWith("*")
    ? new RegExp(`(?<!\\p{L})${escapeRegExp(entry.slice(0, -1))}`, "iu")
    : new RegExp(`(?<!\\p{L})${escapeRegExp(entry)}(?!\\p{L})`, "iu");

/** Strings of `lang` that use a word the glossary rejects: "key: rejected (use instead)". */
function violations(lang: keyof typeof locales, rules = rejectedWords(glossary)): string[] {
  return rules
    .filter((r) => r.lang === lang)
    .flatMap((r) =>
      locales[lang].filter(([, text]) => rejecting(r.rejected).test(text)).map(([key]) => `${key}: «${r.rejected}» (use «${r.instead}»)`),
    );
}

describe("the glossary", () => {
  it("lists rejected words for ru and en", () => {
    const rules = rejectedWords(glossary);
    expect(rules.filter((r) => r.lang === "ru").length).toBeGreaterThanOrEqual(3);
    expect(rules.filter((r) => r.lang === "en").length).toBeGreaterThanOrEqual(3);
    expect(rules).toContainEqual({ lang: "ru", rejected: "контрол*", instead: "тест" });
  });

  it("finds a stem at the start of a word and a plain entry as a whole word, in any case", () => {
    expect(rejecting("контрол*").test("Контрольная работа")).toBe(true);
    expect(rejecting("контрол*").test("контроль")).toBe(true);
    expect(rejecting("групп*").test("варианты сгруппированы по тексту")).toBe(false);
    expect(rejecting("group").test("Class group")).toBe(true);
    expect(rejecting("group").test("grouped by text")).toBe(false);
    expect(rejecting("exam").test("for example")).toBe(false);
    expect(rejecting("not quite").test("Not quite!")).toBe(true);
  });
});

describe.each(["ru", "en"] as const)("%s strings", (lang) => {
  it("use no word the glossary rejects", () => {
    expect(violations(lang)).toEqual([]);
  });
});

// glossary.kk.md has no rejected-word table yet, so the Kazakh strings are checked for the percent sign only.
describe.each(["ru", "en", "kk"] as const)("%s strings", (lang) => {
  it("write no percent sign after a placeholder: the value comes formatted, sign included", () => {
    expect(locales[lang].filter(([, text]) => /\}\}\s*%/.test(text)).map(([key]) => key)).toEqual([]);
  });
});
