// GET /api/modules and /api/modules/:slug: the course outline and one lesson to read, cacheable per course build.
import type { Context } from "hono";
import { etag } from "hono/etag";
import { languageDetector } from "hono/language";
import { pathParam } from "../contract/common.ts";
import { course, courseEtag, courseOutline, type Lang, langs, lessonView } from "../course.ts";
import type { AppEnv } from "../env.ts";
import { createRoute, createRouter, jsonContent, problems, z } from "../openapi.ts";
import { Problem } from "../problem.ts";

const LangSchema = z.enum(langs).openapi("Lang", { description: "Content language: Russian, English or Kazakh" });

const LangQuery = z.object({
  lang: LangSchema.optional().openapi({
    param: { name: "lang", in: "query" },
    description: "Content language; without it, the best match of Accept-Language, then ru",
  }),
  v: z
    .string()
    .regex(/^[0-9a-f]{16}$/, "must be a course build version (16 hex digits)")
    .optional()
    .openapi({
      param: { name: "v", in: "query" },
      description:
        "The course build the client was built with (the web app sends its own). When it names this build, the response is cached as immutable for a year; otherwise for five minutes, as without it.",
    }),
});

const SlugParam = z.object({ slug: pathParam("slug", 80, { example: "copying-to-innovation" }) });

const ModuleKind = z.enum(["lesson", "final"]).openapi("ModuleKind", { description: "A lesson with text and a bank, or the final test" });

const ModuleSummarySchema = z
  .object({
    slug: z.string(),
    order: z.number().int(),
    kind: ModuleKind,
    lang: LangSchema.openapi({
      description: "The language of this module's texts: the one asked for, or ru while the module is not written in it",
    }),
    languages: z.array(LangSchema).openapi({ description: "The languages this module is written in" }),
    title: z.string(),
    summary: z.string(),
    questionCount: z.number().int().openapi({ description: "Questions one attempt serves (the final test: its draw from every bank)" }),
    paragraphCount: z.number().int(),
    estimatedMinutes: z.number().int().openapi({ description: "Reading time for a lesson; answering time for the final test" }),
  })
  .openapi("ModuleSummary");

const OutlineSchema = z.object({ lang: LangSchema, modules: z.array(ModuleSummarySchema) }).openapi("CourseOutline");

const RunSchema = z
  .object({ text: z.string(), bold: z.literal(true).optional(), italic: z.literal(true).optional() })
  .openapi("Run", { description: "Inline text; bold marks a key term, italic an emphasis" });

const BlockSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("heading"), anchor: z.string(), runs: z.array(RunSchema) }),
    z.object({ type: z.literal("paragraph"), anchor: z.string(), runs: z.array(RunSchema) }),
    z.object({ type: z.literal("list"), anchor: z.string(), lead: z.array(RunSchema).optional(), items: z.array(z.array(RunSchema)) }),
  ])
  .openapi("LessonBlock", { description: "`anchor` is the block's stable id: /modules/:slug#anchor links to it" });

const ModuleLinkSchema = z.object({ slug: z.string(), title: z.string() }).openapi("ModuleLink");

const LessonSchema = z
  .object({
    slug: z.string(),
    order: z.number().int(),
    kind: ModuleKind,
    lang: LangSchema.openapi({ description: "The language of the text: the one asked for, or ru while the module is not written in it" }),
    languages: z.array(LangSchema).openapi({ description: "The languages this module is written in" }),
    title: z.string(),
    summary: z.string(),
    objectives: z.array(z.string()),
    keyTerms: z.array(z.object({ term: z.string(), definition: z.string() })),
    blocks: z.array(BlockSchema),
    questionCount: z.number().int(),
    estimatedMinutes: z.number().int(),
    prev: ModuleLinkSchema.nullable(),
    next: ModuleLinkSchema.nullable(),
  })
  .openapi("Lesson", { description: "One module's reading text in one language; never its questions or answers" });

const cachingHeaders = {
  ETag: { description: "The course build and the language", schema: { type: "string" as const } },
  "Cache-Control": { schema: { type: "string" as const } },
  Vary: { schema: { type: "string" as const } },
};
const notModified = { 304: { description: "Unchanged since the ETag sent in If-None-Match" } };

/** A URL naming this course build never changes its answer: browsers and the CDN keep it without asking again. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** An unversioned URL (or one naming another build, e.g. a page still open from before a deploy) is rechecked often. */
export const REVALIDATED = "public, max-age=300, stale-while-revalidate=86400";

/** Content never changes within one course build, so a response is cacheable per build and language. */
function setCaching(c: Context<AppEnv>, lang: Lang, version: string | undefined) {
  c.header("ETag", courseEtag(lang));
  c.header("Cache-Control", version === course.version ? IMMUTABLE : REVALIDATED);
  c.header("Vary", "Accept-Language");
}

const resolveLang = (c: Context<AppEnv>, requested: Lang | undefined): Lang => requested ?? (c.get("language") as Lang);

const router = createRouter();
// Only the header is consulted here: an explicit ?lang= is validated by the route (a bad one is a 400, not a fallback).
router.use("/modules/*", languageDetector({ order: ["header"], supportedLanguages: [...langs], fallbackLanguage: "ru", caches: false }));
// Answers If-None-Match with 304 using the ETag set below, keeping Cache-Control and Vary.
router.use("/modules/*", etag());

export const modules = router
  .openapi(
    createRoute({
      method: "get",
      path: "/modules",
      operationId: "listModules",
      tags: ["Course"],
      summary: "The course outline",
      request: { query: LangQuery },
      responses: {
        200: { ...jsonContent(OutlineSchema, "Every module in course order"), headers: cachingHeaders },
        ...notModified,
        ...problems(400),
      },
    }),
    (c) => {
      const { lang: requested, v } = c.req.valid("query");
      const lang = resolveLang(c, requested);
      setCaching(c, lang, v);
      return c.json({ lang, modules: courseOutline(lang) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/modules/{slug}",
      operationId: "getLesson",
      tags: ["Course"],
      summary: "One lesson to read (no questions, no answers)",
      request: { params: SlugParam, query: LangQuery },
      responses: {
        200: { ...jsonContent(LessonSchema, "The lesson in the requested language"), headers: cachingHeaders },
        ...notModified,
        ...problems(400, 404),
      },
    }),
    (c) => {
      const { lang: requested, v } = c.req.valid("query");
      const lang = resolveLang(c, requested);
      const { slug } = c.req.valid("param");
      const lesson = lessonView(slug, lang);
      if (!lesson) throw new Problem(404, `The course has no module "${slug}".`);
      setCaching(c, lang, v);
      return c.json(lesson, 200);
    },
  );
