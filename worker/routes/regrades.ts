// Regrading an assignment's question: accept a typed answer or give full marks for everyone, drop the question from
// the score, or set one student's score with a comment. Each is stored as its own audit line.
import { applyRegrade, assignmentRegrades, type RegradeRow, regradeTargets } from "../../db/queries/regrades.ts";
import { AssignmentParams } from "../contract/assignments.ts";
import { iso } from "../contract/common.ts";
import { RegradeBody, RegradeList, RegradeResult, regradeFieldErrors } from "../contract/overrides.ts";
import { course } from "../course.ts";
import { acceptProblem, type RegradeTarget, regradeChanges } from "../domain/regrade.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn } from "../openapi.ts";
import { badRequest, conflict, found, notFound } from "../problem.ts";

const tags = ["Regrades"];

const regradeView = (r: RegradeRow, by: string) => ({
  id: r.id,
  questionId: r.questionId,
  kind: r.kind,
  answer: r.answer,
  attemptId: r.attemptId,
  score: r.score,
  comment: r.comment,
  by,
  at: iso(r.createdAt),
});

export const regradeRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/classes/{id}/assignments/{assignmentId}/regrades",
      operationId: "regradeQuestion",
      tags,
      security: signedIn,
      summary: "Regrade a question: accept an answer, full marks, drop it, or one student's score",
      description:
        "accept (text and numeric questions), full_marks and drop apply to every attempt at the assignment, submitted ones " +
        "at once and open ones when they close; score sets one submitted attempt's score on the question (0..1) with a " +
        "comment. Each regrade is kept as an audit line that the student sees on their review.",
      request: { params: AssignmentParams, body: jsonBody(RegradeBody) },
      responses: { 200: jsonContent(RegradeResult, "Regraded"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, assignmentId } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.var.db;
      // Whose assignment it is comes first: another instructor learns nothing from a 400 about the body.
      const read = await regradeTargets(db, id, user.id, assignmentId, body.questionId, body.attemptId);
      const assignment = found(read.assignment, "assignment");
      const missing = regradeFieldErrors(body);
      if (missing.length) throw badRequest(`Invalid ${missing.map((e) => e.path).join(", ")}.`, missing);
      const question = course.questions[body.questionId];
      if (!question) throw badRequest("Invalid questionId.", [{ path: "questionId", message: "is not a question of the course" }]);
      if (body.kind === "accept") {
        const problem = acceptProblem(question.type, body.answer as string);
        if (problem) throw badRequest("Invalid answer.", [{ path: "answer", message: problem }]);
      }
      if (body.kind === "score") {
        const one = read.attempts[0];
        if (!one) throw notFound("attempt at this assignment");
        if (one.status !== "submitted") throw conflict("Only a submitted attempt can be regraded.", "attempt_open");
        if (!one.question) throw badRequest("Invalid questionId.", [{ path: "questionId", message: "was not served in this attempt" }]);
      }
      const row: RegradeRow = {
        id: crypto.randomUUID(),
        assignmentId: assignment.id,
        attemptId: body.attemptId ?? null,
        questionId: body.questionId,
        kind: body.kind,
        answer: body.kind === "accept" ? (body.answer as string) : null,
        score: body.kind === "score" ? (body.score as number) : null,
        comment: body.comment || null,
        actorId: user.id,
        createdAt: Date.now(),
      };
      const targets: RegradeTarget[] = read.attempts.flatMap((t) =>
        t.question && t.status === "submitted"
          ? [{ attemptId: t.id, score: t.score, maxScore: t.maxScore, question: t.question, answer: t.answer, storedScore: t.storedScore }]
          : [],
      );
      const changes = regradeChanges(targets, read.regrades, row);
      await applyRegrade(db, row, changes);
      return c.json({ regrade: regradeView(row, user.name), attemptsChanged: changes.length }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/assignments/{assignmentId}/regrades",
      operationId: "listRegrades",
      tags,
      security: signedIn,
      summary: "An assignment's regrades, oldest first: who changed what, when and why",
      request: { params: AssignmentParams },
      responses: { 200: jsonContent(RegradeList, "The audit lines"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, assignmentId } = c.req.valid("param");
      const lines = found(await assignmentRegrades(c.var.db, id, user.id, assignmentId), "assignment");
      return c.json({ regrades: lines.map((l) => regradeView(l.r, l.by)) }, 200);
    },
  );
