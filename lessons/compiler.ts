// Compiles the files of lessons/ into the course the Worker serves; every problem names file, field and reason.
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { checkCourse, type QuestionPlace } from "./checks.ts";
import { finalModuleSource, lessonModuleSource, type QuestionSource, questionBank } from "./schema.ts";
import {
  type Block,
  type CompiledCourse,
  type CompiledModule,
  type Lang,
  langs,
  type PerLang,
  type Question,
  REQUIRED_LANGS,
  type Run,
} from "./types.ts";

export interface ContentProblem {
  file: string;
  field: string;
  reason: string;
}

export class ContentError extends Error {
  constructor(
    readonly problems: ContentProblem[],
    /** Printed beside the problems; they do not fail the build on their own. */
    readonly warnings: ContentProblem[] = [],
  ) {
    super(`The course has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`);
    this.name = "ContentError";
  }
}

export const formatProblem = (p: ContentProblem) => `  ${p.file}: ${p.field}: ${p.reason}`;

const MIN_TYPES_PER_MODULE = 4;

export interface CompileOptions {
  /** The languages every module must have in full; REQUIRED_LANGS unless a test says otherwise. */
  required?: readonly Lang[];
}

/**
 * `files` maps paths relative to lessons/ (e.g. `01-x/module.yaml`) to their text. Every problem of the
 * course is thrown at once in a ContentError; warnings (worth a look, not wrong) are pushed to `warnings`.
 */
export function compileCourse(
  files: ReadonlyMap<string, string>,
  warnings: ContentProblem[] = [],
  { required = REQUIRED_LANGS }: CompileOptions = {},
): Omit<CompiledCourse, "version"> {
  const problems: ContentProblem[] = [];
  // ru and en are required by the schema itself; the switch adds the others (kk) through the translation walk below.
  const optional = langs.filter((lang) => lang !== "ru" && lang !== "en");
  const places = new Map<string, QuestionPlace>();
  const folders = [...new Set([...files.keys()].filter((f) => f.includes("/")).map((f) => f.split("/")[0] as string))].sort();
  const modules: CompiledModule[] = [];
  const questions: Record<string, Question> = {};
  const questionFile = new Map<string, string>();
  // Folder names (01-x) differ from slugs (x): problems found across modules must name the file that has them.
  const moduleFile = new Map<CompiledModule, string>();

  for (const folder of folders) {
    const metaFile = `${folder}/module.yaml`;
    const metaText = files.get(metaFile);
    if (metaText === undefined) {
      problems.push({ file: metaFile, field: "(file)", reason: "missing: every module folder needs a module.yaml" });
      continue;
    }
    const metaValue = readYaml(metaFile, metaText, problems);
    // Validate against the one schema `kind` selects: a failed union would only say "Invalid input" at the root.
    const isFinal = metaValue !== null && typeof metaValue === "object" && (metaValue as { kind?: unknown }).kind === "final";
    const meta = isFinal
      ? validate(finalModuleSource, metaValue, metaFile, problems)
      : validate(lessonModuleSource, metaValue, metaFile, problems);
    if (isFinal && !meta) continue;

    if (meta?.kind === "final") {
      const extra = optional.filter((lang) =>
        translationComplete(lang, required.includes(lang), [{ file: metaFile, value: metaValue }], undefined, problems, warnings),
      );
      const keep = onlyLangs(["ru", "en", ...extra]);
      const compiled: CompiledModule = {
        slug: meta.slug,
        order: meta.order,
        kind: "final",
        title: keep(meta.title),
        summary: keep(meta.summary),
        objectives: keep(meta.objectives ?? { ru: [], en: [] }),
        keyTerms: [],
        lesson: { ru: [], en: [] },
        languages: ["ru", "en", ...extra],
        questionIds: [],
        draw: meta.draw,
      };
      modules.push(compiled);
      moduleFile.set(compiled, metaFile);
      continue;
    }

    // A broken module.yaml is reported above; the lesson and bank are still checked so every problem shows at once.
    if (meta) {
      for (const lang of langs) {
        const count = meta.objectives[lang]?.length;
        if (lang !== "ru" && count !== undefined && count !== meta.objectives.ru.length) {
          problems.push({ file: metaFile, field: `objectives.${lang}`, reason: `ru and ${lang} need the same number of objectives` });
        }
      }
    }

    const lesson: PerLang<Block[]> = { ru: [], en: [] };
    for (const lang of langs) {
      const file = `${folder}/lesson.${lang}.md`;
      const text = files.get(file);
      if (text === undefined) {
        if (lang === "ru" || lang === "en" || required.includes(lang)) {
          problems.push({ file, field: "(file)", reason: `missing translation: the ${lang} lesson text` });
        }
        continue;
      }
      lesson[lang] = parseLesson(text, file, problems);
    }
    compareAnchors(lesson, folder, problems);
    // With one language missing (already reported), check anchors against the other rather than report every question.
    const paragraphAnchors = new Set(
      (lesson.ru.length > 0 ? lesson.ru : lesson.en).filter((b) => b.type !== "heading").map((b) => b.anchor),
    );

    const bankFile = `${folder}/questions.yaml`;
    const bankText = files.get(bankFile);
    const bank: QuestionSource[] = [];
    let bankValue: unknown;
    if (bankText === undefined) {
      problems.push({ file: bankFile, field: "(file)", reason: "missing: every lesson module needs a question bank" });
    } else {
      bankValue = readYaml(bankFile, bankText, problems);
      const parsed = validate(questionBank, bankValue, bankFile, problems);
      if (parsed) bank.push(...parsed);
    }
    const sources = [
      { file: metaFile, value: metaValue },
      { file: bankFile, value: bankValue },
    ];
    const extra = optional.filter((lang) =>
      translationComplete(
        lang,
        required.includes(lang),
        sources,
        { file: `${folder}/lesson.${lang}.md`, blocks: lesson[lang] },
        problems,
        warnings,
      ),
    );

    // A language the module is not complete in is left out of everything it serves, so no question mixes two.
    const keep = onlyLangs(["ru", "en", ...extra]);
    bank.forEach((q, i) => {
      const at = `[${i}]`;
      const earlier = questionFile.get(q.id);
      if (earlier) {
        problems.push({ file: bankFile, field: `${at}.id`, reason: `duplicate question id "${q.id}" (also in ${earlier})` });
        return;
      }
      questionFile.set(q.id, bankFile);
      places.set(q.id, { file: bankFile, index: i });
      if (!paragraphAnchors.has(q.anchor)) {
        problems.push({ file: bankFile, field: `${at}.anchor`, reason: `dangling anchor "${q.anchor}": no such paragraph in the lesson` });
      }
      for (const p of checkKey(q)) problems.push({ file: bankFile, field: `${at}.${p.field}`, reason: p.reason });
      questions[q.id] = { ...keep(q), moduleSlug: meta?.slug ?? folder };
    });
    const types = new Set(bank.map((q) => q.type));
    if (bank.length > 0 && types.size < MIN_TYPES_PER_MODULE) {
      problems.push({
        file: bankFile,
        field: "type",
        reason: `uses ${types.size} question types; a module needs at least ${MIN_TYPES_PER_MODULE}`,
      });
    }

    if (!meta) continue;
    const compiled: CompiledModule = {
      slug: meta.slug,
      order: meta.order,
      kind: "lesson",
      title: keep(meta.title),
      summary: keep(meta.summary),
      objectives: keep(meta.objectives),
      keyTerms: keep(meta.keyTerms),
      lesson: keep(lesson),
      languages: ["ru", "en", ...extra],
      questionIds: bank.map((q) => q.id),
    };
    modules.push(compiled);
    moduleFile.set(compiled, metaFile);
  }

  checkUnique(modules, moduleFile, "slug", problems);
  checkUnique(modules, moduleFile, "order", problems);
  const checked = checkCourse({ modules, questions, places });
  problems.push(...checked.errors);
  warnings.push(...checked.warnings);
  if (problems.length > 0) throw new ContentError(problems, warnings);
  modules.sort((a, b) => a.order - b.order);
  return { modules, questions };
}

function readYaml(file: string, text: string, problems: ContentProblem[]): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    const reason = error instanceof YAMLParseError ? error.message.split("\n")[0] : String(error);
    problems.push({ file, field: "(yaml)", reason: `not valid YAML: ${reason}` });
    return undefined;
  }
}

function validate<T extends z.ZodType>(schema: T, value: unknown, file: string, problems: ContentProblem[]): z.output<T> | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ file, field: formatPath(issue.path) || "(root)", reason: explainIssue(issue, value) });
  }
  return undefined;
}

/** zod says "expected string, received undefined"; an author needs to hear that a field or a translation is missing. */
function explainIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code !== "invalid_type" || issue.path.length === 0) return issue.message;
  const parent = issue.path
    .slice(0, -1)
    .reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined), value);
  const key = issue.path.at(-1) as PropertyKey;
  if (parent === null || typeof parent !== "object" || key in parent) return issue.message;
  if (key === "ru" || key === "en") return `missing translation: no ${key} text (${issue.message})`;
  return `missing field (${issue.message})`;
}

const formatPath = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");

/** The key must point at things the question has. */
function checkKey(q: QuestionSource): { field: string; reason: string }[] {
  const out: { field: string; reason: string }[] = [];
  const duplicateIds = (list: { id: string }[], field: string) => {
    const seen = new Set<string>();
    for (const [i, item] of list.entries()) {
      if (seen.has(item.id)) out.push({ field: `${field}[${i}].id`, reason: `duplicate id "${item.id}"` });
      seen.add(item.id);
    }
  };
  switch (q.type) {
    case "single": {
      duplicateIds(q.options, "options");
      if (!q.options.some((o) => o.id === q.answer)) out.push({ field: "answer", reason: `answer "${q.answer}" is not among the options` });
      break;
    }
    case "multiple": {
      duplicateIds(q.options, "options");
      for (const [i, a] of q.answer.entries()) {
        if (!q.options.some((o) => o.id === a)) out.push({ field: `answer[${i}]`, reason: `answer "${a}" is not among the options` });
      }
      if (new Set(q.answer).size !== q.answer.length) out.push({ field: "answer", reason: "an option is listed twice" });
      break;
    }
    case "ordering":
      duplicateIds(q.items, "items");
      break;
    case "matching":
      duplicateIds(q.pairs, "pairs");
      break;
    default:
      break;
  }
  return out;
}

function checkUnique(modules: CompiledModule[], files: Map<CompiledModule, string>, key: "slug" | "order", problems: ContentProblem[]) {
  const seen = new Map<unknown, string>();
  for (const m of modules) {
    const file = files.get(m) as string;
    const other = seen.get(m[key]);
    if (other) problems.push({ file, field: key, reason: `duplicate ${key} "${m[key]}" (also in ${other})` });
    seen.set(m[key], file);
  }
}

/** A copy of `value` whose per-language texts (objects with ru) keep only `languages`. */
const onlyLangs =
  (languages: readonly Lang[]) =>
  <T>(value: T): T => {
    if (Array.isArray(value)) return value.map(onlyLangs(languages)) as T;
    if (value === null || typeof value !== "object") return value;
    const isText = "ru" in value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !isText || !(langs as readonly string[]).includes(key) || languages.includes(key as Lang))
        .map(([key, child]) => [key, isText ? child : onlyLangs(languages)(child)]),
    ) as T;
  };

/** Every translation has the blocks of the Russian lesson: the same paragraphs, kinds and anchors in the same order. */
function compareAnchors(lesson: PerLang<Block[]>, folder: string, problems: ContentProblem[]) {
  if (lesson.ru.length === 0) return;
  const ru = lesson.ru.map((b) => b.anchor);
  for (const lang of langs) {
    const other = lesson[lang];
    if (lang === "ru" || other === undefined || other.length === 0) continue;
    const anchors = other.map((b) => b.anchor);
    const n = Math.max(ru.length, anchors.length);
    for (let i = 0; i < n; i++) {
      if (ru[i] !== anchors[i]) {
        problems.push({
          file: `${folder}/lesson.${lang}.md`,
          field: `block ${i + 1}`,
          reason: `missing translation: anchor "${anchors[i] ?? "(none)"}" where lesson.ru.md has "${ru[i] ?? "(none)"}"; every language needs the same paragraphs and anchors in the same order`,
        });
        break;
      }
    }
  }
}

/** Where a text of `value` (a parsed module.yaml or bank) has ru but not `lang`, and how many texts do have `lang`. */
export function translationFields(value: unknown, lang: Lang, path: PropertyKey[] = []): { missing: string[]; present: number } {
  if (value === null || typeof value !== "object") return { missing: [], present: 0 };
  if (!Array.isArray(value) && "ru" in value) {
    return lang in value ? { missing: [], present: 1 } : { missing: [formatPath([...path, lang])], present: 0 };
  }
  const missing: string[] = [];
  let present = 0;
  for (const [key, child] of Object.entries(value)) {
    const part = translationFields(child, lang, [...path, Array.isArray(value) ? Number(key) : key]);
    missing.push(...part.missing);
    present += part.present;
  }
  return { missing, present };
}

/**
 * Whether a module has every text in `lang` (its fields in `sources`, and its lesson when it has one). A required
 * language missing anywhere is an error per field; an optional one written in part is a warning, and the module
 * is then served without it rather than with a mix of languages.
 */
function translationComplete(
  lang: Lang,
  isRequired: boolean,
  sources: { file: string; value: unknown }[],
  lesson: { file: string; blocks: Block[] | undefined } | undefined,
  problems: ContentProblem[],
  warnings: ContentProblem[],
): boolean {
  const found = sources.map((s) => ({ file: s.file, ...translationFields(s.value, lang) }));
  const missing = found.flatMap((f) => f.missing.map((field) => ({ file: f.file, field })));
  const lessonMissing = lesson !== undefined && (lesson.blocks === undefined || lesson.blocks.length === 0);
  if (isRequired) {
    for (const m of missing) problems.push({ ...m, reason: `missing translation: no ${lang} text` });
    // A required lesson file that is absent was reported when the lessons were read.
    return missing.length === 0 && !lessonMissing;
  }
  const present = found.reduce((n, f) => n + f.present, 0) + (lesson?.blocks?.length ? 1 : 0);
  if (present === 0 || (missing.length === 0 && !lessonMissing)) return present > 0;
  const first = missing[0] ?? { file: lesson?.file ?? "", field: "(file)" };
  const count = missing.length + (lessonMissing ? 1 : 0);
  warnings.push({
    ...first,
    reason: `${lang} is written in part (${count} text(s) missing, this the first): the module is served without ${lang} until it is complete`,
  });
  return false;
}

const ANCHOR_AT_END = /\s*\{#([^}]*)\}\s*$/;
const VALID_ANCHOR = /^[ph]-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Our small Markdown: `## heading {#h-x}`, paragraphs and `- ` lists ending with `{#p-x}`. */
export function parseLesson(text: string, file: string, problems: ContentProblem[]): Block[] {
  const blocks: Block[] = [];
  const seen = new Set<string>();
  const normalized = text.replace(/\r\n?/g, "\n");
  // Blocks are separated by blank lines; line numbers come from each block's offset, so runs of blank lines do not skew them.
  for (const chunk of normalized.matchAll(/[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g)) {
    const raw = chunk[0].trim();
    const field = `line ${normalized.slice(0, chunk.index).split("\n").length}`;
    const anchorMatch = raw.match(ANCHOR_AT_END);
    if (!anchorMatch) {
      problems.push({ file, field, reason: "missing anchor: end the block with {#p-...} (or {#h-...} for a heading)" });
      continue;
    }
    const anchor = anchorMatch[1] as string;
    const body = raw.slice(0, anchorMatch.index).trim();
    const isHeading = body.startsWith("## ");
    if (!VALID_ANCHOR.test(anchor) || anchor.startsWith("h-") !== isHeading) {
      problems.push({
        file,
        field,
        reason: `bad anchor "${anchor}": headings use h-..., paragraphs p-..., lowercase letters, digits, hyphens`,
      });
      continue;
    }
    if (seen.has(anchor)) {
      problems.push({ file, field, reason: `duplicate anchor "${anchor}"` });
      continue;
    }
    seen.add(anchor);
    if (isHeading) {
      blocks.push({ type: "heading", anchor, runs: parseInline(body.slice(3).trim()) });
    } else if (/^- /m.test(body)) {
      // A list may open with a sentence of its own ("… in many fields:") before its `- ` items.
      const firstItem = body.search(/^- /m);
      const lead = body
        .slice(0, firstItem)
        .replace(/\s*\n\s*/g, " ")
        .trim();
      const items = body
        .slice(firstItem)
        .split(/\n(?=- )/)
        .map((item) =>
          parseInline(
            item
              .replace(/^- /, "")
              .replace(/\s*\n\s*/g, " ")
              .trim(),
          ),
        );
      blocks.push(lead ? { type: "list", anchor, lead: parseInline(lead), items } : { type: "list", anchor, items });
    } else {
      if (/^#/.test(body)) problems.push({ file, field, reason: "only ## headings are allowed" });
      blocks.push({ type: "paragraph", anchor, runs: parseInline(body.replace(/\s*\n\s*/g, " ")) });
    }
  }
  if (blocks.length === 0 && problems.every((p) => p.file !== file)) {
    problems.push({ file, field: "(file)", reason: "the lesson has no text" });
  }
  return blocks;
}

/** `**bold**` and `*italic*`, nothing else. */
export function parseInline(text: string): Run[] {
  const runs: Run[] = [];
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) runs.push({ text: m[1], bold: true });
    else runs.push({ text: m[2] as string, italic: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}
