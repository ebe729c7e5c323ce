// Item digests: they give back exactly what analysis reads of a snapshot, and stop standing in for it once the course changes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CompiledCourse, Question } from "../../lessons/types.ts";
import { type AnalysedAttempt, analyseItems } from "../../worker/domain/itemAnalysis.ts";
import { contentHash, contentHashes, hash64, type ItemDigest, itemDigest, questionsFromDigest } from "../../worker/domain/itemDigest.ts";
import { mulberry32 } from "../../worker/domain/random.ts";
import { type Answer, type SnapshotQuestion, serveAttempt } from "../../worker/domain/serve.ts";
import { answerFromKey, guessAnswer } from "../shared/answers.ts";

// Built by `npm run lessons:build` (npm test builds first).
const course = JSON.parse(readFileSync(new URL("../../lessons/.build/course.json", import.meta.url), "utf8")) as CompiledCourse;
const seeds = [1, 7, 42, 1234, 99_991];

/** The course with one question replaced, as after an author's edit. */
const edited = (q: Question): CompiledCourse => ({ ...course, questions: { ...course.questions, [q.id]: q } });
const firstOfType = (type: Question["type"]) => Object.values(course.questions).find((q) => q.type === type) as Question;
const digestOf = (snapshot: SnapshotQuestion[], c: CompiledCourse = course) => itemDigest(snapshot, c) as ItemDigest;

describe("itemDigest", () => {
  it.each(course.modules.map((m) => m.slug))("%s: every attempt's digest gives back what analysis reads of its snapshot", (slug) => {
    for (const seed of seeds) {
      const snapshot = serveAttempt(course, slug, seed);
      const digest = itemDigest(snapshot, course);
      expect(digest).not.toBeNull();
      expect(questionsFromDigest(digest as ItemDigest, course)).toEqual(
        snapshot.map(({ served, key }) => ({
          served: {
            id: served.id,
            type: served.type,
            moduleSlug: served.moduleSlug,
            anchor: served.anchor,
            prompt: served.prompt,
            ...(served.options ? { options: served.options } : {}),
          },
          key,
        })),
      );
    }
  });

  it("keeps what the course cannot tell (drawn ids), not the texts or the keys that hold no drawn ids", () => {
    const snapshot = serveAttempt(course, "final-test", 5);
    const digest = digestOf(snapshot);
    const text = JSON.stringify(digest);
    for (const q of snapshot) {
      expect(text).not.toContain(JSON.stringify(q.served.prompt.en).slice(1, -1));
      for (const o of q.served.options ?? []) expect(text).toContain(`"${o.id}"`);
    }
    for (const [i, q] of digest.questions.entries()) {
      const type = snapshot[i]?.key.type;
      expect(q.key === undefined).toBe(type === "truefalse" || type === "numeric" || type === "text");
    }
    // A small fraction of the snapshot.
    expect(text.length * 4).toBeLessThan(JSON.stringify(snapshot).length);
  });

  it("is null when the served texts are not the course's: analysis then reads the snapshot", () => {
    const snapshot = serveAttempt(course, "copying-to-innovation", 3);
    const choice = snapshot.find((q) => q.served.type === "single") as SnapshotQuestion;
    const options = choice.served.options ?? [];
    const changed = snapshot.map((q) =>
      q === choice
        ? {
            ...q,
            served: { ...q.served, options: options.map((o, i) => (i === 0 ? { ...o, text: { ...o.text, en: "Old wording" } } : o)) },
          }
        : q,
    );
    expect(itemDigest(changed, course)).toBeNull();
    const prompt = snapshot.map((q, i) => (i === 0 ? { ...q, served: { ...q.served, prompt: { ...q.served.prompt, ru: "Старый" } } } : q));
    expect(itemDigest(prompt, course)).toBeNull();
  });
});

describe("questionsFromDigest after the course changed", () => {
  const snapshot = serveAttempt(course, "final-test", 11);
  const digest = digestOf(snapshot);

  it("no longer stands in for an attempt that was served an edited question", () => {
    const served = snapshot.find((q) => q.served.type === "single")?.served.id as string;
    const source = course.questions[served] as Question & { type: "single" };
    const options = source.options.map((o, i) => (i === 0 ? { ...o, text: { ...o.text, en: `${o.text.en}!` } } : o));
    expect(questionsFromDigest(digest, edited({ ...source, options }))).toBeNull();
    expect(questionsFromDigest(digest, edited({ ...source, prompt: { ...source.prompt, ru: "Новый" } }))).toBeNull();
    expect(
      questionsFromDigest(digest, edited({ ...source, answer: source.options.find((o) => o.id !== source.answer)?.id as string })),
    ).toBeNull();
  });

  it("still stands in when only an explanation changed, or a question the attempt was not served", () => {
    const served = snapshot[0]?.served.id as string;
    const source = course.questions[served] as Question;
    expect(questionsFromDigest(digest, edited({ ...source, explanation: { ru: "Иначе", en: "Otherwise" } }))).not.toBeNull();
    const other = Object.values(course.questions).find((q) => !snapshot.some((s) => s.served.id === q.id)) as Question;
    expect(questionsFromDigest(digest, edited({ ...other, prompt: { ...other.prompt, en: "Changed" } }))).not.toBeNull();
  });

  it("is null for a question no longer in the course, or a digest whose hashes do not line up", () => {
    const { [snapshot[0]?.served.id as string]: _, ...rest } = course.questions;
    expect(questionsFromDigest(digest, { ...course, questions: rest })).toBeNull();
    expect(questionsFromDigest({ ...digest, hashes: digest.hashes.slice(1) }, course)).toBeNull();
  });
});

describe("content hashes", () => {
  it("change with anything analysis takes from the course, never with the explanation", () => {
    const numeric = firstOfType("numeric") as Question & { type: "numeric" };
    const text = firstOfType("text") as Question & { type: "text" };
    const base = contentHash(numeric);
    expect(contentHash({ ...numeric, anchor: "p-elsewhere" })).not.toBe(base);
    expect(contentHash({ ...numeric, answer: numeric.answer + 1 })).not.toBe(base);
    expect(contentHash({ ...numeric, tolerance: numeric.tolerance + 0.5 })).not.toBe(base);
    expect(contentHash({ ...numeric, explanation: { ru: "x", en: "y" } })).toBe(base);
    expect(contentHash({ ...text, answers: { ...text.answers, en: [...text.answers.en, "another"] } })).not.toBe(contentHash(text));
  });

  it("are 16 hex digits, one per course question, and tell apart near-identical strings", () => {
    const hashes = contentHashes(course);
    expect(hashes.size).toBe(Object.keys(course.questions).length);
    expect(new Set(hashes.values()).size).toBe(hashes.size);
    expect(contentHashes(course)).toBe(hashes);
    for (const h of hashes.values()) expect(h).toMatch(/^[0-9a-f]{16}$/);
    const near = ["", "a", "b", "ab", "ba", "aa", "Верно", "Верна", "x".repeat(1000), `${"x".repeat(999)}y`];
    expect(new Set(near.map(hash64)).size).toBe(near.length);
    expect(hash64("Верно")).toBe(hash64("Верно"));
  });
});

describe("analysis from digests", () => {
  it.each(["copying-to-innovation", "final-test"])("%s: the same result as from the snapshots", (slug) => {
    const rng = mulberry32(2026);
    const attempts: AnalysedAttempt[] = Array.from({ length: 40 }, (_, n) => {
      const snapshot = serveAttempt(course, slug, 500 + n);
      const answers = new Map<string, { answer: Answer; score: number | null }>();
      for (const q of snapshot) {
        const r = rng();
        if (r < 0.15) continue;
        const answer = r < 0.6 ? answerFromKey(q.key) : guessAnswer(q.served, { truth: r < 0.8 });
        // A few answers without a recorded score: analysis grades them with the key.
        answers.set(q.served.id, { answer, score: r > 0.95 ? null : r < 0.6 ? 1 : 0 });
      }
      return { id: `t${n}`, share: rng(), snapshot, answers };
    });
    const fromDigests = attempts.map((a) => ({
      ...a,
      snapshot: questionsFromDigest(digestOf(a.snapshot as SnapshotQuestion[]), course) ?? [],
    }));
    expect(analyseItems(fromDigests, course.questions)).toEqual(analyseItems(attempts, course.questions));
  });
});
