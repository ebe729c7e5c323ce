// Quiz questions on the client: the served shapes, when a question counts as answered, reordering, and answers as text.
import type { InferResponseType } from "hono/client";
import type { api } from "../api.ts";
import { intlTag } from "../languages.ts";
import type { Answer } from "./outbox.ts";
import { unitFor } from "./units.ts";

// The served shapes as the API sends them (type-only: nothing of the Worker reaches the bundle).
export type ServedQuestion = InferResponseType<(typeof api.attempts)[":id"]["$get"], 200>["questions"][number];
export type QuestionType = ServedQuestion["type"];
export type Choice = NonNullable<ServedQuestion["options"]>[number];
export type Localized = ServedQuestion["prompt"];

export type Lang = "ru" | "en" | "kk";

/** A served text in `lang`; Russian where the question is not written in that language yet (kk while it is being written). */
export const textIn = (text: Localized, lang: Lang): string => text[lang] ?? text.ru;

/** The text of the choice with this id, in `lang` (see textIn). */
export const textOfChoice = (list: Choice[] | undefined, id: unknown, lang: Lang): string | undefined => {
  const found = list?.find((c) => c.id === id);
  return found ? textIn(found.text, lang) : undefined;
};

/**
 * Whether an answer counts as given for the progress bar, the overview and the submit screen: an empty
 * text, no ticks or no matched row is a saved state, not an answer.
 */
export function isAnswered(answer: Answer | undefined): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === "string") return answer.trim() !== "";
  if (typeof answer === "boolean" || typeof answer === "number") return true;
  if (Array.isArray(answer)) return answer.length > 0;
  return Object.keys(answer).length > 0;
}

/** The order an ordering question shows: the learner's if it is a full permutation of the items, else the served order. */
export function orderOf(question: ServedQuestion, answer: Answer | undefined): string[] {
  const served = (question.items ?? []).map((i) => i.id);
  if (!Array.isArray(answer) || answer.length !== served.length) return served;
  const known = new Set(served);
  return new Set(answer).size === served.length && answer.every((id) => known.has(id)) ? [...answer] : served;
}

/** `order` with `id` moved one place up (-1) or down (+1); unchanged at either end or for an unknown id. */
export function moveItem(order: readonly string[], id: string, delta: -1 | 1): string[] {
  const from = order.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return [...order];
  const next = [...order];
  next[from] = order[to] as string;
  next[to] = id;
  return next;
}

/** The order with `id` taken out and put at `position` (0-based, clamped): "move to position N" in one step. */
export function moveTo(order: readonly string[], id: string, position: number): string[] {
  const from = order.indexOf(id);
  if (from < 0) return [...order];
  const rest = order.filter((x) => x !== id);
  rest.splice(Math.min(Math.max(0, Math.trunc(position)), rest.length), 0, id);
  return rest;
}

/** The matching answer with one row set (or cleared with ""). */
export function setMatch(answer: Answer | undefined, leftId: string, rightId: string): Record<string, string> {
  const current = answer && typeof answer === "object" && !Array.isArray(answer) ? { ...answer } : {};
  if (rightId === "") delete current[leftId];
  else current[leftId] = rightId;
  return current;
}

/** The multiple-choice answer with one option ticked or unticked, kept in the served order. */
export function toggleOption(question: ServedQuestion, answer: Answer | undefined, optionId: string, on: boolean): string[] {
  const ticked = new Set(Array.isArray(answer) ? answer : []);
  if (on) ticked.add(optionId);
  else ticked.delete(optionId);
  return (question.options ?? []).map((o) => o.id).filter((id) => ticked.has(id));
}

/** An answer (the learner's or the key) as lines of text to show: a list for several parts, ordered for an ordering. */
export interface AnswerText {
  lines: string[];
  ordered: boolean;
}

export function describeAnswer(
  question: ServedQuestion,
  answer: Answer | null | undefined,
  lang: Lang,
  words: { true: string; false: string; none: string },
): AnswerText {
  const text = (list: Choice[] | undefined, id: unknown) => textOfChoice(list, id, lang);
  const one = (line: string | undefined): AnswerText => ({ lines: [line ?? words.none], ordered: false });
  // The unit agrees with the number beside it ("1 год", "3 года", "5 лет").
  const unit = (amount: number | string) => (question.unit ? ` ${unitFor(question.unit[lang] ?? question.unit.ru, amount, lang)}` : "");
  if (answer === undefined || answer === null) return one(undefined);
  switch (question.type) {
    case "single":
      return one(text(question.options, answer));
    case "multiple": {
      const ids = Array.isArray(answer) ? answer : [];
      const lines = (question.options ?? []).filter((o) => ids.includes(o.id)).map((o) => textIn(o.text, lang));
      return lines.length ? { lines, ordered: false } : one(undefined);
    }
    case "truefalse":
      return one(answer === true ? words.true : answer === false ? words.false : undefined);
    case "numeric":
      if (typeof answer === "number")
        return one(`${new Intl.NumberFormat(intlTag(lang), { maximumFractionDigits: 10 }).format(answer)}${unit(answer)}`);
      return one(typeof answer === "string" && answer.trim() ? `${answer.trim()}${unit(answer.trim())}` : undefined);
    case "text":
      // The key of a text question lists every accepted variant: show its one canonical spelling.
      if (Array.isArray(answer)) return one(canonicalSpelling(answer, lang));
      return one(typeof answer === "string" && answer.trim() ? answer.trim() : undefined);
    case "ordering": {
      const lines = (Array.isArray(answer) ? answer : []).map((id) => text(question.items, id) ?? "?");
      return lines.length ? { lines, ordered: true } : one(undefined);
    }
    case "matching": {
      const pairs = typeof answer === "object" && !Array.isArray(answer) ? answer : {};
      const lines = (question.left ?? []).map((l) => `${textIn(l.text, lang)} → ${text(question.right, pairs[l.id]) ?? words.none}`);
      return Object.keys(pairs).length ? { lines, ordered: false } : one(undefined);
    }
  }
}

const CYRILLIC = /[\u0400-\u04ff]/;

/** Letters only Kazakh writes: a spelling with one of them is a Kazakh one. */
const KAZAKH = /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/;

/**
 * The one spelling a text question's key shows out of all it accepts (every language, typos aside): the first in the
 * reader's language as far as its letters tell (Kazakh letters for kk, else Cyrillic; Cyrillic without them for ru;
 * Latin for en), which authors write as the canonical form; else the first of all.
 */
export function canonicalSpelling(accepted: readonly string[], lang: Lang): string | undefined {
  if (lang === "kk") return accepted.find((v) => KAZAKH.test(v)) ?? accepted.find((v) => CYRILLIC.test(v)) ?? accepted[0];
  return accepted.find((v) => CYRILLIC.test(v) === (lang === "ru") && !KAZAKH.test(v)) ?? accepted[0];
}
