// Checks across the compiled course that a schema cannot express: questions that give each other's answers away,
// duplicate questions, keys that stand out by length, numeric keys their paragraph does not teach; each module's
// shape (pools, paragraph length) is checked in shape.ts.

import type { ContentProblem } from "./compiler.ts";
import { EPSILON, findNumber, findPhrase, normalizeText } from "./normalize.ts";
import type { Localized } from "./schema.ts";
import { checkBankShape, checkParagraphLength } from "./shape.ts";
import type { Block, CompiledModule, Lang, Question } from "./types.ts";
import { langs } from "./types.ts";

/** Where a question sits in the source: its bank file and its index there. */
export interface QuestionPlace {
  file: string;
  index: number;
}

export interface CourseCheckInput {
  modules: readonly CompiledModule[];
  questions: Readonly<Record<string, Question>>;
  places: ReadonlyMap<string, QuestionPlace>;
}

/** Two questions with the same key ask the same thing when their prompts (or prompts with explanations) are this close. */
export const DUPLICATE_PROMPT_SIMILARITY = 0.2;
/** Without a shared key, prompts (with their options) must be this close to count as the same question. */
export const DUPLICATE_TEXT_SIMILARITY = 0.6;
/** Ordering and matching questions are the same when their items are this close. */
export const DUPLICATE_ITEMS_SIMILARITY = 0.5;
/** A key longer than every distractor in both languages, and this many times longer in one, gives itself away. */
export const LONGEST_KEY_RATIO = 1.3;

/** Errors fail the build; warnings are printed for the author to judge. */
export function checkCourse(input: CourseCheckInput): { errors: ContentProblem[]; warnings: ContentProblem[] } {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  errors.push(
    ...checkLeaks(input),
    ...checkDuplicates(input),
    ...checkNumericAnchors(input),
    ...checkBankShape(input),
    ...checkParagraphLength(input),
  );
  warnings.push(...checkLongestKey(input));
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------------
// Texts a student sees while answering: the prompt and the options, items or pairs.

interface ShownText {
  /** Where it is, for the message: "prompt", "options.b", "pairs.a.left", "the module title". */
  where: string;
  text: Localized;
}

export function shownTexts(q: Question): ShownText[] {
  const out: ShownText[] = [{ where: "prompt", text: q.prompt }];
  switch (q.type) {
    case "single":
    case "multiple":
      for (const o of q.options) out.push({ where: `options.${o.id}`, text: o.text });
      break;
    case "ordering":
      for (const item of q.items) out.push({ where: `items.${item.id}`, text: item.text });
      break;
    case "matching":
      for (const p of q.pairs) {
        out.push({ where: `pairs.${p.id}.left`, text: p.left }, { where: `pairs.${p.id}.right`, text: p.right });
      }
      break;
    default:
      break;
  }
  return out;
}

/** The languages a text is written in (kk only where it is). */
export const langsOf = (text: Localized): Lang[] => langs.filter((lang) => text[lang] !== undefined);

const problemAt = (input: CourseCheckInput, q: Question, field: string, reason: string): ContentProblem => {
  const place = input.places.get(q.id);
  return { file: place?.file ?? q.moduleSlug, field: `[${place?.index ?? "?"}]${field ? `.${field}` : ""}`, reason };
};

/** What a numeric or text question accepts, as a finder over a text; undefined for other types. */
function answerFinder(q: Question): ((text: string) => string | undefined) | undefined {
  if (q.type === "numeric") return (text) => findNumber(text, q.answer, q.tolerance);
  if (q.type === "text") {
    // Grading accepts a variant of any language whatever the student reads, so every list is searched everywhere.
    const variants = [...new Set(langs.flatMap((lang) => q.answers[lang] ?? []))];
    return (text) => findPhrase(text, variants);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// a. No accepted answer of a numeric or text question appears in what a student sees beside it:
// any question of the course (the final test draws from every bank) and its module's title.

function checkLeaks(input: CourseCheckInput): ContentProblem[] {
  const out: ContentProblem[] = [];
  const all = Object.values(input.questions);
  const moduleBySlug = new Map(input.modules.map((m) => [m.slug, m]));
  for (const q of all) {
    const find = answerFinder(q);
    if (!find) continue;
    const report = (where: string, part: string | undefined, text: Localized) => {
      const found = langsOf(text)
        .map((lang) => [lang, find(text[lang] as string)] as const)
        .filter(([, f]) => f !== undefined);
      if (found.length === 0) return;
      const shown = [...new Set(found.map(([, f]) => f))].map((f) => `"${f}"`).join(" / ");
      const details = [...(part ? [part] : []), ...found.map(([lang]) => lang)].join(", ");
      out.push(problemAt(input, q, "answer", `${q.id}'s answer ${shown} appears in ${where} (${details})`));
    };
    const module = moduleBySlug.get(q.moduleSlug);
    if (module) report("the module title", undefined, module.title);
    for (const other of all) {
      if (other.id === q.id) continue;
      for (const shown of shownTexts(other)) report(other.id, shown.where, shown.text);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// b. Two questions of the course that ask the same thing (the final test could draw both).

const STOPWORDS = new Set(
  (
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну " +
    "ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам " +
    "чтобы без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее были куда зачем " +
    "всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой " +
    "перед иногда лучше чуть том нельзя такой им более всегда конечно всю между какие каких каким какое какую каком какого какому сколько верно ли году года " +
    "the a an of to in on for by and or is are was were be been which what who whom whose how many much did does do it its as at from with that this these those " +
    "true false under into than then there their they he she his her year years"
  ).split(" "),
);

/** Content words cut to a 4-letter prefix: a crude stem that makes "Китай", "китайский" and "Китаем" one word. */
function contentWords(text: string): Set<string> {
  return new Set(
    normalizeText(text)
      .split(" ")
      .filter((w) => w.length > 1 && !STOPWORDS.has(w))
      .map((w) => w.slice(0, 4)),
  );
}

/**
 * Similarity of two texts in [0, 1]: Jaccard over content words, each weighted by how rare it is in the
 * course (inverse document frequency), so "Kazakhstan" or "company" count little and "supercomputer" much.
 */
export class TextSimilarity {
  private readonly weight: (word: string) => number;

  constructor(corpus: readonly string[]) {
    const documents = new Map<string, number>();
    for (const text of corpus) for (const w of contentWords(text)) documents.set(w, (documents.get(w) ?? 0) + 1);
    const n = Math.max(corpus.length, 2);
    this.weight = (w) => Math.log(n / Math.min(documents.get(w) ?? 1, n - 1));
  }

  of(a: string, b: string): number {
    const wa = contentWords(a);
    const wb = contentWords(b);
    let shared = 0;
    let union = 0;
    for (const w of new Set([...wa, ...wb])) {
      const x = this.weight(w);
      union += x;
      if (wa.has(w) && wb.has(w)) shared += x;
    }
    return union > 0 ? shared / union : 0;
  }

  /** Mean over the languages both texts have, so a pair must be close in every one alike. */
  ofLocalized(a: Localized, b: Localized): number {
    const shared = langsOf(a).filter((lang) => b[lang] !== undefined);
    return shared.reduce((sum, lang) => sum + this.of(a[lang] as string, b[lang] as string), 0) / shared.length;
  }
}

/** Texts joined per language; a language goes in only when every text has it. */
const joined = (texts: Localized[]): Localized => {
  const join = (lang: Lang) => texts.map((t) => t[lang]).join(" ");
  const out: Localized = { ru: join("ru"), en: join("en") };
  if (texts.every((t) => t.kk !== undefined)) out.kk = join("kk");
  return out;
};

/** The answer a question wants, as normalised phrases (text, single), when it has one that can be compared. */
export function keyPhrases(q: Question): Set<string> | undefined {
  if (q.type === "text") return new Set(langs.flatMap((lang) => q.answers[lang] ?? []).map(normalizeText));
  if (q.type === "single") {
    const key = q.options.find((o) => o.id === q.answer);
    return key ? new Set(langsOf(key.text).map((lang) => normalizeText(key.text[lang] as string))) : undefined;
  }
  return undefined;
}

const itemsOf = (q: Question): Localized | undefined =>
  q.type === "ordering"
    ? joined(q.items.map((i) => i.text))
    : q.type === "matching"
      ? joined(q.pairs.flatMap((p) => [p.left, p.right]))
      : undefined;

/** Why q and other ask the same thing, or undefined when they do not. */
export function duplicateReason(q: Question, other: Question, texts: TextSimilarity): string | undefined {
  // Short prompts say little: the explanation tells what a question is about ("which university got the supercomputer").
  const about = () =>
    Math.max(
      texts.ofLocalized(q.prompt, other.prompt),
      texts.ofLocalized(joined([q.prompt, q.explanation]), joined([other.prompt, other.explanation])),
    );
  if (q.type === "numeric" && other.type === "numeric") {
    return Math.abs(q.answer - other.answer) <= EPSILON && about() >= DUPLICATE_PROMPT_SIMILARITY ? `the same key ${q.answer}` : undefined;
  }
  const keysA = keyPhrases(q);
  const keysB = keyPhrases(other);
  if (keysA && keysB) {
    const shared = [...keysA].find((k) => keysB.has(k));
    return shared !== undefined && about() >= DUPLICATE_PROMPT_SIMILARITY ? `the same key "${shared}"` : undefined;
  }
  if (q.type !== other.type) return undefined;
  const itemsA = itemsOf(q);
  const itemsB = itemsOf(other);
  if (itemsA && itemsB) {
    return texts.ofLocalized(itemsA, itemsB) >= DUPLICATE_ITEMS_SIMILARITY
      ? `the same ${q.type === "ordering" ? "items to order" : "pairs to match"}`
      : undefined;
  }
  const shown = (x: Question) => joined(shownTexts(x).map((s) => s.text));
  return texts.ofLocalized(shown(q), shown(other)) >= DUPLICATE_TEXT_SIMILARITY ? "nearly the same prompt and options" : undefined;
}

function checkDuplicates(input: CourseCheckInput): ContentProblem[] {
  const out: ContentProblem[] = [];
  const all = Object.values(input.questions);
  const texts = new TextSimilarity(
    all.flatMap((q) => [
      ...langsOf(q.prompt).map((lang) => `${q.prompt[lang]} ${q.explanation[lang] ?? ""}`),
      ...shownTexts(q).flatMap((s) => langsOf(s.text).map((lang) => s.text[lang] as string)),
    ]),
  );
  for (const [i, q] of all.entries()) {
    for (const other of all.slice(i + 1)) {
      const why = duplicateReason(q, other, texts);
      if (why)
        out.push(
          problemAt(
            input,
            q,
            "",
            `${q.id} and ${other.id} ask the same thing (${why}); the final test can draw both: rewrite or remove one`,
          ),
        );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// c. A key option that is by far the longest gives itself away (a warning: sometimes the right answer is long).

function checkLongestKey(input: CourseCheckInput): ContentProblem[] {
  const out: ContentProblem[] = [];
  for (const q of Object.values(input.questions)) {
    if (q.type !== "single" && q.type !== "multiple") continue;
    const keys = new Set(q.type === "single" ? [q.answer] : q.answer);
    // How many times the shortest key option outruns the longest distractor, per language.
    const written = langs.filter((lang) => q.options.every((o) => o.text[lang] !== undefined));
    const ratios = written.map((lang) => {
      const keyLengths = q.options.filter((o) => keys.has(o.id)).map((o) => (o.text[lang] as string).length);
      const otherLengths = q.options.filter((o) => !keys.has(o.id)).map((o) => (o.text[lang] as string).length);
      // A key that names no option is reported by the compiler already.
      return keyLengths.length > 0 && otherLengths.length > 0 ? Math.min(...keyLengths) / Math.max(...otherLengths) : 0;
    });
    // Longest in both languages, and by far in at least one: a student reading either sees it stand out.
    if (ratios.every((r) => r > 1) && ratios.some((r) => r >= LONGEST_KEY_RATIO)) {
      const shown = written.map((lang, i) => `${lang} ${(ratios[i] as number).toFixed(1)}×`).join(", ");
      out.push(
        problemAt(
          input,
          q,
          "options",
          `${q.id}'s key is the longest option by far (${shown} the longest distractor): lengthen the distractors or shorten the key`,
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// d. A numeric question's key is taught, as a figure, in the paragraph it anchors to.

const blockText = (b: Block) =>
  (b.type === "list" ? [b.lead ?? [], ...b.items] : [b.runs]).map((runs) => runs.map((r) => r.text).join("")).join(" ");

function checkNumericAnchors(input: CourseCheckInput): ContentProblem[] {
  const out: ContentProblem[] = [];
  const moduleBySlug = new Map(input.modules.map((m) => [m.slug, m]));
  for (const q of Object.values(input.questions)) {
    if (q.type !== "numeric") continue;
    const lesson = moduleBySlug.get(q.moduleSlug)?.lesson;
    if (!lesson) continue;
    const missing = langs.filter((lang: Lang) => {
      const block = lesson[lang]?.find((b) => b.anchor === q.anchor);
      // A dangling anchor is reported by the compiler already.
      return block !== undefined && findNumber(blockText(block), q.answer, q.tolerance) === undefined;
    });
    if (missing.length > 0) {
      out.push(
        problemAt(input, q, "anchor", `${q.id}'s key ${q.answer} is not written in its paragraph "${q.anchor}" (${missing.join(", ")})`),
      );
    }
  }
  return out;
}
