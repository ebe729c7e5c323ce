// The three interface languages, what each is called in itself, and how a browser's preference picks one.

export const LOCALES = ["kk", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, as a language menu must show it. */
export const LOCALE_NAMES: Record<Locale, string> = { kk: "Қазақша", ru: "Русский", en: "English" };

/** The tag Intl formats dates, numbers and plurals with: Kazakh as written in Kazakhstan (kk-KZ). */
export const intlTag = (locale: Locale): string => (locale === "kk" ? "kk-KZ" : locale);

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/**
 * The first of the browser's languages (navigator.languages: the Accept-Language list, best first) that Qadam
 * speaks, by primary subtag ("kk-KZ" → kk, "en-GB" → en); Russian, the course's source language, otherwise.
 */
export const negotiateLocale = (preferred: readonly string[]): Locale =>
  (preferred.map((tag) => tag.slice(0, 2).toLowerCase()).find(isLocale) as Locale | undefined) ?? "ru";
