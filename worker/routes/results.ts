// Instructor results: the gradebook (JSON and CSV), one student's attempts, and item analysis; only for the class's own instructor.
import { loadGradebook, loadItemAnalysis, loadStudentAttempts } from "../../db/queries/results.ts";
import { course, moduleTitle } from "../course.ts";
import { correctAnswerOf } from "../domain/attempts.ts";
import { attachmentDisposition, toCsv } from "../domain/csv.ts";
import { attemptPercent, buildGradebook } from "../domain/gradebook.ts";
import { assignmentStatus, finalGrade } from "../domain/grades.ts";
import { type AnalysedAttempt, analyseItems } from "../domain/itemAnalysis.ts";
import type { Answer } from "../domain/serve.ts";
import { utcToLocal } from "../domain/time.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { IdParam, iso, Localized } from "../schemas.ts";
import { AnswerSchema, ServedQuestionSchema } from "./attempts.ts";

const Status = z.enum(["upcoming", "not_started", "in_progress", "submitted", "late", "missed"]);
const GradingMethod = z.enum(["best", "last", "average"]);
const Mode = z.enum(["practice", "assessment"]);
const share = (description: string) => z.number().min(0).max(1).nullable().openapi({ description });
const dateTime = z.string().openapi({ format: "date-time" });
const ClassRef = z.object({ id: z.string(), name: z.string() }).openapi("ClassRef");

const AssignmentRef = {
  id: z.string(),
  module: z.string(),
  moduleTitle: Localized,
  mode: Mode,
  opensAt: dateTime.nullable(),
  dueAt: dateTime.nullable(),
  gradingMethod: GradingMethod,
  maxAttempts: z.number().int().nullable(),
};

const Cell = z
  .object({
    grade: share("Under the assignment's grading method; null before a submission"),
    attempts: z.number().int(),
    status: Status,
  })
  .openapi("GradebookCell");

const GradebookSchema = z
  .object({
    class: ClassRef,
    generatedAt: dateTime,
    students: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          email: z.string(),
          cells: z.record(z.string(), Cell).openapi({ description: "By assignment id" }),
          average: share("Mean over graded assessments, a missed one counting 0; practice is not averaged"),
        })
        .openapi("GradebookStudent"),
    ),
    assignments: z.array(
      z
        .object({
          ...AssignmentRef,
          average: share("Mean grade of the students who have one"),
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

const ReviewedItem = z
  .object({
    question: ServedQuestionSchema,
    answer: AnswerSchema.nullable(),
    score: share("This question's score; null while the attempt is open"),
    correctAnswer: AnswerSchema,
    explanation: Localized,
  })
  .openapi("InstructorReviewItem");

const StudentAttempts = z
  .object({
    class: ClassRef,
    student: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    assignments: z.array(
      z.object({
        ...AssignmentRef,
        grade: share("Under the grading method"),
        status: Status,
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
            percent: share("score / maxScore"),
            items: z.array(ReviewedItem),
          }),
        ),
      }),
    ),
  })
  .openapi("StudentAttempts");

const ItemAnalysisSchema = z
  .object({
    class: ClassRef,
    assignment: z.object(AssignmentRef),
    attemptCount: z.number().int().openapi({ description: "Submitted attempts analysed (current members only)" }),
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

const StudentParams = IdParam.extend({
  studentId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "studentId", in: "path" } }),
});
const ItemsQuery = z.object({
  assignmentId: z
    .string("is required")
    .min(1, "is required")
    .max(64, "must be at most 64 characters")
    .openapi({ param: { name: "assignmentId", in: "query" }, description: "An assignment of this class" }),
});
const CsvQuery = z.object({
  lang: z
    .enum(["ru", "en"], "must be ru or en")
    .default("ru")
    .openapi({ param: { name: "lang", in: "query" }, description: "Language of the header row" }),
});

const tags = ["Results"];

type AssignmentColumns = Awaited<ReturnType<typeof loadGradebook>>["assignments"][number];
const assignmentRef = (a: AssignmentColumns) => ({
  id: a.id,
  module: a.moduleSlug,
  moduleTitle: moduleTitle(a.moduleSlug),
  mode: a.mode,
  opensAt: iso(a.opensAt),
  dueAt: iso(a.dueAt),
  gradingMethod: a.gradingMethod,
  maxAttempts: a.maxAttempts,
});

const csvHeader = {
  ru: { student: "Студент", email: "Эл. почта", average: "Средний балл, %", due: "срок", practice: "практика" },
  en: { student: "Student", email: "Email", average: "Average, %", due: "due", practice: "practice" },
};
const percentCell = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export const resultRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/gradebook",
      tags,
      summary: "The gradebook: students × assignments with grades, statuses, averages and distributions",
      security: signedIn,
      request: { params: IdParam },
      responses: { 200: jsonContent(GradebookSchema, "The gradebook"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const data = await loadGradebook(c.var.db, c.req.valid("param").id, user.id);
      const now = Date.now();
      const book = buildGradebook(data.students, data.assignments, data.attempts, now);
      const columns = new Map(book.assignments.map((a) => [a.id, a]));
      return c.json(
        {
          class: data.klass,
          generatedAt: iso(now),
          students: book.students,
          assignments: data.assignments.map((a) => {
            const col = columns.get(a.id);
            return {
              ...assignmentRef(a),
              average: col?.average ?? null,
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
      const data = await loadGradebook(c.var.db, c.req.valid("param").id, user.id);
      const book = buildGradebook(data.students, data.assignments, data.attempts, Date.now());
      const words = csvHeader[lang];
      const header = [
        words.student,
        words.email,
        ...data.assignments.map((a) => {
          const parts = [moduleTitle(a.moduleSlug)[lang]];
          if (a.mode === "practice") parts.push(`(${words.practice})`);
          // The due date tells apart two assignments of the same module.
          if (a.dueAt !== null) parts.push(`(${words.due} ${utcToLocal(a.dueAt, a.timeZone).slice(0, 10)})`);
          return `${parts.join(" ")}, %`;
        }),
        words.average,
      ];
      const rows = book.students.map((s) => [
        s.name,
        s.email,
        ...data.assignments.map((a) => percentCell(s.cells[a.id]?.grade ?? null)),
        percentCell(s.average),
      ]);
      return c.body(toCsv([header, ...rows]), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": attachmentDisposition(`${data.klass.name} ${lang === "ru" ? "оценки" : "gradebook"}`, "csv"),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/students/{studentId}/attempts",
      tags,
      summary: "One student's attempts at this class's assignments, with answers, per-question scores and the key",
      security: signedIn,
      request: { params: StudentParams },
      responses: { 200: jsonContent(StudentAttempts, "The student's attempts by assignment"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, studentId } = c.req.valid("param");
      const data = await loadStudentAttempts(c.var.db, id, user.id, studentId);
      const now = Date.now();
      const saved = new Map<string, Map<string, { answer: Answer; score: number | null }>>();
      for (const a of data.answers) {
        const own = saved.get(a.attemptId) ?? new Map();
        own.set(a.questionId, { answer: a.answer, score: a.score });
        saved.set(a.attemptId, own);
      }
      return c.json(
        {
          class: data.klass,
          student: data.student,
          assignments: data.assignments.map((a) => {
            const own = data.attempts.filter((t) => t.assignmentId === a.id);
            const outcomes = own.map((t) => ({ ...t, percent: attemptPercent(t) }));
            return {
              ...assignmentRef(a),
              grade: finalGrade(a.gradingMethod, outcomes),
              status: assignmentStatus(a, outcomes, now),
              attempts: own.map((t) => {
                const given = saved.get(t.id) ?? new Map<string, { answer: Answer; score: number | null }>();
                const percent = attemptPercent(t);
                return {
                  id: t.id,
                  status: t.status,
                  startedAt: iso(t.startedAt),
                  submittedAt: iso(t.submittedAt),
                  deadline: iso(t.deadline),
                  late: t.submittedAt !== null && a.dueAt !== null && t.submittedAt > a.dueAt,
                  score: t.score,
                  maxScore: t.maxScore,
                  percent: percent === null ? null : Math.round(percent * 10_000) / 10_000,
                  items: t.snapshot.map((q) => {
                    const answer = given.get(q.served.id);
                    return {
                      question: q.served,
                      answer: answer?.answer ?? null,
                      score: t.status === "submitted" ? (answer?.score ?? 0) : null,
                      correctAnswer: correctAnswerOf(q),
                      explanation: q.explanation,
                    };
                  }),
                };
              }),
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
      tags,
      summary: "Item analysis of one assignment: facility, discrimination, option picks and flags per question",
      security: signedIn,
      request: { params: IdParam, query: ItemsQuery },
      responses: { 200: jsonContent(ItemAnalysisSchema, "Per-question statistics"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id } = c.req.valid("param");
      const data = await loadItemAnalysis(c.var.db, id, user.id, c.req.valid("query").assignmentId);
      const analysed: AnalysedAttempt[] = data.attempts.map((t) => ({
        id: t.id,
        percent: attemptPercent({ status: "submitted", score: t.score, maxScore: t.maxScore }) ?? 0,
        snapshot: t.questions,
        answers: t.answers,
      }));
      const result = analyseItems(analysed, course.questions);
      return c.json({ class: data.klass, assignment: assignmentRef(data.assignment), ...result }, 200);
    },
  );
