// Counted phrases ("1 попытка", "2 попытки", "5 попыток", "1 attempt") through Intl.PluralRules, as plain functions.

export type PluralCategory = "one" | "few" | "many" | "other";
/** A phrase per plural category, each with `{{ count }}` where the number goes. */
export type PluralForms = Record<PluralCategory, string>;

/** The category a language's grammar uses for `count` (Russian: 1 one, 2 few, 5 many, 1.5 other). */
export const pluralForm = (locale: string, count: number) => new Intl.PluralRules(locale).select(count) as PluralCategory;

/** The phrase for `count` in `locale`, the number written as that language writes it. */
export function countPhrase(forms: PluralForms, locale: string, count: number): string {
  return forms[pluralForm(locale, count)].replaceAll("{{ count }}", new Intl.NumberFormat(locale).format(count));
}
