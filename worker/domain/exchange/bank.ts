// A module's question bank in one language, in the neutral shape that the Moodle XML and GIFT writers both render.
import { type Localized, localized } from "../../../lessons/schema.ts";
import type { CompiledCourse, CompiledModule, Question } from "../../../lessons/types.ts";

/** Every language the content schema knows (a course may leave some out: see `moduleLanguages`). */
export type ContentLang = keyof Localized;
export const contentLangs = localized.keyof().options as readonly ContentLang[];

/** An option of a choice question with its Moodle grade share in [-1, 1] (1 = full credit when chosen alone). */
export interface WeightedOption {
  text: string;
  fraction: number;
}

export type ExchangeBody =
  | { type: "single" | "multiple"; options: WeightedOption[] }
  | { type: "truefalse"; answer: boolean }
  | { type: "numeric"; answer: number; tolerance: number }
  | { type: "text"; accepted: string[] }
  | { type: "matching"; pairs: { left: string; right: string }[] }
  /** Items in their correct order. */
  | { type: "ordering"; items: string[] };

export type ExchangeQuestion = ExchangeBody & {
  id: string;
  /** The prompt, with the expected unit in brackets for a numeric question (Moodle's units would grade it). */
  prompt: string;
  explanation: string;
};

export interface ExchangeBank {
  lang: ContentLang;
  moduleSlug: string;
  /** The question-bank category path, outermost first: course, then module. */
  category: string[];
  questions: ExchangeQuestion[];
}

export const COURSE_NAME = "Qadam";

/** A localized text in one language; undefined when the course leaves that language out. */
const pick = <T>(text: Partial<Record<ContentLang, T>>, lang: ContentLang): T | undefined => text[lang];

class MissingLanguage extends Error {}
const need = <T>(text: Partial<Record<ContentLang, T>>, lang: ContentLang): T => {
  const value = pick(text, lang);
  if (value === undefined) throw new MissingLanguage();
  return value;
};

/**
 * Multiple choice as Moodle grades it: a ticked option adds its fraction, the sum is kept in [0, 1]. Each correct option
 * is worth 1/C and each wrong one costs 1/min(C, W), which is exactly `gradeAnswer`'s rule for "multiple"
 * (worker/domain/grading.ts), and every such share (1/1 … 1/7) is one of the grades Moodle's importer accepts.
 */
export function multipleFractions(optionIds: string[], correct: string[]): number[] {
  const right = new Set(correct);
  const c = optionIds.filter((id) => right.has(id)).length;
  const w = optionIds.length - c;
  return optionIds.map((id) => (right.has(id) ? 1 / c : -1 / Math.max(1, Math.min(c, w))));
}

/** One question in one language, or null when the course does not have every one of its texts in that language. */
export function exchangeQuestion(q: Question, lang: ContentLang): ExchangeQuestion | null {
  try {
    const head = { id: q.id, prompt: need(q.prompt, lang), explanation: need(q.explanation, lang) };
    switch (q.type) {
      case "single":
        return {
          ...head,
          type: "single",
          options: q.options.map((o) => ({ text: need(o.text, lang), fraction: o.id === q.answer ? 1 : 0 })),
        };
      case "multiple": {
        const fractions = multipleFractions(
          q.options.map((o) => o.id),
          q.answer,
        );
        return { ...head, type: "multiple", options: q.options.map((o, i) => ({ text: need(o.text, lang), fraction: fractions[i] ?? 0 })) };
      }
      case "truefalse":
        return { ...head, type: "truefalse", answer: q.answer };
      case "numeric": {
        const unit = q.unit ? need(q.unit, lang) : undefined;
        return {
          ...head,
          prompt: unit ? `${head.prompt} (${unit})` : head.prompt,
          type: "numeric",
          answer: q.answer,
          tolerance: q.tolerance,
        };
      }
      case "text": {
        // Grading accepts a variant of any language, so Moodle gets them all, the export's language first.
        const own = need(q.answers, lang);
        const others = contentLangs.filter((l) => l !== lang).flatMap((l) => pick(q.answers, l) ?? []);
        const seen = new Set<string>();
        const accepted = [...own, ...others].filter((a) => {
          const key = a.toLocaleLowerCase();
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        return { ...head, type: "text", accepted };
      }
      case "matching":
        return { ...head, type: "matching", pairs: q.pairs.map((p) => ({ left: need(p.left, lang), right: need(p.right, lang) })) };
      case "ordering":
        return { ...head, type: "ordering", items: q.items.map((item) => need(item.text, lang)) };
    }
  } catch (e) {
    if (e instanceof MissingLanguage) return null;
    throw e;
  }
}

const bankQuestions = (m: CompiledModule, c: CompiledCourse): Question[] =>
  m.questionIds.flatMap((id) => {
    const q = c.questions[id];
    return q ? [q] : [];
  });

/** The languages in which a module's whole bank (and its title) can be exported; empty for a module without a bank. */
export function moduleLanguages(m: CompiledModule, c: CompiledCourse): ContentLang[] {
  const questions = bankQuestions(m, c);
  if (questions.length === 0) return [];
  return contentLangs.filter((lang) => pick(m.title, lang) !== undefined && questions.every((q) => exchangeQuestion(q, lang) !== null));
}

/** A module's bank in one language, or null when the module has no bank or lacks that language. */
export function exchangeBank(m: CompiledModule, c: CompiledCourse, lang: ContentLang): ExchangeBank | null {
  if (!moduleLanguages(m, c).includes(lang)) return null;
  const questions = bankQuestions(m, c).map((q) => exchangeQuestion(q, lang) as ExchangeQuestion);
  return { lang, moduleSlug: m.slug, category: [COURSE_NAME, `${m.order}. ${need(m.title, lang)}`], questions };
}

/** A share as Moodle writes grade percentages: 7 significant decimals of the fraction (1/3 → "33.33333"). */
export function percent(fraction: number): string {
  const p = Math.round(fraction * 1e7) / 1e5;
  return Object.is(p, -0) ? "0" : String(p);
}
