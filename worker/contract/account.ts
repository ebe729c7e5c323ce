// Wire shapes of managing one's own account (profile, password, deletion, export) and of reset codes.
import { PASSWORD_MAX, passwordWeakness } from "../domain/password.ts";
import { isResetCode, normalizeResetCode } from "../domain/resetCode.ts";
import { z } from "../openapi.ts";
import { AnswerSchema, DateTime, IdParam, Mode, pathParam, UserSchema } from "./common.ts";

/** An email as sign-up takes it (trimmed, at most 254 characters, a valid address). */
export const EmailField = z.string().trim().max(254, "must be at most 254 characters").pipe(z.email("must be a valid email address"));
const currentPassword = z
  .string()
  .min(1, "must not be empty")
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`)
  .openapi({ description: "The password the account has now" });
const newPassword = z.string().max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);
export const NameField = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const UserEnvelope = z.object({ user: UserSchema }).openapi("UserEnvelope");

export const RenameBody = z.object({ name: NameField }).openapi("RenameRequest");
export const ChangeEmailBody = z.object({ email: EmailField, currentPassword }).openapi("ChangeEmailRequest");

/** The strength rule on `newPassword`; `email` when the body has it (the route checks the account's own). */
function refuseWeak(newPassword: string, email: string, ctx: z.RefinementCtx) {
  const weakness = passwordWeakness(newPassword, email);
  if (weakness) ctx.addIssue({ code: "custom", path: ["newPassword"], message: weakness });
}

export const ChangePasswordBody = z
  .object({ currentPassword, newPassword })
  .superRefine((body, ctx) => refuseWeak(body.newPassword, "", ctx))
  .openapi("ChangePasswordRequest");

export const DeleteAccountBody = z.object({ currentPassword }).openapi("DeleteAccountRequest");

export const ResetCodeField = z
  .string()
  .max(32, "must be at most 32 characters")
  .transform(normalizeResetCode)
  .refine(isResetCode, "must be the 10-character code your instructor gave you");

export const ResetPasswordBody = z
  .object({ email: EmailField, code: ResetCodeField, newPassword })
  .superRefine((body, ctx) => refuseWeak(body.newPassword, body.email, ctx))
  .openapi("ResetPasswordRequest");

export const StudentParams = IdParam.extend({ userId: pathParam("userId") });

export const IssuedResetCode = z
  .object({
    code: z.string().openapi({ description: "Shown once, never stored in clear: read it out to the student", example: "K7QM4-XPA2B" }),
    expiresAt: DateTime,
  })
  .openapi("IssuedResetCode");

const ClassAttempts = z.object({ id: z.string(), name: z.string(), attemptCount: z.number().int() });

export const DeletionPreview = z
  .object({
    role: z.enum(["student", "instructor"]),
    allowed: z.boolean().openapi({ description: "False while the instructor teaches a class that has students" }),
    purgeAfterDays: z.number().int().openapi({ description: "A student's class attempts are removed at the latest this many days after" }),
    classesWithStudents: z
      .array(z.object({ id: z.string(), name: z.string(), studentCount: z.number().int() }))
      .openapi({ description: "Instructor: the classes that must lose their students first" }),
    emptyClasses: z.array(z.object({ id: z.string(), name: z.string() })).openapi({ description: "Instructor: deleted with the account" }),
    classAttempts: z.array(ClassAttempts).openapi({
      description: "Student: per class, the attempts that stay in its gradebook until the instructor acknowledges (or purgeAfterDays)",
    }),
  })
  .openapi("DeletionPreview");

export const DepartedStudent = z
  .object({
    userId: z.string(),
    name: z.string(),
    deletedAt: DateTime,
    attemptCount: z.number().int().openapi({ description: "Their attempts on this class's assignments, still in the gradebook" }),
    removeOn: DateTime.openapi({ description: "When the attempts are removed if nobody acknowledges before" }),
  })
  .openapi("DepartedStudent");
export const DepartedList = z.object({ students: z.array(DepartedStudent) }).openapi("DepartedStudents");
export const DepartureAcknowledged = z.object({ userId: z.string(), removedAttempts: z.number().int() }).openapi("DepartureAcknowledged");

export const AccountExport = z
  .object({
    exportedAt: DateTime,
    profile: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.enum(["student", "instructor"]),
      createdAt: DateTime,
    }),
    memberships: z.array(z.object({ classId: z.string(), className: z.string(), instructorName: z.string(), joinedAt: DateTime })),
    classesTaught: z.array(z.object({ id: z.string(), name: z.string(), joinCode: z.string(), createdAt: DateTime })),
    attempts: z.array(
      z.object({
        id: z.string(),
        module: z.string(),
        assignmentId: z.string().nullable(),
        mode: Mode,
        status: z.enum(["open", "submitted"]),
        startedAt: DateTime,
        deadline: DateTime.nullable(),
        submittedAt: DateTime.nullable(),
        result: z
          .object({ score: z.number(), maxScore: z.number() })
          .nullable()
          .openapi({ description: "Once submitted, as the attempt's own summary shows it" }),
        answers: z.array(z.object({ questionId: z.string(), answer: AnswerSchema, savedAt: DateTime })),
      }),
    ),
    deckCards: z.array(z.object({ questionId: z.string(), module: z.string(), due: DateTime, card: z.record(z.string(), z.unknown()) })),
  })
  .openapi("AccountExport");

export type AccountExport = z.infer<typeof AccountExport>;
export type DeletionPreview = z.infer<typeof DeletionPreview>;
