// Shapes of the compiled course that the Worker imports (lessons/.build/course.json).
import type { Localized, QuestionSource } from "./schema.ts";

export type Lang = "ru" | "en";
export const langs: readonly Lang[] = ["ru", "en"];

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
  objectives: { ru: string[]; en: string[] };
  keyTerms: { term: Localized; definition: Localized }[];
  /** Lesson text per language; empty for the final test. */
  lesson: { ru: Block[]; en: Block[] };
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
