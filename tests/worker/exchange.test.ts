// GET /api/question-banks and /api/modules/:slug/export.{xml,gift}: instructors only, files named and never cached.
import { beforeAll, describe, expect, it } from "vitest";
import { course } from "../../worker/course.ts";
import { call, expectProblem, signUp, type TestUser } from "./helpers.ts";

let teacher: TestUser;
let student: TestUser;

beforeAll(async () => {
  teacher = await signUp("instructor");
  student = await signUp("student");
});

const SLUG = "copying-to-innovation";
const secret = course.modules.find((m) => m.slug === SLUG)?.questionIds.find((id) => course.questions[id]?.assessmentOnly);

describe("GET /api/modules/:slug/export.xml and export.gift", () => {
  it.each([
    ["xml", "application/xml; charset=utf-8"],
    ["gift", "text/plain; charset=utf-8"],
  ])("gives an instructor the %s file, named and not cached", async (ext, type) => {
    const res = await call(`/api/modules/${SLUG}/export.${ext}?lang=en`, { cookie: teacher.cookie });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${SLUG}-en\\.${ext}"`));
    const body = await res.text();
    // Assessment-only questions (keys included) are part of the instructor's bank.
    expect(secret).toBeDefined();
    expect(body).toContain(secret);
  });

  it("defaults to Russian", async () => {
    const res = await call(`/api/modules/${SLUG}/export.gift`, { cookie: teacher.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`${SLUG}-ru.gift`);
  });

  it.each(["xml", "gift"])("refuses a student (%s): the file carries every key", async (ext) => {
    await expectProblem(await call(`/api/modules/${SLUG}/export.${ext}?lang=ru`, { cookie: student.cookie }), 403);
  });

  it.each(["xml", "gift"])("refuses anyone not signed in (%s)", async (ext) => {
    await expectProblem(await call(`/api/modules/${SLUG}/export.${ext}`), 401);
  });

  it("names a bad language", async () => {
    const bad = await expectProblem(await call(`/api/modules/${SLUG}/export.xml?lang=de`, { cookie: teacher.cookie }), 400);
    expect(bad.errors?.map((e) => e.path)).toEqual(["query.lang"]);
  });

  it("answers 404 for an unknown module and for the final test, which has no bank", async () => {
    await expectProblem(await call("/api/modules/no-such-module/export.xml", { cookie: teacher.cookie }), 404);
    const final = course.modules.find((m) => m.kind === "final");
    if (final) {
      const p = await expectProblem(await call(`/api/modules/${final.slug}/export.gift`, { cookie: teacher.cookie }), 404);
      expect(p.detail).toContain("no question bank");
    }
  });
});

describe("GET /api/question-banks", () => {
  it("lists every module with a bank and its languages, for an instructor", async () => {
    const res = await call("/api/question-banks?lang=en", { cookie: teacher.cookie });
    expect(res.status).toBe(200);
    const { banks } = (await res.json()) as { banks: { slug: string; title: string; questionCount: number; languages: string[] }[] };
    const withBank = course.modules.filter((m) => m.questionIds.length > 0);
    expect(banks.map((b) => b.slug)).toEqual([...withBank].sort((a, b) => a.order - b.order).map((m) => m.slug));
    const first = banks.find((b) => b.slug === SLUG);
    expect(first?.title).toBe(course.modules.find((m) => m.slug === SLUG)?.title.en);
    expect(first?.languages).toEqual(expect.arrayContaining(["ru", "en"]));
  });

  it("refuses a student", async () => {
    await expectProblem(await call("/api/question-banks", { cookie: student.cookie }), 403);
  });
});
