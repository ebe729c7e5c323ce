// The arithmetic of the learner's attempt list (pages/MyAttempts.tsx): attempts grouped by module and assignment, best scores, and the points of a score sparkline.

export interface AttemptLike {
  id: string;
  module: string;
  moduleTitle: { ru: string; en: string };
  assignmentId: string | null;
  status: "open" | "submitted";
  startedAt: string;
  result: { percent: number; submittedAt: string } | null;
}

export interface ResultGroup<A extends AttemptLike> {
  /** null: practice on one's own; otherwise the assignment the attempts belong to. */
  assignmentId: string | null;
  /** Newest first. */
  attempts: A[];
}

export interface ModuleResults<A extends AttemptLike> {
  module: string;
  moduleTitle: { ru: string; en: string };
  /** The best percentage of a submitted attempt in this module, any group; null before the first submit. */
  best: number | null;
  /** Submitted percentages, oldest first: the sparkline. */
  trend: { at: string; percent: number }[];
  /** Own practice first, then assignments, each in order of its latest activity. */
  groups: ResultGroup<A>[];
  /** The latest start or submit in the module (epoch ms), to put recent work first. */
  lastActivity: number;
}

const activity = (a: AttemptLike) => Math.max(Date.parse(a.startedAt), a.result ? Date.parse(a.result.submittedAt) : 0);

/** Attempts (in any order) grouped by module, most recently active module first. */
export function groupResults<A extends AttemptLike>(attempts: readonly A[]): ModuleResults<A>[] {
  const modules = new Map<string, A[]>();
  for (const a of attempts) modules.set(a.module, [...(modules.get(a.module) ?? []), a]);
  const out: ModuleResults<A>[] = [];
  for (const [module, list] of modules) {
    const newestFirst = [...list].sort((x, y) => activity(y) - activity(x));
    const submitted = list
      .filter((a) => a.status === "submitted" && a.result)
      .map((a) => ({ at: (a.result as { submittedAt: string }).submittedAt, percent: (a.result as { percent: number }).percent }))
      .sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
    const byAssignment = new Map<string | null, A[]>();
    for (const a of newestFirst) byAssignment.set(a.assignmentId, [...(byAssignment.get(a.assignmentId) ?? []), a]);
    const groups = [...byAssignment].map(([assignmentId, groupAttempts]) => ({ assignmentId, attempts: groupAttempts }));
    // Own practice first; the Map kept assignments in order of their newest attempt.
    groups.sort((x, y) => Number(x.assignmentId !== null) - Number(y.assignmentId !== null));
    out.push({
      module,
      moduleTitle: (newestFirst[0] as A).moduleTitle,
      best: submitted.length ? Math.max(...submitted.map((s) => s.percent)) : null,
      trend: submitted,
      groups,
      lastActivity: activity(newestFirst[0] as A),
    });
  }
  return out.sort((x, y) => y.lastActivity - x.lastActivity);
}

/** Percentages (0–100) as points in a `width` × `height` box with `pad` around; one value sits in the middle. */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 3): [number, number][] {
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  const y = (v: number) => Math.round((pad + (1 - clamp(v) / 100) * (height - 2 * pad)) * 10) / 10;
  if (values.length === 1) return [[width / 2, y(values[0] as number)]];
  const step = (width - 2 * pad) / Math.max(1, values.length - 1);
  return values.map((v, i) => [Math.round((pad + i * step) * 10) / 10, y(v)]);
}

/** Where an open attempt is taken up again: the quiz player. */
export const attemptHref = (id: string) => `/attempts/${encodeURIComponent(id)}`;
/** An attempt's review, optionally at one question's card (1-based). */
export const reviewHref = (id: string, n?: number) => `/attempts/${encodeURIComponent(id)}/review${n ? `#q-${n}` : ""}`;

const CYRILLIC = /[\u0400-\u04ff]/;
/** Letters only Kazakh writes: a spelling with one of them is a Kazakh one. */
const KAZAKH = /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/;

/**
 * The key of a text question lists every accepted spelling of every language; a review shows one of them, in the
 * reader's language when one can tell (Kazakh letters for kk, Cyrillic for ru and, failing a Kazakh one, for kk;
 * Latin for en), the first such (authors write the canonical form first).
 */
export function preferredSpelling(accepted: readonly string[], lang: "ru" | "en" | "kk"): string | undefined {
  if (lang === "kk") return accepted.find((v) => KAZAKH.test(v)) ?? accepted.find((v) => CYRILLIC.test(v)) ?? accepted[0];
  return accepted.find((v) => CYRILLIC.test(v) === (lang === "ru") && !KAZAKH.test(v)) ?? accepted[0];
}

/** The key as a review shows it: a text question's one preferred spelling, any other key as it is. */
export function displayKey<K>(type: string, key: K | string[], lang: "ru" | "en" | "kk"): K | string | string[] {
  if (type === "text" && Array.isArray(key)) return preferredSpelling(key, lang) ?? key;
  return key;
}
