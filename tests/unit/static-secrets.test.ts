// The built web app (web/dist: pages, scripts, the service worker, the API reference) is public: anyone can read it
// without signing in. No question of the course may be in it, least of all an assessment-only one or any key.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CompiledCourse } from "../../lessons/types.ts";

// Built by `npm run build` (npm test builds first).
const dist = new URL("../../web/dist/", import.meta.url).pathname;
const course = JSON.parse(readFileSync(new URL("../../lessons/.build/course.json", import.meta.url), "utf8")) as CompiledCourse;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// Lesson text is public; a question's text is public only where it repeats the lesson, so those are left out.
const lessonText = JSON.stringify(course.modules.map((m) => m.lesson));
const telling = (text: string) => text.length >= 24 && !lessonText.includes(text);
const questions = Object.values(course.questions);
/** Texts that would give a question away: prompts and explanations, and for secret questions their options too. */
const secrets = questions.flatMap((q) => {
  const own = [q.prompt.ru, q.prompt.en, q.explanation.ru, q.explanation.en];
  const choices =
    q.assessmentOnly && (q.type === "single" || q.type === "multiple") ? q.options.flatMap((o) => [o.text.ru, o.text.en]) : [];
  return [...own, ...choices].filter(telling).map((text) => ({ id: q.id, text }));
});

describe("the public build", () => {
  const texts = files(dist).map((path) => ({ path: path.slice(dist.length), text: readFileSync(path, "latin1") }));
  // Minified scripts escape non-ASCII text; compare the UTF-8 bytes as read (latin1) and the \u-escaped form.
  const forms = (s: string) => [
    Buffer.from(s, "utf8").toString("latin1"),
    JSON.stringify(s)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  ];

  it("is there to check, with the service worker among it", () => {
    expect(texts.some((f) => f.path === "sw.js")).toBe(true);
    expect(texts.length).toBeGreaterThan(10);
    expect(secrets.filter((s) => course.questions[s.id]?.assessmentOnly).length).toBeGreaterThan(100);
  });

  it("holds no question's prompt or explanation, and no option of an assessment-only question", () => {
    const found = secrets.flatMap((s) =>
      texts.filter((f) => forms(s.text).some((form) => f.text.includes(form))).map((f) => `${s.id} in ${f.path}: ${s.text.slice(0, 40)}`),
    );
    expect(found).toEqual([]);
  });

  it("never names the fields that carry keys in the compiled course", () => {
    for (const f of texts) expect(f.text.includes('"assessmentOnly"'), f.path).toBe(false);
  });
});
