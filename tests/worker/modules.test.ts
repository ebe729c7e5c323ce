// The course API in workerd: outline, lessons in both languages, language negotiation, errors, caching, and no key leaks.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CompiledCourse, CompiledModule } from "../../lessons/types.ts";
import {
  countWords,
  course,
  courseOutline,
  estimatedMinutes,
  type LessonView,
  lessonView,
  type ModuleSummary,
  questionCount,
} from "../../worker/course.ts";

const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://localhost${path}`, init));

// The response shapes are the Worker's own types: the tests check the values on the wire against them.
interface Outline {
  lang: string;
  modules: ModuleSummary[];
}
interface ProblemJson {
  status: number;
  title: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

const byOrder = [...course.modules].sort((a, b) => a.order - b.order);
const lessons = byOrder.filter((m) => m.kind === "lesson");
const first = byOrder[0]!;
const last = byOrder.at(-1)!;

describe("GET /api/modules", () => {
  it("lists every module in course order with its counts", async () => {
    const res = await api("/api/modules?lang=ru");
    expect(res.status).toBe(200);
    const body = await res.json<Outline>();
    expect(body.lang).toBe("ru");
    expect(body.modules.map((m) => m.slug)).toEqual(byOrder.map((m) => m.slug));
    const orders = body.modules.map((m) => m.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(body.modules.filter((m) => m.kind === "lesson")).toHaveLength(lessons.length);
    expect(lessons.length).toBeGreaterThanOrEqual(7);
    for (const m of body.modules) {
      const source = course.modules.find((s) => s.slug === m.slug)!;
      expect(m.title).toBe(source.title.ru);
      expect(m.summary).toBe(source.summary.ru);
      expect(m.estimatedMinutes).toBeGreaterThanOrEqual(1);
      if (m.kind === "lesson") {
        expect(m.questionCount).toBe(source.questionIds.length);
        expect(m.questionCount).toBeGreaterThanOrEqual(10);
        expect(m.paragraphCount).toBe(source.lesson.ru.filter((b) => b.type !== "heading").length);
        expect(m.paragraphCount).toBeGreaterThan(0);
      } else {
        // The final test serves its draw from every lesson bank.
        expect(m.questionCount).toBe((source.draw ?? 0) * lessons.length);
        expect(m.paragraphCount).toBe(0);
      }
    }
  });

  it("answers in English with ?lang=en", async () => {
    const body = await (await api("/api/modules?lang=en")).json<Outline>();
    expect(body.lang).toBe("en");
    expect(body.modules.map((m) => m.title)).toEqual(byOrder.map((m) => m.title.en));
    expect(body.modules.map((m) => m.summary)).toEqual(byOrder.map((m) => m.summary.en));
  });

  it.each([
    ["en-US,en;q=0.9", "en"],
    ["de-DE, en;q=0.5", "en"],
    ["ru;q=0.2, en;q=0.8", "en"],
    ["kk-KZ, ru;q=0.9, en;q=0.8", "kk"],
    ["kk", "kk"],
    ["fr", "ru"],
    ["", "ru"],
  ])("picks the language from Accept-Language %j → %s", async (header, lang) => {
    const res = await api("/api/modules", header ? { headers: { "Accept-Language": header } } : undefined);
    expect(res.status).toBe(200);
    const body = await res.json<Outline>();
    expect(body.lang).toBe(lang);
    expect(body.modules[0]?.title).toBe(first.title[body.modules[0]!.lang]);
  });

  it("serves kk where a module is written in it, and says so; a module not yet in kk comes in ru, never mixed", async () => {
    const body = await (await api("/api/modules?lang=kk")).json<Outline>();
    expect(body.lang).toBe("kk");
    for (const [i, m] of byOrder.entries()) {
      const summary = body.modules[i]!;
      expect(summary.languages).toEqual(m.languages);
      expect(summary.lang).toBe(m.languages.includes("kk") ? "kk" : "ru");
      expect(summary.title).toBe(m.title[summary.lang]);
      const lesson = await (await api(`/api/modules/${m.slug}?lang=kk`)).json<LessonView>();
      expect(lesson.lang).toBe(summary.lang);
      expect(lesson.blocks).toEqual(m.lesson[summary.lang] ?? []);
    }
  });

  it.each([
    ["kk-KZ,ru;q=0.9", "Қате деректер: query.lang.", "рұқсат етілген мәндер:"],
    ["ru", "Неверные данные: query.lang.", "допустимые значения:"],
    ["en-US", "Invalid query.lang.", "Invalid option: expected one of"],
  ])("tells a bad request in the language of Accept-Language %j, keeping title and path", async (header, detail, message) => {
    const res = await api("/api/modules?lang=de", { headers: { "Accept-Language": header } });
    expect(res.status).toBe(400);
    const body = await res.json<ProblemJson>();
    expect([body.title, body.detail, body.errors?.[0]?.path]).toEqual(["Bad request", detail, "query.lang"]);
    expect(body.errors?.[0]?.message).toContain(message);
  });

  it("lets ?lang= win over Accept-Language", async () => {
    const body = await (await api("/api/modules?lang=ru", { headers: { "Accept-Language": "en" } })).json<Outline>();
    expect(body.lang).toBe("ru");
  });

  it("refuses an unknown language with a 400 naming query.lang", async () => {
    const res = await api("/api/modules?lang=de");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await res.json<ProblemJson>();
    expect(body.status).toBe(400);
    expect(body.errors?.map((e) => e.path)).toEqual(["query.lang"]);
  });
});

describe("GET /api/modules/:slug", () => {
  it("returns the first lesson in Russian with its text and neighbours", async () => {
    const res = await api(`/api/modules/${first.slug}?lang=ru`);
    expect(res.status).toBe(200);
    const body = await res.json<LessonView>();
    expect(body).toMatchObject({
      slug: first.slug,
      order: first.order,
      kind: "lesson",
      lang: "ru",
      title: first.title.ru,
      summary: first.summary.ru,
      objectives: first.objectives.ru,
      questionCount: first.questionIds.length,
      prev: null,
      next: { slug: byOrder[1]!.slug, title: byOrder[1]!.title.ru },
    });
    expect(body.keyTerms).toEqual(first.keyTerms.map((k) => ({ term: k.term.ru, definition: k.definition.ru })));
    expect(body.blocks).toEqual(first.lesson.ru);
    expect(body.blocks.some((b) => b.type === "heading")).toBe(true);
    expect(body.blocks.every((b) => /^[ph]-[a-z0-9-]+$/.test(b.anchor))).toBe(true);
  });

  it("returns the same anchors in English, with English text", async () => {
    const [ru, en] = await Promise.all(
      (["ru", "en"] as const).map(async (lang) => (await api(`/api/modules/${first.slug}?lang=${lang}`)).json<LessonView>()),
    );
    expect(en!.lang).toBe("en");
    expect(en!.title).toBe(first.title.en);
    expect(en!.next?.title).toBe(byOrder[1]!.title.en);
    expect(en!.blocks.map((b) => b.anchor)).toEqual(ru!.blocks.map((b) => b.anchor));
    expect(en!.blocks).toEqual(first.lesson.en);
    expect(JSON.stringify(en!.blocks)).not.toEqual(JSON.stringify(ru!.blocks));
  });

  it("serves a list block with its lead-in sentence", async () => {
    const withList = lessons.find((m) => m.lesson.en.some((b) => b.type === "list"));
    expect(withList, "the course has at least one list").toBeDefined();
    const body = await (await api(`/api/modules/${withList!.slug}?lang=en`)).json<LessonView>();
    const list = body.blocks.find((b) => b.type === "list")!;
    expect(list.items!.length).toBeGreaterThanOrEqual(2);
    // No "- " bullets flattened into a paragraph.
    for (const b of body.blocks.filter((b) => b.type === "paragraph")) {
      expect(b.runs!.map((r) => r.text).join("")).not.toMatch(/:\s+- /);
    }
  });

  it("gives the same reading time as the outline, per language", async () => {
    for (const lang of ["ru", "en"] as const) {
      const outline = await (await api(`/api/modules?lang=${lang}`)).json<Outline>();
      const lesson = await (await api(`/api/modules/${first.slug}?lang=${lang}`)).json<LessonView>();
      expect(lesson.estimatedMinutes).toBe(outline.modules[0]?.estimatedMinutes);
    }
  });

  it("links the last module back and nowhere forward", async () => {
    const body = await (await api(`/api/modules/${last.slug}?lang=en`)).json<LessonView>();
    expect(body.next).toBeNull();
    expect(body.prev).toEqual({ slug: byOrder.at(-2)!.slug, title: byOrder.at(-2)!.title.en });
  });

  it("serves the final test's description without lesson text", async () => {
    const final = byOrder.find((m) => m.kind === "final")!;
    const body = await (await api(`/api/modules/${final.slug}?lang=en`)).json<LessonView>();
    expect(body.kind).toBe("final");
    expect(body.blocks).toEqual([]);
    expect(body.questionCount).toBe((final.draw ?? 0) * lessons.length);
  });

  it("defaults to Accept-Language, then Russian", async () => {
    const en = await (await api(`/api/modules/${first.slug}`, { headers: { "Accept-Language": "en-GB" } })).json<LessonView>();
    expect(en.lang).toBe("en");
    const ru = await (await api(`/api/modules/${first.slug}`)).json<LessonView>();
    expect(ru.lang).toBe("ru");
  });

  it("answers an unknown slug with a problem+json 404", async () => {
    const res = await api("/api/modules/no-such-module?lang=en");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await res.json<ProblemJson>();
    expect(body).toMatchObject({ status: 404, title: "Not found" });
    expect(body.detail).toContain("no-such-module");
    expect(res.headers.get("etag")).toBeNull();
  });

  it("refuses an unknown language with a 400 naming query.lang", async () => {
    const res = await api(`/api/modules/${first.slug}?lang=uz`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await res.json<ProblemJson>();
    expect(body.errors?.[0]?.path).toBe("query.lang");
  });
});

describe("worker/course.ts", () => {
  const para = (anchor: string, text: string) => ({ type: "paragraph" as const, anchor, runs: [{ text }] });
  const lessonModule = (slug: string, order: number, words: number, questions: number): CompiledModule => ({
    slug,
    order,
    kind: "lesson",
    title: { ru: `Модуль ${slug}`, en: `Module ${slug}` },
    summary: { ru: "Кратко", en: "Briefly" },
    objectives: { ru: ["Цель"], en: ["Goal"] },
    keyTerms: [],
    lesson: { ru: [para("p-a", "слово ".repeat(words))], en: [para("p-a", "word ".repeat(words))] },
    languages: ["ru", "en"],
    questionIds: Array.from({ length: questions }, (_, i) => `${slug}-q${i}`),
  });
  const final: CompiledModule = { ...lessonModule("final", 9, 0, 0), kind: "final", lesson: { ru: [], en: [] }, draw: 3 };
  // Deliberately out of order: views must follow `order`, not array position.
  const tiny: CompiledCourse = {
    version: "v1",
    modules: [lessonModule("b", 2, 300, 2), final, lessonModule("a", 1, 10, 12)],
    questions: {},
  };

  it("counts words across runs, lists and their lead-ins", () => {
    expect(
      countWords([
        { type: "paragraph", anchor: "p-x", runs: [{ text: "Huawei передала " }, { text: "769", bold: true }, { text: " патентов." }] },
      ]),
    ).toBe(4);
    expect(
      countWords([{ type: "list", anchor: "p-l", lead: [{ text: "Three fields:" }], items: [[{ text: "a;" }], [{ text: "nano-tech" }]] }]),
    ).toBe(4);
    expect(countWords([{ type: "heading", anchor: "h-x", runs: [{ text: "3,18 млн — e-Gov" }] }])).toBe(3);
  });

  it("estimates reading minutes per language, at least one", () => {
    const [b, , a] = tiny.modules as [CompiledModule, CompiledModule, CompiledModule];
    expect(estimatedMinutes(a, "en", tiny)).toBe(1);
    expect(estimatedMinutes(b, "ru", tiny)).toBe(2); // 300 words at 150 a minute
    expect(estimatedMinutes(b, "en", tiny)).toBe(2); // 300 at 180, rounded up
  });

  it("counts the final test's questions as its draw from every bank, capped by the bank", () => {
    expect(questionCount(final, tiny)).toBe(3 + 2);
    expect(estimatedMinutes(final, "ru", tiny)).toBe(5);
  });

  it("orders the outline and the neighbours by `order`", () => {
    expect(courseOutline("en", tiny).map((m) => m.slug)).toEqual(["a", "b", "final"]);
    const b = lessonView("b", "en", tiny)!;
    expect(b.prev).toEqual({ slug: "a", title: "Module a" });
    expect(b.next).toEqual({ slug: "final", title: "Module final" });
    expect(lessonView("a", "ru", tiny)!.prev).toBeNull();
    expect(lessonView("missing", "ru", tiny)).toBeUndefined();
  });

  it("reads a module in kk where it is written in kk, and in ru (saying so) where it is not", () => {
    const kazakh: CompiledModule = {
      ...lessonModule("k", 3, 260, 1),
      title: { ru: "Модуль k", en: "Module k", kk: "k модулі" },
      summary: { ru: "Кратко", en: "Briefly", kk: "Қысқаша" },
      objectives: { ru: ["Цель"], en: ["Goal"], kk: ["Мақсат"] },
      lesson: { ru: [para("p-a", "слово")], en: [para("p-a", "word")], kk: [para("p-a", "сөз ".repeat(260))] },
      languages: ["ru", "en", "kk"],
    };
    const mixed: CompiledCourse = { ...tiny, modules: [...tiny.modules, kazakh] };
    const k = lessonView("k", "kk", mixed)!;
    expect([k.lang, k.languages, k.title, k.objectives, k.blocks]).toEqual([
      "kk",
      ["ru", "en", "kk"],
      "k модулі",
      ["Мақсат"],
      kazakh.lesson.kk,
    ]);
    expect(estimatedMinutes(kazakh, "kk", mixed)).toBe(2); // 260 words at 130 a minute
    // Its neighbour b has no kk: b's title in the link is Russian, and b itself is served in ru.
    expect(k.prev).toEqual({ slug: "b", title: "Модуль b" });
    const b = lessonView("b", "kk", mixed)!;
    expect([b.lang, b.languages, b.title, b.next?.title]).toEqual(["ru", ["ru", "en"], "Модуль b", "k модулі"]);
    expect(courseOutline("kk", mixed).map((m) => [m.slug, m.lang])).toEqual([
      ["a", "ru"],
      ["b", "ru"],
      ["k", "kk"],
      ["final", "ru"],
    ]);
  });
});

describe("caching of course responses", () => {
  const url = `/api/modules/${first.slug}?lang=ru`;

  it("sends an ETag of the course version and language, Cache-Control and Vary", async () => {
    const res = await api(url);
    expect(res.headers.get("etag")).toBe(`"${course.version}-ru"`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=86400");
    expect(res.headers.get("vary")).toContain("Accept-Language");
    const en = await api(`/api/modules/${first.slug}?lang=en`);
    expect(en.headers.get("etag")).toBe(`"${course.version}-en"`);
    const outline = await api("/api/modules", { headers: { "Accept-Language": "en" } });
    expect(outline.headers.get("etag")).toBe(`"${course.version}-en"`);
  });

  it.each([
    ["the same tag", (tag: string) => tag],
    ["a weak form of it", (tag: string) => `W/${tag}`],
    ["a list containing it", (tag: string) => `"old-one", ${tag}`],
    ["*", () => "*"],
  ])("answers If-None-Match with %s by 304 and no body", async (_name, ifNoneMatch) => {
    const tag = (await api(url)).headers.get("etag")!;
    const res = await api(url, { headers: { "If-None-Match": ifNoneMatch(tag) } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(tag);
    expect(res.headers.get("cache-control")).toContain("max-age=300");
    expect(res.headers.get("vary")).toContain("Accept-Language");
  });

  it("caches a URL naming this course build as immutable; another build's or none is rechecked in minutes", async () => {
    for (const path of [`/api/modules/${first.slug}`, "/api/modules"]) {
      const current = await api(`${path}?lang=ru&v=${course.version}`);
      expect(current.status).toBe(200);
      expect(current.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(current.headers.get("etag")).toBe(`"${course.version}-ru"`);
      const other = await api(`${path}?lang=ru&v=${course.version === "0123456789abcdef" ? "fedcba9876543210" : "0123456789abcdef"}`);
      expect(other.status).toBe(200);
      expect(other.headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=86400");
    }
  });

  it.each(["", "latest", "0123456789ABCDEF", "0123456789abcdef0"])("refuses v=%j, naming the field", async (v) => {
    const res = await api(`/api/modules/${first.slug}?lang=ru&v=${v}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json<{ errors: { path: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toEqual(["query.v"]);
  });

  it("answers a stale or other-language tag with the full lesson", async () => {
    const stale = await api(url, { headers: { "If-None-Match": '"0000000000000000-ru"' } });
    expect(stale.status).toBe(200);
    const otherLang = await api(url, { headers: { "If-None-Match": `"${course.version}-en"` } });
    expect(otherLang.status).toBe(200);
    expect((await otherLang.json<LessonView>()).lang).toBe("ru");
  });

  it("revalidates the outline too", async () => {
    const tag = (await api("/api/modules?lang=en")).headers.get("etag")!;
    const res = await api("/api/modules?lang=en", { headers: { "If-None-Match": tag } });
    expect(res.status).toBe(304);
  });
});

describe("lesson responses never carry questions", () => {
  const questions = Object.values(course.questions);
  // Everything a question holds as text: explanations and prompts, and the longer option, item and pair texts
  // (answer keys are ids, numbers and booleans: the field scan below catches those).
  const longTexts = (q: (typeof questions)[number]) => {
    const choices =
      q.type === "single" || q.type === "multiple"
        ? q.options.map((o) => o.text)
        : q.type === "ordering"
          ? q.items.map((i) => i.text)
          : q.type === "matching"
            ? q.pairs.flatMap((p) => [p.left, p.right])
            : [];
    return [
      ...(["ru", "en"] as const).flatMap((lang) => [
        { what: `${q.id} explanation.${lang}`, text: q.explanation[lang] },
        { what: `${q.id} prompt.${lang}`, text: q.prompt[lang] },
      ]),
      ...choices.flatMap((c, i) => (["ru", "en"] as const).map((lang) => ({ what: `${q.id} choice ${i}.${lang}`, text: c[lang] }))),
    ].filter((s) => s.text.length >= 25);
  };
  // Bodies are JSON, so look for each text as JSON encodes it.
  const asJson = (text: string) => JSON.stringify(text).slice(1, -1);
  // What the lesson itself says is public: an explanation may repeat a lesson sentence word for word.
  const publicText = JSON.stringify(course.modules.map(({ questionIds: _ids, ...readable }) => readable));
  const candidates = questions.flatMap(longTexts).map((s) => ({ ...s, text: asJson(s.text) }));
  const secrets = [
    ...candidates.filter((s) => !publicText.includes(s.text)),
    ...questions.map((q) => ({ what: `${q.id} id`, text: `"${q.id}"` })),
  ];
  const questionFields = ["answer", "answers", "explanation", "pairs", "options", "tolerance", "moduleSlug", "prompt", "questionIds"];

  function leaks(body: string): string[] {
    const found = secrets.filter((s) => body.includes(s.text)).map((s) => s.what);
    for (const field of questionFields) if (body.includes(`"${field}":`)) found.push(`field "${field}"`);
    return found;
  }

  it("has something to look for, and would see a leak", () => {
    expect(questions.length).toBeGreaterThanOrEqual(70);
    // Only a few texts may be set aside as also being lesson text, or the scan would prove little.
    expect(candidates.length - (secrets.length - questions.length)).toBeLessThan(candidates.length * 0.05);
    expect(secrets.filter((s) => s.what.includes("explanation")).length).toBeGreaterThan(questions.length * 1.8);
    const sample = questions.find((q) => q.type === "matching") ?? questions[0]!;
    expect(leaks(JSON.stringify(sample)).length).toBeGreaterThan(3);
  });

  it.each(byOrder.flatMap((m) => (["ru", "en", "kk"] as const).map((lang) => [m.slug, lang] as const)))(
    "GET /api/modules/%s?lang=%s holds no answer key, explanation or prompt",
    async (slug, lang) => {
      const res = await api(`/api/modules/${slug}?lang=${lang}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body.length).toBeGreaterThan(200);
      expect(leaks(body)).toEqual([]);
    },
  );

  it.each(["ru", "en", "kk"])("GET /api/modules?lang=%s holds none either", async (lang) => {
    const body = await (await api(`/api/modules?lang=${lang}`)).text();
    expect(leaks(body)).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  it("names the course schemas as components", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>();
    // Paths may be written relative to a /api server URL; either way both routes are documented.
    const paths = Object.keys(doc.paths).map((p) => p.replace(/^\/api/, ""));
    expect(paths).toEqual(expect.arrayContaining(["/modules", "/modules/{slug}"]));
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["CourseOutline", "ModuleSummary", "Lesson", "LessonBlock"]),
    );
  });
});
