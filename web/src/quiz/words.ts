// Counted phrases in the UI language ("3 ответа", "1 answer") through Intl.PluralRules.
import { intlLocale, loadStrings, t } from "../i18n.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

type PluralKey = "quiz.waiting" | "quiz.waitingRetry" | "quiz.minutesLeft" | "quiz.unsent";

/** The plural form of `key` for `count`, with `{{ count }}` filled in (and any other values given). */
export function plural(key: PluralKey, count: number, values: Record<string, string> = {}): string {
  const form = new Intl.PluralRules(intlLocale()).select(count) as "one" | "few" | "many" | "other";
  return t(`${key}.${form}`, { count: String(count), ...values }) ?? String(count);
}

/** A number as people of the UI language write it (2,5 / 2.5). */
export const formatNumber = (n: number) => new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 2 }).format(n);
