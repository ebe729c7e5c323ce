// Question banks for instructors to take elsewhere: the list of banks, and one module's bank as Moodle XML or GIFT.
import { pathParam } from "../contract/common.ts";
import { course, findModule } from "../course.ts";
import { attachmentDisposition } from "../domain/csv.ts";
import { type ContentLang, contentLangs, type ExchangeBank, exchangeBank, moduleLanguages } from "../domain/exchange/bank.ts";
import { toGift } from "../domain/exchange/gift.ts";
import { toMoodleXml } from "../domain/exchange/moodleXml.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { Problem } from "../problem.ts";

const tags = ["Question banks"];

const ExportLang = z.enum(contentLangs as [ContentLang, ...ContentLang[]], `must be one of ${contentLangs.join(", ")}`);

const ExportQuery = z.object({
  lang: ExportLang.default("ru").openapi({
    param: { name: "lang", in: "query" },
    description: "Language of the questions; a module lists the languages it has in GET /question-banks",
  }),
});

const SlugParam = z.object({ slug: pathParam("slug", 80, { example: "copying-to-innovation" }) });

const QuestionBanksSchema = z
  .object({
    banks: z.array(
      z.object({
        slug: z.string(),
        order: z.number().int(),
        title: z.string(),
        questionCount: z.number().int().openapi({ description: "Every question of the bank, assessment-only ones included" }),
        languages: z.array(ExportLang).openapi({ description: "Languages in which every question of the bank can be exported" }),
      }),
    ),
  })
  .openapi("QuestionBanks");

/** The bank a request names, or the 404 that says which part is missing. */
function requestedBank(slug: string, lang: ContentLang): ExchangeBank {
  const m = findModule(slug);
  if (!m) throw new Problem(404, `The course has no module "${slug}".`);
  const bank = exchangeBank(m, course, lang);
  if (bank) return bank;
  if (m.questionIds.length === 0)
    throw new Problem(404, `The module "${slug}" has no question bank of its own (the final test draws from the others).`);
  throw new Problem(404, `The module "${slug}" has no questions in "${lang}"; it has ${moduleLanguages(m, course).join(", ")}.`);
}

/** Answer keys inside: never cached by a shared cache, never sniffed into another type. */
const download = (contentType: string, fileName: string) => ({
  "content-type": contentType,
  "content-disposition": fileName,
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
});

const fileName = (bank: ExchangeBank, extension: string) => attachmentDisposition(`${bank.moduleSlug}-${bank.lang}`, extension);

// Generic in the path so that the typed client (hono/client) sees each literal path, not `string`.
const exportRoute = <P extends string>(path: P, operationId: string, summary: string, mediaType: string) =>
  createRoute({
    method: "get",
    path,
    operationId,
    tags,
    summary,
    description:
      "Instructors only: the file carries every answer key, assessment-only questions included. " +
      "See docs/exchange.md for how each question type maps and where Moodle grades differently.",
    security: signedIn,
    request: { params: SlugParam, query: ExportQuery },
    responses: {
      200: {
        description: "The bank as a file to download (Content-Disposition: attachment, named after the module and language)",
        headers: { "Content-Disposition": { schema: { type: "string" as const } } },
        content: { [mediaType]: { schema: z.string() } },
      },
      ...problems(401, 403, 404),
    },
  });

export const exchangeRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/question-banks",
      operationId: "listQuestionBanks",
      tags,
      summary: "The course's question banks that can be exported, with their languages",
      security: signedIn,
      request: { query: z.object({ lang: ExportQuery.shape.lang.describe("Language of the titles") }) },
      responses: { 200: jsonContent(QuestionBanksSchema, "One entry per module with a bank, in course order"), ...problems(401, 403) },
    }),
    (c) => {
      requireUser(c, "instructor");
      const { lang } = c.req.valid("query");
      const banks = [...course.modules]
        .sort((a, b) => a.order - b.order)
        .map((m) => ({ m, languages: moduleLanguages(m, course) }))
        .filter(({ languages }) => languages.length > 0)
        .map(({ m, languages }) => ({
          slug: m.slug,
          order: m.order,
          title: m.title[lang] ?? m.title.ru,
          questionCount: m.questionIds.length,
          languages,
        }));
      c.header("cache-control", "private, no-store");
      return c.json({ banks }, 200);
    },
  )
  .openapi(
    exportRoute("/modules/{slug}/export.xml", "exportModuleMoodleXml", "One module's questions as Moodle XML", "application/xml"),
    (c) => {
      requireUser(c, "instructor");
      const bank = requestedBank(c.req.valid("param").slug, c.req.valid("query").lang);
      return c.body(toMoodleXml(bank), 200, download("application/xml; charset=utf-8", fileName(bank, "xml")));
    },
  )
  .openapi(
    exportRoute("/modules/{slug}/export.gift", "exportModuleGift", "One module's questions as GIFT (Moodle's text format)", "text/plain"),
    (c) => {
      requireUser(c, "instructor");
      const bank = requestedBank(c.req.valid("param").slug, c.req.valid("query").lang);
      return c.body(toGift(bank), 200, download("text/plain; charset=utf-8", fileName(bank, "gift")));
    },
  );
