// The home tab's and course list's rules, as plain functions: "due today", a module's status line, "continue".
interface Due {
  dueAt: string | null;
  progress: { status: string };
}

const DONE = new Set(["submitted", "late", "missed"]);
export const isDone = (a: Pick<Due, "progress">) => DONE.has(a.progress.status);

/** The end of the viewer's current day (local midnight), as ms since epoch. */
export function endOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

/**
 * What needs doing today: assignments not done whose due date falls before the end of today (overdue ones that
 * still accept an attempt included), soonest first. Open-ended or later ones wait in the full list below.
 */
export function dueToday<A extends Due>(assignments: readonly A[], now: number): A[] {
  const end = endOfDay(now);
  return assignments
    .filter((a) => !isDone(a) && a.progress.status !== "upcoming" && a.dueAt !== null && new Date(a.dueAt).getTime() < end)
    .sort((x, y) => new Date(x.dueAt ?? 0).getTime() - new Date(y.dueAt ?? 0).getTime());
}

export interface ModuleFacts {
  read: boolean;
  /** Best share (0–1) of the learner's submitted attempts on the module; null before the first. */
  bestShare: number | null;
  /** The assignment on this module still to do, soonest due first (null: none). */
  assigned: { id: string; dueAt: string | null } | null;
}

/** A module's line in the course list, from the learner's progress and assignments. */
export function moduleFacts(
  slug: string,
  progress: { modules: readonly { slug: string; readAt: string | null; bestShare: number | null }[] } | null,
  assignments: readonly (Due & { id: string; module: string })[],
): ModuleFacts {
  const p = progress?.modules.find((m) => m.slug === slug);
  const open = assignments
    .filter((a) => a.module === slug && !isDone(a))
    .sort((x, y) => (x.dueAt ? new Date(x.dueAt).getTime() : Infinity) - (y.dueAt ? new Date(y.dueAt).getTime() : Infinity));
  const next = open[0];
  return {
    read: Boolean(p?.readAt),
    bestShare: p?.bestShare ?? null,
    assigned: next ? { id: next.id, dueAt: next.dueAt } : null,
  };
}

/** Where "continue where you left off" leads: the lesson at the block last on screen. */
export function continueHref(lastRead: { slug: string; anchor: string | null } | null): string | null {
  if (!lastRead) return null;
  return `/modules/${encodeURIComponent(lastRead.slug)}${lastRead.anchor ? `#${encodeURIComponent(lastRead.anchor)}` : ""}`;
}
