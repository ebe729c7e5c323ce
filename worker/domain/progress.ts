// A learner's progress per module, from their reading rows and their best submitted scores (plain data in, plain data out).
import type { CompiledModule } from "../../lessons/types.ts";
import { round4 } from "./grading.ts";

export interface ReadingRow {
  moduleSlug: string;
  lastAnchor: string | null;
  lastReadAt: number;
  finishedAt: number | null;
}

export interface ScoreRow {
  moduleSlug: string;
  best: number | null;
  submitted: number;
}

export interface ModuleProgress {
  slug: string;
  /** When the lesson was first read through to its end; null while it is not. */
  readAt: number | null;
  lastAnchor: string | null;
  lastReadAt: number | null;
  /** Best share (0–1) of the submitted attempts, practice and tests alike; null before the first one. */
  bestShare: number | null;
  submittedAttempts: number;
}

/** The anchors a reading position may name: every block of the lesson (the same in each language). */
export function lessonAnchors(module: CompiledModule): Set<string> {
  return new Set(module.lesson.ru.map((block) => block.anchor));
}

/**
 * One entry per course module with any reading or attempt, in course order; modules no longer in the course are
 * left out. `lastRead` is the lesson read most recently, for "continue where you left off".
 */
export function courseProgress(modules: readonly CompiledModule[], reads: readonly ReadingRow[], scores: readonly ScoreRow[]) {
  const readOf = new Map(reads.map((r) => [r.moduleSlug, r]));
  const scoreOf = new Map(scores.map((s) => [s.moduleSlug, s]));
  const ordered = [...modules].sort((a, b) => a.order - b.order);
  const progress: ModuleProgress[] = [];
  for (const m of ordered) {
    const read = readOf.get(m.slug);
    const score = scoreOf.get(m.slug);
    if (!read && !score) continue;
    progress.push({
      slug: m.slug,
      readAt: read?.finishedAt ?? null,
      lastAnchor: read?.lastAnchor ?? null,
      lastReadAt: read?.lastReadAt ?? null,
      bestShare: score?.best === null || score?.best === undefined ? null : round4(Math.min(1, Math.max(0, score.best))),
      submittedAttempts: score?.submitted ?? 0,
    });
  }
  const inCourse = new Set(ordered.map((m) => m.slug));
  const latest = reads
    .filter((r) => inCourse.has(r.moduleSlug))
    .reduce<ReadingRow | null>((a, r) => (!a || r.lastReadAt > a.lastReadAt ? r : a), null);
  return {
    modules: progress,
    lastRead: latest
      ? { slug: latest.moduleSlug, anchor: latest.lastAnchor, at: latest.lastReadAt, finished: latest.finishedAt !== null }
      : null,
  };
}
