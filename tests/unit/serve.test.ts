// Serving quizzes: seeded shuffles, question selection, key-free served questions with opaque ids, answer shapes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CompiledCourse, CompiledModule, Question } from "../../lessons/types.ts";
import { gradeAnswer } from "../../worker/domain/grading.ts";
import { mulberry32, randomSeed, shuffle } from "../../worker/domain/random.ts";
import {
  parseAnswer,
  type ServedQuestion,
  type SnapshotQuestion,
  selectQuestions,
  serveAttempt,
  serveQuestion,
} from "../../worker/domain/serve.ts";
import { answerFromKey } from "../shared/answers.ts";

// Built by `npm run lessons:build` (npm test builds first).
const course = JSON.parse(readFileSync(new URL("../../lessons/.build/course.json", import.meta.url), "utf8")) as CompiledCourse;
const lessonModules = course.modules.filter((m) => m.kind === "lesson");
const finalModule = course.modules.find((m) => m.kind === "final")!;
const allQuestions = Object.values(course.questions);
const practiceIds = (m: CompiledModule) => m.questionIds.filter((id) => !course.questions[id]?.assessmentOnly);
const secretIds = (m: CompiledModule) => m.questionIds.filter((id) => course.questions[id]?.assessmentOnly);
const seeds = Array.from({ length: 40 }, (_, i) => i * 7919 + 1);

const OPAQUE_ID = /^[a-z][0-9a-z]{3}$/;
const l = (en: string) => ({ ru: `ru ${en}`, en });
const common = {
  anchor: "p-test",
  prompt: l("Prompt?"),
  explanation: l("Because."),
  moduleSlug: "test",
  assessmentOnly: false,
  skill: "recall",
} as const;

const single: Question = {
  ...common,
  id: "t-single",
  type: "single",
  options: [
    { id: "a", text: l("Alpha") },
    { id: "b", text: l("Beta") },
    { id: "c", text: l("Gamma") },
    { id: "d", text: l("Delta") },
  ],
  answer: "c",
};
const multiple: Question = {
  ...common,
  id: "t-multiple",
  type: "multiple",
  options: [
    { id: "a", text: l("One") },
    { id: "b", text: l("Two") },
    { id: "c", text: l("Three") },
    { id: "d", text: l("Four") },
    { id: "e", text: l("Five") },
  ],
  answer: ["a", "d"],
};
const truefalse: Question = { ...common, id: "t-tf", type: "truefalse", answer: false };
const numeric: Question = { ...common, id: "t-num", type: "numeric", answer: 3.18, tolerance: 0.05, unit: l("trillion yuan") };
const numericNoUnit: Question = { ...common, id: "t-num2", type: "numeric", answer: 769, tolerance: 0 };
const text: Question = { ...common, id: "t-text", type: "text", typos: true, answers: { ru: ["Хуавэй", "Huawei"], en: ["Huawei"] } };
const ordering: Question = {
  ...common,
  id: "t-order",
  type: "ordering",
  items: ["1994", "1997", "2004", "2010", "2015"].map((year, i) => ({ id: String.fromCharCode(97 + i), text: l(year) })),
};
const matching: Question = {
  ...common,
  id: "t-match",
  type: "matching",
  pairs: [
    { id: "a", left: l("1994"), right: l("statement") },
    { id: "b", left: l("2004"), right: l("first phone") },
    { id: "c", left: l("2010"), right: l("first smartphone") },
    { id: "d", left: l("2015"), right: l("patents") },
  ],
};
const handMade = [single, multiple, truefalse, numeric, numericNoUnit, text, ordering, matching];

const textOf = (choices: { id: string; text: { en: string } }[] | undefined, id: string) => choices?.find((c) => c.id === id)?.text.en;

/** Every id a served question shows (options, items, both matching columns). */
const servedIds = (s: ServedQuestion) => [...(s.options ?? []), ...(s.items ?? []), ...(s.left ?? []), ...(s.right ?? [])].map((c) => c.id);

/** All property names anywhere inside a value. */
function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}

/** The full-credit answer, built only from the key. */

describe("random", () => {
  it("mulberry32 repeats its sequence for a seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it("mulberry32 gives different sequences for different seeds and reads seeds modulo 2^32", () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
    const wrapped = mulberry32(2 ** 32 + 5);
    const plain = mulberry32(5);
    expect([wrapped(), wrapped()]).toEqual([plain(), plain()]);
  });

  it("shuffle returns a new permutation and leaves the list alone", () => {
    const list = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = shuffle(list, mulberry32(7));
    expect(out).not.toBe(list);
    expect([...out].sort()).toEqual([...list]);
    expect(list).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shuffle([], mulberry32(1))).toEqual([]);
    expect(shuffle(["x"], mulberry32(1))).toEqual(["x"]);
  });

  it("shuffle is deterministic per seed", () => {
    const list = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffle(list, mulberry32(99))).toEqual(shuffle(list, mulberry32(99)));
    expect(shuffle(list, mulberry32(99))).not.toEqual(shuffle(list, mulberry32(100)));
  });

  it("shuffle makes every order about equally likely", () => {
    const rng = mulberry32(2024);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = shuffle(["a", "b", "c"], rng).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(850);
      expect(n).toBeLessThan(1150);
    }
  });

  it("randomSeed gives unsigned 32-bit integers that vary", () => {
    const xs = Array.from({ length: 50 }, () => randomSeed());
    for (const x of xs) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(45);
  });
});

describe("selectQuestions", () => {
  it("the compiled course has lesson modules and a final test to select from", () => {
    expect(lessonModules.length).toBeGreaterThanOrEqual(7);
    expect(finalModule.draw).toBeGreaterThanOrEqual(1);
  });

  it("a lesson module serves its practice questions in practice and its secret pool in an assessment, each once", () => {
    for (const m of lessonModules) {
      const practice = selectQuestions(course, m.slug, mulberry32(1));
      expect(practice.map((q) => q.id).sort()).toEqual(practiceIds(m).sort());
      expect(practice.every((q) => q.moduleSlug === m.slug && !q.assessmentOnly)).toBe(true);
      const assessment = selectQuestions(course, m.slug, mulberry32(1), "assessment");
      expect(assessment.map((q) => q.id).sort()).toEqual(secretIds(m).sort());
    }
  });

  it("an assessment tops a small secret pool up with practice questions; a bank without one serves whole", () => {
    const q = (id: string, assessmentOnly: boolean): Question => ({ ...truefalse, id, moduleSlug: "m", assessmentOnly });
    const questions = Object.fromEntries(
      [...Array.from({ length: 10 }, (_, i) => q(`p${i}`, false)), q("s1", true), q("s2", true), q("s3", true)].map((x) => [x.id, x]),
    );
    const mod = (questionIds: string[]): CompiledModule => ({ ...lessonModules[0]!, slug: "m", questionIds });
    const small = { modules: [mod(Object.keys(questions))], questions };
    for (const seed of seeds) {
      const served = selectQuestions(small, "m", mulberry32(seed), "assessment").map((x) => x.id);
      expect(served).toHaveLength(8);
      expect(served).toEqual(expect.arrayContaining(["s1", "s2", "s3"]));
      expect(selectQuestions(small, "m", mulberry32(seed)).map((x) => x.id)).not.toContain("s1");
    }
    const open = { modules: [mod(Object.keys(questions).filter((id) => id.startsWith("p")))], questions };
    expect(selectQuestions(open, "m", mulberry32(3), "assessment")).toHaveLength(10);
  });

  it("a lesson module's order depends on the seed", () => {
    const m = lessonModules[0]!;
    const orders = new Set(
      seeds.map((s) =>
        selectQuestions(course, m.slug, mulberry32(s))
          .map((q) => q.id)
          .join(),
      ),
    );
    expect(orders.size).toBe(seeds.length);
    expect(orders.has(m.questionIds.join())).toBe(false);
  });

  it("the final test draws exactly `draw` distinct questions from each lesson module", () => {
    const draw = finalModule.draw!;
    for (const seed of seeds) {
      const selected = selectQuestions(course, finalModule.slug, mulberry32(seed));
      expect(selected).toHaveLength(draw * lessonModules.length);
      expect(new Set(selected.map((q) => q.id)).size).toBe(selected.length);
      for (const m of lessonModules) {
        const fromModule = selected.filter((q) => q.moduleSlug === m.slug);
        expect(fromModule).toHaveLength(draw);
        for (const q of fromModule) expect(m.questionIds).toContain(q.id);
      }
    }
  });

  it("the final test mixes the modules and samples different questions per seed", () => {
    const runs = seeds.map((s) => selectQuestions(course, finalModule.slug, mulberry32(s)));
    expect(new Set(runs.map((r) => r.map((q) => q.id).join())).size).toBe(seeds.length);
    // Shuffled together: the questions of a module are not served as one block after another.
    const blocks = (r: Question[]) => r.filter((q, i) => i === 0 || q.moduleSlug !== r[i - 1]!.moduleSlug).length;
    expect(runs.filter((r) => blocks(r) === lessonModules.length)).toHaveLength(0);
    // Over many seeds every question of every bank gets drawn at some point.
    const seen = new Set(
      Array.from({ length: 400 }, (_, s) => selectQuestions(course, finalModule.slug, mulberry32(s)))
        .flat()
        .map((q) => q.id),
    );
    expect(seen.size).toBe(allQuestions.filter((q) => !q.assessmentOnly).length);
    // A final assessment draws from the secret pools.
    const assessed = selectQuestions(course, finalModule.slug, mulberry32(5), "assessment");
    expect(assessed.every((q) => q.assessmentOnly)).toBe(true);
  });

  it("the final test takes a whole bank that is smaller than `draw` and ignores other final modules", () => {
    const q = (id: string, moduleSlug: string): Question => ({ ...truefalse, id, moduleSlug });
    const mod = (slug: string, order: number, kind: CompiledModule["kind"], questionIds: string[], draw?: number): CompiledModule => ({
      ...finalModule,
      slug,
      order,
      kind,
      questionIds,
      ...(draw === undefined ? {} : { draw }),
    });
    const small = {
      modules: [mod("one", 1, "lesson", ["q1", "q2", "q3", "q4"]), mod("two", 2, "lesson", ["q5"]), mod("final", 3, "final", [], 2)],
      questions: Object.fromEntries(["q1", "q2", "q3", "q4"].map((id) => [id, q(id, "one")]).concat([["q5", q("q5", "two")]])),
    };
    const selected = selectQuestions(small, "final", mulberry32(3));
    expect(selected).toHaveLength(3);
    expect(selected.filter((x) => x.moduleSlug === "one")).toHaveLength(2);
    expect(selected.map((x) => x.id)).toContain("q5");
  });

  it("the draw does not depend on how the modules are listed", () => {
    const reversed = { ...course, modules: [...course.modules].reverse() };
    for (const seed of seeds.slice(0, 5)) {
      const a = selectQuestions(course, finalModule.slug, mulberry32(seed)).map((q) => q.id);
      expect(selectQuestions(reversed, finalModule.slug, mulberry32(seed)).map((q) => q.id)).toEqual(a);
    }
  });

  it("throws for an unknown module, a missing question or a final test without draw", () => {
    expect(() => selectQuestions(course, "no-such-module", mulberry32(1))).toThrow(/unknown module: no-such-module/);
    const broken = { modules: [{ ...lessonModules[0]!, questionIds: ["ghost"] }], questions: {} };
    expect(() => selectQuestions(broken, lessonModules[0]!.slug, mulberry32(1))).toThrow(/missing question: ghost/);
    const noDraw = { modules: [{ ...finalModule, draw: undefined }], questions: {} };
    expect(() => selectQuestions(noDraw, finalModule.slug, mulberry32(1))).toThrow(/no valid draw/);
  });
});

describe("serveQuestion", () => {
  it("copies the question's identity and prompt, and keeps the explanation beside the served part", () => {
    for (const q of handMade) {
      const { served, explanation } = serveQuestion(q, mulberry32(5));
      expect(served).toMatchObject({ id: q.id, type: q.type, moduleSlug: q.moduleSlug, anchor: q.anchor, prompt: q.prompt });
      expect(explanation).toEqual(q.explanation);
    }
  });

  it("single: shuffled options with opaque ids and the key in those ids", () => {
    const orders = new Set<string>();
    for (const seed of seeds) {
      const { served, key } = serveQuestion(single, mulberry32(seed));
      expect(served.options).toHaveLength(4);
      expect(served.options!.map((o) => o.text.en).sort()).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
      for (const o of served.options!) expect(o.id).toMatch(OPAQUE_ID);
      expect(key.type).toBe("single");
      if (key.type === "single") expect(textOf(served.options, key.correct)).toBe("Gamma");
      orders.add(served.options!.map((o) => o.text.en).join());
    }
    expect(orders.size).toBeGreaterThan(10);
  });

  it("multiple: the key lists the correct options in served order and counts the options", () => {
    for (const seed of seeds) {
      const { served, key } = serveQuestion(multiple, mulberry32(seed));
      if (key.type !== "multiple") throw new Error("expected a multiple key");
      expect(key.optionCount).toBe(5);
      expect(key.correct.map((id) => textOf(served.options, id)).sort()).toEqual(["Four", "One"]);
      const positions = key.correct.map((id) => served.options!.findIndex((o) => o.id === id));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it("truefalse, numeric and text carry no choices; numeric keeps its unit; text accepts both languages once each", () => {
    const tf = serveQuestion(truefalse, mulberry32(1));
    expect(tf.key).toEqual({ type: "truefalse", correct: false });
    expect(servedIds(tf.served)).toEqual([]);
    const num = serveQuestion(numeric, mulberry32(1));
    expect(num.key).toEqual({ type: "numeric", value: 3.18, tolerance: 0.05 });
    expect(num.served.unit).toEqual(numeric.type === "numeric" ? numeric.unit : undefined);
    expect("unit" in serveQuestion(numericNoUnit, mulberry32(1)).served).toBe(false);
    const txt = serveQuestion(text, mulberry32(1));
    expect(txt.key).toEqual({ type: "text", accepted: ["Хуавэй", "Huawei"], typos: true });
  });

  it("ordering: items shuffled, never served in the correct order, key in served ids", () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 2000; seed++) {
      const { served, key } = serveQuestion(ordering, mulberry32(seed));
      const years = served.items!.map((item) => item.text.en);
      expect(years.join()).not.toBe("1994,1997,2004,2010,2015");
      orders.add(years.join());
      if (key.type !== "ordering") throw new Error("expected an ordering key");
      expect(key.order.map((id) => textOf(served.items, id))).toEqual(["1994", "1997", "2004", "2010", "2015"]);
    }
    // 5! − 1 orders are possible; most of them turn up.
    expect(orders.size).toBeGreaterThan(100);
  });

  it("ordering: a two- or three-item list is never served correct either (the rotation rule)", () => {
    const two: Question = { ...ordering, items: ordering.type === "ordering" ? ordering.items.slice(0, 2) : [] };
    const three: Question = { ...ordering, items: ordering.type === "ordering" ? ordering.items.slice(0, 3) : [] };
    for (let seed = 0; seed < 300; seed++) {
      expect(serveQuestion(two, mulberry32(seed)).served.items!.map((i) => i.text.en)).toEqual(["1997", "1994"]);
      expect(
        serveQuestion(three, mulberry32(seed))
          .served.items!.map((i) => i.text.en)
          .join(),
      ).not.toBe("1994,1997,2004");
    }
  });

  it("matching: left in the author's order, right shuffled and never lined up, left and right ids distinct", () => {
    for (let seed = 0; seed < 500; seed++) {
      const { served, key } = serveQuestion(matching, mulberry32(seed));
      expect(served.left!.map((x) => x.text.en)).toEqual(["1994", "2004", "2010", "2015"]);
      expect(served.right!.map((x) => x.text.en).sort()).toEqual(["first phone", "first smartphone", "patents", "statement"]);
      expect(served.right!.map((x) => x.text.en).join()).not.toBe("statement,first phone,first smartphone,patents");
      const leftIds = served.left!.map((x) => x.id);
      const rightIds = served.right!.map((x) => x.id);
      expect(new Set([...leftIds, ...rightIds]).size).toBe(8);
      if (key.type !== "matching") throw new Error("expected a matching key");
      expect(Object.keys(key.pairs)).toEqual(leftIds);
      const matched = Object.fromEntries(
        Object.entries(key.pairs).map(([left, right]) => [textOf(served.left, left), textOf(served.right, right)]),
      );
      expect(matched).toEqual({ "1994": "statement", "2004": "first phone", "2010": "first smartphone", "2015": "patents" });
    }
  });

  it("ids are opaque: 4 base36 characters starting with a letter, unique in the question, never the authored ids, varying with the seed", () => {
    for (const q of [...handMade, ...allQuestions]) {
      const ids = servedIds(serveQuestion(q, mulberry32(11)).served);
      for (const id of ids) expect(id).toMatch(OPAQUE_ID);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const first = seeds.map((s) => serveQuestion(single, mulberry32(s)).served.options![0]!.id);
    expect(new Set(first).size).toBeGreaterThan(seeds.length - 2);
  });

  it("id order says nothing about the key: the correct option sits at every position and has every rank among the ids", () => {
    const positions = new Set<number>();
    const ranks = new Set<number>();
    for (const seed of seeds) {
      const { served, key } = serveQuestion(single, mulberry32(seed));
      if (key.type !== "single") throw new Error("expected a single key");
      positions.add(served.options!.findIndex((o) => o.id === key.correct));
      ranks.add(
        served
          .options!.map((o) => o.id)
          .sort()
          .indexOf(key.correct),
      );
    }
    expect(positions).toEqual(new Set([0, 1, 2, 3]));
    expect(ranks).toEqual(new Set([0, 1, 2, 3]));
  });

  it("a served question never carries a key, an explanation or the accepted answers", () => {
    const forbidden = ["answer", "answers", "key", "pairs", "explanation", "correct", "accepted", "tolerance", "order", "value"];
    for (const seed of seeds.slice(0, 5)) {
      for (const m of course.modules) {
        for (const { served, key } of serveAttempt(course, m.slug, seed)) {
          const keys = keysDeep(served);
          for (const name of forbidden) expect(keys.has(name), `${served.id} has "${name}"`).toBe(false);
          const json = JSON.stringify(served);
          if (key.type === "text") for (const variant of key.accepted) expect(json).not.toContain(JSON.stringify(variant));
        }
      }
    }
  });

  it("throws when a choice question's key points at no option", () => {
    expect(() => serveQuestion({ ...single, answer: "z" } as Question, mulberry32(1))).toThrow(/not among its options/);
    expect(() => serveQuestion({ ...multiple, answer: ["z"] } as Question, mulberry32(1))).toThrow(/not among its options/);
  });

  it("does not change the question it serves", () => {
    const before = JSON.stringify(handMade);
    for (const q of handMade) serveQuestion(q, mulberry32(3));
    expect(JSON.stringify(handMade)).toBe(before);
  });
});

describe("serveAttempt", () => {
  it("is deterministic for a seed", () => {
    for (const m of course.modules) expect(serveAttempt(course, m.slug, 123456)).toEqual(serveAttempt(course, m.slug, 123456));
  });

  it("different seeds give different attempts (question order, option order and ids)", () => {
    const slug = lessonModules[1]!.slug;
    const attempts = seeds.map((s) => serveAttempt(course, slug, s));
    expect(new Set(attempts.map((a) => JSON.stringify(a))).size).toBe(seeds.length);
    expect(new Set(attempts.map((a) => a.map((q) => q.served.id).join())).size).toBe(seeds.length);
    const firstSingle = (a: SnapshotQuestion[]) =>
      a.find((q) => q.served.id === allQuestions.find((x) => x.type === "single" && x.moduleSlug === slug)!.id)!;
    expect(
      new Set(
        attempts.map((a) =>
          firstSingle(a)
            .served.options!.map((o) => o.text.en)
            .join(),
        ),
      ).size,
    ).toBeGreaterThan(1);
  });

  it("serves every question of the course so that the key's own answer parses and earns full credit", () => {
    for (const seed of seeds.slice(0, 10)) {
      for (const m of lessonModules) {
        for (const { served, key } of serveAttempt(course, m.slug, seed)) {
          const parsed = parseAnswer(served, answerFromKey(key));
          expect(parsed, served.id).toEqual({ ok: true, value: answerFromKey(key) });
          if (parsed.ok) expect(gradeAnswer(key, parsed.value), served.id).toEqual({ score: 1, correct: true });
        }
      }
    }
  });

  it("serves the final test's draw as snapshots", () => {
    const attempt = serveAttempt(course, finalModule.slug, 77);
    expect(attempt).toHaveLength(finalModule.draw! * lessonModules.length);
    for (const { served, key, explanation } of attempt) {
      expect(course.questions[served.id]!.type).toBe(key.type);
      expect(explanation).toEqual(course.questions[served.id]!.explanation);
    }
  });

  it("survives a JSON round trip unchanged (what an attempt stores is what it serves)", () => {
    const attempt = serveAttempt(course, finalModule.slug, 5);
    expect(JSON.parse(JSON.stringify(attempt))).toEqual(attempt);
  });

  it("throws for an unknown module", () => {
    expect(() => serveAttempt(course, "nope", 1)).toThrow(/unknown module/);
  });
});

describe("parseAnswer", () => {
  const snap = (q: Question) => serveQuestion(q, mulberry32(9)).served;
  const s = { single: snap(single), multiple: snap(multiple), tf: snap(truefalse), num: snap(numeric), text: snap(text) };
  const ord = snap(ordering);
  const match = snap(matching);
  const optionIds = s.multiple.options!.map((o) => o.id);
  const itemIds = ord.items!.map((i) => i.id);
  const leftIds = match.left!.map((x) => x.id);
  const rightIds = match.right!.map((x) => x.id);
  const bad = (served: ServedQuestion, raw: unknown) => {
    const result = parseAnswer(served, raw);
    if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
    return result.message;
  };

  it("single: one of the served option ids", () => {
    const id = s.single.options![2]!.id;
    expect(parseAnswer(s.single, id)).toEqual({ ok: true, value: id });
    for (const raw of ["a", "c", "", null, undefined, 1, [id], { id }])
      expect(bad(s.single, raw)).toBe("must be one of the option ids of this question");
  });

  it("multiple: distinct served option ids, possibly none", () => {
    expect(parseAnswer(s.multiple, [])).toEqual({ ok: true, value: [] });
    expect(parseAnswer(s.multiple, [optionIds[3], optionIds[0]])).toEqual({ ok: true, value: [optionIds[3], optionIds[0]] });
    expect(parseAnswer(s.multiple, optionIds)).toEqual({ ok: true, value: optionIds });
    expect(bad(s.multiple, optionIds[0])).toBe("must be an array of option ids (empty if none is chosen)");
    expect(bad(s.multiple, null)).toMatch(/must be an array/);
    expect(bad(s.multiple, [optionIds[0], "a"])).toBe("element 1 must be one of the option ids of this question");
    expect(bad(s.multiple, [3])).toBe("element 0 must be one of the option ids of this question");
    expect(bad(s.multiple, [optionIds[1], optionIds[2], optionIds[1]])).toBe(
      "element 2 repeats an option already chosen; list each option once",
    );
  });

  it("truefalse: a boolean only", () => {
    expect(parseAnswer(s.tf, true)).toEqual({ ok: true, value: true });
    expect(parseAnswer(s.tf, false)).toEqual({ ok: true, value: false });
    for (const raw of ["true", 0, 1, null, undefined, []]) expect(bad(s.tf, raw)).toBe("must be true or false");
  });

  it("numeric: what was typed (up to 40 characters) or a finite number", () => {
    for (const raw of ["3,18", " 3.18 ", "42 500", "", "abc", "x".repeat(40)])
      expect(parseAnswer(s.num, raw)).toEqual({ ok: true, value: raw });
    expect(parseAnswer(s.num, 3.18)).toEqual({ ok: true, value: 3.18 });
    expect(parseAnswer(s.num, -0.5)).toEqual({ ok: true, value: -0.5 });
    expect(bad(s.num, "1".repeat(41))).toBe("must be at most 40 characters long");
    for (const raw of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(bad(s.num, raw)).toBe("must be a finite number");
    for (const raw of [null, true, [3], { value: 3 }]) expect(bad(s.num, raw)).toBe("must be a number or the text the learner typed");
  });

  it("text: a string of at most 200 characters", () => {
    expect(parseAnswer(s.text, "Huawei")).toEqual({ ok: true, value: "Huawei" });
    expect(parseAnswer(s.text, "я".repeat(200))).toEqual({ ok: true, value: "я".repeat(200) });
    expect(bad(s.text, "я".repeat(201))).toBe("must be at most 200 characters long");
    for (const raw of [null, 5, ["Huawei"], true]) expect(bad(s.text, raw)).toBe("must be a string");
  });

  it("ordering: a permutation of the served item ids", () => {
    const reversed = [...itemIds].reverse();
    expect(parseAnswer(ord, reversed)).toEqual({ ok: true, value: reversed });
    expect(bad(ord, "x")).toBe("must be an array of item ids in the chosen order");
    expect(bad(ord, itemIds.slice(0, 4))).toBe("must list all 5 items of this question, each exactly once");
    expect(bad(ord, [])).toBe("must list all 5 items of this question, each exactly once");
    expect(bad(ord, [...itemIds.slice(0, 4), itemIds[0]])).toBe("element 4 repeats an item; list each item exactly once");
    expect(bad(ord, [...itemIds, "zzzz"])).toBe("element 5 must be one of the item ids of this question");
    expect(bad(ord, ["a", "b", "c", "d", "e"])).toBe("element 0 must be one of the item ids of this question");
  });

  it("matching: left id → right id, possibly partial", () => {
    const full = Object.fromEntries(leftIds.map((id, i) => [id, rightIds[i]!]));
    expect(parseAnswer(match, full)).toEqual({ ok: true, value: full });
    expect(parseAnswer(match, {})).toEqual({ ok: true, value: {} });
    expect(parseAnswer(match, { [leftIds[1]!]: rightIds[0]! })).toEqual({ ok: true, value: { [leftIds[1]!]: rightIds[0]! } });
    // Two rows on the same right-hand item is a (wrong) answer, not a malformed one.
    expect(parseAnswer(match, { [leftIds[0]!]: rightIds[0]!, [leftIds[1]!]: rightIds[0]! }).ok).toBe(true);
    for (const raw of [null, [], "x", 3, [leftIds[0]]])
      expect(bad(match, raw)).toBe("must be an object mapping left-hand ids to right-hand ids");
    expect(bad(match, { a: rightIds[0] })).toBe("every key must be one of the left-hand ids of this question");
    expect(bad(match, { [rightIds[0]!]: rightIds[1] })).toBe("every key must be one of the left-hand ids of this question");
    expect(bad(match, { [leftIds[2]!]: leftIds[0] })).toBe(
      `the value for "${leftIds[2]}" must be one of the right-hand ids of this question`,
    );
    expect(bad(match, { [leftIds[0]!]: 1 })).toMatch(/must be one of the right-hand ids/);
    expect(bad(match, JSON.parse(`{"__proto__": "${rightIds[0]}"}`))).toBe("every key must be one of the left-hand ids of this question");
  });

  it("returns the answer in the served order of the left column, whatever order the keys came in", () => {
    const reversed = Object.fromEntries([...leftIds].reverse().map((id, i) => [id, rightIds[i]!]));
    const parsed = parseAnswer(match, reversed);
    expect(parsed.ok && Object.keys(parsed.value as Record<string, string>)).toEqual(leftIds);
  });
});
