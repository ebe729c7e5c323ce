// The UI language: Kazakh, Russian or English, remembered on the device, reflected in <html lang>.
// Only the active language's strings are downloaded, and only the core set up front: the account and form, quiz,
// results and instructor pages bring their own strings (a page module awaits `loadStrings` before it renders).
// A section may be split across sets (the core has the sign-in links, the account set the sign-in page): sets merge
// section by section.
import * as i18n from "@solid-primitives/i18n";
import { createEffect, createMemo, createRoot, createSignal } from "solid-js";
import { setRequestLanguage } from "./api.ts";
import { intlTag, isLocale, type Locale, negotiateLocale } from "./languages.ts";
import type { accountRu } from "./locales/account.ru.ts";
import type { instructorRu } from "./locales/instructor.ru.ts";
import type { learnRu } from "./locales/learn.ru.ts";
import type { quizRu } from "./locales/quiz.ru.ts";
import type { ru } from "./locales/ru.ts";

export type { Locale } from "./languages.ts";
export type Dictionary = typeof ru & typeof accountRu & typeof quizRu & typeof learnRu & typeof instructorRu;
type Part = Partial<Record<keyof Dictionary, Record<string, unknown>>>;
export type StringSet = "account" | "quiz" | "learn" | "instructor";
const STORAGE_KEY = "qadam.locale";

const loaders: Record<"core" | StringSet, Record<Locale, () => Promise<Part>>> = {
  core: {
    ru: () => import("./locales/ru.ts").then((m) => m.ru),
    en: () => import("./locales/en.ts").then((m) => m.en),
    kk: () => import("./locales/kk.ts").then((m) => m.kk),
  },
  account: {
    ru: () => import("./locales/account.ru.ts").then((m) => m.accountRu),
    en: () => import("./locales/account.en.ts").then((m) => m.accountEn),
    kk: () => import("./locales/account.kk.ts").then((m) => m.accountKk),
  },
  quiz: {
    ru: () => import("./locales/quiz.ru.ts").then((m) => m.quizRu),
    en: () => import("./locales/quiz.en.ts").then((m) => m.quizEn),
    kk: () => import("./locales/quiz.kk.ts").then((m) => m.quizKk),
  },
  learn: {
    ru: () => import("./locales/learn.ru.ts").then((m) => m.learnRu),
    en: () => import("./locales/learn.en.ts").then((m) => m.learnEn),
    kk: () => import("./locales/learn.kk.ts").then((m) => m.learnKk),
  },
  instructor: {
    ru: () => import("./locales/instructor.ru.ts").then((m) => m.instructorRu),
    en: () => import("./locales/instructor.en.ts").then((m) => m.instructorEn),
    kk: () => import("./locales/instructor.kk.ts").then((m) => m.instructorKk),
  },
};

/** The language saved on this device, else the best of the browser's languages (its Accept-Language list). */
function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  const nav = globalThis.navigator;
  return negotiateLocale(nav?.languages?.length ? nav.languages : [nav?.language ?? "ru"]);
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
const [dictionary, setDictionary] = createSignal<Part>({});
const wanted = new Set<"core" | StringSet>(["core"]);

export { locale };

/** The current language as Intl wants it (kk-KZ for Kazakh): every date, number and plural goes through this. */
export const intlLocale = () => intlTag(locale());

/** A course text in the current language; the Russian one where the course has none in it yet (kk while being written). */
export const inLocale = (text: { ru: string; en: string; kk?: string | undefined }): string => text[locale()] ?? text.ru;

/** Sets merged section by section: a later set adds keys to a section, it never replaces the section. */
export function mergeStrings(...parts: Part[]): Part {
  const merged: Part = {};
  for (const part of parts) {
    for (const [section, strings] of Object.entries(part) as [keyof Dictionary, Record<string, unknown>][]) {
      merged[section] = { ...merged[section], ...strings };
    }
  }
  return merged;
}

const fetchSets = async (lang: Locale, sets: Iterable<"core" | StringSet>) =>
  mergeStrings(...(await Promise.all([...sets].map((set) => loaders[set][lang]()))));

/** Loads every string set in use for a language, then switches to it, so the UI never shows a half-translated frame. */
export async function loadLocale(next: Locale): Promise<void> {
  const strings = await fetchSets(next, wanted);
  setDictionary(() => strings);
  setLocaleSignal(next);
}

export async function setLocale(next: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, next);
  await loadLocale(next);
}

/** Adds a page's string set in the current language (once); later language switches load it too. */
export async function loadStrings(set: StringSet): Promise<void> {
  if (wanted.has(set)) return;
  wanted.add(set);
  const lang = locale();
  const strings = await loaders[set][lang]();
  if (locale() === lang) setDictionary((current) => mergeStrings(current, strings));
}

const flat = createRoot(() => {
  createEffect(() => {
    document.documentElement.lang = locale();
    setRequestLanguage(locale());
  });
  return createMemo(() => i18n.flatten(dictionary() as Dictionary));
});

export const t = i18n.translator(flat, i18n.resolveTemplate);
