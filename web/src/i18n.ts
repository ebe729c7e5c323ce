// The UI language: Russian or English, remembered on the device, reflected in <html lang>.
import * as i18n from "@solid-primitives/i18n";
import { createEffect, createMemo, createRoot, createSignal } from "solid-js";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";

export type Locale = "ru" | "en";
export type Dictionary = typeof ru;
const dictionaries: Record<Locale, Dictionary> = { ru, en };
const STORAGE_KEY = "qadam.locale";

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === "ru" || saved === "en") return saved;
  const browser = globalThis.navigator?.language ?? "ru";
  return browser.toLowerCase().startsWith("en") ? "en" : "ru";
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());

export { locale };

export function setLocale(next: Locale) {
  setLocaleSignal(next);
  localStorage.setItem(STORAGE_KEY, next);
}

const flat = createRoot(() => {
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  return createMemo(() => i18n.flatten(dictionaries[locale()]));
});

export const t = i18n.translator(flat, i18n.resolveTemplate);
