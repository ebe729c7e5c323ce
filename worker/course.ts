// The compiled course bundled into the Worker, and the reader-facing views of it (which never carry questions).
import courseJson from "../lessons/.build/course.json";
import type { Block, CompiledCourse, CompiledModule, Lang } from "../lessons/types.ts";

export type { Block, Lang, Run } from "../lessons/types.ts";
export { langs } from "../lessons/types.ts";

/** The whole course, answer keys included: server-side only. Reader views below copy fields one by one. */
export const course = courseJson as unknown as CompiledCourse;

/** Modules in course order (the compiler sorts them; sorting again keeps this true for any course passed in). */
const ordered = (c: CompiledCourse) => [...c.modules].sort((a, b) => a.order - b.order);

export function findModule(slug: string, c: CompiledCourse = course): CompiledModule | undefined {
  return c.modules.find((m) => m.slug === slug);
}

/** A module's title in both languages; a slug no longer in the course (old attempts, cards) stands in for its own title. */
export function moduleTitle(slug: string, c: CompiledCourse = course): CompiledModule["title"] {
  return findModule(slug, c)?.title ?? { ru: slug, en: slug };
}

/** A module's title in one language, in ru where the module is not written in that language yet. */
export function moduleTitleIn(slug: string, wanted: Lang, c: CompiledCourse = course): string {
  const m = findModule(slug, c);
  return m ? (m.title[servedLang(m, wanted)] as string) : slug;
}

export interface ModuleSummary {
  slug: string;
  order: number;
  kind: "lesson" | "final";
  /** The language of this module's texts here: the one asked for, or ru when the module is not written in it yet. */
  lang: Lang;
  /** The languages this module is written in. */
  languages: Lang[];
  title: string;
  summary: string;
  questionCount: number;
  paragraphCount: number;
  estimatedMinutes: number;
}

export interface ModuleLink {
  slug: string;
  title: string;
}

export interface LessonView {
  slug: string;
  order: number;
  kind: "lesson" | "final";
  lang: Lang;
  languages: Lang[];
  title: string;
  summary: string;
  objectives: string[];
  keyTerms: { term: string; definition: string }[];
  blocks: Block[];
  questionCount: number;
  estimatedMinutes: number;
  prev: ModuleLink | null;
  next: ModuleLink | null;
}

/**
 * Reading speed in words per minute for study text (slower than leisure reading);
 * Russian words are longer on average, so fewer of them fit in a minute.
 */
const WORDS_PER_MINUTE: Record<Lang, number> = { ru: 150, en: 180, kk: 130 };
/** A final-test question takes about a minute to read and answer. */
const MINUTES_PER_QUESTION = 1;

const blockText = (b: Block): string =>
  b.type === "list" ? [...(b.lead ?? []), ...b.items.flat()].map((r) => r.text).join(" ") : b.runs.map((r) => r.text).join(" ");

export function countWords(blocks: Block[]): number {
  return blocks.reduce((n, b) => n + (blockText(b).match(/[\p{L}\p{N}]+(?:[-'’.,][\p{L}\p{N}]+)*/gu)?.length ?? 0), 0);
}

/** How many questions one attempt at this module serves: the whole bank, or the final test's draw from every bank. */
export function questionCount(m: CompiledModule, c: CompiledCourse = course): number {
  if (m.kind === "lesson") return m.questionIds.length;
  const banks = c.modules.filter((other) => other.kind === "lesson");
  return banks.reduce((n, bank) => n + Math.min(m.draw ?? 0, bank.questionIds.length), 0);
}

/**
 * The language a module is read in when `wanted` is asked for: that one if the module is written in it, else Russian
 * (the source's language), never a mix of the two. The views say which, so the app can tell the reader.
 */
export const servedLang = (m: CompiledModule, wanted: Lang): Lang => (m.languages.includes(wanted) ? wanted : "ru");

export function estimatedMinutes(m: CompiledModule, wanted: Lang, c: CompiledCourse = course): number {
  if (m.kind === "final") return Math.max(1, Math.ceil(questionCount(m, c) * MINUTES_PER_QUESTION));
  const lang = servedLang(m, wanted);
  return Math.max(1, Math.ceil(countWords(m.lesson[lang] ?? []) / WORDS_PER_MINUTE[lang]));
}

export function moduleSummary(m: CompiledModule, wanted: Lang, c: CompiledCourse = course): ModuleSummary {
  const lang = servedLang(m, wanted);
  return {
    slug: m.slug,
    order: m.order,
    kind: m.kind,
    lang,
    languages: m.languages,
    title: m.title[lang] as string,
    summary: m.summary[lang] as string,
    questionCount: questionCount(m, c),
    paragraphCount: (m.lesson[lang] ?? []).filter((b) => b.type !== "heading").length,
    estimatedMinutes: estimatedMinutes(m, lang, c),
  };
}

export function courseOutline(lang: Lang, c: CompiledCourse = course): ModuleSummary[] {
  return ordered(c).map((m) => moduleSummary(m, lang, c));
}

/** One module as the reader sees it: text and metadata in one language, neighbours for navigation, no questions. */
export function lessonView(slug: string, wanted: Lang, c: CompiledCourse = course): LessonView | undefined {
  const modules = ordered(c);
  const i = modules.findIndex((m) => m.slug === slug);
  const m = modules[i];
  if (!m) return undefined;
  const lang = servedLang(m, wanted);
  const link = (other: CompiledModule | undefined): ModuleLink | null =>
    other ? { slug: other.slug, title: other.title[servedLang(other, wanted)] as string } : null;
  return {
    slug: m.slug,
    order: m.order,
    kind: m.kind,
    lang,
    languages: m.languages,
    title: m.title[lang] as string,
    summary: m.summary[lang] as string,
    objectives: m.objectives[lang] ?? [],
    keyTerms: m.keyTerms.map((k) => ({ term: k.term[lang] as string, definition: k.definition[lang] as string })),
    blocks: m.lesson[lang] ?? [],
    questionCount: questionCount(m, c),
    estimatedMinutes: estimatedMinutes(m, lang, c),
    prev: link(modules[i - 1]),
    next: link(modules[i + 1]),
  };
}

/** A strong validator for everything served from one course build in one language. */
export const courseEtag = (lang: Lang, c: CompiledCourse = course) => `"${c.version}-${lang}"`;
