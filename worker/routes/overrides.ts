// Per-student overrides (accommodations) of an assignment's rules: the class's instructor sets and removes them.
import { deleteOverride, type OverrideRow, overrideTargets, saveOverrides } from "../../db/queries/overrides.ts";
import { AssignmentParams } from "../contract/assignments.ts";
import { iso } from "../contract/common.ts";
import { accommodationView, OverrideParams, OverrideRemoved, OverridesEnvelope, SetOverridesBody } from "../contract/overrides.ts";
import { effectiveRules, isEmptyOverride, type Override, rescheduleOpen } from "../domain/overrides.ts";
import { parseInstant } from "../domain/time.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn } from "../openapi.ts";
import { badRequest, found, Problem } from "../problem.ts";

const tags = ["Overrides"];

/** An override as the API shows it. */
export function overrideView(row: OverrideRow, timeZone: string) {
  const view = accommodationView(row, timeZone) as NonNullable<ReturnType<typeof accommodationView>>;
  return { ...view, userId: row.userId, assignmentId: row.assignmentId, updatedAt: iso(row.updatedAt) };
}

/** A date of the override, read in the assignment's time zone; the error names the field. */
function readWhen(value: string | null | undefined, field: "opensAt" | "dueAt", timeZone: string): number | null {
  if (value === undefined || value === null || value === "") return null;
  const ms = parseInstant(value, timeZone);
  if (ms === null || ms < Date.UTC(2000, 0, 1) || ms > Date.UTC(2100, 0, 1))
    throw badRequest(`Invalid ${field}.`, [{ path: field, message: "must be a date-time between 2000 and 2100 (YYYY-MM-DDTHH:mm)" }]);
  return ms;
}

const notMembers = (ids: string[]) =>
  new Problem(404, "Not every student named is in this class.", {
    errors: ids.map((id) => ({ path: "userIds", message: `${id} is not a student of this class` })),
  });

export const overrideRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/classes/{id}/assignments/{assignmentId}/overrides",
      operationId: "setAssignmentOverrides",
      tags,
      security: signedIn,
      summary: "Give students an accommodation on an assignment: more time, more attempts, another window",
      description:
        "The same override for each student named; it replaces what they had. An attempt a student has open on the assignment " +
        "moves to the new rules at once (its deadline too). Dates are read in the assignment's time zone unless they carry an offset.",
      request: { params: AssignmentParams, body: jsonBody(SetOverridesBody) },
      responses: { 200: jsonContent(OverridesEnvelope, "The overrides as saved"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, assignmentId } = c.req.valid("param");
      const body = c.req.valid("json");
      const userIds = [...new Set(body.userIds)];
      const db = c.var.db;
      const targets = await overrideTargets(db, id, user.id, assignmentId, userIds);
      const assignment = found(targets.assignment, "assignment");
      const missing = userIds.filter((u) => !targets.members.has(u));
      if (missing.length) throw notMembers(missing);
      const o: Override = {
        extraMinutes: body.extraMinutes ?? null,
        timeFactor: body.timeFactor ?? null,
        extraAttempts: body.extraAttempts ?? null,
        opensAt: readWhen(body.opensAt, "opensAt", assignment.timeZone),
        dueAt: readWhen(body.dueAt, "dueAt", assignment.timeZone),
      };
      if (isEmptyOverride(o))
        throw badRequest("The override changes nothing.", [{ path: "(body)", message: "give extra time, extra attempts or a date" }]);
      const window = effectiveRules({ opensAt: assignment.opensAt, dueAt: assignment.dueAt }, o);
      if (window.opensAt !== null && window.dueAt !== null && window.dueAt <= window.opensAt)
        throw badRequest("Invalid dueAt.", [
          { path: o.dueAt !== null ? "dueAt" : "opensAt", message: "the due date must be after the opening" },
        ]);
      if (assignment.reviewPolicy === "after_due" && window.dueAt === null)
        throw badRequest("Invalid dueAt.", [{ path: "dueAt", message: "after_due needs a dueAt" }]);
      const now = Date.now();
      const rows: OverrideRow[] = userIds.map((userId) => ({ assignmentId, userId, ...o, setBy: user.id, updatedAt: now }));
      const moved = targets.open.map((t) => rescheduleOpen(t, assignment, o));
      await saveOverrides(db, rows, moved, now);
      return c.json({ overrides: rows.map((r) => overrideView(r, assignment.timeZone)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/classes/{id}/assignments/{assignmentId}/overrides/{userId}",
      operationId: "removeAssignmentOverride",
      tags,
      security: signedIn,
      summary: "Remove a student's override: the assignment's own rules apply again, to an open attempt too",
      request: { params: OverrideParams },
      responses: { 200: jsonContent(OverrideRemoved, "Removed"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, assignmentId, userId } = c.req.valid("param");
      const db = c.var.db;
      const targets = await overrideTargets(db, id, user.id, assignmentId, [userId]);
      const assignment = found(targets.assignment, "assignment");
      const moved = targets.open.map((t) => rescheduleOpen(t, assignment, null));
      if (!(await deleteOverride(db, assignmentId, userId, moved)))
        throw new Problem(404, "This student has no override on this assignment.");
      return c.json({ userId, removed: true as const }, 200);
    },
  );
