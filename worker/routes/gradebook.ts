// The gradebook, the instructor's side: students × assignments (JSON, CSV and XLSX), one student's attempts, and item
// analysis; only for the class's own instructor.
import type { AttemptRow } from "../../db/queries/attempts.ts";
import { type GradebookAssignmentRow, loadGradebook, loadItemAnalysis, loadStudentAttempts } from "../../db/queries/gradebook.ts";
import { IdParam, iso } from "../contract/common.ts";
import { CsvQuery, GradebookSchema, ItemAnalysisSchema, ItemsQuery, StudentAttempts, StudentParams } from "../contract/gradebook.ts";
import { accommodationView } from "../contract/overrides.ts";
import { course, moduleTitle, moduleTitleIn } from "../course.ts";
import { correctAnswerOf } from "../domain/attempts.ts";
import { attachmentDisposition, toCsv } from "../domain/csv.ts";
import { attemptShare, buildGradebook, cellKey } from "../domain/gradebook.ts";
import { gradebookSheet, type SheetLang, sheetCsvRows } from "../domain/gradebookSheet.ts";
import { assignmentStatus, finalGrade } from "../domain/grades.ts";
import { round4 } from "../domain/grading.ts";
import { type AnalysedAttempt, analyseItems } from "../domain/itemAnalysis.ts";
import { contentHashes, questionsFromDigest } from "../domain/itemDigest.ts";
import { effectiveRules, type Override } from "../domain/overrides.ts";
import { gradeQuestion, type RegradeRules, regradeRules } from "../domain/regrade.ts";
import type { Answer } from "../domain/serve.ts";
import { toXlsx, XLSX_MEDIA_TYPE } from "../domain/xlsx.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { found } from "../problem.ts";

/** The course's question content hashes: an attempt whose digest holds only these is analysed without its snapshot. */
const currentHashes = [...contentHashes(course).values()];

const tags = ["Gradebook"];

const assignmentRef = (a: GradebookAssignmentRow) => ({
  id: a.id,
  module: a.moduleSlug,
  moduleTitle: moduleTitle(a.moduleSlug),
  mode: a.mode,
  opensAt: iso(a.opensAt),
  dueAt: iso(a.dueAt),
  gradingMethod: a.gradingMethod,
  maxAttempts: a.maxAttempts,
});

/** The gradebook as a sheet in the asked language: the one table both downloads are written from. */
function sheetOf(data: NonNullable<Awaited<ReturnType<typeof loadGradebook>>>, lang: SheetLang) {
  const book = buildGradebook(data.students, data.assignments, data.attempts, Date.now(), overridesByCell(data.overrides));
  const columns = data.assignments.map((a) => ({ ...a, title: moduleTitleIn(a.moduleSlug, lang) }));
  return gradebookSheet(columns, book.students, lang);
}

/** The word after the class name in a download's file name. */
const FILE_WORD: Record<SheetLang, string> = { ru: "оценки", en: "gradebook", kk: "бағалар" };

/** A download's headers: named after the class, never cached (grades change), never sniffed as something else. */
const downloadHeaders = (className: string, lang: SheetLang, mediaType: string, extension: string) => ({
  "content-type": mediaType,
  "content-disposition": attachmentDisposition(`${className} ${FILE_WORD[lang]}`, extension),
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
});

type Saved = Map<string, { answer: Answer; score: number | null }>;

/** Overrides by gradebook cell. */
const overridesByCell = (rows: readonly (Override & { userId: string; assignmentId: string })[]) =>
  new Map(rows.map((o) => [cellKey(o.userId, o.assignmentId), o]));

/** One student's attempt as the instructor reads it: per-question answers and scores (under its regrades), with the key. */
function studentAttempt(t: AttemptRow, a: GradebookAssignmentRow, given: Saved, regrades: RegradeRules) {
  const share = attemptShare(t);
  return {
    id: t.id,
    status: t.status,
    startedAt: iso(t.startedAt),
    submittedAt: iso(t.submittedAt),
    deadline: iso(t.deadline),
    late: t.submittedAt !== null && a.dueAt !== null && t.submittedAt > a.dueAt,
    score: t.score,
    maxScore: t.maxScore,
    share: share === null ? null : round4(share),
    items: t.snapshot.map((q) => {
      const answer = given.get(q.served.id);
      const g = gradeQuestion(q, answer?.answer, regrades);
      return {
        question: q.served,
        answer: answer?.answer ?? null,
        // The stored score is the one the total was made of; a regrade's is the one it was moved to.
        score: t.status === "submitted" ? (g.regraded ? g.score : (answer?.score ?? 0)) : null,
        correctAnswer: correctAnswerOf(q),
        explanation: q.explanation,
        counted: g.counted,
        regraded: g.regraded,
      };
    }),
  };
}

export const gradebookRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/gradebook",
      operationId: "getGradebook",
      tags,
      summary: "The gradebook: students × assignments with grades, statuses, averages and distributions",
      security: signedIn,
      request: { params: IdParam },
      responses: { 200: jsonContent(GradebookSchema, "The gradebook"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const data = found(await loadGradebook(c.var.db, c.req.valid("param").id, user.id), "class");
      const now = Date.now();
      const book = buildGradebook(data.students, data.assignments, data.attempts, now, overridesByCell(data.overrides));
      const columns = new Map(book.assignments.map((a) => [a.id, a]));
      const zones = new Map(data.assignments.map((a) => [a.id, a.timeZone]));
      return c.json(
        {
          class: data.klass,
          generatedAt: iso(now),
          students: book.students.map((s) => ({
            ...s,
            cells: Object.fromEntries(
              Object.entries(s.cells).map(([id, { override, ...cell }]) => [
                id,
                { ...cell, accommodation: accommodationView(override, zones.get(id) ?? "UTC") },
              ]),
            ),
          })),
          assignments: data.assignments.map((a) => {
            const col = columns.get(a.id);
            return {
              ...assignmentRef(a),
              averageShare: col?.averageShare ?? null,
              distribution: col?.distribution ?? [],
              submittedCount: col?.submittedCount ?? 0,
            };
          }),
          notStartedDueSoon: book.notStartedDueSoon.map((d) => ({ ...d, dueAt: iso(d.dueAt) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/gradebook.csv",
      operationId: "getGradebookCsv",
      tags,
      summary: "The gradebook as CSV for Excel or LibreOffice: UTF-8 with BOM, one row per student, grades in percent",
      security: signedIn,
      request: { params: IdParam, query: CsvQuery },
      responses: {
        200: {
          description: "CSV (RFC 4180, CRLF); cells that would start a formula are prefixed with '",
          content: { "text/csv": { schema: z.string() } },
        },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { lang } = c.req.valid("query");
      const data = found(await loadGradebook(c.var.db, c.req.valid("param").id, user.id), "class");
      const csv = toCsv(sheetCsvRows(sheetOf(data, lang)));
      return c.body(csv, 200, downloadHeaders(data.klass.name, lang, "text/csv; charset=utf-8", "csv"));
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/gradebook.xlsx",
      operationId: "getGradebookXlsx",
      tags,
      summary: "The gradebook as an Excel workbook: opens as is in Excel of any language, grades as percentages",
      description:
        "One sheet, one row per student: names and emails as text, each grade and the average as a number formatted as a " +
        "percentage, empty where there is none yet; the name column and the header row are frozen.",
      security: signedIn,
      request: { params: IdParam, query: CsvQuery },
      responses: {
        200: {
          description: "An Office Open XML workbook (.xlsx)",
          content: { [XLSX_MEDIA_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
        },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { lang } = c.req.valid("query");
      const data = found(await loadGradebook(c.var.db, c.req.valid("param").id, user.id), "class");
      const file = toXlsx(sheetOf(data, lang));
      return c.body(file, 200, downloadHeaders(data.klass.name, lang, XLSX_MEDIA_TYPE, "xlsx"));
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/students/{studentId}/attempts",
      operationId: "getStudentAttempts",
      tags,
      summary: "One student's attempts at this class's assignments, with answers, per-question scores and the key",
      security: signedIn,
      request: { params: StudentParams },
      responses: { 200: jsonContent(StudentAttempts, "The student's attempts by assignment"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, studentId } = c.req.valid("param");
      const data = found(await loadStudentAttempts(c.var.db, id, user.id, studentId), "class");
      const student = found(data.student, "student in this class");
      const now = Date.now();
      const saved = new Map<string, Saved>();
      for (const a of data.answers) {
        const own = saved.get(a.attemptId) ?? new Map();
        own.set(a.questionId, { answer: a.answer, score: a.score });
        saved.set(a.attemptId, own);
      }
      return c.json(
        {
          class: data.klass,
          student,
          assignments: data.assignments.map((a) => {
            const own = data.attempts.filter((t) => t.assignmentId === a.id);
            const outcomes = own.map((t) => ({ ...t, share: attemptShare(t) }));
            const override = data.overrides.find((o) => o.assignmentId === a.id) ?? null;
            const rulesOf = (attemptId: string) =>
              regradeRules(
                data.regrades.filter((r) => r.forAttempt === attemptId).map((r) => r.regrade),
                attemptId,
              );
            return {
              ...assignmentRef(a),
              gradeShare: finalGrade(a.gradingMethod, outcomes),
              status: assignmentStatus(effectiveRules(a, override), outcomes, now),
              accommodation: accommodationView(override, a.timeZone),
              attempts: own.map((t) => studentAttempt(t, effectiveRules(a, override), saved.get(t.id) ?? new Map(), rulesOf(t.id))),
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
      path: "/classes/{id}/items",
      operationId: "getItemAnalysis",
      tags,
      summary: "Item analysis of one assignment: facility, discrimination, option picks and flags per question",
      security: signedIn,
      request: { params: IdParam, query: ItemsQuery },
      responses: { 200: jsonContent(ItemAnalysisSchema, "Per-question statistics"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id } = c.req.valid("param");
      const data = found(await loadItemAnalysis(c.var.db, id, user.id, c.req.valid("query").assignmentId, currentHashes), "class");
      const assignment = found(data.assignment, "assignment in this class");
      const analysed: AnalysedAttempt[] = data.attempts.map((t) => {
        const questions = t.snapshot ?? (t.itemDigest && questionsFromDigest(t.itemDigest, course));
        // The query sent the snapshot unless every hash of the digest was the course's, so this cannot happen.
        if (!questions) throw new Error(`attempt ${t.id}: its item digest does not match the course and no snapshot came`);
        return {
          id: t.id,
          share: attemptShare({ status: "submitted", score: t.score, maxScore: t.maxScore }) ?? 0,
          snapshot: questions,
          answers: t.answers,
        };
      });
      const result = analyseItems(analysed, course.questions);
      return c.json({ class: data.klass, assignment: assignmentRef(assignment), ...result }, 200);
    },
  );
