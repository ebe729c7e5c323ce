// Assignments: an instructor assigns a module to a class with rules; members see them with their progress.
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { ownedClass, visibleClass } from "../../db/queries/classes.ts";
import { assignments, attempts, classes, classMembers } from "../../db/schema.ts";
import { findModule, moduleTitle } from "../course.ts";
import { assignmentStatus, finalGrade } from "../domain/grades.ts";
import { isTimeZone, parseInstant, utcToLocal } from "../domain/time.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { badRequest, notFound } from "../problem.ts";
import { IdParam, iso, Localized } from "../schemas.ts";

const NamedLocalized = Localized.openapi("Localized");

export const AssignmentSchema = z
  .object({
    id: z.string(),
    classId: z.string(),
    className: z.string(),
    module: z.string(),
    moduleTitle: NamedLocalized,
    mode: z.enum(["practice", "assessment"]),
    opensAt: z.string().nullable().openapi({ format: "date-time" }),
    dueAt: z.string().nullable().openapi({ format: "date-time" }),
    timeZone: z.string(),
    opensAtLocal: z.string().nullable().openapi({ description: "opensAt as wall-clock time in timeZone" }),
    dueAtLocal: z.string().nullable().openapi({ description: "dueAt as wall-clock time in timeZone" }),
    maxAttempts: z.number().int().nullable(),
    timeLimitMinutes: z.number().int().nullable(),
    gradingMethod: z.enum(["best", "last", "average"]),
    reviewPolicy: z.enum(["after_submit", "after_due", "never"]),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Assignment");

const Progress = z
  .object({
    status: z.enum(["upcoming", "not_started", "in_progress", "submitted", "late", "missed"]),
    attemptsUsed: z.number().int(),
    attemptsLeft: z.number().int().nullable(),
    openAttemptId: z.string().nullable(),
    grade: z.number().nullable().openapi({ description: "0..1 under the grading method; null before a submission" }),
  })
  .openapi("AssignmentProgress");

const StudentAssignment = AssignmentSchema.extend({ progress: Progress }).openapi("StudentAssignment");

const when = z.string().max(40, "must be at most 40 characters").nullable().optional();
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
  gradingMethod: z.enum(["best", "last", "average"], "must be best, last or average").default("best"),
  reviewPolicy: z.enum(["after_submit", "after_due", "never"], "must be after_submit, after_due or never").default("after_submit"),
};
const CreateBody = z
  .object({
    module: z
      .string()
      .max(80)
      .refine((slug) => findModule(slug) !== undefined, "must be the slug of a module of the course"),
    ...rules,
  })
  .openapi("CreateAssignmentRequest");
const UpdateBody = z.object(rules).partial().openapi("UpdateAssignmentRequest");

const AssignmentParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
  assignmentId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "assignmentId", in: "path" } }),
});

type Row = typeof assignments.$inferSelect;

function toAssignment(row: Row, className: string): z.infer<typeof AssignmentSchema> {
  return {
    id: row.id,
    classId: row.classId,
    className,
    module: row.moduleSlug,
    moduleTitle: moduleTitle(row.moduleSlug),
    mode: row.mode,
    opensAt: iso(row.opensAt),
    dueAt: iso(row.dueAt),
    timeZone: row.timeZone,
    opensAtLocal: row.opensAt === null ? null : utcToLocal(row.opensAt, row.timeZone),
    dueAtLocal: row.dueAt === null ? null : utcToLocal(row.dueAt, row.timeZone),
    maxAttempts: row.maxAttempts,
    timeLimitMinutes: row.timeLimitMinutes,
    gradingMethod: row.gradingMethod,
    reviewPolicy: row.reviewPolicy,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** Turns the entered times into UTC and checks the rules fit together; errors name the field. */
function resolveWindow(input: {
  opensAt?: string | null | undefined;
  dueAt?: string | null | undefined;
  timeZone: string;
  reviewPolicy: string;
}) {
  const read = (field: "opensAt" | "dueAt") => {
    const value = input[field];
    if (value === undefined || value === null || value === "") return null;
    const ms = parseInstant(value, input.timeZone);
    if (ms === null || ms < Date.UTC(2000, 0, 1) || ms > Date.UTC(2100, 0, 1)) {
      throw badRequest(`Invalid ${field}.`, [{ path: field, message: "must be a date-time between 2000 and 2100 (YYYY-MM-DDTHH:mm)" }]);
    }
    return ms;
  };
  const opensAt = read("opensAt");
  const dueAt = read("dueAt");
  if (opensAt !== null && dueAt !== null && dueAt <= opensAt)
    throw badRequest("Invalid dueAt.", [{ path: "dueAt", message: "must be after opensAt" }]);
  if (input.reviewPolicy === "after_due" && dueAt === null) {
    throw badRequest("Invalid reviewPolicy.", [{ path: "reviewPolicy", message: "after_due needs a dueAt" }]);
  }
  return { opensAt, dueAt };
}

const tags = ["Assignments"];

export const assignmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/classes/{id}/assignments",
      tags,
      security: signedIn,
      summary: "Assign a module to a class with rules",
      request: { params: IdParam, body: jsonBody(CreateBody) },
      responses: {
        201: jsonContent(z.object({ assignment: AssignmentSchema }).openapi("AssignmentEnvelope"), "Created"),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const k = await ownedClass(c.var.db, c.req.valid("param").id, user.id);
      const body = c.req.valid("json");
      const { opensAt, dueAt } = resolveWindow(body);
      const now = Date.now();
      const [row] = await c.var.db
        .insert(assignments)
        .values({
          id: crypto.randomUUID(),
          classId: k.id,
          moduleSlug: body.module,
          mode: body.mode,
          opensAt,
          dueAt,
          maxAttempts: body.maxAttempts ?? null,
          timeLimitMinutes: body.timeLimitMinutes ?? null,
          gradingMethod: body.gradingMethod,
          reviewPolicy: body.reviewPolicy,
          timeZone: body.timeZone,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return c.json({ assignment: toAssignment(row as Row, k.name) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/assignments",
      tags,
      security: signedIn,
      summary: "The class's assignments (its instructor and members)",
      request: { params: IdParam },
      responses: {
        200: jsonContent(z.object({ assignments: z.array(AssignmentSchema) }).openapi("AssignmentList"), "Assignments"),
        ...problems(401, 404),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const k = await visibleClass(c.var.db, c.req.valid("param").id, user);
      const rows = await c.var.db
        .select()
        .from(assignments)
        .where(eq(assignments.classId, k.id))
        .orderBy(asc(assignments.dueAt), asc(assignments.createdAt));
      return c.json({ assignments: rows.map((r) => toAssignment(r, k.name)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/classes/{id}/assignments/{assignmentId}",
      tags,
      security: signedIn,
      summary: "Change an assignment's rules; attempts already started keep the rules they started with",
      request: { params: AssignmentParams, body: jsonBody(UpdateBody) },
      responses: { 200: jsonContent(z.object({ assignment: AssignmentSchema }), "Updated"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, assignmentId } = c.req.valid("param");
      const k = await ownedClass(c.var.db, id, user.id);
      const current = await c.var.db
        .select()
        .from(assignments)
        .where(and(eq(assignments.id, assignmentId), eq(assignments.classId, k.id)))
        .get();
      if (!current) throw notFound("assignment");
      const patch = c.req.valid("json");
      const timeZone = patch.timeZone ?? current.timeZone;
      const reviewPolicy = patch.reviewPolicy ?? current.reviewPolicy;
      // Unchanged dates are kept as instants, so changing only the time zone does not move them.
      const window = resolveWindow({
        opensAt: patch.opensAt !== undefined ? patch.opensAt : iso(current.opensAt),
        dueAt: patch.dueAt !== undefined ? patch.dueAt : iso(current.dueAt),
        timeZone,
        reviewPolicy,
      });
      const [row] = await c.var.db
        .update(assignments)
        .set({
          mode: patch.mode ?? current.mode,
          opensAt: window.opensAt,
          dueAt: window.dueAt,
          timeZone,
          maxAttempts: patch.maxAttempts !== undefined ? patch.maxAttempts : current.maxAttempts,
          timeLimitMinutes: patch.timeLimitMinutes !== undefined ? patch.timeLimitMinutes : current.timeLimitMinutes,
          gradingMethod: patch.gradingMethod ?? current.gradingMethod,
          reviewPolicy,
          updatedAt: Date.now(),
        })
        .where(and(eq(assignments.id, current.id), eq(assignments.classId, k.id)))
        .returning();
      return c.json({ assignment: toAssignment(row as Row, k.name) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/assignments",
      tags,
      security: signedIn,
      summary: "A student's assignments across their classes, with their progress",
      responses: {
        200: jsonContent(z.object({ assignments: z.array(StudentAssignment) }).openapi("StudentAssignmentList"), "Assignments"),
        ...problems(401, 403),
      },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const db = c.var.db;
      const [rows, mine] = await db.batch([
        db
          .select({ a: assignments, className: classes.name })
          .from(classMembers)
          .innerJoin(classes, eq(classes.id, classMembers.classId))
          .innerJoin(assignments, eq(assignments.classId, classes.id))
          .where(eq(classMembers.userId, user.id))
          .orderBy(asc(assignments.dueAt)),
        db
          .select({
            id: attempts.id,
            assignmentId: attempts.assignmentId,
            status: attempts.status,
            score: attempts.score,
            maxScore: attempts.maxScore,
            startedAt: attempts.startedAt,
            submittedAt: attempts.submittedAt,
          })
          .from(attempts)
          .where(and(eq(attempts.userId, user.id), isNotNull(attempts.assignmentId))),
      ]);
      const now = Date.now();
      return c.json(
        {
          assignments: rows.map(({ a, className }) => {
            const own = mine
              .filter((t) => t.assignmentId === a.id)
              .map((t) => ({ ...t, percent: t.score !== null && t.maxScore ? t.score / t.maxScore : t.status === "submitted" ? 0 : null }));
            const used = own.length;
            return {
              ...toAssignment(a, className),
              progress: {
                status: assignmentStatus(a, own, now),
                attemptsUsed: used,
                attemptsLeft: a.maxAttempts === null ? null : Math.max(0, a.maxAttempts - used),
                openAttemptId: own.find((t) => t.status === "open")?.id ?? null,
                grade: finalGrade(a.gradingMethod, own),
              },
            };
          }),
        },
        200,
      );
    },
  );
