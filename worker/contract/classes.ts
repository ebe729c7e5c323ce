// Wire shapes of the class routes: classes, join codes, rosters.
import { isJoinCode, normalizeJoinCode } from "../domain/joinCode.ts";
import { z } from "../openapi.ts";
import { DateTime, IdParam, pathParam } from "./common.ts";

export const ClassSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    joinCode: z.string().nullable().openapi({ description: "Only for the class's instructor" }),
    instructorName: z.string(),
    memberCount: z.number().int().nullable().openapi({ description: "Only for the class's instructor" }),
    createdAt: DateTime,
  })
  .openapi("ClassSummary");

export const ClassMember = z.object({ id: z.string(), name: z.string(), email: z.string(), joinedAt: DateTime }).openapi("ClassMember");

export const ClassDetail = z.object({ class: ClassSummary, members: z.array(ClassMember).nullable() }).openapi("ClassDetail");
export const ClassEnvelope = z.object({ class: ClassSummary }).openapi("ClassEnvelope");
export const ClassList = z.object({ classes: z.array(ClassSummary) }).openapi("ClassList");
export const JoinCode = z.object({ joinCode: z.string() }).openapi("JoinCode");

export const CreateClassBody = z
  .object({ name: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters") })
  .openapi("CreateClassRequest");

export const JoinBody = z
  .object({
    code: z
      .string()
      .max(32, "must be at most 32 characters")
      .transform(normalizeJoinCode)
      .refine(isJoinCode, "must be the 6-character join code your instructor gave you"),
  })
  .openapi("JoinClassRequest");

export const MemberRemoved = z
  .object({
    userId: z.string(),
    closedAttempts: z
      .number()
      .int()
      .openapi({ description: "Attempts the student had open on the class's assignments, submitted with the answers saved until removal" }),
  })
  .openapi("MemberRemoved");

export const MemberParams = IdParam.extend({ userId: pathParam("userId") });

export type ClassSummary = z.infer<typeof ClassSummary>;
