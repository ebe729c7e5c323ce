// A question bank as GIFT, Moodle's plain-text question format: a category line, then one question per paragraph.
import { type ExchangeBank, type ExchangeQuestion, percent } from "./bank.ts";
import { categoryPath } from "./moodleXml.ts";

/** U+2060 WORD JOINER: invisible, and it keeps "-" and ">" from reading as GIFT's matching arrow. */
export const ARROW_BREAK = "\u2060";

/**
 * Text inside a GIFT question: the characters GIFT gives a meaning (~ = # { } :) and the backslash itself take a
 * backslash, and a line break is written \n, because a blank line would end the question. GIFT has no escape for "->",
 * which turns any question holding it into a matching one, so a word joiner goes between the two characters.
 */
export const giftText = (s: string) =>
  s
    .replace(/[\\~=#{}:]/g, (ch) => `\\${ch}`)
    .replace(/\r\n?|\n/g, "\\n")
    .replace(/->/g, `-${ARROW_BREAK}>`);

/** An id or a comment on one line: the importer reads `[id:…]` up to the first "]". */
const commentText = (s: string) => s.replace(/[\r\n]+/g, " ");

const feedback = (q: ExchangeQuestion) => `\t####${giftText(q.explanation)}`;

/** A number as GIFT reads it (digits and a decimal point: no exponent). */
export function giftNumber(x: number): string {
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return x.toFixed(20).replace(/\.?0+$/, "");
}

function answers(q: ExchangeQuestion): string[] {
  switch (q.type) {
    case "single":
      return q.options.map((o) => `\t${o.fraction === 1 ? "=" : "~"}${giftText(o.text)}`);
    case "multiple":
      return q.options.map((o) => `\t~%${percent(o.fraction)}%${giftText(o.text)}`);
    case "truefalse":
      return [`\t${q.answer ? "TRUE" : "FALSE"}`];
    case "numeric":
      return [`\t#${giftNumber(q.answer)}:${giftNumber(q.tolerance)}`];
    case "text":
      return q.accepted.map((a) => `\t=${giftText(a)}`);
    case "matching":
      return q.pairs.map((p) => `\t=${giftText(p.left)} -> ${giftText(p.right)}`);
    case "ordering":
      // Scored the same way as Qadam's ordering: each item is matched to its place, and each right place earns 1/n.
      return q.items.map((item, i) => `\t=${giftText(item)} -> ${i + 1}`);
  }
}

function question(q: ExchangeQuestion): string {
  const notes = [`// [id:${commentText(q.id)}]`];
  if (q.type === "ordering") {
    notes.push(
      "// Ordering question: GIFT has no ordering type, so each item is matched to its position (1 = first).",
      "// Moodle XML from the same page keeps it as an ordering question (qtype_ordering).",
    );
  }
  return [...notes, `::${giftText(q.id)}::[plain]${giftText(q.prompt)} {`, ...answers(q), feedback(q), "}"].join("\n");
}

/** The bank as a GIFT file (UTF-8). */
export function toGift(bank: ExchangeBank): string {
  const head = [`// ${commentText(bank.category.join(" / "))} (${bank.lang})`, `$CATEGORY: ${categoryPath(bank.category)}`].join("\n");
  return `${[head, ...bank.questions.map(question)].join("\n\n")}\n`;
}
