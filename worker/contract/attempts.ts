// Wire shapes of the attempt routes: start, the attempt as served, autosave, submit, review.
import { closeReasons } from "../../db/json.ts";
import { findModule } from "../course.ts";
import { z } from "../openapi.ts";
import { AnswerSchema, AttemptStatus, DateTime, IdParam, Localized, Mode, pathParam, RegradeKind, ServedQuestionSchema } from "./common.ts";

/** Present (true) only when a text answer was accepted with a one-letter slip. */
const Typo = z.literal(true).optional().openapi({ description: "The text answer was accepted with a one-letter slip (full credit)" });

export const Feedback = z
  .object({
    correct: z.boolean(),
    typo: Typo,
    score: z.number(),
    correctAnswer: AnswerSchema,
    explanation: Localized,
    anchor: z.string(),
    moduleSlug: z.string(),
  })
  .openapi("AnswerFeedback");

export const CloseReason = z.enum(closeReasons).openapi("CloseReason", {
  description:
    "How the attempt was closed: submitted by the learner, time_up when its deadline came first (submitted automatically " +
    "by the learner's device, on the next request or by the server's scheduled job), removed when its owner left the class",
});

export const AttemptResult = z
  .object({
    score: z.number(),
    maxScore: z.number(),
    percent: z.number(),
    submittedAt: DateTime,
    closeReason: CloseReason.nullable().openapi({ description: "null for attempts closed before the reason was recorded" }),
  })
  .openapi("AttemptResult");

export const AttemptSummary = z
  .object({
    id: z.string(),
    module: z.string(),
    moduleTitle: Localized,
    assignmentId: z.string().nullable(),
    mode: Mode,
    status: AttemptStatus,
    startedAt: DateTime,
    deadline: z.string().nullable().openapi({ format: "date-time" }),
    questionCount: z.number().int(),
    answeredCount: z.number().int(),
    result: AttemptResult.nullable(),
  })
  .openapi("AttemptSummary");

export const AttemptView = AttemptSummary.extend({
  serverNow: z.string().openapi({ format: "date-time", description: "The server's clock, so a client can correct its countdown" }),
  questions: z.array(ServedQuestionSchema),
  answers: z.record(z.string(), z.object({ answer: AnswerSchema, revision: z.number().int() })),
  feedback: z.record(z.string(), Feedback).openapi({ description: "Practice mode: feedback for every answered question" }),
}).openapi("Attempt");

export const AttemptList = z.object({ attempts: z.array(AttemptSummary) }).openapi("AttemptList");

export const ReviewItem = z
  .object({
    question: ServedQuestionSchema,
    answer: AnswerSchema.nullable(),
    score: z.number().nullable().openapi({ description: "Hidden (null) while the policy hides the key" }),
    correct: z.boolean().nullable(),
    typo: Typo,
    correctAnswer: AnswerSchema.nullable(),
    explanation: Localized.nullable(),
    counted: z.boolean().openapi({ description: "False when the instructor dropped the question from the score" }),
    regraded: RegradeKind.nullable().openapi({ description: "The instructor's regrade that decided this question's score, if any" }),
  })
  .openapi("ReviewItem");

export const RegradeLine = z
  .object({
    questionId: z.string(),
    kind: RegradeKind,
    answer: z.string().nullable().openapi({ description: "accept: the answer accepted (shown once the key is)" }),
    score: z.number().nullable().openapi({ description: "score: the question's score set by hand, 0..1" }),
    comment: z.string().nullable(),
    at: DateTime,
  })
  .openapi("RegradeLine", { description: "One regrade by the instructor that touches this attempt (its audit line)" });

export const AttemptReview = z
  .object({
    attempt: AttemptSummary,
    showsKey: z.boolean(),
    keyAvailableAt: z.string().nullable().openapi({ format: "date-time", description: "When the policy will show the key, if it will" }),
    items: z.array(ReviewItem),
    regrades: z.array(RegradeLine),
  })
  .openapi("AttemptReview");

export const SubmitResponse = z.object({ attempt: AttemptSummary, review: AttemptReview.nullable() }).openapi("SubmitResponse");

export const StartBody = z
  .object({
    module: z.string().max(80).optional().openapi({ description: "A module slug, for practice on one's own" }),
    assignmentId: z.string().max(64).optional().openapi({ description: "An assignment of one of my classes" }),
  })
  .superRefine((b, ctx) => {
    if ((b.module === undefined) === (b.assignmentId === undefined)) {
      ctx.addIssue({ code: "custom", path: ["module"], message: "give exactly one of module or assignmentId" });
    } else if (b.module !== undefined && !findModule(b.module)) {
      ctx.addIssue({ code: "custom", path: ["module"], message: "must be the slug of a module of the course" });
    }
  })
  .openapi("StartAttemptRequest");

export const SaveBody = z
  .object({
    answer: AnswerSchema,
    revision: z
      .number()
      .int("must be a whole number")
      .min(0)
      .max(2 ** 31)
      .optional()
      .openapi({ description: "The client's counter for this answer; an older revision never overwrites a newer one" }),
  })
  .openapi("SaveAnswerRequest");

export const SaveAnswerResponse = z
  .object({ saved: z.literal(true), questionId: z.string(), revision: z.number().int(), feedback: Feedback.nullable() })
  .openapi("SaveAnswerResponse");

export const AnswerParams = IdParam.extend({ questionId: pathParam("questionId", 80) });

export type AttemptSummary = z.infer<typeof AttemptSummary>;
export type AttemptView = z.infer<typeof AttemptView>;
export type AttemptReview = z.infer<typeof AttemptReview>;
export type Feedback = z.infer<typeof Feedback>;
