// The outbox: every answer is kept on the device first, then sent in order until the server confirms it.
//
// Plain TypeScript with its storage and clock passed in, so the rules that keep answers from being lost
// are tested in Node (tests/unit/web/outbox.test.ts) without a browser.
import type { InferRequestType } from "hono/client";
import type { api } from "../api.ts";

/** An answer as the API takes it: the body of PUT /api/attempts/:id/answers/:questionId. */
export type Answer = InferRequestType<(typeof api.attempts)[":id"]["answers"][":questionId"]["$put"]>["json"]["answer"];

/** An answer with the client's revision counter for its question. */
export interface SavedAnswer {
  answer: Answer;
  revision: number;
}

/** The part of `localStorage` the outbox uses, so tests can pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface OutboxEntry {
  questionId: string;
  answer: Answer;
  revision: number;
  /** When this revision was made (ms): for the record, and so a reader can see how long it waited. */
  queuedAt: number;
}

interface OutboxRecord {
  v: 1;
  /** The highest revision ever used or seen per question: the next change gets one more. */
  revisions: Record<string, number>;
  /** At most one entry per question (its latest answer), oldest change first. */
  entries: OutboxEntry[];
}

export const outboxKey = (attemptId: string) => `qadam.outbox.${attemptId}`;

const emptyRecord = (): OutboxRecord => ({ v: 1, revisions: {}, entries: [] });

function isRecord(value: unknown): value is OutboxRecord {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Partial<OutboxRecord>;
  return (
    r.v === 1 &&
    typeof r.revisions === "object" &&
    r.revisions !== null &&
    Array.isArray(r.entries) &&
    r.entries.every((e) => typeof e?.questionId === "string" && Number.isInteger(e.revision) && e.answer !== undefined)
  );
}

/**
 * The unsent answers of one attempt, in storage under one key.
 * Every operation reads the stored record afresh and writes it back at once, so a reload (or a second
 * tab) always sees the latest state. If the storage refuses a write (private mode, quota), the outbox
 * keeps working in memory and `onDevice` turns false so the page can say answers are not kept on the device.
 */
export class Outbox {
  private memory: OutboxRecord | null = null;
  private storageWorks = true;

  constructor(
    readonly attemptId: string,
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** False once the device storage refused a write: answers then live only in this page's memory. */
  get onDevice(): boolean {
    return this.storageWorks;
  }

  private read(): OutboxRecord {
    if (!this.storageWorks && this.memory) return this.memory;
    try {
      const raw = this.store.getItem(outboxKey(this.attemptId));
      if (raw !== null) {
        const parsed: unknown = JSON.parse(raw);
        if (isRecord(parsed)) return parsed;
      }
    } catch {
      // Unreadable storage or a corrupt record: fall back to what this page knows.
    }
    return this.memory ?? emptyRecord();
  }

  private write(record: OutboxRecord) {
    this.memory = record;
    try {
      if (record.entries.length === 0 && Object.keys(record.revisions).length === 0) this.store.removeItem(outboxKey(this.attemptId));
      else this.store.setItem(outboxKey(this.attemptId), JSON.stringify(record));
      this.storageWorks = true;
    } catch {
      this.storageWorks = false;
    }
  }

  /** The answers waiting for the server, oldest change first. */
  entries(): OutboxEntry[] {
    return this.read().entries;
  }

  get size(): number {
    return this.read().entries.length;
  }

  /** The last revision used or seen for a question (0 if none). */
  revisionOf(questionId: string): number {
    return this.read().revisions[questionId] ?? 0;
  }

  /**
   * Records a new answer (the latest for its question, replacing an unsent older one) with the next
   * revision, and stores it before anything is sent.
   */
  put(questionId: string, answer: Answer): OutboxEntry {
    const record = this.read();
    const revision = (record.revisions[questionId] ?? 0) + 1;
    const entry: OutboxEntry = { questionId, answer, revision, queuedAt: this.now() };
    this.write({
      v: 1,
      revisions: { ...record.revisions, [questionId]: revision },
      entries: [...record.entries.filter((e) => e.questionId !== questionId), entry],
    });
    return entry;
  }

  /**
   * The server holds this revision (or a newer one) of the question: its entry leaves the outbox unless
   * a newer change was made meanwhile. Returns whether an entry was removed.
   */
  confirm(questionId: string, revision: number): boolean {
    const record = this.read();
    const entries = record.entries.filter((e) => !(e.questionId === questionId && e.revision <= revision));
    const removed = entries.length !== record.entries.length;
    this.write({ v: 1, revisions: { ...record.revisions, [questionId]: Math.max(record.revisions[questionId] ?? 0, revision) }, entries });
    return removed;
  }

  /** Removes exactly this revision (the server can never accept it, e.g. a malformed answer). */
  drop(questionId: string, revision: number): void {
    const record = this.read();
    this.write({ ...record, entries: record.entries.filter((e) => !(e.questionId === questionId && e.revision === revision)) });
  }

  /**
   * Merges the server's saved answers with the outbox: raises the revision counters to the server's,
   * removes entries the server already has (same or newer revision), and returns every answer as the
   * learner last gave it — an unsent entry wins over a server answer with a lower revision.
   */
  reconcile(server: Record<string, SavedAnswer>): Record<string, SavedAnswer> {
    const record = this.read();
    const revisions = { ...record.revisions };
    for (const [questionId, saved] of Object.entries(server)) revisions[questionId] = Math.max(revisions[questionId] ?? 0, saved.revision);
    const entries = record.entries.filter((e) => e.revision > (server[e.questionId]?.revision ?? 0));
    this.write({ v: 1, revisions, entries });
    const merged: Record<string, SavedAnswer> = { ...server };
    for (const e of entries) merged[e.questionId] = { answer: e.answer, revision: e.revision };
    return merged;
  }

  /** Forgets the attempt's outbox (after it is submitted and every answer is on the server, or it closed). */
  clear(): void {
    this.memory = null;
    try {
      this.store.removeItem(outboxKey(this.attemptId));
    } catch {
      // Nothing more to do: the record is harmless and tiny.
    }
  }
}

/** What happened to one PUT, as the sender needs to know it. */
export type SendOutcome =
  /** The server kept this revision (or already had a newer one). */
  | { kind: "saved"; revision: number; body: unknown }
  /** Network down, a timeout, a 5xx or 429: keep the entry and try again later. */
  | { kind: "retry" }
  /** The attempt no longer takes answers (submitted, or its deadline passed): stop sending. */
  | { kind: "closed"; reason: string }
  /** The server will never accept this entry (400, 404): drop it so it does not block the rest. */
  | { kind: "rejected"; status: number };

export interface SenderState {
  /** Answers waiting on the device. */
  pending: number;
  /** A request is in flight. */
  sending: boolean;
  /** Failed tries in a row (0 after any success). */
  failures: number;
  /** Set once the server said the attempt is closed: its reason. */
  closed: string | null;
}

export interface SenderEvents {
  saved?(entry: OutboxEntry, body: unknown): void;
  rejected?(entry: OutboxEntry, status: number): void;
  closed?(reason: string): void;
  change?(state: SenderState): void;
}

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Wait before retry number `failures` (1, 2, …): 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffDelay(failures: number, baseMs = 1000, maxMs = 30_000): number {
  if (failures < 1) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
}

/**
 * Sends the outbox one entry at a time, oldest first, so the server sees changes in the order they were
 * made. A failed send keeps the entry and retries with backoff; `retryNow` (the `online` event) skips the wait.
 */
export class OutboxSender {
  private running: Promise<void> | null = null;
  private timer: unknown = null;
  private failures = 0;
  private closedReason: string | null = null;
  private stopped = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly send: (entry: OutboxEntry) => Promise<SendOutcome>,
    private readonly events: SenderEvents = {},
    private readonly clock: Clock = realClock,
  ) {}

  state(): SenderState {
    return { pending: this.outbox.size, sending: this.running !== null, failures: this.failures, closed: this.closedReason };
  }

  private emit() {
    this.events.change?.(this.state());
  }

  /** Flushes after `delayMs` (a later call replaces an earlier wait: typing debounces this way). */
  schedule(delayMs = 0): void {
    if (this.stopped || this.closedReason) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
    this.emit();
  }

  /** Tries again at once, forgetting the backoff: the network is back, or the learner asked. */
  retryNow(): Promise<void> {
    this.failures = 0;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    return this.flush();
  }

  /** Sends until the outbox is empty or a send fails; a call during a run joins that run. */
  flush(): Promise<void> {
    if (this.stopped || this.closedReason) return Promise.resolve();
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = null;
      this.emit();
    });
    this.emit();
    return this.running;
  }

  private async run(): Promise<void> {
    for (;;) {
      const entry = this.outbox.entries()[0];
      if (!entry) return;
      let outcome: SendOutcome;
      try {
        outcome = await this.send(entry);
      } catch {
        outcome = { kind: "retry" };
      }
      if (this.stopped) return;
      switch (outcome.kind) {
        case "saved":
          this.failures = 0;
          // The server answers with the revision it was asked to keep; a stale one it ignored counts as delivered too.
          this.outbox.confirm(entry.questionId, Math.max(entry.revision, outcome.revision));
          this.events.saved?.(entry, outcome.body);
          this.emit();
          break;
        case "rejected":
          this.outbox.drop(entry.questionId, entry.revision);
          this.events.rejected?.(entry, outcome.status);
          this.emit();
          break;
        case "closed":
          this.closedReason = outcome.reason;
          this.events.closed?.(outcome.reason);
          return;
        case "retry":
          this.failures += 1;
          if (this.timer !== null) this.clock.clearTimeout(this.timer);
          this.timer = this.clock.setTimeout(() => {
            this.timer = null;
            void this.flush();
          }, backoffDelay(this.failures));
          return;
      }
    }
  }

  /** Stops for good (the page is leaving): no more sends or timers. The outbox itself stays stored. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
