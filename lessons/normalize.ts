// How typed answers are read: numbers as a learner writes them, and text in the form answers are compared in.
// Grading (worker/domain/grading.ts) and the course checks (lessons/checks.ts) share them, so a check finds an
// answer in another question exactly where grading would accept it.

/** Separators a learner may put between groups of three digits (after NFKC most become a plain space). */
const GROUP_SEPARATOR = "[ \\u00a0\\u2007\\u2009\\u202f]";
const GROUPED = new RegExp(`^\\d{1,3}(?:${GROUP_SEPARATOR}\\d{3})+(?:[.,]\\d+)?$`);
/** "42,500": a decimal comma (42.5) or an English thousands separator (42500); only a 1–3 digit head without a leading 0 can be the latter. */
const AMBIGUOUS = /^([1-9]\d{0,2}),(\d{3})$/;
const PLAIN = /^(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;
const SIGN = /^([+\-\u2212])\s*/;

/**
 * The possible readings of what a learner typed as a number: none if it is not a number, one
 * normally, two when it is ambiguous ("42,500" → [42.5, 42500]).
 *
 * Accepted: an optional sign (+, -, −); digits with "." or "," as the decimal mark ("3.18", "3,18",
 * ",5", "5."); groups of three digits separated by spaces, no-break or thin spaces ("42 500",
 * "1 234 567,5"). Rejected: letters, units, exponents, other separators, several decimal marks.
 */
export function parseNumber(input: string): number[] {
  let text = input.normalize("NFKC").trim();
  let negative = false;
  const sign = SIGN.exec(text);
  if (sign) {
    negative = sign[1] !== "+";
    text = text.slice(sign[0].length);
  }
  const signed = (x: number) => (negative && x !== 0 ? -x : x);

  const ambiguous = AMBIGUOUS.exec(text);
  if (ambiguous) return [signed(Number(`${ambiguous[1]}.${ambiguous[2]}`)), signed(Number(`${ambiguous[1]}${ambiguous[2]}`))];
  if (GROUPED.test(text)) text = text.replace(new RegExp(GROUP_SEPARATOR, "g"), "");
  if (!PLAIN.test(text)) return [];
  const value = Number(text.replace(",", "."));
  return Number.isFinite(value) ? [signed(value)] : [];
}

/** Quotes and apostrophes vanish ("Xi'an" → "xian"); every other punctuation mark, dashes included, separates words. */
const QUOTES = /["'`´«»“”„‟‘’‚‛‹›\p{Pi}\p{Pf}]/gu;
const OTHER_PUNCTUATION = /[\p{P}\u2212]/gu;

/**
 * The form in which short text answers are compared: Unicode NFKC, lower case, ё → е, quotes removed,
 * other punctuation (dashes and hyphens too) turned into spaces, whitespace collapsed and trimmed.
 * "«Астана-Хаб»" → "астана хаб"; "КазНУ им.аль-Фараби" → "казну им аль фараби".
 */
export function normalizeText(input: string): string {
  return input
    .normalize("NFKC")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(QUOTES, "")
    .replace(OTHER_PUNCTUATION, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * The nine Kazakh letters a Russian keyboard lacks, each with the letter typed in its place: ә→а, ғ→г, қ→к,
 * ң→н, ө→о, ұ and ү→у, һ→х, і→и. (Applied after normalizeText, so capitals are already lower case.)
 */
const RUSSIAN_KEYBOARD: Readonly<Record<string, string>> = { ә: "а", ғ: "г", қ: "к", ң: "н", ө: "о", ұ: "у", ү: "у", һ: "х", і: "и" };
const KAZAKH_LETTER = /[әғқңөұүһі]/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * A normalised answer as it reads on a Russian keyboard: every Kazakh-only letter replaced by its stand-in, and a
 * Latin "i" inside a Cyrillic word read as "и" (the other way students type "і"). Two answers with the same fold
 * differ only by those substitutions: "қазақстан" and "казакстан", "білім" and "бiлiм".
 */
export function foldKazakh(normalized: string): string {
  return normalized
    .split(" ")
    .map((word) => (CYRILLIC.test(word) ? word.replace(/i/g, "и") : word).replace(KAZAKH_LETTER, (ch) => RUSSIAN_KEYBOARD[ch] ?? ch))
    .join(" ");
}

// Finding an answer in a text the way grading would accept it (the course checks' leak and anchor checks).

const GROUPED_OR_PLAIN = /(?<![\p{L}\p{N}.,])(?:\d{1,3}(?:[ \u00a0\u2007\u2009\u202f]\d{3})+|\d+)(?:[.,]\d+)?(?![\p{L}\p{N}]|[.,]\d)/gu;

/** Every number written in `text` with the way it was written: "42 500" (any space), "3,18", "3.18", "206". */
export function numbersIn(text: string): { raw: string; values: number[] }[] {
  return [...text.matchAll(GROUPED_OR_PLAIN)].map((m) => ({ raw: m[0], values: parseNumber(m[0]) }));
}

/** How close two numbers must be to count as the same figure. */
export const EPSILON = 1e-9;

/** The first way `value` (± tolerance) is written in `text`, if it is. */
export function findNumber(text: string, value: number, tolerance = 0): string | undefined {
  const slack = tolerance + EPSILON * Math.max(1, Math.abs(value));
  return numbersIn(text).find((n) => n.values.some((v) => Math.abs(v - value) <= slack))?.raw;
}

/** The first accepted variant that occurs in `text` as whole words, compared the way grading compares them. */
export function findPhrase(text: string, variants: readonly string[]): string | undefined {
  const haystack = ` ${normalizeText(text)} `;
  return variants.find((v) => {
    const needle = normalizeText(v);
    return needle !== "" && haystack.includes(` ${needle} `);
  });
}
