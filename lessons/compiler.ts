// Compiles the files of lessons/ into the course the Worker serves; every problem names file, field and reason.
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { checkCourse, type QuestionPlace } from "./checks.ts";
import { finalModuleSource, lessonModuleSource, type QuestionSource, questionBank } from "./schema.ts";
import type { Block, CompiledCourse, CompiledModule, Lang, Question, Run } from "./types.ts";

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

/**
 * `files` maps paths relative to lessons/ (e.g. `01-x/module.yaml`) to their text. Every problem of the
 * course is thrown at once in a ContentError; warnings (worth a look, not wrong) are pushed to `warnings`.
 */
export function compileCourse(files: ReadonlyMap<string, string>, warnings: ContentProblem[] = []): Omit<CompiledCourse, "version"> {
  const problems: ContentProblem[] = [];
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
      const compiled: CompiledModule = {
        slug: meta.slug,
        order: meta.order,
        kind: "final",
        title: meta.title,
        summary: meta.summary,
        objectives: meta.objectives ?? { ru: [], en: [] },
        keyTerms: [],
        lesson: { ru: [], en: [] },
        questionIds: [],
        draw: meta.draw,
      };
      modules.push(compiled);
      moduleFile.set(compiled, metaFile);
      continue;
    }

    // A broken module.yaml is reported above; the lesson and bank are still checked so every problem shows at once.
    if (meta && meta.objectives.ru.length !== meta.objectives.en.length) {
      problems.push({ file: metaFile, field: "objectives", reason: "ru and en need the same number of objectives" });
    }

    const lesson = { ru: [] as Block[], en: [] as Block[] };
    for (const lang of ["ru", "en"] as const) {
      const file = `${folder}/lesson.${lang}.md`;
      const text = files.get(file);
      if (text === undefined) {
        problems.push({ file, field: "(file)", reason: `missing translation: the ${lang} lesson text` });
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
    if (bankText === undefined) {
      problems.push({ file: bankFile, field: "(file)", reason: "missing: every lesson module needs a question bank" });
    } else {
      const parsed = validate(questionBank, readYaml(bankFile, bankText, problems), bankFile, problems);
      if (parsed) bank.push(...parsed);
    }

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
      questions[q.id] = { ...q, moduleSlug: meta?.slug ?? folder };
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
      title: meta.title,
      summary: meta.summary,
      objectives: meta.objectives,
      keyTerms: meta.keyTerms,
      lesson,
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

function compareAnchors(lesson: Record<Lang, Block[]>, folder: string, problems: ContentProblem[]) {
  if (lesson.ru.length === 0 || lesson.en.length === 0) return;
  const ru = lesson.ru.map((b) => b.anchor);
  const en = lesson.en.map((b) => b.anchor);
  const n = Math.max(ru.length, en.length);
  for (let i = 0; i < n; i++) {
    if (ru[i] !== en[i]) {
      problems.push({
        file: `${folder}/lesson.en.md`,
        field: `block ${i + 1}`,
        reason: `missing translation: anchor "${en[i] ?? "(none)"}" where lesson.ru.md has "${ru[i] ?? "(none)"}"; both languages need the same anchors in the same order`,
      });
      return;
    }
  }
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
