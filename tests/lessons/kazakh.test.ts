// Kazakh in the compiler: compiled where a module has all of it, required only when the switch says so, held to
// the Russian lesson's anchors, and checked for leaks, duplicates and numeric anchors like ru and en.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ContentError, type ContentProblem, compileCourse, translationFields } from "../../lessons/compiler.ts";
import { readLessonFiles } from "../../lessons/files.ts";
import { REQUIRED_LANGS } from "../../lessons/types.ts";

const valid = fileURLToPath(new URL("./fixtures/valid/", import.meta.url));
const withKk = ["ru", "en", "kk"] as const;

/** Every { ru, en } of a parsed YAML value given a kk: a copy of the Russian text (or list), enough for the compiler. */
function addKk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addKk);
  if (value === null || typeof value !== "object") return value;
  const record = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, addKk(v)]));
  if ("ru" in record && "en" in record) {
    const ru = record.ru;
    record.kk = Array.isArray(ru) ? [...ru] : ru;
  }
  return record;
}

/** fixtures/valid written in kk as well (module.yaml, bank and lesson.kk.md), then `change` applied. */
function kazakhTree(change: (files: Map<string, string>) => void = () => {}): Map<string, string> {
  const files = readLessonFiles(valid);
  for (const [path, text] of [...files]) {
    if (path.endsWith(".yaml")) files.set(path, stringify(addKk(parse(text))));
  }
  files.set("01-basics/lesson.kk.md", files.get("01-basics/lesson.ru.md") as string);
  change(files);
  return files;
}

const editYaml = (files: Map<string, string>, path: string, edit: (value: never) => void) => {
  const value = parse(files.get(path) as string);
  edit(value as never);
  files.set(path, stringify(value));
};

function problemsOf(files: Map<string, string>, required: readonly ("ru" | "en" | "kk")[] = withKk): ContentProblem[] {
  try {
    compileCourse(files, [], { required });
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems;
  }
  throw new Error("compileCourse accepted a broken course");
}

describe("the language switch", () => {
  it("requires ru, en and kk: every module of the course is written in all three", () => {
    expect(REQUIRED_LANGS).toEqual(["ru", "en", "kk"]);
  });
});

describe("kk where a module has all of it", () => {
  it("is compiled, and the module lists it among its languages", () => {
    const warnings: ContentProblem[] = [];
    const { modules, questions } = compileCourse(kazakhTree(), warnings);
    expect(warnings).toEqual([]);
    const basics = modules.find((m) => m.slug === "basics")!;
    expect(basics.languages).toEqual(["ru", "en", "kk"]);
    expect(basics.lesson.kk?.map((b) => b.anchor)).toEqual(basics.lesson.ru.map((b) => b.anchor));
    expect(basics.objectives.kk).toHaveLength(2);
    expect(questions["b-q05"]?.type === "text" && questions["b-q05"].answers.kk).toEqual(["международный"]);
    expect(modules.find((m) => m.kind === "final")?.languages).toEqual(["ru", "en", "kk"]);
  });

  it("compiles the same course with kk required", () => {
    expect(() => compileCourse(kazakhTree(), [], { required: withKk })).not.toThrow();
  });

  it("leaves a module without any kk in ru and en, with no warning", () => {
    const warnings: ContentProblem[] = [];
    const { modules } = compileCourse(readLessonFiles(valid), warnings, { required: ["ru", "en"] });
    expect(warnings).toEqual([]);
    expect(modules.map((m) => m.languages)).toEqual([
      ["ru", "en"],
      ["ru", "en"],
    ]);
  });
});

describe("kk written in part, while it is not required", () => {
  it("serves the module without kk and warns, naming the first missing text", () => {
    const warnings: ContentProblem[] = [];
    const files = kazakhTree((f) =>
      editYaml(f, "01-basics/questions.yaml", (bank: { prompt: { kk?: string } }[]) => {
        delete bank[3]!.prompt.kk;
      }),
    );
    const { modules, questions } = compileCourse(files, warnings, { required: ["ru", "en"] });
    const basics = modules.find((m) => m.slug === "basics")!;
    expect(basics.languages).toEqual(["ru", "en"]);
    expect(warnings).toEqual([
      { file: "01-basics/questions.yaml", field: "[3].prompt.kk", reason: expect.stringMatching(/kk is written in part \(1 text/) },
    ]);
    // The part that is written is left out of what the module serves: no question shows a kk prompt with ru options.
    expect(JSON.stringify({ basics, questions: Object.values(questions) })).not.toMatch(/"kk":/);
  });

  it("counts a missing lesson.kk.md as part of the module", () => {
    const warnings: ContentProblem[] = [];
    const { modules } = compileCourse(
      kazakhTree((f) => f.delete("01-basics/lesson.kk.md")),
      warnings,
      { required: ["ru", "en"] },
    );
    expect(modules.find((m) => m.slug === "basics")?.languages).toEqual(["ru", "en"]);
    expect(warnings).toEqual([{ file: "01-basics/lesson.kk.md", field: "(file)", reason: expect.stringMatching(/kk is written in part/) }]);
  });
});

describe("kk required", () => {
  it("names file, field and language of every missing kk text", () => {
    const files = kazakhTree((f) => {
      editYaml(f, "01-basics/module.yaml", (m: { title: { kk?: string }; objectives: { kk?: string[] } }) => {
        delete m.title.kk;
        delete m.objectives.kk;
      });
      editYaml(f, "01-basics/questions.yaml", (bank: { explanation: { kk?: string }; answers?: { kk?: string[] } }[]) => {
        delete bank[0]!.explanation.kk;
        delete bank[4]!.answers!.kk;
      });
      editYaml(f, "final/module.yaml", (m: { summary: { kk?: string } }) => {
        delete m.summary.kk;
      });
    });
    expect(problemsOf(files)).toEqual([
      { file: "01-basics/module.yaml", field: "title.kk", reason: "missing translation: no kk text" },
      { file: "01-basics/module.yaml", field: "objectives.kk", reason: "missing translation: no kk text" },
      { file: "01-basics/questions.yaml", field: "[0].explanation.kk", reason: "missing translation: no kk text" },
      { file: "01-basics/questions.yaml", field: "[4].answers.kk", reason: "missing translation: no kk text" },
      { file: "final/module.yaml", field: "summary.kk", reason: "missing translation: no kk text" },
    ]);
  });

  it("names a missing lesson.kk.md", () => {
    expect(problemsOf(kazakhTree((f) => f.delete("01-basics/lesson.kk.md")))).toEqual([
      { file: "01-basics/lesson.kk.md", field: "(file)", reason: "missing translation: the kk lesson text" },
    ]);
  });

  it("fails a course with no kk at all, module by module", () => {
    const problems = problemsOf(readLessonFiles(valid));
    expect(problems.length).toBeGreaterThan(20);
    expect(problems.every((p) => p.reason.includes("kk"))).toBe(true);
  });
});

describe("the kk lesson against the ru lesson", () => {
  it("needs the same anchors in the same order", () => {
    const files = kazakhTree((f) =>
      f.set("01-basics/lesson.kk.md", (f.get("01-basics/lesson.ru.md") as string).replace("{#p-abroad}", "{#p-overseas}")),
    );
    expect(problemsOf(files, ["ru", "en"])).toContainEqual({
      file: "01-basics/lesson.kk.md",
      field: "block 3",
      reason: expect.stringMatching(/anchor "p-overseas" where lesson\.ru\.md has "p-abroad"/),
    });
  });

  it("needs the same paragraphs: one left out is an error", () => {
    const files = kazakhTree((f) =>
      f.set("01-basics/lesson.kk.md", (f.get("01-basics/lesson.ru.md") as string).replace(/\n\nК 2005 году[^\n]*\{#p-staff\}/, "")),
    );
    expect(problemsOf(files, ["ru", "en"])).toContainEqual(expect.objectContaining({ file: "01-basics/lesson.kk.md", field: "block 5" }));
  });
});

describe("the course checks read kk too", () => {
  it("finds a text answer given away by a kk prompt", () => {
    const files = kazakhTree((f) =>
      editYaml(
        f,
        "01-basics/questions.yaml",
        (bank: { id: string; type: string; answers?: { kk: string[] }; prompt: { kk: string } }[]) => {
          const text = bank.find((q) => q.type === "text")!;
          text.answers!.kk = ["Шетелге шықты"];
          bank[0]!.prompt.kk = "Компания шетелге шықты ма, және қай қалаларда?";
        },
      ),
    );
    expect(problemsOf(files, ["ru", "en"])).toContainEqual({
      file: "01-basics/questions.yaml",
      field: "[4].answer",
      reason: expect.stringMatching(/answer "Шетелге шықты" appears in b-q01 \(prompt, kk\)/),
    });
  });

  it("finds a numeric key missing from its kk paragraph", () => {
    const files = kazakhTree((f) =>
      f.set("01-basics/lesson.kk.md", (f.get("01-basics/lesson.ru.md") as string).replace("**1987**", "**сексенінші жылдары**")),
    );
    expect(problemsOf(files, ["ru", "en"])).toContainEqual({
      file: "01-basics/questions.yaml",
      field: "[3].anchor",
      reason: expect.stringMatching(/b-q04's key 1987 is not written in its paragraph "p-founded" \(kk\)/),
    });
  });

  it("finds two questions with the same key in kk only", () => {
    type Q = { id: string; prompt: Record<string, string>; answers?: { kk: string[] } };
    const files = kazakhTree((f) =>
      editYaml(f, "01-basics/questions.yaml", (bank: Q[]) => {
        const [single, text] = [bank.find((q) => q.id === "b-q01")!, bank.find((q) => q.id === "b-q05")!];
        text.prompt = { ...single.prompt };
        // ru and en keep "международный" / "international"; only the kk key is b-q01's ("Париж и Рим").
        text.answers!.kk = ["Париж и Рим"];
      }),
    );
    const reasons = problemsOf(files, ["ru", "en"]).map((p) => p.reason);
    expect(reasons).toContainEqual(expect.stringMatching(/b-q01 and b-q05 ask the same thing \(the same key "париж и рим"\)/));
  });
});

describe("translationFields", () => {
  it("lists every text with ru but not the language, and counts those with it", () => {
    const value = {
      title: { ru: "а", en: "b", kk: "ә" },
      items: [{ text: { ru: "в", en: "c" } }, { n: 3 }],
      answers: { ru: ["г"], en: ["d"] },
    };
    expect(translationFields(value, "kk")).toEqual({ missing: ["items[0].text.kk", "answers.kk"], present: 1 });
  });
});
