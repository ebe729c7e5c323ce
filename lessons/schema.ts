// The content schema: what a module folder in lessons/ must contain, checked before anything is compiled.
import { z } from "zod";
import { questionTypes, type QuestionType as StoredQuestionType } from "../db/json.ts";

const nonEmpty = z.string().trim().min(1, "must not be empty");
// kk is optional to the schema; the compiler requires it (REQUIRED_LANGS in types.ts) with an error naming file, field and language.
export const localized = z.strictObject({ ru: nonEmpty, en: nonEmpty, kk: nonEmpty.optional() }, "needs the languages: { ru, en, kk }");
export type Localized = z.infer<typeof localized>;

/**
 * A numeric question's unit in one language: a plain string, said the same after any number ("млрд долларов", and
 * every Kazakh unit, which stays singular after numerals), or its plural forms by Intl.PluralRules category, so the
 * review agrees with the number ("1 год", "3 года", "5 лет", "2,5 года"): `other` is required, the rest as the
 * language has them (ru: one, few, many, other; en: one, other).
 */
export const unitText = z.union(
  [
    nonEmpty,
    z.strictObject({
      zero: nonEmpty.optional(),
      one: nonEmpty.optional(),
      two: nonEmpty.optional(),
      few: nonEmpty.optional(),
      many: nonEmpty.optional(),
      other: nonEmpty,
    }),
  ],
  "a unit is a string, or its plural forms { one, few, many, other } (other is required)",
);
const unit = z.strictObject({ ru: unitText, en: unitText, kk: unitText.optional() }, "needs the languages: { ru, en, kk }");

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and hyphens");
const anchor = z.string().regex(/^p-[a-z0-9-]+$/, "a paragraph anchor looks like p-some-words");

const choice = z.strictObject({ id, text: localized });
const base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and hyphens"),
  anchor,
  prompt: localized,
  explanation: localized,
  // Served only in assessments; practice and the deck never show it, so its key stays secret.
  assessmentOnly: z.boolean().default(false),
  // "reasoning": why, what follows, which claim the article supports; "recall": a fact, a figure, a name.
  skill: z.enum(["recall", "reasoning"]).default("recall"),
};

export const questionSource = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...base, type: z.literal("single"), options: z.array(choice).min(2).max(6), answer: id }),
    z.strictObject({
      ...base,
      type: z.literal("multiple"),
      options: z.array(choice).min(3).max(8),
      answer: z.array(id).min(1, "at least one option must be correct"),
    }),
    z.strictObject({ ...base, type: z.literal("truefalse"), answer: z.boolean() }),
    z.strictObject({
      ...base,
      type: z.literal("numeric"),
      answer: z.number().finite(),
      tolerance: z.number().min(0).default(0),
      unit: unit.optional(),
    }),
    z.strictObject({
      ...base,
      type: z.literal("text"),
      // Accept a one-letter slip (Damerau–Levenshtein 1) in accepted answers of 6 or more letters.
      typos: z.boolean().default(true),
      answers: z.strictObject({ ru: z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1), kk: z.array(nonEmpty).min(1).optional() }),
    }),
    z.strictObject({ ...base, type: z.literal("ordering"), items: z.array(choice).min(3).max(8) }),
    z.strictObject({
      ...base,
      type: z.literal("matching"),
      pairs: z
        .array(z.strictObject({ id, left: localized, right: localized }))
        .min(3)
        .max(8),
    }),
  ],
  { error: "unknown type: use single, multiple, truefalse, numeric, text, ordering or matching" },
);
export type QuestionSource = z.infer<typeof questionSource>;
export type QuestionType = QuestionSource["type"];
// The types an attempt can store are the data layer's (db/json.ts); the union above must list exactly those.
export { questionTypes };

const sameTypes: [QuestionType, StoredQuestionType] extends [StoredQuestionType, QuestionType] ? true : never = true;
void sameTypes;

export const questionBank = z.array(questionSource).min(10, "a module needs at least 10 questions");

const moduleCommon = {
  slug: id,
  order: z.number().int().min(0),
  title: localized,
  summary: localized,
};

export const lessonModuleSource = z.strictObject({
  ...moduleCommon,
  kind: z.literal("lesson").default("lesson"),
  objectives: z.strictObject({ ru: z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1), kk: z.array(nonEmpty).min(1).optional() }),
  keyTerms: z.array(z.strictObject({ term: localized, definition: localized })).default([]),
});

export const finalModuleSource = z.strictObject({
  ...moduleCommon,
  kind: z.literal("final"),
  draw: z.number().int().min(1).max(10),
  objectives: z
    .strictObject({ ru: z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1), kk: z.array(nonEmpty).min(1).optional() })
    .optional(),
});

export const moduleSource = z.union([finalModuleSource, lessonModuleSource]);
