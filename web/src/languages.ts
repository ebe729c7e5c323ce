// The three interface languages, what each is called in itself, and how a browser's preference picks one.

export const LOCALES = ["kk", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, as a language menu must show it. */
export const LOCALE_NAMES: Record<Locale, string> = { kk: "Қазақша", ru: "Русский", en: "English" };

/** The tag Intl formats dates, numbers and plurals with: Kazakh as written in Kazakhstan. */
export const INTL_TAGS: Record<Locale, string> = { kk: "kk-KZ", ru: "ru-RU", en: "en" };

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/**
 * The first of the browser's languages (navigator.languages: the Accept-Language list, best first) that Qadam
 * speaks, by primary subtag ("kk-KZ" → kk, "en-GB" → en); Russian, the course's source language, otherwise.
 */
export function negotiateLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return "ru";
}
