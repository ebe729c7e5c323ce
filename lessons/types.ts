// Shapes of the compiled course that the Worker imports (lessons/.build/course.json).
import type { Localized, QuestionSource } from "./schema.ts";

export type Lang = "ru" | "en" | "kk";
/** Every language the course may be written in, in the order texts are checked and listed. */
export const langs: readonly Lang[] = ["ru", "en", "kk"];
/**
 * The one switch of the course's languages: a module must have every text in each of these, or the build fails
 * (file, field and language). A language outside it is compiled where a module has all of it, and served for that
 * module only; a module without it is served in ru, saying so (`languages`, `lang` of the views).
 * Every module of the course is written in all three, so all three are required.
 */
export const REQUIRED_LANGS: readonly Lang[] = ["ru", "en", "kk"];

/** Per-language values with ru and en always present and kk where the module has it. */
export type PerLang<T> = { ru: T; en: T; kk?: T };

/** A run of inline text; bold marks a key term, italic an emphasis. */
export interface Run {
  text: string;
  bold?: true;
  italic?: true;
}

export type Block =
  | { type: "heading"; anchor: string; runs: Run[] }
  | { type: "paragraph"; anchor: string; runs: Run[] }
  /** `lead` is the text before the first `- ` item, when the block opens with a sentence. */
  | { type: "list"; anchor: string; lead?: Run[]; items: Run[][] };

export interface CompiledModule {
  slug: string;
  order: number;
  kind: "lesson" | "final";
  title: Localized;
  summary: Localized;
  objectives: PerLang<string[]>;
  keyTerms: { term: Localized; definition: Localized }[];
  /** Lesson text per language; empty for the final test. */
  lesson: PerLang<Block[]>;
  /** The languages this module is complete in: every required one, and kk when all of its kk texts are written. */
  languages: Lang[];
  /** Question ids of this module's bank (empty for the final test). */
  questionIds: string[];
  /** Final test only: how many questions it draws from each lesson module. */
  draw?: number;
}

export type Question = QuestionSource & { moduleSlug: string };

export interface CompiledCourse {
  /** Content hash: changes whenever any lesson or question changes (used for ETags). */
  version: string;
  modules: CompiledModule[];
  questions: Record<string, Question>;
}
