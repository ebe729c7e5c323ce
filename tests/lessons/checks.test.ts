// The course checks' pieces: numbers and phrases found the way a student would read them, and leaks across modules.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkCourse, type QuestionPlace } from "../../lessons/checks.ts";
import { compileCourse } from "../../lessons/compiler.ts";
import { readLessonFiles } from "../../lessons/files.ts";
import { findNumber, findPhrase, numbersIn } from "../../lessons/normalize.ts";
import type { Question } from "../../lessons/types.ts";

/** These fixtures are written in ru and en only: compiled as a course that requires just those. */
const RU_EN = { required: ["ru", "en"] } as const;

describe("findNumber", () => {
  it.each([
    ["В 2019 году — 206 компаний.", 206, "206"],
    ["рост в 3,18 раза", 3.18, "3,18"],
    ["grew 3.18-fold", 3.18, "3.18"],
    ["42 500 человек", 42_500, "42 500"],
    ["42\u00a0500 человек", 42_500, "42\u00a0500"],
    ["42\u202f500 people", 42_500, "42\u202f500"],
    ["42500 people", 42_500, "42500"],
    ["42,500 people", 42_500, "42,500"],
    ["более 4% ВВП", 4, "4"],
    ["(769)", 769, "769"],
  ])("finds %j as %d", (text, value, raw) => {
    expect(findNumber(text, value)).toBe(raw);
  });

  it.each([
    ["In 2019 there were 2060 firms and 1206 others.", 206],
    ["20.6 or 2,06", 206],
    ["5G networks", 5],
    ["G20 summit", 20],
    ["3,181", 3.18],
    ["version 3.18.2", 3.18],
    ["42 500", 500],
  ])("does not find in %j the number %d", (text, value) => {
    expect(findNumber(text, value)).toBeUndefined();
  });

  it("accepts a number within the tolerance", () => {
    expect(findNumber("about 3.2 trillion", 3.18, 0.05)).toBe("3.2");
    expect(findNumber("about 3.3 trillion", 3.18, 0.05)).toBeUndefined();
  });

  it("reads numbers with their written form", () => {
    expect(numbersIn("2,3 и 3.18, а также 1 234 567")).toEqual([
      { raw: "2,3", values: [2.3] },
      { raw: "3.18", values: [3.18] },
      { raw: "1 234 567", values: [1_234_567] },
    ]);
  });
});

describe("findPhrase", () => {
  it("compares as grading does: case, ё/е, punctuation, whole words", () => {
    expect(findPhrase("Где находится КазНУ им. аль-Фараби?", ["Аль-Фараби"])).toBe("Аль-Фараби");
    expect(findPhrase("ЗАЯВЛЕНИЕ ЖЭНЬ ЧЖЭНФЭЯ", ["Жэнь Чжэнфэй"])).toBeUndefined();
    expect(findPhrase("Проект «Алёша»", ["алеша"])).toBe("алеша");
    expect(findPhrase("the eGov.kz portal", ["eGov"])).toBe("eGov");
    expect(findPhrase("Hurunite research", ["Hurun"])).toBeUndefined();
  });
});

describe("checkCourse across modules", () => {
  const fixtures = fileURLToPath(new URL("./fixtures/valid/", import.meta.url));
  const compiled = compileCourse(readLessonFiles(fixtures), [], RU_EN);
  const places = new Map<string, QuestionPlace>(
    Object.keys(compiled.questions).map((id, index) => [id, { file: "01-basics/questions.yaml", index }]),
  );

  it("finds an answer given away by a question of another module (the final test can draw both)", () => {
    const other: Question = {
      id: "x-q01",
      moduleSlug: "elsewhere",
      type: "truefalse",
      anchor: "p-x",
      prompt: { ru: "Компания вышла на рынок.", en: "The company entered the INTERNATIONAL market." },
      explanation: { ru: "Да.", en: "Yes." },
      answer: true,
      assessmentOnly: true,
      skill: "recall",
    };
    const { errors } = checkCourse({ modules: compiled.modules, questions: { ...compiled.questions, [other.id]: other }, places });
    expect(errors).toEqual([
      { file: "01-basics/questions.yaml", field: "[4].answer", reason: `b-q05's answer "international" appears in x-q01 (prompt, en)` },
    ]);
  });
});
