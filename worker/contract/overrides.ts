// Wire shapes of per-student overrides (accommodations) and of regrades.

import { describeAccommodation, type Override } from "../domain/overrides.ts";
import { z } from "../openapi.ts";
import { DateTime, IdParam, iso, Localized, pathParam, RegradeKind } from "./common.ts";

export const AccommodationSchema = z
  .object({
    extraMinutes: z.number().int().nullable(),
    timeFactor: z.number().nullable(),
    extraAttempts: z.number().int().nullable(),
    opensAt: DateTime.nullable(),
    dueAt: DateTime.nullable(),
    summary: Localized.openapi({ description: 'One short line, e.g. "+15 min, +1 attempt, due 2026-12-11 18:00"' }),
  })
  .openapi("Accommodation", { description: "A student's override of an assignment's rules; null fields keep the assignment's" });

export const OverrideSchema = AccommodationSchema.extend({ userId: z.string(), assignmentId: z.string(), updatedAt: DateTime }).openapi(
  "AssignmentOverride",
);

const when = z
  .string()
  .max(40, "must be at most 40 characters")
  .nullable()
  .optional()
  .openapi({ description: "ISO 8601 with offset, or wall-clock YYYY-MM-DDTHH:mm in the assignment's time zone" });

export const SetOverridesBody = z
  .object({
    userIds: z.array(z.string().min(1).max(64)).min(1, "name at least one student").max(100, "at most 100 students at once"),
    extraMinutes: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(600, "must be at most 600")
      .nullable()
      .optional(),
    timeFactor: z.number().gt(1, "must be more than 1").max(5, "must be at most 5").nullable().optional(),
    extraAttempts: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(20, "must be at most 20")
      .nullable()
      .optional(),
    opensAt: when,
    dueAt: when,
  })
  .openapi("SetOverridesRequest", { description: "The same override for each student named; it replaces what they had" });

export const OverridesEnvelope = z.object({ overrides: z.array(OverrideSchema) }).openapi("AssignmentOverrides");

export const OverrideParams = IdParam.extend({ assignmentId: pathParam("assignmentId"), userId: pathParam("userId") });
export const OverrideRemoved = z.object({ userId: z.string(), removed: z.literal(true) }).openapi("OverrideRemoved");

/** Which fields a kind needs is checked by the route once it knows the caller may regrade (regradeFieldErrors). */
export const RegradeBody = z
  .object({
    questionId: z.string().min(1).max(80),
    kind: RegradeKind,
    answer: z.string().trim().min(1, "must not be empty").max(200).optional().openapi({ description: "accept: the answer to accept" }),
    attemptId: z.string().min(1).max(64).optional().openapi({ description: "score: the attempt whose question is scored" }),
    score: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").optional().openapi({
      description: "score: the question's new score, 0..1",
    }),
    comment: z.string().trim().max(500).optional(),
  })
  .openapi("RegradeRequest");

export const RegradeResult = z
  .object({
    regrade: z
      .object({
        id: z.string(),
        questionId: z.string(),
        kind: RegradeKind,
        answer: z.string().nullable(),
        attemptId: z.string().nullable(),
        score: z.number().nullable(),
        comment: z.string().nullable(),
        by: z.string(),
        at: DateTime,
      })
      .openapi("Regrade"),
    attemptsChanged: z.number().int().openapi({ description: "Submitted attempts whose score changed" }),
  })
  .openapi("RegradeResult");

export const RegradeList = z.object({ regrades: z.array(RegradeResult.shape.regrade) }).openapi("RegradeList");
export type Accommodation = z.infer<typeof AccommodationSchema>;

/** A student's accommodation on the wire (dates as ISO), or null. */
export function accommodationView(o: Override | null | undefined, timeZone: string) {
  const described = describeAccommodation(o, timeZone);
  if (!described) return null;
  const { extraMinutes, timeFactor, extraAttempts, summary } = described;
  return { extraMinutes, timeFactor, extraAttempts, opensAt: iso(described.opensAt), dueAt: iso(described.dueAt), summary };
}

/** The fields a regrade's kind needs or refuses (accept: answer; score: attemptId and score; only score: attemptId). */
export function regradeFieldErrors(b: z.infer<typeof RegradeBody>): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (b.kind === "accept" && b.answer === undefined) errors.push({ path: "answer", message: "accept needs an answer" });
  if (b.kind === "score") {
    if (b.attemptId === undefined) errors.push({ path: "attemptId", message: "score needs an attemptId" });
    if (b.score === undefined) errors.push({ path: "score", message: "score needs a score" });
  } else if (b.attemptId !== undefined) {
    errors.push({ path: "attemptId", message: "only a score is for one attempt" });
  }
  return errors;
}
