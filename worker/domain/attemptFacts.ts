// What never changes about an attempt once it is served (its owner, mode and question snapshot), kept per isolate
// so an autosave need not read and parse the ≈ 15 KB snapshot again: with it, a save is one D1 round trip.
// Status and deadline are not here: they change (submit, time) and every write checks them in SQL.
import { LruCache } from "./lru.ts";
import type { SnapshotQuestion } from "./serve.ts";

export interface AttemptFacts {
  userId: string;
  mode: string;
  snapshot: readonly SnapshotQuestion[];
}

/** A class answering one quiz fits many times over; a snapshot parsed is ≈ 50 KB, so 300 stay well inside an isolate's memory. */
export const ATTEMPT_FACTS_MAX = 300;
/** The facts cannot go stale; the limit only lets a long-lived isolate forget attempts nobody is answering. */
export const ATTEMPT_FACTS_TTL_MS = 15 * 60_000;

export const attemptFacts = new LruCache<AttemptFacts>(ATTEMPT_FACTS_MAX);
