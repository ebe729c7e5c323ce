// Item analysis on hand-made attempts: every expected number below was worked out by hand from the table in each test.
import { describe, expect, it } from "vitest";
import type { Localized } from "../../lessons/schema.ts";
import type { Question } from "../../lessons/types.ts";
import {
  type AnalysedAttempt,
  analyseItems,
  groupSize,
  type ItemStats,
  isReliable,
  itemFlags,
  RELIABLE_FROM_ATTEMPTS,
} from "../../worker/domain/itemAnalysis.ts";
import type { Answer, SnapshotQuestion } from "../../worker/domain/serve.ts";

const text = (en: string): Localized => ({ ru: `ru:${en}`, en });
const explanation = text("because");
const base = (id: string, type: Question["type"]) => ({ id, type, moduleSlug: "m", anchor: `p-${id}`, prompt: text(`prompt ${id}`) });

// Source questions as the course has them: option ids a, b, c never reach a student.
const source: Record<string, Question> = {
  q1: {
    ...base("q1", "single"),
    explanation,
    options: [
      { id: "a", text: text("Alpha") },
      { id: "b", text: text("Beta") },
      { id: "c", text: text("Gamma") },
    ],
    answer: "a",
  } as Question,
};

/** q1 as attempt `n` was served it: fresh option ids and its own order, like every real attempt. */
function servedQ1(n: number, gammaText = text("Gamma")): SnapshotQuestion {
  const options = [
    { id: `x${n}a`, text: text("Alpha") },
    { id: `x${n}b`, text: text("Beta") },
    { id: `x${n}c`, text: gammaText },
  ];
  if (n % 2) options.reverse();
  return { served: { ...base("q1", "single"), options }, key: { type: "single", correct: `x${n}a` }, explanation };
}
const q2: SnapshotQuestion = { served: base("q2", "truefalse"), key: { type: "truefalse", correct: true }, explanation };
const q3: SnapshotQuestion = { served: base("q3", "numeric"), key: { type: "numeric", value: 3.18, tolerance: 0 }, explanation };
const q4: SnapshotQuestion = { served: base("q4", "text"), key: { type: "text", accepted: ["шелковый путь"] }, explanation };
const q5: SnapshotQuestion = { served: base("q5", "numeric"), key: { type: "numeric", value: 2019, tolerance: 0 }, explanation };

// Ten attempts ranked t0 (best) … t9 (worst); groups of 3: upper t0 t1 t2, lower t7 t8 t9.
// q1 picks: A A B A C A B B – A(t9 served an edited "Gamma") → scores 1 1 0 1 0 1 0 0 0 1
// q2 (key true): F F F T T F F T T T → scores 0 0 0 1 1 0 0 1 1 1: the weaker do better
// q3 only in t0..t5, answered right by t0 only; q4 answered wrong by t0..t4; q5 answered right by all.
const q1Picks: (keyof typeof pickIndex | null)[] = ["A", "A", "B", "A", "C", "A", "B", "B", null, "A"];
const pickIndex = { A: "a", B: "b", C: "c" } as const;
const q2Picks = [false, false, false, true, true, false, false, true, true, true];

function dataset(): AnalysedAttempt[] {
  return Array.from({ length: 10 }, (_, n) => {
    const q1 = servedQ1(n, n === 9 ? text("Gamma (old wording)") : undefined);
    const snapshot: SnapshotQuestion[] = [q1, q2, q5];
    if (n <= 5) snapshot.push(q3);
    snapshot.push(q4);
    const answers = new Map<string, { answer: Answer; score: number | null }>();
    const pick = q1Picks[n];
    if (pick) answers.set("q1", { answer: `x${n}${pickIndex[pick]}`, score: pick === "A" ? 1 : 0 });
    answers.set("q2", { answer: q2Picks[n] as boolean, score: q2Picks[n] ? 1 : 0 });
    if (n === 0) answers.set("q3", { answer: "3,18", score: 1 });
    if (n <= 4) answers.set("q4", { answer: "не знаю", score: 0 });
    // Recorded score missing: analysis grades the saved answer itself.
    answers.set("q5", { answer: "2019", score: n === 3 ? null : 1 });
    return { id: `t${n}`, share: 0.95 - n * 0.1, snapshot, answers };
  });
}

const item = (items: ItemStats[], id: string) => items.find((i) => i.questionId === id) as ItemStats;

describe("groupSize", () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [3, 1],
    [4, 1],
    [10, 3],
    [11, 3],
    [100, 27],
    [1000, 270],
  ])("%i attempts → groups of %i", (n, g) => {
    expect(groupSize(n)).toBe(g);
  });
});

describe("analyseItems", () => {
  const result = analyseItems(dataset(), source);

  it("counts attempts and lists questions in id order", () => {
    expect(result.attemptCount).toBe(10);
    expect(result.groupSize).toBe(3);
    expect(result.items.map((i) => i.questionId)).toEqual(["q1", "q2", "q3", "q4", "q5"]);
  });

  it("single choice: facility, discrimination and picks grouped across differently shuffled ids", () => {
    const q = item(result.items, "q1");
    expect(q).toMatchObject({ served: 10, answered: 9, correct: 5, reliable: false, facility: 0.5, discrimination: 0.3333, flags: [] });
    // Upper t0 t1 t2 scored 1 1 0 (mean 2/3); lower t7 t8 t9 scored 0 0 1 (mean 1/3).
    expect(q.options).toEqual([
      { id: "a", text: text("Alpha"), correct: true, picked: 5, share: 0.5556 },
      { id: "b", text: text("Beta"), correct: false, picked: 3, share: 0.3333 },
      { id: "c", text: text("Gamma"), correct: false, picked: 1, share: 0.1111 },
      // t9 was served Gamma under an older wording: kept apart under its own text, not lost or merged by position.
      {
        id: "text:ru:Gamma (old wording)\u0000Gamma (old wording)",
        text: text("Gamma (old wording)"),
        correct: false,
        picked: 0,
        share: 0,
      },
    ]);
  });

  it("true/false: the weaker students doing better is flagged", () => {
    const q = item(result.items, "q2");
    expect(q).toMatchObject({ served: 10, answered: 10, facility: 0.5, discrimination: -1, flags: ["negative_discrimination"] });
    expect(q.options).toEqual([
      { id: "true", text: { ru: "Верно", en: "True" }, correct: true, picked: 5, share: 0.5 },
      { id: "false", text: { ru: "Неверно", en: "False" }, correct: false, picked: 5, share: 0.5 },
    ]);
  });

  it("a question served to only some attempts: facility over those, no index without a lower-group attempt", () => {
    const q = item(result.items, "q3");
    // Served to t0..t5; only t0 scored: 1/6. Lower group t7..t9 never saw it.
    expect(q).toMatchObject({ served: 6, answered: 1, correct: 1, facility: 0.1667, discrimination: null, options: null, flags: [] });
  });

  it("almost nobody right with enough answers is too hard; everybody right is too easy", () => {
    expect(item(result.items, "q4")).toMatchObject({ served: 10, answered: 5, facility: 0, discrimination: 0, flags: ["too_hard"] });
    // t3's score was never recorded: grading the saved "2019" gives 1, so all ten are right.
    expect(item(result.items, "q5")).toMatchObject({ served: 10, answered: 10, facility: 1, discrimination: 0, flags: ["too_easy"] });
  });

  it("does not depend on the order attempts arrive in", () => {
    const shuffled = dataset().reverse();
    expect(analyseItems(shuffled, source)).toEqual(result);
  });

  it("breaks ties in the total by attempt id, so the groups are stable", () => {
    const tied = dataset().map((a) => ({ ...a, share: 0.5 }));
    const r = analyseItems(tied, source);
    // Upper t0 t1 t2, lower t7 t8 t9 again (by id); q2 scores 0 0 0 vs 1 1 1.
    expect(item(r.items, "q2").discrimination).toBe(-1);
  });

  it("no attempts, no items; one attempt has no groups", () => {
    expect(analyseItems([], source)).toEqual({ attemptCount: 0, reliable: false, reliableFrom: 20, groupSize: 0, items: [] });
    const one = analyseItems(dataset().slice(0, 1), source);
    expect(one.groupSize).toBe(0);
    expect(one.items.every((i) => i.discrimination === null)).toBe(true);
  });

  it("below 20 attempts the analysis and each question say they are unreliable; from 20 on they do not", () => {
    expect(result).toMatchObject({ attemptCount: 10, reliable: false, reliableFrom: RELIABLE_FROM_ATTEMPTS });
    expect(result.items.every((i) => !i.reliable)).toBe(true);
    // Twenty attempts: the same ten twice under other ids. q3 was served to only 12 of them: still unreliable alone.
    const twenty = [...dataset(), ...dataset().map((a) => ({ ...a, id: `u${a.id}` }))];
    const r = analyseItems(twenty, source);
    expect(r.reliable).toBe(true);
    expect(r.items.map((i) => [i.questionId, i.served, i.reliable])).toEqual([
      ["q1", 20, true],
      ["q2", 20, true],
      ["q3", 12, false],
      ["q4", 20, true],
      ["q5", 20, true],
    ]);
    expect([19, 20, 21].map(isReliable)).toEqual([false, true, true]);
  });

  it("counts the attempts with full marks on each question", () => {
    // q5 (numeric) is right for all ten; q4 wrong for all; q2 right for five.
    expect(["q2", "q4", "q5"].map((id) => item(result.items, id).correct)).toEqual([5, 0, 10]);
  });

  it("multiple choice counts every ticked option; shares can add up to more than 1", () => {
    const served: SnapshotQuestion = {
      served: {
        ...base("qm", "multiple"),
        options: [
          { id: "o1", text: text("One") },
          { id: "o2", text: text("Two") },
          { id: "o3", text: text("Three") },
        ],
      },
      key: { type: "multiple", correct: ["o1", "o2"], optionCount: 3 },
      explanation,
    };
    const attempts: AnalysedAttempt[] = [
      { id: "a", share: 1, snapshot: [served], answers: new Map([["qm", { answer: ["o1", "o2"], score: 1 }]]) },
      { id: "b", share: 0.5, snapshot: [served], answers: new Map([["qm", { answer: ["o1", "o3"], score: 0.5 }]]) },
      { id: "c", share: 0, snapshot: [served], answers: new Map() },
    ];
    const q = item(analyseItems(attempts, {}).items, "qm");
    // Facility (1 + 0.5 + 0) / 3; groups of 1: a (1) vs c (0).
    expect(q).toMatchObject({ served: 3, answered: 2, facility: 0.5, discrimination: 1 });
    expect(q.options?.map((o) => [o.text.en, o.correct, o.picked, o.share])).toEqual([
      ["One", true, 2, 1],
      ["Two", true, 1, 0.5],
      ["Three", false, 1, 0.5],
    ]);
  });
});

describe("itemFlags thresholds", () => {
  const ok = { served: 20, answered: 20, facility: 0.6, discrimination: 0.3 };
  it.each([
    [{ ...ok }, []],
    [{ ...ok, facility: 0.19 }, ["too_hard"]],
    [{ ...ok, facility: 0.2 }, []],
    [{ ...ok, facility: 0.1, answered: 4 }, []],
    [{ ...ok, facility: 0.96 }, ["too_easy"]],
    [{ ...ok, facility: 0.95 }, []],
    [{ ...ok, facility: 1, answered: 4 }, []],
    [{ ...ok, discrimination: -0.01 }, ["negative_discrimination"]],
    [{ ...ok, discrimination: -0.5, served: 9 }, []],
    [{ ...ok, discrimination: 0 }, []],
    [{ ...ok, discrimination: -0.2, facility: 0.1 }, ["negative_discrimination", "too_hard"]],
    [{ ...ok, discrimination: null, facility: null }, []],
  ])("%o → %o", (stats, flags) => {
    expect(itemFlags(stats)).toEqual(flags);
  });
});
