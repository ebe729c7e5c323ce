// The UI language: Russian or English, remembered on the device, reflected in <html lang>.
// Only the active language's strings are downloaded; the other loads when the learner switches.
import * as i18n from "@solid-primitives/i18n";
import { createEffect, createMemo, createRoot, createSignal } from "solid-js";
import type { ru } from "./locales/ru.ts";

export type Locale = "ru" | "en";
export type Dictionary = typeof ru;
const STORAGE_KEY = "qadam.locale";

const loaders: Record<Locale, () => Promise<Dictionary>> = {
  ru: () => import("./locales/ru.ts").then((m) => m.ru),
  en: () => import("./locales/en.ts").then((m) => m.en),
};

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === "ru" || saved === "en") return saved;
  const browser = globalThis.navigator?.language ?? "ru";
  return browser.toLowerCase().startsWith("en") ? "en" : "ru";
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
const [dictionary, setDictionary] = createSignal<Dictionary>();

export { locale };

/** Loads a language's strings, then switches to it, so the UI never shows a half-translated frame. */
export async function loadLocale(next: Locale): Promise<void> {
  const strings = await loaders[next]();
  setDictionary(() => strings);
  setLocaleSignal(next);
}

export async function setLocale(next: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, next);
  await loadLocale(next);
}

const flat = createRoot(() => {
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  return createMemo(() => {
    const strings = dictionary();
    return strings ? i18n.flatten(strings) : ({} as ReturnType<typeof i18n.flatten<Dictionary>>);
  });
});

export const t = i18n.translator(flat, i18n.resolveTemplate);
