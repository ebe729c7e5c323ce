// Wire shapes of the spaced-repetition deck (served under /api/review/* for compatibility).
import { LEARNER_RATINGS } from "../domain/deck.ts";
import { z } from "../openapi.ts";
import { AnswerSchema, DateTime, Localized, pathParam, ServedQuestionSchema } from "./common.ts";

/** At most this many cards per GET: a session's worth, and a small response on a phone network. */
export const DUE_PAGE = 20;
const MAX_SEED = 2 ** 32 - 1;

const CardState = z.enum(["new", "learning", "review", "relearning"]);
const Rating = z.enum(LEARNER_RATINGS);

export const DueCard = z
  .object({
    questionId: z.string(),
    moduleSlug: z.string(),
    moduleTitle: Localized,
    seed: z
      .number()
      .int()
      .openapi({ description: "The serving's seed: send it back with the answer, so the server grades the question as it was shown" }),
    question: ServedQuestionSchema,
    state: CardState,
    reps: z.number().int(),
    lapses: z.number().int(),
    dueAt: DateTime,
  })
  .openapi("DueCard");

export const DueCards = z
  .object({
    due: z.number().int().openapi({ description: "How many cards are due now (all of them, not only those listed)" }),
    cards: z.array(DueCard).openapi({ description: `The ${DUE_PAGE} (or \`limit\`) cards due longest, oldest first` }),
    nextDue: z
      .string()
      .nullable()
      .openapi({ format: "date-time", description: "When the next card not yet due will be; null when the deck has no such card" }),
  })
  .openapi("ReviewDue");

export const DueQuery = z.object({
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(0)
    .max(DUE_PAGE)
    .optional()
    .openapi({ param: { name: "limit", in: "query" }, description: `How many cards to serve (0–${DUE_PAGE}); 0 only counts them` }),
});

export const CardParams = z.object({ questionId: pathParam("questionId", 80) });

export const CardAnswerBody = z
  .object({
    answer: AnswerSchema,
    seed: z.number().int("must be a whole number").min(0).max(MAX_SEED).openapi({ description: "The `seed` of the card as served" }),
    rating: Rating.optional().openapi({
      description: "The learner's own rating; counts only when the answer is right (a wrong answer is always `again`). Default `good`.",
    }),
  })
  .openapi("ReviewAnswerRequest");

const seconds = z.number().int().min(0);

export const CardResult = z
  .object({
    questionId: z.string(),
    correct: z.boolean().openapi({ description: "Whether the answer that counts for this serving was right (the first one sent)" }),
    score: z.number().openapi({ description: "This answer's score in [0, 1]" }),
    correctAnswer: AnswerSchema,
    explanation: Localized,
    anchor: z.string(),
    moduleSlug: z.string(),
    rating: Rating,
    state: CardState,
    nextDue: DateTime,
    preview: z.object({ again: seconds, hard: seconds, good: seconds, easy: seconds }).openapi({
      description:
        "For each rating, how many seconds after this review the card comes back (ts-fsrs's preview): what the rating buttons show. " +
        "The same for every answer to one serving, so choosing another rating never changes the others' promise.",
    }),
    revised: z.boolean().openapi({
      description: "True when this answer was for the same serving as the previous one and replaced its rating instead of adding a review",
    }),
  })
  .openapi("ReviewAnswerResult");
