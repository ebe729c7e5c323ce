// Assignments: an instructor assigns a module to a class with rules; members see them with their progress.
import {
  type AssignmentRow,
  classAssignment,
  classAssignments,
  insertAssignment,
  studentAssignment,
  studentAssignments,
  updateAssignment,
} from "../../db/queries/assignments.ts";
import { ownedClass, visibleClass } from "../../db/queries/classes.ts";
import {
  type Assignment,
  AssignmentEnvelope,
  AssignmentList,
  AssignmentParams,
  CreateAssignmentBody,
  StudentAssignmentList,
  StudentAssignmentView,
  UpdateAssignmentBody,
} from "../contract/assignments.ts";
import { IdParam, iso } from "../contract/common.ts";
import { accommodationView } from "../contract/overrides.ts";
import { moduleTitle } from "../course.ts";
import { type EffectiveRules, effectiveRules, startBlock } from "../domain/assignmentRules.ts";
import { attemptShare } from "../domain/gradebook.ts";
import { assignmentStatus, finalGrade } from "../domain/grades.ts";
import { effectiveRules as applyOverride } from "../domain/overrides.ts";
import { parseInstant, utcToLocal } from "../domain/time.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn } from "../openapi.ts";
import { badRequest, found } from "../problem.ts";

function toAssignment(row: AssignmentRow, className: string): Assignment {
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

type ProgressAttempt = Awaited<ReturnType<typeof studentAssignments>>["attempts"][number];

/** A student's progress on an assignment under the rules that apply to them. */
function progressOf(a: AssignmentRow, rules: EffectiveRules, attempts: ProgressAttempt[], now: number) {
  const own = attempts.map((t) => ({ ...t, share: attemptShare(t) }));
  const used = own.length;
  return {
    status: assignmentStatus(rules, own, now),
    attemptsUsed: used,
    attemptsLeft: rules.maxAttempts === null ? null : Math.max(0, rules.maxAttempts - used),
    openAttemptId: own.find((t) => t.status === "open")?.id ?? null,
    gradeShare: finalGrade(a.gradingMethod, own),
  };
}

const tags = ["Assignments"];

export const assignmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/classes/{id}/assignments",
      operationId: "createAssignment",
      tags,
      security: signedIn,
      summary: "Assign a module to a class with rules",
      request: { params: IdParam, body: jsonBody(CreateAssignmentBody) },
      responses: { 201: jsonContent(AssignmentEnvelope, "Created"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const k = found(await ownedClass(c.var.db, c.req.valid("param").id, user.id), "class");
      const body = c.req.valid("json");
      const { opensAt, dueAt } = resolveWindow(body);
      const now = Date.now();
      const row = await insertAssignment(c.var.db, {
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
      });
      return c.json({ assignment: toAssignment(row, k.name) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/assignments",
      operationId: "listClassAssignments",
      tags,
      security: signedIn,
      summary: "The class's assignments (its instructor and members)",
      request: { params: IdParam },
      responses: { 200: jsonContent(AssignmentList, "Assignments"), ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const k = found(await visibleClass(c.var.db, c.req.valid("param").id, user), "class");
      const rows = await classAssignments(c.var.db, k.id, user.role === "student" ? user.id : null);
      // A student reads the rules they work under (their accommodation applied).
      return c.json({ assignments: rows.map((r) => toAssignment(applyOverride(r.a, r.override), k.name)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/classes/{id}/assignments/{assignmentId}",
      operationId: "updateAssignment",
      tags,
      security: signedIn,
      summary: "Change an assignment's rules; attempts already started keep their time limit and deadline",
      description:
        "Reviews and the deck follow the assignment's current due date and review policy: extending the due date of an " +
        "after_due assessment also holds back its answers, and its deck cards not yet due wait for the new date.",
      request: { params: AssignmentParams, body: jsonBody(UpdateAssignmentBody) },
      responses: { 200: jsonContent(AssignmentEnvelope, "Updated"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, assignmentId } = c.req.valid("param");
      const k = found(await ownedClass(c.var.db, id, user.id), "class");
      const current = found(await classAssignment(c.var.db, k.id, assignmentId), "assignment");
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
      const row = await updateAssignment(
        c.var.db,
        k.id,
        current.id,
        {
          mode: patch.mode ?? current.mode,
          opensAt: window.opensAt,
          dueAt: window.dueAt,
          timeZone,
          maxAttempts: patch.maxAttempts !== undefined ? patch.maxAttempts : current.maxAttempts,
          timeLimitMinutes: patch.timeLimitMinutes !== undefined ? patch.timeLimitMinutes : current.timeLimitMinutes,
          gradingMethod: patch.gradingMethod ?? current.gradingMethod,
          reviewPolicy,
          updatedAt: Date.now(),
        },
        Date.now(),
      );
      return c.json({ assignment: toAssignment(found(row, "assignment"), k.name) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/assignments",
      operationId: "listMyAssignments",
      tags,
      security: signedIn,
      summary: "A student's assignments across their classes, with their progress",
      responses: { 200: jsonContent(StudentAssignmentList, "Assignments"), ...problems(401, 403) },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const mine = await studentAssignments(c.var.db, user.id);
      const now = Date.now();
      return c.json(
        {
          assignments: mine.assignments.map(({ a: assignment, className, override }) => {
            // The student's own rules: their accommodation applied, and described so the start page can say so.
            const a = applyOverride(assignment, override);
            return {
              ...toAssignment(a, className),
              accommodation: accommodationView(override, a.timeZone),
              progress: progressOf(
                a,
                effectiveRules(a),
                mine.attempts.filter((t) => t.assignmentId === a.id),
                now,
              ),
            };
          }),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/assignments/{id}",
      operationId: "getMyAssignment",
      tags,
      security: signedIn,
      summary: "One of my assignments before I start it: its rules as they apply to me, my progress, whether I may start",
      description: "Only reads: opening it starts no attempt and uses none. 404 unless I am a member of its class.",
      request: { params: IdParam },
      responses: { 200: jsonContent(StudentAssignmentView, "The assignment"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const mine = found(await studentAssignment(c.var.db, user.id, c.req.valid("param").id), "assignment");
      const now = Date.now();
      // Their accommodation (more time, attempts, another window) is part of every rule shown and enforced.
      const a = applyOverride(mine.a, mine.override);
      const rules = effectiveRules(a);
      const progress = progressOf(a, rules, mine.attempts, now);
      return c.json(
        {
          ...toAssignment(a, mine.className),
          accommodation: accommodationView(mine.override, a.timeZone),
          progress,
          effective: { ...rules, opensAt: iso(rules.opensAt), dueAt: iso(rules.dueAt) },
          // An open attempt resumes whatever the window or the count say (POST /attempts resumes it too).
          startBlock: progress.openAttemptId ? null : startBlock(rules, progress.attemptsUsed, now),
          serverNow: iso(now),
        },
        200,
      );
    },
  );
