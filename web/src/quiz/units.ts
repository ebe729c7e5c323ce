// A numeric question's unit in agreement with its number ("1 год", "3 года", "5 лет", "2,5 года") through
// Intl.PluralRules: plain functions, tested in tests/unit/units.test.ts.

/** A unit in one language as the API serves it: one string for every number, or forms by plural category. */
export type UnitText = string | { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };

/** How many digits follow the decimal mark in what was typed ("2,50" → 2): the plural category depends on them. */
const fractionDigits = (typed: string) => /[.,](\d+)\s*$/.exec(typed.trim())?.[1]?.length ?? 0;

/** What a learner typed, read as a number for agreement only ("3,18", "42 500", "−2"); null when it is none. */
export function typedNumber(typed: string): number | null {
  const text = typed
    .normalize("NFKC")
    .trim()
    .replace(/[\s\u00a0\u2009\u202f]/g, "")
    .replace("\u2212", "-")
    .replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  return Number(text);
}

/**
 * The unit's form for `amount` (a number, or the text a learner typed) in `lang`. A plain string is the same after
 * every number; forms are picked by Intl.PluralRules, with `other` for any category the unit does not list. With no
 * amount (an empty field), the form a label beside the field takes: `many` where the language has it ("лет"), else `other`.
 */
export function unitFor(unit: UnitText, amount: number | string | null, lang: string): string {
  if (typeof unit === "string") return unit;
  const value = typeof amount === "string" ? typedNumber(amount) : amount;
  if (value === null || !Number.isFinite(value)) return unit.many ?? unit.other;
  const digits = typeof amount === "string" ? fractionDigits(amount) : 0;
  const rules = new Intl.PluralRules(lang, typeof amount === "string" ? { minimumFractionDigits: digits } : { maximumFractionDigits: 10 });
  return unit[rules.select(value)] ?? unit.other;
}
