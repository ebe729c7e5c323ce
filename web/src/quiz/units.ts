// A numeric question's unit in agreement with its number ("1 год", "3 года", "5 лет", "2,5 года") through
// Intl.PluralRules: plain functions, tested in tests/unit/units.test.ts.

/** A unit in one language as the API serves it: one string for every number, or forms by plural category. */
export type UnitText = string | { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };

/** What a learner typed, read as a number for agreement only ("3,18", "42 500"); null when it is none. */
export function typedNumber(typed: string): number | null {
  // \s covers the no-break and thin spaces people group digits with.
  const text = typed.replace(/\s/g, "").replace(",", ".");
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : null;
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
  // What was typed keeps its decimals ("1,0 года", not "1,0 год"): the category depends on the digits shown.
  const digits = typeof amount === "string" ? (/[.,](\d+)\s*$/.exec(amount)?.[1]?.length ?? 0) : 0;
  return unit[new Intl.PluralRules(lang, { minimumFractionDigits: digits, maximumFractionDigits: 10 }).select(value)] ?? unit.other;
}
