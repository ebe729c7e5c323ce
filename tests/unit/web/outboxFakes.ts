// Stand-ins for the quiz outbox's surroundings in Node: a key-value store that can refuse writes, and a clock whose
// timers run only when a test advances it. Shared by the outbox and quiz-session tests.
import type { Clock, KeyValueStore } from "../../../web/src/quiz/outbox.ts";

export class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException("quota", "QuotaExceededError");
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

/** Timers run only when the test says so. */
export class ManualClock implements Clock {
  now = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.push({ at: this.now + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  pending() {
    return this.timers.map((t) => t.at - this.now);
  }
  /** Advances time, running each timer that falls due (in order). */
  async advance(ms: number) {
    const until = this.now + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > until) break;
      this.timers.shift();
      this.now = due.at;
      due.fn();
      await settle();
    }
    this.now = until;
  }
}

export const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
