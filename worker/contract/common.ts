// Wire shapes shared by several resources: texts, instants, users, path parameters, the served question and the answer.
import { type Answer, regradeKinds, type ServedQuestion } from "../../db/json.ts";
import { questionTypes } from "../../lessons/schema.ts";
import { z } from "../openapi.ts";

/**
 * Text in the course languages: ru and en always, kk where the question or module is written in Kazakh. Left unnamed so each response keeps it inline, as the document always had it;
 * the assignments routes name their use of it "Localized".
 */
export const Localized = z.object({ ru: z.string(), en: z.string(), kk: z.string().optional() });

/** An instant (ms since epoch) as the API writes it: ISO 8601 in UTC; null stays null. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** An instant on the wire (see `iso`). */
export const DateTime = z.string().openapi({ format: "date-time" });

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["student", "instructor"]),
  })
  .openapi("User");

/** A path parameter: a non-empty id of at most `max` characters. */
export const pathParam = (name: string, max = 64, extra: { example?: string } = {}) =>
  z
    .string()
    .min(1)
    .max(max)
    .openapi({ param: { name, in: "path" }, ...extra });

export const IdParam = z.object({ id: pathParam("id") });

export const QuestionType = z.enum(questionTypes);
export const Mode = z.enum(["practice", "assessment"]);
export const GradingMethod = z.enum(["best", "last", "average"]);
export const ReviewPolicy = z.enum(["after_submit", "after_due", "never"]);
export const AttemptStatus = z.enum(["open", "submitted"]);
/** accept a typed answer, full marks for everyone, drop from the score; score: one attempt's score set by hand. */
export const RegradeKind = z.enum(regradeKinds).openapi("RegradeKind");
export const AssignmentStatus = z.enum(["upcoming", "not_started", "in_progress", "submitted", "late", "missed"]);

const UnitText = z.union([
  z.string(),
  z.object({
    zero: z.string().optional(),
    one: z.string().optional(),
    two: z.string().optional(),
    few: z.string().optional(),
    many: z.string().optional(),
    other: z.string(),
  }),
]);

/** A numeric question's unit: per language a string, or its plural forms by Intl.PluralRules category. */
const Unit = z.object({ ru: UnitText, en: UnitText, kk: UnitText.optional() }).openapi({
  description:
    "Per language, a string said the same after any number, or plural forms keyed by Intl.PluralRules category " +
    "(`other` always present): pick the form with the number shown beside it.",
});

const Choice = z.object({ id: z.string(), text: Localized });

/** A question as a student receives it: no key (the stored shape is db/json.ts `ServedQuestion`). */
export const ServedQuestionSchema = z
  .object({
    id: z.string(),
    type: QuestionType,
    moduleSlug: z.string(),
    anchor: z.string(),
    prompt: Localized,
    options: z.array(Choice).optional(),
    items: z.array(Choice).optional(),
    left: z.array(Choice).optional(),
    right: z.array(Choice).optional(),
    unit: Unit.optional(),
  })
  .openapi("ServedQuestion") satisfies z.ZodType<ServedQuestion>;

export const AnswerSchema = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.record(z.string(), z.string())])
  .openapi("Answer", {
    description:
      "single: option id · multiple: option ids · truefalse: boolean · numeric: what was typed (or a number) · text: what was typed · ordering: item ids in order · matching: { leftId: rightId }",
  }) satisfies z.ZodType<Answer>;

/** A 0–1 value: any field named `share` or ending in `Share`; a field named `percent` is always 0–100. */
export const share = (description: string) => z.number().min(0).max(1).nullable().openapi({ description });
