// Wire shapes of the assignment routes: an assignment with its rules, and a student's progress on it.
import { findModule } from "../course.ts";
import { startBlocks } from "../domain/assignmentRules.ts";
import { isTimeZone } from "../domain/time.ts";
import { z } from "../openapi.ts";
import { AssignmentStatus, GradingMethod, IdParam, Localized, Mode, pathParam, ReviewPolicy } from "./common.ts";
import { AccommodationSchema } from "./overrides.ts";

const NamedLocalized = Localized.openapi("Localized");

export const AssignmentSchema = z
  .object({
    id: z.string(),
    classId: z.string(),
    className: z.string(),
    module: z.string(),
    moduleTitle: NamedLocalized,
    mode: Mode,
    opensAt: z.string().nullable().openapi({ format: "date-time" }),
    dueAt: z.string().nullable().openapi({ format: "date-time" }),
    timeZone: z.string(),
    opensAtLocal: z.string().nullable().openapi({ description: "opensAt as wall-clock time in timeZone" }),
    dueAtLocal: z.string().nullable().openapi({ description: "dueAt as wall-clock time in timeZone" }),
    maxAttempts: z.number().int().nullable(),
    timeLimitMinutes: z.number().int().nullable(),
    gradingMethod: GradingMethod,
    reviewPolicy: ReviewPolicy,
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Assignment");

export const AssignmentProgress = z
  .object({
    status: AssignmentStatus,
    attemptsUsed: z.number().int(),
    attemptsLeft: z.number().int().nullable(),
    openAttemptId: z.string().nullable(),
    gradeShare: z.number().nullable().openapi({ description: "0..1 under the grading method; null before a submission" }),
  })
  .openapi("AssignmentProgress");

export const StudentAssignment = AssignmentSchema.extend({
  accommodation: AccommodationSchema.nullable().openapi({
    description: "The student's accommodation, if any: the rules above already include it",
  }),
  progress: AssignmentProgress,
}).openapi("StudentAssignment");

const instant = z.string().nullable().openapi({ format: "date-time" });

export const EffectiveRules = z
  .object({
    mode: Mode,
    opensAt: instant,
    dueAt: instant,
    timeLimitMinutes: z.number().int().nullable().openapi({ description: "null: untimed (practice never is)" }),
    maxAttempts: z.number().int().nullable().openapi({ description: "null: unlimited" }),
    gradingMethod: GradingMethod,
    reviewPolicy: ReviewPolicy,
  })
  .openapi("EffectiveRules", {
    description:
      "The rules the server applies to this student when they start, save, submit and review: the class's rules with any " +
      "adjustment made for the student. Where they differ from the assignment's own fields, these hold.",
  });

export const StartBlock = z.enum(startBlocks).openapi("StartBlock", {
  description: "Why a new attempt cannot start now (the reason POST /attempts would give with its 409)",
});

export const StudentAssignmentView = StudentAssignment.extend({
  effective: EffectiveRules,
  startBlock: StartBlock.nullable().openapi({ description: "null when a new attempt may start now (or the open one resume)" }),
  serverNow: z.string().openapi({ format: "date-time", description: "The server's clock, for relative times" }),
}).openapi("StudentAssignmentView");

export const AssignmentEnvelope = z.object({ assignment: AssignmentSchema }).openapi("AssignmentEnvelope");
export const AssignmentList = z.object({ assignments: z.array(AssignmentSchema) }).openapi("AssignmentList");
export const StudentAssignmentList = z.object({ assignments: z.array(StudentAssignment) }).openapi("StudentAssignmentList");

const when = z.string().max(40, "must be at most 40 characters").nullable().optional();
/** The rules an instructor sets; `AssignmentRules` is their type, for the web's forms. */
const rules = {
  mode: z.enum(["practice", "assessment"], "must be practice or assessment"),
  opensAt: when.openapi({ description: "ISO 8601 with offset, or wall-clock YYYY-MM-DDTHH:mm in timeZone" }),
  dueAt: when.openapi({ description: "ISO 8601 with offset, or wall-clock YYYY-MM-DDTHH:mm in timeZone" }),
  timeZone: z.string().max(64).refine(isTimeZone, "must be an IANA time zone such as Asia/Almaty"),
  maxAttempts: z.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").nullable().optional(),
  timeLimitMinutes: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(600, "must be at most 600")
    .nullable()
    .optional(),
  gradingMethod: z.enum(["best", "last", "average"], "must be best, last or average"),
  reviewPolicy: z.enum(["after_submit", "after_due", "never"], "must be after_submit, after_due or never"),
};

export const CreateAssignmentBody = z
  .object({
    module: z
      .string()
      .max(80)
      .refine((slug) => findModule(slug) !== undefined, "must be the slug of a module of the course"),
    ...rules,
    gradingMethod: rules.gradingMethod.default("best"),
    reviewPolicy: rules.reviewPolicy.default("after_submit"),
  })
  .openapi("CreateAssignmentRequest");
// No defaults here: a field left out of a change keeps its value (a default would silently reset it).
export const UpdateAssignmentBody = z.object(rules).partial().openapi("UpdateAssignmentRequest");

export const AssignmentParams = IdParam.extend({ assignmentId: pathParam("assignmentId") });

export type Assignment = z.infer<typeof AssignmentSchema>;
/** The rules of an assignment as an instructor's form sends them. */
export type AssignmentRules = z.input<typeof UpdateAssignmentBody>;
