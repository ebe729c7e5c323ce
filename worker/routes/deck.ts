// The spaced-repetition deck: the learner's missed questions due now, served fresh, and answering one to reschedule it.
// Its API paths stay /api/review/* (outside tools rely on them); everywhere in the code it is the deck.
import { dueCards, findCard, rescheduleCard } from "../../db/queries/deck.ts";
import { iso } from "../contract/common.ts";
import { CardAnswerBody, CardParams, CardResult, DUE_PAGE, DueCards, DueQuery } from "../contract/deck.ts";
import { course, moduleTitle } from "../course.ts";
import { correctAnswerOf } from "../domain/attempts.ts";
import {
  LEARNER_RATINGS,
  type LearnerRating,
  readDeckCard,
  reviewDeckCard,
  revisesLastReview,
  stateName,
  toCard,
  writeDeckCard,
} from "../domain/deck.ts";
import { gradeAnswer } from "../domain/grading.ts";
import { mulberry32, randomSeed } from "../domain/random.ts";
import { parseAnswer, serveQuestion } from "../domain/serve.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn } from "../openapi.ts";
import { badRequest, conflict, notFound } from "../problem.ts";

export { DUE_PAGE } from "../contract/deck.ts";

/**
 * Only cards whose question is still in the course, and is not assessment-only, are served, counted or answered: the
 * deck shows keys, and an assessment-only question's key belongs to its assessment's review policy.
 */
const deckQuestionIds = Object.values(course.questions)
  .filter((q) => !q.assessmentOnly)
  .map((q) => q.id);
const deckQuestion = (id: string) => {
  const q = course.questions[id];
  return q && !q.assessmentOnly ? q : undefined;
};

const tags = ["Review"];

const inSeconds = (preview: Record<LearnerRating, number>) =>
  Object.fromEntries(LEARNER_RATINGS.map((r) => [r, Math.round(preview[r] / 1000)])) as Record<LearnerRating, number>;

export const deckRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/review/due",
      operationId: "listDueCards",
      tags,
      security: signedIn,
      summary: "My review cards due now, each question freshly served (no key)",
      request: { query: DueQuery },
      responses: { 200: jsonContent(DueCards, "The cards due now"), ...problems(401, 403) },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const limit = c.req.valid("query").limit ?? DUE_PAGE;
      const deck = await dueCards(c.var.db, user.id, Date.now(), limit, deckQuestionIds);
      const cards = deck.cards.flatMap((row) => {
        const question = deckQuestion(row.questionId);
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
      return c.json({ due: deck.due, cards, nextDue: iso(deck.nextDue) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/review/{questionId}",
      operationId: "gradeCard",
      tags,
      security: signedIn,
      summary: "Answer a card: graded on the server, then rescheduled with FSRS",
      description:
        "A wrong answer is rated `again` (back in minutes). A right one takes the learner's `rating` (default `good`). " +
        "Sending the same serving (`seed`) again within 30 minutes revises that review instead of adding one: a retry is harmless, " +
        "and the learner can choose Hard/Good/Easy after seeing the feedback; the first answer's correctness still counts.",
      request: { params: CardParams, body: jsonBody(CardAnswerBody) },
      responses: { 200: jsonContent(CardResult, "Graded and rescheduled"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const { questionId } = c.req.valid("param");
      const body = c.req.valid("json");
      const now = Date.now();
      const row = await findCard(c.var.db, user.id, questionId, now);
      const question = deckQuestion(questionId);
      if (!row || !question) throw notFound("review card");
      const deck = readDeckCard(row.card, row.due);
      // A card not yet due stays closed (it may be waiting for an assignment's due date before showing its key);
      // only the rating that follows the learner's own answer to this serving may come early.
      if (row.due > now && !revisesLastReview(deck.lastReview, body.seed, now)) {
        throw conflict(`This card is not due until ${iso(row.due)}.`, "not_due");
      }
      // Its assessment's review policy (as the assignment says now, e.g. after an extension) still hides the key.
      if (row.keyHidden) throw conflict("This card waits for its assessment's answers to be released.", "not_due");
      // The same seed serves the same ids: this is the question exactly as the learner saw it, key included.
      const served = serveQuestion(question, mulberry32(body.seed));
      const parsed = parseAnswer(served.served, body.answer);
      if (!parsed.ok) throw badRequest(`Invalid answer: it ${parsed.message}.`, [{ path: "answer", message: parsed.message }]);
      const grade = gradeAnswer(served.key, parsed.value);
      const review = reviewDeckCard(deck, { seed: body.seed, correct: grade.correct, chosen: body.rating, now });
      await rescheduleCard(c.var.db, user.id, questionId, writeDeckCard(review.deck), review.due);
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
          preview: inSeconds(review.preview),
          revised: review.revised,
        },
        200,
      );
    },
  );
