// The lesson compiler: fixtures that break one rule each must fail with file, field and reason; the real course must pass.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ContentError, type ContentProblem, compileCourse, parseInline, parseLesson } from "../../lessons/compiler.ts";
import { readLessonFiles } from "../../lessons/files.ts";
import { questionSource, questionTypes } from "../../lessons/schema.ts";

/** These fixtures are written in ru and en only: compiled as a course that requires just those. */
const RU_EN = { required: ["ru", "en"] } as const;

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const lessonsDir = fileURLToPath(new URL("../../lessons/", import.meta.url));

/** fixtures/valid with the files of fixtures/<name> laid over it, minus `remove`. */
function fixtureTree(name?: string, remove: string[] = []): Map<string, string> {
  const files = readLessonFiles(`${fixtures}valid`);
  if (name) for (const [path, text] of readLessonFiles(fixtures + name)) files.set(path, text);
  for (const path of remove) files.delete(path);
  return files;
}

function problemsOf(files: Map<string, string>): ContentProblem[] {
  try {
    compileCourse(files, [], RU_EN);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    // The CLI prints the message: it must carry each problem in "file: field: reason" form.
    for (const p of problems) expect((error as ContentError).message).toContain(`${p.file}: ${p.field}: ${p.reason}`);
    return problems;
  }
  throw new Error("compileCourse accepted a broken course");
}

const problem = (file: string, field: string, reason: RegExp) => ({ file, field, reason: expect.stringMatching(reason) });

describe("compileCourse on fixtures/valid", () => {
  const warnings: ContentProblem[] = [];
  const compiled = compileCourse(fixtureTree(), warnings, RU_EN);

  it("passes every course check without a warning", () => {
    expect(warnings).toEqual([]);
  });

  it("compiles the lesson and the final test in order", () => {
    expect(compiled.modules.map((m) => [m.slug, m.kind])).toEqual([
      ["basics", "lesson"],
      ["final-test", "final"],
    ]);
    expect(compiled.modules[1]?.draw).toBe(3);
    expect(Object.keys(compiled.questions)).toHaveLength(22);
    expect(compiled.questions["b-q01"]?.moduleSlug).toBe("basics");
  });

  it("parses headings, inline runs, joined lines and a list with its lead-in", () => {
    const basics = compiled.modules[0]!;
    expect(basics.lesson.en).toEqual([
      { type: "heading", anchor: "h-start", runs: [{ text: "The start" }] },
      {
        type: "paragraph",
        anchor: "p-founded",
        runs: [{ text: "The company was founded in " }, { text: "1987", bold: true }, { text: "." }],
      },
      {
        type: "paragraph",
        anchor: "p-abroad",
        runs: [{ text: "Three years later it entered the " }, { text: "international", italic: true }, { text: " market." }],
      },
      {
        type: "list",
        anchor: "p-facts",
        lead: [{ text: "Three facts about it:" }],
        items: [[{ text: "the first;" }], [{ text: "the second;" }], [{ text: "the third." }]],
      },
      {
        type: "paragraph",
        anchor: "p-staff",
        runs: [{ text: "By 2005 it employed " }, { text: "250", bold: true }, { text: " people in Paris and Rome." }],
      },
    ]);
    expect(basics.lesson.ru.map((b) => b.anchor)).toEqual(basics.lesson.en.map((b) => b.anchor));
  });

  it("fills defaults (numeric tolerance 0, practice, recall, typos on)", () => {
    expect(compiled.questions["b-q04"]).toMatchObject({
      type: "numeric",
      answer: 1987,
      tolerance: 0,
      assessmentOnly: false,
      skill: "recall",
    });
    expect(compiled.questions["b-q05"]).toMatchObject({ type: "text", typos: true });
  });

  it("carries assessmentOnly and skill into the compiled course", () => {
    expect(compiled.questions["b-q19"]).toMatchObject({ assessmentOnly: true, skill: "reasoning" });
    const bank = Object.values(compiled.questions);
    expect(bank.filter((q) => q.assessmentOnly)).toHaveLength(8);
    expect(bank.filter((q) => q.skill === "reasoning").map((q) => q.id)).toEqual(["b-q09", "b-q10", "b-q12", "b-q19"]);
  });

  it("carries a text question's typos switch when it is turned off", () => {
    const files = fixtureTree();
    const bank = files.get("01-basics/questions.yaml") as string;
    files.set("01-basics/questions.yaml", bank.replace("  type: text\n", "  type: text\n  typos: false\n"));
    expect(compileCourse(files, [], RU_EN).questions["b-q05"]).toMatchObject({ type: "text", typos: false });
  });
});

describe("compileCourse rejects a broken course with file, field and reason", () => {
  const cases: { name: string; fixture?: string; remove?: string[]; expected: ReturnType<typeof problem>[]; exact?: false }[] = [
    {
      name: "a missing field",
      fixture: "missing-field",
      expected: [problem("01-basics/module.yaml", "summary", /missing field/)],
    },
    {
      name: "an unknown question type",
      fixture: "unknown-type",
      expected: [problem("01-basics/questions.yaml", "[3].type", /unknown type: use single, multiple/)],
    },
    {
      name: "an answer that is not among the options",
      fixture: "answer-not-in-options",
      expected: [problem("01-basics/questions.yaml", "[0].answer", /answer "e" is not among the options/)],
    },
    {
      name: "a dangling anchor",
      fixture: "dangling-anchor",
      expected: [problem("01-basics/questions.yaml", "[2].anchor", /dangling anchor "p-nowhere"/)],
    },
    {
      name: "a duplicate question id",
      fixture: "duplicate-question-id",
      expected: [problem("01-basics/questions.yaml", "[22].id", /duplicate question id "b-q01"/)],
    },
    {
      name: "a missing translation file (lesson.en.md)",
      remove: ["01-basics/lesson.en.md"],
      expected: [problem("01-basics/lesson.en.md", "(file)", /missing translation: the en lesson text/)],
    },
    {
      name: "a field with only its Russian text",
      fixture: "missing-translation-field",
      expected: [problem("01-basics/module.yaml", "title.en", /missing translation: no en text/)],
    },
    {
      name: "a file that is not valid YAML",
      fixture: "bad-yaml",
      expected: [problem("01-basics/questions.yaml", "(yaml)", /not valid YAML/)],
    },
    {
      name: "anchors that differ between ru and en",
      fixture: "anchors-differ",
      expected: [problem("01-basics/lesson.en.md", "block 3", /anchor "p-overseas" where lesson\.ru\.md has "p-abroad"/)],
    },
    {
      name: "fewer than four question types",
      fixture: "three-types",
      expected: [problem("01-basics/questions.yaml", "type", /uses 3 question types; a module needs at least 4/)],
    },
    {
      name: "a missing question bank",
      remove: ["01-basics/questions.yaml"],
      expected: [problem("01-basics/questions.yaml", "(file)", /question bank/)],
    },
    {
      name: "a missing module.yaml",
      remove: ["01-basics/module.yaml"],
      expected: [problem("01-basics/module.yaml", "(file)", /missing/)],
    },
    {
      name: "a duplicate slug, reported on the file that has it",
      fixture: "duplicate-slug",
      expected: [problem("final/module.yaml", "slug", /duplicate slug "final-test" \(also in 03-extra\/module\.yaml\)/)],
    },
    {
      name: "answers that other questions or the module title give away",
      fixture: "answer-leak",
      expected: [
        problem("01-basics/questions.yaml", "[3].answer", /^b-q04's answer "1987" appears in the module title \(ru, en\)$/),
        problem("01-basics/questions.yaml", "[3].answer", /^b-q04's answer "1987" appears in b-q03 \(prompt, ru, en\)$/),
        problem("01-basics/questions.yaml", "[4].answer", /^b-q05's answer "international" appears in b-q16 \(prompt, en\)$/),
      ],
    },
    {
      name: "two questions that ask the same thing",
      fixture: "duplicate-question",
      expected: [problem("01-basics/questions.yaml", "[3]", /^b-q04 and b-q22 ask the same thing \(the same key 1987\)/)],
    },
    {
      name: "a numeric key its paragraph does not teach",
      fixture: "numeric-anchor",
      expected: [
        problem("01-basics/questions.yaml", "[10].anchor", /^b-q11's key 250 is not written in its paragraph "p-abroad" \(ru, en\)$/),
      ],
    },
    {
      name: "a paragraph too long to read on a phone",
      fixture: "long-paragraph",
      expected: [
        problem("01-basics/lesson.en.md", "p-staff", /^has 98 words in one paragraph or list item; at most 70 read well on a phone/),
      ],
    },
    {
      name: "a bank without its assessment pool and reasoning questions",
      fixture: "bank-shape",
      expected: [
        problem("01-basics/questions.yaml", "assessmentOnly", /has 10 practice questions; a module needs at least 14/),
        problem("01-basics/questions.yaml", "assessmentOnly", /has 0 assessmentOnly questions; a module needs at least 8/),
        problem("01-basics/questions.yaml", "skill", /has 2 reasoning questions; a module needs at least 3/),
      ],
    },
    {
      name: "a paragraph without its anchor, at its real line",
      fixture: "missing-anchor",
      // The other language then has an extra anchor, so more problems follow this first one.
      expected: [problem("01-basics/lesson.ru.md", "line 7", /missing anchor/)],
      exact: false,
    },
  ];

  it.each(cases)("$name", ({ fixture, remove, expected, exact }) => {
    const problems = problemsOf(fixtureTree(fixture, remove));
    if (exact === false) expect(problems[0]).toEqual(expected[0]);
    else expect(problems).toEqual(expected);
  });

  it("warns, without failing, on a key that is the longest option by far", () => {
    const warnings: ContentProblem[] = [];
    compileCourse(fixtureTree("longest-key"), warnings, RU_EN);
    expect(warnings).toEqual([
      problem("01-basics/questions.yaml", "[0].options", /^b-q01's key is the longest option by far \(ru 1\.9×, en 2\.2×/),
    ]);
  });

  it("hands the warnings over with the problems when the course fails", () => {
    const files = fixtureTree("longest-key");
    files.set("01-basics/lesson.en.md", (files.get("01-basics/lesson.en.md") as string).replace("**250**", "**two hundred and fifty**"));
    try {
      compileCourse(files, [], RU_EN);
      expect.unreachable();
    } catch (error) {
      expect((error as ContentError).problems).toEqual([problem("01-basics/questions.yaml", "[10].anchor", /b-q11's key 250 .* \(en\)$/)]);
      expect((error as ContentError).warnings).toHaveLength(1);
    }
  });

  it("reports every problem of a tree, not just the first", () => {
    const files = fixtureTree("unknown-type", ["01-basics/lesson.en.md"]);
    for (const [path, text] of readLessonFiles(`${fixtures}missing-field`)) files.set(path, text);
    const problems = problemsOf(files);
    expect(problems.map((p) => p.file).sort()).toEqual(["01-basics/lesson.en.md", "01-basics/module.yaml", "01-basics/questions.yaml"]);
  });
});

describe("parseLesson", () => {
  const parse = (text: string) => {
    const problems: ContentProblem[] = [];
    return { blocks: parseLesson(text, "x/lesson.ru.md", problems), problems };
  };

  it("refuses a heading anchor on a paragraph, a duplicate anchor and deeper headings", () => {
    expect(parse("Text. {#h-wrong}").problems[0]?.reason).toMatch(/bad anchor "h-wrong"/);
    expect(parse("A. {#p-a}\n\nB. {#p-a}").problems[0]).toEqual({
      file: "x/lesson.ru.md",
      field: "line 3",
      reason: 'duplicate anchor "p-a"',
    });
    expect(parse("### Deep {#p-deep}").problems[0]?.reason).toMatch(/only ## headings/);
    expect(parse("Text. {#p-Upper}").problems[0]?.reason).toMatch(/bad anchor/);
  });

  it("refuses an empty lesson", () => {
    expect(parse("\n\n").problems).toEqual([{ file: "x/lesson.ru.md", field: "(file)", reason: "the lesson has no text" }]);
  });

  it("reads a list without a lead-in and CRLF line ends", () => {
    const { blocks, problems } = parse("- one\r\n- two\r\n  continued {#p-list}\r\n");
    expect(problems).toEqual([]);
    expect(blocks).toEqual([{ type: "list", anchor: "p-list", items: [[{ text: "one" }], [{ text: "two continued" }]] }]);
  });

  it("keeps a hyphen inside a line as text", () => {
    const { blocks } = parse("Kazakhstan - China - cooperation. {#p-dash}");
    expect(blocks[0]?.type).toBe("paragraph");
  });
});

describe("parseInline", () => {
  it.each([
    ["plain", [{ text: "plain" }]],
    ["a **bold** b", [{ text: "a " }, { text: "bold", bold: true }, { text: " b" }]],
    ["*it* and **b**", [{ text: "it", italic: true }, { text: " and " }, { text: "b", bold: true }]],
    ["2 * 3 = 6", [{ text: "2 * 3 = 6" }]],
  ])("%j", (text, runs) => {
    expect(parseInline(text)).toEqual(runs);
  });
});

describe("the real course in lessons/", () => {
  // Compiled inside the tests, so a content error fails these tests with its message instead of hiding the whole file.
  let cached: ReturnType<typeof compileCourse> | undefined;
  const course = () => {
    cached ??= compileCourse(readLessonFiles(lessonsDir));
    return cached;
  };
  const lessonModules = () => course().modules.filter((m) => m.kind === "lesson");
  const questions = () => Object.values(course().questions);

  it("has forms for every Russian unit that changes with its number in the real course", () => {
    const units = questions().flatMap((q) => (q.type === "numeric" && q.unit ? [q.unit.ru] : []));
    for (const word of ["лет", "патентов", "компаний", "городов", "предприятий"])
      expect(units, `a plain "${word}" would read "3 ${word}"`).not.toContain(word);
  });

  it("compiles with at least seven lesson modules and a final test", () => {
    expect(lessonModules().length).toBeGreaterThanOrEqual(7);
    expect(course().modules.filter((m) => m.kind === "final")).toHaveLength(1);
  });

  it("gives every lesson module ≥10 questions of ≥4 types and text in both languages", () => {
    for (const m of lessonModules()) {
      const bank = questions().filter((q) => q.moduleSlug === m.slug);
      expect(bank.length, m.slug).toBeGreaterThanOrEqual(10);
      expect(new Set(bank.map((q) => q.type)).size, m.slug).toBeGreaterThanOrEqual(4);
      expect(m.lesson.ru.length, m.slug).toBeGreaterThan(0);
      expect(
        m.lesson.en.map((b) => b.anchor),
        m.slug,
      ).toEqual(m.lesson.ru.map((b) => b.anchor));
      const anchors = new Set(m.lesson.ru.map((b) => b.anchor));
      for (const q of bank) expect(anchors.has(q.anchor), `${q.id} → ${q.anchor}`).toBe(true);
    }
  });

  it("uses all seven question types", () => {
    expect(new Set(questions().map((q) => q.type))).toEqual(new Set(questionTypes));
  });

  it("flattens no list into a paragraph", () => {
    for (const m of lessonModules()) {
      for (const lang of ["ru", "en"] as const) {
        for (const b of m.lesson[lang]) {
          if (b.type === "paragraph") expect(b.runs.map((r) => r.text).join(""), `${m.slug} ${lang} ${b.anchor}`).not.toMatch(/[:;]\s+- /);
        }
      }
    }
  });
});

describe("a numeric unit", () => {
  const numeric = (unit: unknown) =>
    questionSource.safeParse({
      id: "q-unit",
      type: "numeric",
      anchor: "p-a",
      prompt: { ru: "Сколько?", en: "How many?" },
      explanation: { ru: "Столько.", en: "That many." },
      answer: 3,
      unit,
    });

  it("may be a plain string per language, or plural forms with `other`", () => {
    expect(numeric({ ru: "млрд долларов", en: "billion dollars" }).success).toBe(true);
    expect(
      numeric({ ru: { one: "год", few: "года", many: "лет", other: "года" }, en: { one: "year", other: "years" }, kk: "жыл" }).success,
    ).toBe(true);
  });

  it("refuses forms without `other`, an unknown category or an empty form", () => {
    expect(numeric({ ru: { one: "год", few: "года" }, en: "years" }).success).toBe(false);
    expect(numeric({ ru: { dual: "x", other: "года" }, en: "years" }).success).toBe(false);
    expect(numeric({ ru: { one: "", other: "года" }, en: "years" }).success).toBe(false);
  });
});
