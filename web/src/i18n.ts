// The UI language: Russian or English, remembered on the device, reflected in <html lang>.
// Only the active language's strings are downloaded, and only the core set up front: the quiz, results and
// instructor pages bring their own strings (a page module awaits `loadStrings` before it renders).
import * as i18n from "@solid-primitives/i18n";
import { createEffect, createMemo, createRoot, createSignal } from "solid-js";
import type { instructorRu } from "./locales/instructor.ru.ts";
import type { learnRu } from "./locales/learn.ru.ts";
import type { quizRu } from "./locales/quiz.ru.ts";
import type { ru } from "./locales/ru.ts";

export type Locale = "ru" | "en";
export type Dictionary = typeof ru & typeof quizRu & typeof learnRu & typeof instructorRu;
type Part = Partial<Dictionary>;
export type StringSet = "quiz" | "learn" | "instructor";
const STORAGE_KEY = "qadam.locale";

const loaders: Record<"core" | StringSet, Record<Locale, () => Promise<Part>>> = {
  core: { ru: () => import("./locales/ru.ts").then((m) => m.ru), en: () => import("./locales/en.ts").then((m) => m.en) },
  quiz: { ru: () => import("./locales/quiz.ru.ts").then((m) => m.quizRu), en: () => import("./locales/quiz.en.ts").then((m) => m.quizEn) },
  learn: {
    ru: () => import("./locales/learn.ru.ts").then((m) => m.learnRu),
    en: () => import("./locales/learn.en.ts").then((m) => m.learnEn),
  },
  instructor: {
    ru: () => import("./locales/instructor.ru.ts").then((m) => m.instructorRu),
    en: () => import("./locales/instructor.en.ts").then((m) => m.instructorEn),
  },
};

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === "ru" || saved === "en") return saved;
  const browser = globalThis.navigator?.language ?? "ru";
  return browser.toLowerCase().startsWith("en") ? "en" : "ru";
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
const [dictionary, setDictionary] = createSignal<Part>({});
const wanted = new Set<"core" | StringSet>(["core"]);

export { locale };

const fetchSets = async (lang: Locale, sets: Iterable<"core" | StringSet>) =>
  Object.assign({}, ...(await Promise.all([...sets].map((set) => loaders[set][lang]())))) as Part;

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
  if (locale() === lang) setDictionary((current) => ({ ...current, ...strings }));
}

const flat = createRoot(() => {
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  return createMemo(() => i18n.flatten(dictionary() as Dictionary));
});

export const t = i18n.translator(flat, i18n.resolveTemplate);
