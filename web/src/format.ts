// Numbers as the UI shows them, one helper per kind of value, so a value reads the same on every page (the glossary,
// web/src/locales/glossary.md): percentages whole ("67 %" in ru, "67%" in en), points to at most two decimals.
// Plain functions, tested in tests/unit/format.test.ts.

/** A percentage (0–100) rounded to a whole number, with the sign as the language writes it. */
export const formatPercent = (percent: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(percent / 100);

/** A share (0–1) as a whole percentage. */
export const formatShare = (share: number, locale: string): string => formatPercent(share * 100, locale);

/** Points (7, 7,5, 6,67): at most two decimals, the language's decimal mark. */
export const formatPoints = (points: number, locale: string): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(points);
