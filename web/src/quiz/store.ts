// What a quiz keeps on the device besides its outbox: the last attempt JSON, where each start led, and UI marks.
import type { KeyValueStore, SavedAnswer } from "./outbox.ts";

/** The fields of the API's attempt JSON this cache touches; the rest is stored and returned as it came. */
export interface CachedAttemptShape {
  id: string;
  status: string;
  answers: Record<string, SavedAnswer>;
  feedback: Record<string, unknown>;
}

export interface CachedAttempt<A extends CachedAttemptShape> {
  attempt: A;
  /** The device's clock when the attempt arrived: with the attempt's serverNow it gives the clock skew. */
  receivedAt: number;
}

const attemptKey = (id: string) => `qadam.attempt.${id}`;
const startKey = (start: string) => `qadam.start.${start}`;
const marksKey = (id: string) => `qadam.quizmarks.${id}`;

function readJson(store: KeyValueStore, key: string): unknown {
  try {
    const raw = store.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

function writeJson(store: KeyValueStore, key: string, value: unknown): boolean {
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function remove(store: KeyValueStore, key: string) {
  try {
    store.removeItem(key);
  } catch {
    // A leftover cache entry is harmless.
  }
}

/** Keeps the attempt as the server last sent it, so a reload without network can still show the quiz. */
export function cacheAttempt<A extends CachedAttemptShape>(store: KeyValueStore, attempt: A, receivedAt: number): boolean {
  return writeJson(store, attemptKey(attempt.id), { attempt, receivedAt } satisfies CachedAttempt<A>);
}

export function cachedAttempt<A extends CachedAttemptShape>(store: KeyValueStore, id: string): CachedAttempt<A> | null {
  const value = readJson(store, attemptKey(id)) as CachedAttempt<A> | null;
  if (!value || typeof value !== "object" || typeof value.receivedAt !== "number") return null;
  const a = value.attempt;
  if (!a || a.id !== id || typeof a.answers !== "object" || !a.answers) return null;
  return value;
}

/**
 * Records in the cached attempt an answer the server confirmed (and its practice feedback), so the cache
 * stays true after the outbox lets go of that answer.
 */
export function patchCachedAnswer(store: KeyValueStore, id: string, questionId: string, saved: SavedAnswer, feedback?: unknown): void {
  const cached = cachedAttempt(store, id);
  if (!cached) return;
  const current = cached.attempt.answers[questionId];
  if (current && current.revision > saved.revision) return;
  const attempt = {
    ...cached.attempt,
    answers: { ...cached.attempt.answers, [questionId]: saved },
    feedback: feedback ? { ...cached.attempt.feedback, [questionId]: feedback } : cached.attempt.feedback,
  };
  writeJson(store, attemptKey(id), { attempt, receivedAt: cached.receivedAt });
}

/** "module:<slug>" or "assignment:<id>": which start a quiz page stands for. */
export type StartRef = `module:${string}` | `assignment:${string}`;

/** Remembers which attempt a start led to, so that start can resume it without network. */
export function rememberStart(store: KeyValueStore, start: StartRef, attemptId: string): void {
  writeJson(store, startKey(start), attemptId);
}

/** The attempt a start led to last time, if its cache says it is still open. */
export function openAttemptFor(store: KeyValueStore, start: StartRef): string | null {
  const id = readJson(store, startKey(start));
  if (typeof id !== "string") return null;
  const cached = cachedAttempt(store, id);
  return cached && cached.attempt.status === "open" ? id : null;
}

/** The learner's own marks on an attempt: flags for "come back to this", and practice questions they asked to check. */
export interface QuizMarks {
  flagged: string[];
  checked: string[];
}

export function readMarks(store: KeyValueStore, id: string): QuizMarks {
  const value = readJson(store, marksKey(id)) as Partial<QuizMarks> | null;
  const strings = (list: unknown) => (Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : []);
  return { flagged: strings(value?.flagged), checked: strings(value?.checked) };
}

export function writeMarks(store: KeyValueStore, id: string, marks: QuizMarks): void {
  writeJson(store, marksKey(id), marks);
}

/** Forgets everything kept for a finished attempt except the start pointer (harmless: it points to a closed attempt). */
export function forgetAttempt(store: KeyValueStore, id: string): void {
  remove(store, attemptKey(id));
  remove(store, marksKey(id));
}
