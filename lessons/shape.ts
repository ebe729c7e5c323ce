// Course checks on the shape of each module: the size of its pools and of its paragraphs (see lessons/checks.ts).
import type { CourseCheckInput } from "./checks.ts";
import type { ContentProblem } from "./compiler.ts";
import { langs } from "./types.ts";

export const MIN_PRACTICE_QUESTIONS = 14;
export const MIN_ASSESSMENT_ONLY_QUESTIONS = 8;
export const MIN_REASONING_QUESTIONS = 3;
/** What a phone reader takes in at once: a longer paragraph is split, or made a list. */
export const MAX_PARAGRAPH_WORDS = 70;

// ---------------------------------------------------------------------------------------------
// e. Every lesson module has a practice pool, a separate assessment pool and questions that test reasoning.

export function checkBankShape(input: CourseCheckInput): ContentProblem[] {
  const out: ContentProblem[] = [];
  const all = Object.values(input.questions);
  for (const m of input.modules) {
    if (m.kind !== "lesson" || m.questionIds.length === 0) continue;
    const bank = all.filter((q) => q.moduleSlug === m.slug);
    const file = input.places.get(m.questionIds[0] as string)?.file ?? m.slug;
    const practice = bank.filter((q) => !q.assessmentOnly).length;
    const assessment = bank.length - practice;
    const reasoning = bank.filter((q) => q.skill === "reasoning").length;
    if (practice < MIN_PRACTICE_QUESTIONS) {
      out.push({
        file,
        field: "assessmentOnly",
        reason: `has ${practice} practice questions; a module needs at least ${MIN_PRACTICE_QUESTIONS}`,
      });
    }
    if (assessment < MIN_ASSESSMENT_ONLY_QUESTIONS) {
      out.push({
        file,
        field: "assessmentOnly",
        reason: `has ${assessment} assessmentOnly questions; a module needs at least ${MIN_ASSESSMENT_ONLY_QUESTIONS}`,
      });
    }
    if (reasoning < MIN_REASONING_QUESTIONS) {
      out.push({
        file,
        field: "skill",
        reason: `has ${reasoning} reasoning questions; a module needs at least ${MIN_REASONING_QUESTIONS}`,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// f. Paragraphs short enough to read on a phone: at most MAX_PARAGRAPH_WORDS words, or a list whose lead and
// items each are.

const wordCount = (runs: readonly { text: string }[]) =>
  runs
    .map((r) => r.text)
    .join("")
    .split(/\s+/u)
    .filter(Boolean).length;

export function checkParagraphLength(input: CourseCheckInput): ContentProblem[] {
  const out: ContentProblem[] = [];
  for (const m of input.modules) {
    const bankFile = input.places.get(m.questionIds[0] as string)?.file;
    const folder = bankFile ? bankFile.slice(0, bankFile.lastIndexOf("/") + 1) : `${m.slug}/`;
    for (const lang of langs) {
      for (const b of m.lesson[lang] ?? []) {
        const parts = b.type === "list" ? [b.lead ?? [], ...b.items] : b.type === "paragraph" ? [b.runs] : [];
        const longest = Math.max(0, ...parts.map(wordCount));
        if (longest > MAX_PARAGRAPH_WORDS) {
          out.push({
            file: `${folder}lesson.${lang}.md`,
            field: b.anchor,
            reason: `has ${longest} words in one paragraph or list item; at most ${MAX_PARAGRAPH_WORDS} read well on a phone (split it, or make it a list)`,
          });
        }
      }
    }
  }
  return out;
}
