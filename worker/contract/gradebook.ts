// Wire shapes of the gradebook (the instructor's side): students × assignments, one student's attempts, item analysis.
// A 0–1 value is a `share` (or ends in `Share`); the CSV writes the same values as percentages.
import { z } from "../openapi.ts";
import {
  AnswerSchema,
  AssignmentStatus,
  DateTime,
  GradingMethod,
  IdParam,
  Localized,
  Mode,
  pathParam,
  RegradeKind,
  ServedQuestionSchema,
  share,
} from "./common.ts";
import { AccommodationSchema } from "./overrides.ts";

const Status = AssignmentStatus;
const dateTime = DateTime;
export const ClassRef = z.object({ id: z.string(), name: z.string() }).openapi("ClassRef");

export const AssignmentRef = {
  id: z.string(),
  module: z.string(),
  moduleTitle: Localized,
  mode: Mode,
  opensAt: dateTime.nullable(),
  dueAt: dateTime.nullable(),
  gradingMethod: GradingMethod,
  maxAttempts: z.number().int().nullable(),
};

export const GradebookCell = z
  .object({
    gradeShare: share("Under the assignment's grading method; null before a submission"),
    attempts: z.number().int(),
    status: Status,
    accommodation: AccommodationSchema.nullable().openapi({ description: "The student's override on this assignment, if any" }),
  })
  .openapi("GradebookCell");

export const GradebookSchema = z
  .object({
    class: ClassRef,
    generatedAt: dateTime,
    students: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          email: z.string(),
          cells: z.record(z.string(), GradebookCell).openapi({ description: "By assignment id" }),
          averageShare: share("Mean over graded assessments, a missed one counting 0; practice is not averaged"),
        })
        .openapi("GradebookStudent"),
    ),
    assignments: z.array(
      z
        .object({
          ...AssignmentRef,
          averageShare: share("Mean grade of the students who have one"),
          distribution: z
            .array(z.number().int())
            .length(10)
            .openapi({ description: "Students per tenth of the scale: 0–10 %, …, 90–100 %" }),
          submittedCount: z.number().int(),
        })
        .openapi("GradebookAssignment"),
    ),
    notStartedDueSoon: z.array(
      z
        .object({ assignmentId: z.string(), dueAt: dateTime, students: z.array(z.object({ id: z.string(), name: z.string() })) })
        .openapi("NotStartedDueSoon", { description: "Assignments due within 72 hours and the students who have not started them" }),
    ),
  })
  .openapi("Gradebook");

export const ReviewedItem = z
  .object({
    question: ServedQuestionSchema,
    answer: AnswerSchema.nullable(),
    score: share("This question's score; null while the attempt is open"),
    correctAnswer: AnswerSchema,
    explanation: Localized,
    counted: z.boolean().openapi({ description: "False when a regrade dropped the question from the score" }),
    regraded: RegradeKind.nullable().openapi({ description: "The regrade that decided this question's score, if any" }),
  })
  .openapi("InstructorReviewItem");

export const StudentAttempts = z
  .object({
    class: ClassRef,
    student: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    assignments: z.array(
      z.object({
        ...AssignmentRef,
        gradeShare: share("Under the grading method"),
        status: Status,
        accommodation: AccommodationSchema.nullable(),
        attempts: z.array(
          z.object({
            id: z.string(),
            status: z.enum(["open", "submitted"]),
            startedAt: dateTime,
            submittedAt: dateTime.nullable(),
            deadline: dateTime.nullable(),
            late: z.boolean().openapi({ description: "Submitted after the assignment's due date" }),
            score: z.number().nullable(),
            maxScore: z.number().nullable(),
            share: share("score / maxScore"),
            items: z.array(ReviewedItem),
          }),
        ),
      }),
    ),
  })
  .openapi("StudentAttempts");

export const ItemAnalysisSchema = z
  .object({
    class: ClassRef,
    assignment: z.object(AssignmentRef),
    attemptCount: z.number().int().openapi({ description: "Submitted attempts analysed (current members only)" }),
    reliable: z.boolean().openapi({ description: "attemptCount ≥ reliableFrom; below it the figures swing with a single student" }),
    reliableFrom: z.number().int().openapi({ description: "Attempts from which facility and discrimination are worth reading (20)" }),
    groupSize: z.number().int().openapi({ description: "Attempts in each of the upper and lower 27 % groups" }),
    items: z.array(
      z
        .object({
          questionId: z.string(),
          type: ServedQuestionSchema.shape.type,
          moduleSlug: z.string(),
          anchor: z.string(),
          prompt: Localized,
          served: z.number().int(),
          answered: z.number().int(),
          correct: z.number().int().openapi({ description: "Attempts with full marks on the question" }),
          reliable: z
            .boolean()
            .openapi({ description: "served ≥ reliableFrom: only then are facility and discrimination more than noise" }),
          facility: share("Mean score over the attempts that were served it"),
          discrimination: z
            .number()
            .min(-1)
            .max(1)
            .nullable()
            .openapi({ description: "Upper group's mean item score minus the lower group's" }),
          options: z
            .array(
              z.object({
                id: z.string(),
                text: Localized,
                correct: z.boolean(),
                picked: z.number().int(),
                share: share("picked / answered"),
              }),
            )
            .nullable(),
          flags: z.array(z.enum(["too_hard", "too_easy", "negative_discrimination"])),
        })
        .openapi("ItemStats"),
    ),
  })
  .openapi("ItemAnalysis");

export const StudentParams = IdParam.extend({ studentId: pathParam("studentId") });
export const ItemsQuery = z.object({
  assignmentId: z
    .string("is required")
    .min(1, "is required")
    .max(64, "must be at most 64 characters")
    .openapi({ param: { name: "assignmentId", in: "query" }, description: "An assignment of this class" }),
});
export const CsvQuery = z.object({
  lang: z
    .enum(["ru", "en", "kk"], "must be ru, en or kk")
    .default("ru")
    .openapi({ param: { name: "lang", in: "query" }, description: "Language of the header row" }),
});
