// Regrading end to end: accept a typed answer, a score by hand, drop a question, full marks; scores, the gradebook,
// its CSV, item analysis and the student's review follow, each regrade is an audit line, and open attempts close
// under the regrades. Only the class's instructor may regrade.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer, SnapshotQuestion } from "../../db/json.ts";
import type { Question } from "../../lessons/types.ts";
import { course } from "../../worker/course.ts";
import { itemDigest } from "../../worker/domain/itemDigest.ts";
import { mulberry32 } from "../../worker/domain/random.ts";
import { serveAttempt, serveQuestion } from "../../worker/domain/serve.ts";
import { answerFromKey } from "../shared/answers.ts";
import { expectContract } from "./contract.ts";
import { api, call, expectProblem, signUp, type TestUser } from "./helpers.ts";

const MODULE = "achievements-2019";
const TYPED = "Тест Ответ";

/** A snapshot of MODULE with its text question added, the same for every attempt of this file (so each is served it). */
const textId = (course.modules.find((m) => m.slug === MODULE)?.questionIds ?? []).find(
  (id) => course.questions[id]?.type === "text",
) as string;
const snapshot = [
  serveQuestion(course.questions[textId] as Question, mulberry32(7)),
  ...serveAttempt(course, MODULE, 1, "assessment").filter((q) => q.served.id !== textId),
];
const textQ = snapshot.find((q) => q.key.type === "text") as SnapshotQuestion;
const singleQ = snapshot.find((q) => q.key.type === "single") as SnapshotQuestion;
const otherQ = snapshot.find((q) => q !== textQ && q !== singleQ) as SnapshotQuestion;
const n = snapshot.length;

let teacher: TestUser;
let classId: string;
let assignmentId: string;
const students: Record<"ana" | "ben" | "cem" | "dan", TestUser> = {} as never;
const attemptOf: Record<string, string> = {};

/** Starts an attempt on the assignment with this file's snapshot in place of the one drawn. */
async function startWithSnapshot(s: TestUser) {
  const res = await api(s).attempts.$post({ json: { assignmentId } });
  const body = await res.json();
  if (!("id" in body)) throw new Error("no attempt");
  await env.DB.prepare("UPDATE attempts SET snapshot = ?, item_digest = ? WHERE id = ?")
    .bind(JSON.stringify(snapshot), JSON.stringify(itemDigest(snapshot, course)), body.id)
    .run();
  return body.id;
}

async function answer(s: TestUser, id: string, q: SnapshotQuestion, value: Answer) {
  const res = await api(s).attempts[":id"].answers[":questionId"].$put({ param: { id, questionId: q.served.id }, json: { answer: value } });
  expect(res.status).toBe(200);
}

const regrade = (body: Record<string, unknown>, as: TestUser = teacher, ids = { classId, assignmentId }) =>
  call(`/api/classes/${ids.classId}/assignments/${ids.assignmentId}/regrades`, { method: "POST", body, cookie: as.cookie });

async function regraded(body: Record<string, unknown>) {
  const res = await regrade(body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await expectContract("POST", `/api/classes/${classId}/assignments/${assignmentId}/regrades`, res)) as {
    attemptsChanged: number;
    regrade: { by: string; kind: string };
  };
}

const scores = async () => {
  const rows = await env.DB.prepare("SELECT user_id, score, max_score FROM attempts WHERE assignment_id = ?")
    .bind(assignmentId)
    .all<{ user_id: string; score: number; max_score: number }>();
  return Object.fromEntries(rows.results.map((r) => [r.user_id, [r.score, r.max_score]]));
};

const reviewOf = async (who: keyof typeof students) => {
  const res = await api(students[who]).attempts[":id"].review.$get({ param: { id: attemptOf[who] as string } });
  expect(res.status).toBe(200);
  return (await expectContract("GET", `/api/attempts/${attemptOf[who]}/review`, res)) as {
    items: { question: { id: string }; score: number | null; counted: boolean; regraded: string | null }[];
    regrades: { questionId: string; kind: string; answer: string | null; score: number | null; comment: string | null }[];
  };
};

beforeAll(async () => {
  teacher = await signUp("instructor", "Айгуль Сериковна");
  const k = await (await api(teacher).classes.$post({ json: { name: "Regrades" } })).json();
  if (!("class" in k)) throw new Error("class not created");
  classId = k.class.id;
  for (const who of ["ana", "ben", "cem", "dan"] as const) {
    students[who] = await signUp("student", who);
    await api(students[who]).classes.join.$post({ json: { code: k.class.joinCode ?? "" } });
  }
  const created = await (
    await api(teacher).classes[":id"].assignments.$post({
      param: { id: classId },
      json: { module: MODULE, mode: "assessment", timeZone: "UTC", gradingMethod: "best", reviewPolicy: "after_submit" },
    })
  ).json();
  if (!("assignment" in created)) throw new Error("assignment not created");
  assignmentId = created.assignment.id;
  // ana: everything right but the text question, typed in her own way; ben: everything right; cem: only the text question, typed like ana.
  for (const who of ["ana", "ben", "cem"] as const) {
    const s = students[who];
    const id = await startWithSnapshot(s);
    attemptOf[who] = id;
    if (who !== "cem") for (const q of snapshot) if (q !== textQ) await answer(s, id, q, answerFromKey(q.key));
    await answer(s, id, textQ, who === "ben" ? answerFromKey(textQ.key) : who === "ana" ? TYPED : "  тест ОТВЕТ. ");
    expect((await api(s).attempts[":id"].submit.$post({ param: { id } })).status).toBe(200);
  }
  // dan is still working when the regrades come.
  attemptOf.dan = await startWithSnapshot(students.dan);
  await answer(students.dan, attemptOf.dan, textQ, TYPED);
});

describe("POST /api/classes/:id/assignments/:assignmentId/regrades", () => {
  it("accept: everyone who typed the answer gets the point; scores, gradebook, CSV, items and the review follow", async () => {
    expect(await scores()).toMatchObject({ [students.ana.id]: [n - 1, n], [students.ben.id]: [n, n], [students.cem.id]: [0, n] });
    const done = await regraded({ questionId: textQ.served.id, kind: "accept", answer: TYPED, comment: "a fair spelling" });
    expect(done).toMatchObject({ attemptsChanged: 2, regrade: { by: "Айгуль Сериковна", kind: "accept" } });
    expect(await scores()).toMatchObject({ [students.ana.id]: [n, n], [students.ben.id]: [n, n], [students.cem.id]: [1, n] });

    const book = await (await api(teacher).classes[":id"].gradebook.$get({ param: { id: classId } })).json();
    if (!("students" in book)) throw new Error("no gradebook");
    expect(book.students.find((s) => s.id === students.ana.id)?.cells[assignmentId]?.gradeShare).toBe(1);
    const csv = await (await api(teacher).classes[":id"]["gradebook.csv"].$get({ param: { id: classId }, query: { lang: "en" } })).text();
    expect(csv.split("\r\n").find((line) => line.startsWith("ana,"))).toMatch(/,100,100$/);
    const items = await (await api(teacher).classes[":id"].items.$get({ param: { id: classId }, query: { assignmentId } })).json();
    expect("items" in items && items.items.find((i) => i.questionId === textQ.served.id)?.facility).toBe(1);

    const review = await reviewOf("ana");
    expect(review.items.find((i) => i.question.id === textQ.served.id)).toMatchObject({ score: 1, counted: true, regraded: "accept" });
    expect(review.regrades).toEqual([
      expect.objectContaining({ questionId: textQ.served.id, kind: "accept", answer: TYPED, comment: "a fair spelling" }),
    ]);
  });

  it("score: one student's question set by hand with a comment, seen on their review only", async () => {
    const done = await regraded({
      questionId: textQ.served.id,
      kind: "score",
      attemptId: attemptOf.cem,
      score: 0.5,
      comment: "half: the surname only",
    });
    expect(done.attemptsChanged).toBe(1);
    expect(await scores()).toMatchObject({ [students.cem.id]: [0.5, n], [students.ana.id]: [n, n] });
    const cem = await reviewOf("cem");
    expect(cem.items.find((i) => i.question.id === textQ.served.id)).toMatchObject({ score: 0.5, regraded: "score" });
    expect(cem.regrades.at(-1)).toMatchObject({ kind: "score", score: 0.5, comment: "half: the surname only" });
    expect((await reviewOf("ana")).regrades.some((r) => r.kind === "score")).toBe(false);
  });

  it("drop: a broken question leaves everyone's score and maximum", async () => {
    const done = await regraded({ questionId: singleQ.served.id, kind: "drop", comment: "two right options" });
    expect(done.attemptsChanged).toBe(3);
    expect(await scores()).toMatchObject({
      [students.ana.id]: [n - 1, n - 1],
      [students.ben.id]: [n - 1, n - 1],
      [students.cem.id]: [0.5, n - 1],
    });
    expect((await reviewOf("ben")).items.find((i) => i.question.id === singleQ.served.id)).toMatchObject({
      counted: false,
      regraded: "drop",
    });
  });

  it("full marks: everyone gets the question, answered or not", async () => {
    const done = await regraded({ questionId: otherQ.served.id, kind: "full_marks" });
    expect(done.attemptsChanged).toBe(1);
    expect(await scores()).toMatchObject({ [students.cem.id]: [1.5, n - 1], [students.ana.id]: [n - 1, n - 1] });
  });

  it("an attempt open during the regrades closes under them", async () => {
    const res = await api(students.dan).attempts[":id"].submit.$post({ param: { id: attemptOf.dan as string } });
    const body = await res.json();
    // The accepted text answer and the full-marks question, out of every question but the dropped one.
    expect("attempt" in body && body.attempt.result).toMatchObject({ score: 2, maxScore: n - 1 });
  });

  it("GET lists every regrade with who made it, oldest first", async () => {
    const res = await api(teacher).classes[":id"].assignments[":assignmentId"].regrades.$get({ param: { id: classId, assignmentId } });
    const body = (await expectContract("GET", `/api/classes/${classId}/assignments/${assignmentId}/regrades`, res)) as {
      regrades: { kind: string; by: string }[];
    };
    expect(body.regrades.map((r) => r.kind)).toEqual(["accept", "score", "drop", "full_marks"]);
    expect(body.regrades.every((r) => r.by === "Айгуль Сериковна")).toBe(true);
  });

  it("only the class's instructor may regrade: another instructor 404, a student 403, a removed student 403; nothing changes", async () => {
    const count = async () => (await env.DB.prepare("SELECT count(*) AS n FROM regrades").first<{ n: number }>())?.n;
    const before = [await count(), await scores()];
    const stranger = await signUp("instructor");
    const body = { questionId: textQ.served.id, kind: "full_marks" };
    await expectProblem(await regrade(body, stranger), 404);
    await expectProblem(
      await api(stranger).classes[":id"].assignments[":assignmentId"].regrades.$get({ param: { id: classId, assignmentId } }),
      404,
    );
    await expectProblem(await regrade(body, students.ana), 403);
    const leaver = await signUp("student");
    const k = await (await api(teacher).classes[":id"].$get({ param: { id: classId } })).json();
    await api(leaver).classes.join.$post({ json: { code: ("class" in k && k.class.joinCode) || "" } });
    await api(teacher).classes[":id"].members[":userId"].$delete({ param: { id: classId, userId: leaver.id } });
    await expectProblem(await regrade(body, leaver), 403);
    await expectProblem(await call(`/api/classes/${classId}/assignments/${assignmentId}/regrades`, { method: "POST", body }), 401);
    expect([await count(), await scores()]).toEqual(before);
  });

  it("bad input is a 400 naming the field; a score on an open attempt is a 409; nothing is saved", async () => {
    const count = async () => (await env.DB.prepare("SELECT count(*) AS n FROM regrades").first<{ n: number }>())?.n;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ questionId: textQ.served.id, kind: "accept" }, "answer"],
      [{ questionId: singleQ.served.id, kind: "accept", answer: "x" }, "answer"],
      [{ questionId: "no-such-question", kind: "drop" }, "questionId"],
      [{ questionId: textQ.served.id, kind: "score", attemptId: attemptOf.ana, score: 1.5 }, "score"],
      [{ questionId: textQ.served.id, kind: "score", score: 1 }, "attemptId"],
      [{ questionId: textQ.served.id, kind: "drop", attemptId: attemptOf.ana }, "attemptId"],
      [{ questionId: textQ.served.id, kind: "invent" }, "kind"],
    ];
    for (const [body, field] of cases) {
      const problem = await expectProblem(await regrade(body), 400);
      expect(
        problem.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    const open = await startWithSnapshot(students.ben);
    const problem = await expectProblem(await regrade({ questionId: textQ.served.id, kind: "score", attemptId: open, score: 1 }), 409);
    expect(problem.reason).toBe("attempt_open");
    expect(await count()).toBe(before);
  });
});
