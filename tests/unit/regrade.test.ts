// Regrading as pure functions: one question under the regrades, a whole attempt, and the per-question change a bulk
// regrade writes, which must equal grading the whole attempt again.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer, SnapshotQuestion } from "../../db/json.ts";
import type { CompiledCourse } from "../../lessons/types.ts";
import { answerMap, attemptClose } from "../../worker/domain/attempts.ts";
import { mulberry32 } from "../../worker/domain/random.ts";
import {
  acceptProblem,
  gradeQuestion,
  noRegrades,
  type RegradeRow,
  regradeChange,
  regradeChanges,
  regradeRules,
  scoreUnder,
} from "../../worker/domain/regrade.ts";
import { serveAttempt } from "../../worker/domain/serve.ts";
import { answerFromKey, guessAnswer } from "../shared/answers.ts";

const course = JSON.parse(readFileSync(new URL("../../lessons/.build/course.json", import.meta.url), "utf8")) as CompiledCourse;

const text: SnapshotQuestion = {
  served: { id: "m1-q03", type: "text", moduleSlug: "m1", anchor: "p1", prompt: { ru: "Кто?", en: "Who?" } },
  key: { type: "text", accepted: ["Жэнь Чжэнфэй", "Ren Zhengfei"], typos: true },
  explanation: { ru: "", en: "" },
};
const numeric: SnapshotQuestion = {
  served: { id: "m2-q01", type: "numeric", moduleSlug: "m2", anchor: "p1", prompt: { ru: "Сколько?", en: "How many?" } },
  key: { type: "numeric", value: 206, tolerance: 0 },
  explanation: { ru: "", en: "" },
};
const row = (r: Partial<RegradeRow> & Pick<RegradeRow, "kind" | "questionId">, at = 1): RegradeRow => ({
  attemptId: null,
  answer: null,
  score: null,
  comment: null,
  createdAt: at,
  ...r,
});

describe("gradeQuestion", () => {
  it("is plain grading without regrades", () => {
    expect(gradeQuestion(text, "Ren Zhengfei", noRegrades)).toMatchObject({ score: 1, counted: true, regraded: null });
    expect(gradeQuestion(text, "Жень Чженфей", noRegrades)).toMatchObject({ score: 0, regraded: null });
  });

  it("accept: a typed answer accepted for everyone counts like the key's own, normalised the same way", () => {
    const rules = regradeRules([row({ kind: "accept", questionId: "m1-q03", answer: "Жень Чженфей" })], "a1");
    expect(gradeQuestion(text, "Жень Чженфей", rules)).toMatchObject({ score: 1, correct: true, regraded: "accept" });
    expect(gradeQuestion(text, "  жень  ЧЖЕНФЕЙ. ", rules)).toMatchObject({ score: 1, regraded: "accept" });
    expect(gradeQuestion(text, "Си Цзиньпин", rules)).toMatchObject({ score: 0, regraded: null });
    // Already right under the key: the key decided, not the regrade.
    expect(gradeQuestion(text, "Ren Zhengfei", rules)).toMatchObject({ score: 1, regraded: null });
  });

  it("accept on a numeric question: another value, read with either decimal mark, within the key's tolerance", () => {
    const rules = regradeRules([row({ kind: "accept", questionId: "m2-q01", answer: "205" })], null);
    expect(gradeQuestion(numeric, "205", rules)).toMatchObject({ score: 1, regraded: "accept" });
    expect(gradeQuestion(numeric, "205,0", rules)).toMatchObject({ score: 1, regraded: "accept" });
    expect(gradeQuestion(numeric, "204", rules)).toMatchObject({ score: 0, regraded: null });
  });

  it("full marks: 1 for everyone, answered or not", () => {
    const rules = regradeRules([row({ kind: "full_marks", questionId: "m1-q03" })], "a1");
    expect(gradeQuestion(text, undefined, rules)).toMatchObject({ score: 1, counted: true, regraded: "full_marks" });
    expect(gradeQuestion(text, "nonsense", rules)).toMatchObject({ score: 1, regraded: "full_marks" });
  });

  it("drop: out of the score, keeping the question's own grade for the record", () => {
    const rules = regradeRules([row({ kind: "drop", questionId: "m1-q03" })], "a1");
    expect(gradeQuestion(text, "Ren Zhengfei", rules)).toMatchObject({ score: 1, counted: false, regraded: "drop" });
    expect(gradeQuestion(text, null, rules)).toMatchObject({ score: 0, counted: false, regraded: "drop" });
    const both = regradeRules(
      [row({ kind: "accept", questionId: "m1-q03", answer: "Жень Чженфей" }), row({ kind: "drop", questionId: "m1-q03" })],
      null,
    );
    expect(gradeQuestion(text, "Жень Чженфей", both)).toMatchObject({ score: 1, counted: false, regraded: "drop" });
  });

  it("a score by hand is for its attempt only, the latest wins, and it beats full marks; drop beats everything", () => {
    const rows = [
      row({ kind: "full_marks", questionId: "m1-q03" }, 1),
      row({ kind: "score", questionId: "m1-q03", attemptId: "a1", score: 0.5 }, 3),
      row({ kind: "score", questionId: "m1-q03", attemptId: "a1", score: 0.25 }, 2),
      row({ kind: "score", questionId: "m1-q03", attemptId: "a2", score: 0 }, 4),
    ];
    expect(gradeQuestion(text, "x", regradeRules(rows, "a1"))).toMatchObject({ score: 0.5, correct: false, regraded: "score" });
    expect(gradeQuestion(text, "x", regradeRules(rows, "a2"))).toMatchObject({ score: 0, regraded: "score" });
    expect(gradeQuestion(text, "x", regradeRules(rows, "a3"))).toMatchObject({ score: 1, regraded: "full_marks" });
    const dropped = regradeRules([...rows, row({ kind: "drop", questionId: "m1-q03" }, 0)], "a1");
    expect(gradeQuestion(text, "x", dropped)).toMatchObject({ counted: false, regraded: "drop" });
  });
});

describe("acceptProblem", () => {
  it("takes typed answers only, and numbers for numeric questions", () => {
    expect(acceptProblem("text", "Жень Чженфей")).toBeNull();
    expect(acceptProblem("text", "  ")).toBe("must not be empty");
    expect(acceptProblem("numeric", "3,18")).toBeNull();
    expect(acceptProblem("numeric", "около")).toMatch(/number/);
    expect(acceptProblem("single", "a")).toMatch(/text or numeric/);
  });
});

describe("scoreUnder and attemptClose", () => {
  const snapshot = [text, numeric];
  const answers = answerMap([
    { questionId: "m1-q03", answer: "Жень Чженфей" },
    { questionId: "m2-q01", answer: "206" },
  ]);

  it("drops leave the maximum smaller; accepted answers raise the score", () => {
    expect(scoreUnder(snapshot, answers, noRegrades)).toMatchObject({ score: 1, maxScore: 2 });
    const accept = regradeRules([row({ kind: "accept", questionId: "m1-q03", answer: "Жень Чженфей" })], null);
    expect(scoreUnder(snapshot, answers, accept)).toMatchObject({ score: 2, maxScore: 2 });
    const drop = regradeRules([row({ kind: "drop", questionId: "m2-q01" })], null);
    expect(scoreUnder(snapshot, answers, drop)).toMatchObject({ score: 0, maxScore: 1 });
  });

  it("a closing attempt rescored under the regrades lists what the SQL total must leave out or count as 1", () => {
    const rules = regradeRules(
      [
        row({ kind: "accept", questionId: "m1-q03", answer: "Жень Чженфей" }),
        row({ kind: "drop", questionId: "m2-q01" }),
        row({ kind: "full_marks", questionId: "m9-q99" }),
      ],
      null,
    );
    const saved = [
      { questionId: "m1-q03", answer: "Жень Чженфей" as Answer, score: 0 },
      { questionId: "m2-q01", answer: "206" as Answer, score: 1 },
    ];
    const close = attemptClose({ snapshot, rules: { reviewPolicy: "never", dueAt: null }, deadline: null }, saved, 5, rules);
    expect(close.rescore).toEqual([{ questionId: "m1-q03", score: 1 }]);
    expect(close.maxScore).toBe(1);
    expect(close.dropped).toEqual(["m2-q01"]);
    // Only questions this attempt was served.
    expect(close.fullMarks).toEqual([]);
  });
});

describe("regradeChange: the per-question change equals grading the whole attempt again", () => {
  const kinds = ["accept", "full_marks", "drop", "score"] as const;

  it("holds for random attempts of the course and random sequences of regrades", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(fc.tuple(fc.constantFrom(...kinds), fc.nat(30), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 6,
        }),
        (seed, plan) => {
          const slug = course.modules[seed % course.modules.length]?.slug as string;
          const snapshot = serveAttempt(course as never, slug, seed, "assessment");
          const rng = mulberry32(seed);
          const given = new Map<string, Answer>();
          for (const q of snapshot) {
            const r = rng();
            if (r < 0.2) continue;
            given.set(q.served.id, r < 0.6 ? answerFromKey(q.key) : guessAnswer(q.served));
          }
          let rows: RegradeRow[] = [];
          let total = scoreUnder(snapshot, given, regradeRules(rows, "t"));
          let at = 1;
          for (const [kind, pick, score, own] of plan) {
            const q = snapshot[pick % snapshot.length] as SnapshotQuestion;
            const typed = given.get(q.served.id);
            const next = row(
              {
                kind,
                questionId: q.served.id,
                answer: kind === "accept" ? (typeof typed === "string" ? typed : "42") : null,
                score: kind === "score" ? Math.round(score * 100) / 100 : null,
                attemptId: kind === "score" && own ? "t" : kind === "score" ? "other" : null,
              },
              at++,
            );
            const answer = given.get(q.served.id) ?? null;
            const stored = answer === null ? null : (total.perQuestion.get(q.served.id)?.score ?? 0);
            const change = regradeChange(
              { attemptId: "t", score: total.score, maxScore: total.maxScore, question: q, answer, storedScore: stored },
              regradeRules(rows, "t"),
              regradeRules([...rows, next], "t"),
            );
            rows = [...rows, next];
            const again = scoreUnder(snapshot, given, regradeRules(rows, "t"));
            expect(change?.score ?? total.score).toBeCloseTo(again.score, 4);
            expect(change?.maxScore ?? total.maxScore).toBe(again.maxScore);
            total = { ...again, score: change?.score ?? total.score };
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("regradeChanges skips attempts the rule does not change", () => {
    const targets = [
      { attemptId: "a", score: 0, maxScore: 2, question: text, answer: "Жень Чженфей" as Answer, storedScore: 0 },
      { attemptId: "b", score: 1, maxScore: 2, question: text, answer: "Ren Zhengfei" as Answer, storedScore: 1 },
      { attemptId: "c", score: 0, maxScore: 2, question: text, answer: null, storedScore: null },
    ];
    const accept = row({ kind: "accept", questionId: "m1-q03", answer: "Жень Чженфей" });
    expect(regradeChanges(targets, [], accept)).toEqual([{ attemptId: "a", score: 1, maxScore: 2, answerScore: 1 }]);
    const drop = row({ kind: "drop", questionId: "m1-q03" }, 2);
    const accepted = targets.map((t) => (t.attemptId === "a" ? { ...t, score: 1, storedScore: 1 } : t));
    expect(regradeChanges(accepted, [accept], drop)).toEqual([
      { attemptId: "a", score: 0, maxScore: 1, answerScore: null },
      { attemptId: "b", score: 0, maxScore: 1, answerScore: null },
      { attemptId: "c", score: 0, maxScore: 1, answerScore: null },
    ]);
  });
});
