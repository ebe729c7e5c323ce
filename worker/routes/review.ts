// The spaced-repetition deck: the learner's missed questions due now, served fresh, and answering one to reschedule it.
import { and, asc, count, eq, gt, lte, min, sql } from "drizzle-orm";
import { reviewCards } from "../../db/schema.ts";
import { course, moduleTitle } from "../course.ts";
import { correctAnswerOf } from "../domain/attempts.ts";
import { LEARNER_RATINGS, readDeckCard, reviewDeckCard, revisesLastReview, stateName, toCard, writeDeckCard } from "../domain/deck.ts";
import { gradeAnswer } from "../domain/grading.ts";
import { mulberry32, randomSeed } from "../domain/random.ts";
import { parseAnswer, serveQuestion } from "../domain/serve.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { badRequest, conflict, notFound } from "../problem.ts";
import { iso, Localized } from "../schemas.ts";
import { AnswerSchema, ServedQuestionSchema } from "./attempts.ts";

/** At most this many cards per GET: a session's worth, and a small response on a phone network. */
export const DUE_PAGE = 20;
const MAX_SEED = 2 ** 32 - 1;

const CardState = z.enum(["new", "learning", "review", "relearning"]);
const Rating = z.enum(LEARNER_RATINGS);

const DueCard = z
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
    dueAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("DueCard");

const Due = z
  .object({
    due: z.number().int().openapi({ description: "How many cards are due now (all of them, not only those listed)" }),
    cards: z.array(DueCard).openapi({ description: `The ${DUE_PAGE} (or \`limit\`) cards due longest, oldest first` }),
    nextDue: z
      .string()
      .nullable()
      .openapi({ format: "date-time", description: "When the next card not yet due will be; null when the deck has no such card" }),
  })
  .openapi("ReviewDue");

const DueQuery = z.object({
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(0)
    .max(DUE_PAGE)
    .optional()
    .openapi({ param: { name: "limit", in: "query" }, description: `How many cards to serve (0–${DUE_PAGE}); 0 only counts them` }),
});

const QuestionParam = z.object({
  questionId: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: "questionId", in: "path" } }),
});

const AnswerBody = z
  .object({
    answer: AnswerSchema,
    seed: z.number().int("must be a whole number").min(0).max(MAX_SEED).openapi({ description: "The `seed` of the card as served" }),
    rating: Rating.optional().openapi({
      description: "The learner's own rating; counts only when the answer is right (a wrong answer is always `again`). Default `good`.",
    }),
  })
  .openapi("ReviewAnswerRequest");

const ReviewResult = z
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
    nextDue: z.string().openapi({ format: "date-time" }),
    revised: z.boolean().openapi({
      description: "True when this answer was for the same serving as the previous one and replaced its rating instead of adding a review",
    }),
  })
  .openapi("ReviewAnswerResult");

/**
 * Only cards whose question is still in the course: one bound parameter (a JSON list) however big the
 * course, since D1 caps a statement at 100 of them.
 */
const courseQuestionIds = JSON.stringify(Object.keys(course.questions));
const inCourse = sql`${reviewCards.questionId} IN (SELECT value FROM json_each(${courseQuestionIds}))`;

const tags = ["Review"];

export const reviewRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/review/due",
      tags,
      security: signedIn,
      summary: "My review cards due now, each question freshly served (no key)",
      request: { query: DueQuery },
      responses: { 200: jsonContent(Due, "The cards due now"), ...problems(401, 403) },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const limit = c.req.valid("query").limit ?? DUE_PAGE;
      const db = c.var.db;
      const now = Date.now();
      const mine = eq(reviewCards.userId, user.id);
      const [rows, total, next] = await db.batch([
        db
          .select()
          .from(reviewCards)
          .where(and(mine, lte(reviewCards.due, now), inCourse))
          .orderBy(asc(reviewCards.due))
          .limit(limit),
        db
          .select({ n: count() })
          .from(reviewCards)
          .where(and(mine, lte(reviewCards.due, now), inCourse)),
        db
          .select({ at: min(reviewCards.due) })
          .from(reviewCards)
          .where(and(mine, gt(reviewCards.due, now), inCourse)),
      ]);
      const cards = rows.flatMap((row) => {
        const question = course.questions[row.questionId];
        if (!question) return [];
        // A fresh seed per serving: the options come in a new order each time, so the deck tests the content, not a position.
        const seed = randomSeed();
        const card = toCard(row.card, row.due);
        return [
          {
            questionId: row.questionId,
            moduleSlug: question.moduleSlug,
            moduleTitle: moduleTitle(question.moduleSlug),
            seed,
            question: serveQuestion(question, mulberry32(seed)).served,
            state: stateName(card.state),
            reps: card.reps,
            lapses: card.lapses,
            dueAt: iso(row.due),
          },
        ];
      });
      const nextAt = next[0]?.at ?? null;
      return c.json({ due: total[0]?.n ?? 0, cards, nextDue: iso(nextAt) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/review/{questionId}",
      tags,
      security: signedIn,
      summary: "Answer a card: graded on the server, then rescheduled with FSRS",
      description:
        "A wrong answer is rated `again` (back in minutes). A right one takes the learner's `rating` (default `good`). " +
        "Sending the same serving (`seed`) again within 30 minutes revises that review instead of adding one: a retry is harmless, " +
        "and the learner can choose Hard/Good/Easy after seeing the feedback; the first answer's correctness still counts.",
      request: { params: QuestionParam, body: jsonBody(AnswerBody) },
      responses: { 200: jsonContent(ReviewResult, "Graded and rescheduled"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const { questionId } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.var.db;
      const now = Date.now();
      const row = await db
        .select()
        .from(reviewCards)
        .where(and(eq(reviewCards.userId, user.id), eq(reviewCards.questionId, questionId)))
        .get();
      const question = course.questions[questionId];
      if (!row || !question) throw notFound("review card");
      const deck = readDeckCard(row.card, row.due);
      // A card not yet due stays closed (it may be waiting for an assignment's due date before showing its key);
      // only the rating that follows the learner's own answer to this serving may come early.
      if (row.due > now && !revisesLastReview(deck.lastReview, body.seed, now)) {
        throw conflict(`This card is not due until ${iso(row.due)}.`, "not_due");
      }
      // The same seed serves the same ids: this is the question exactly as the learner saw it, key included.
      const served = serveQuestion(question, mulberry32(body.seed));
      const parsed = parseAnswer(served.served, body.answer);
      if (!parsed.ok) throw badRequest(`Invalid answer: it ${parsed.message}.`, [{ path: "answer", message: parsed.message }]);
      const grade = gradeAnswer(served.key, parsed.value);
      const review = reviewDeckCard(deck, { seed: body.seed, correct: grade.correct, chosen: body.rating, now });
      await db
        .update(reviewCards)
        .set({ card: writeDeckCard(review.deck), due: review.due })
        .where(and(eq(reviewCards.userId, user.id), eq(reviewCards.questionId, questionId)));
      return c.json(
        {
          questionId,
          correct: review.correct,
          score: grade.score,
          correctAnswer: correctAnswerOf(served),
          explanation: served.explanation,
          anchor: served.served.anchor,
          moduleSlug: served.served.moduleSlug,
          rating: review.rating,
          state: stateName(review.deck.card.state),
          nextDue: iso(review.due),
          revised: review.revised,
        },
        200,
      );
    },
  );
