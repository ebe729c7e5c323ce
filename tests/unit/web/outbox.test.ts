// The quiz outbox and its sender: answers are stored before sending, sent in order, retried, and removed only when confirmed.
import { describe, expect, it } from "vitest";
import { backoffDelay, Outbox, type OutboxEntry, OutboxSender, outboxKey, type SendOutcome } from "../../../web/src/quiz/outbox.ts";
import {
  cacheAttempt,
  cachedAttempt,
  forgetAttempt,
  openAttemptFor,
  patchCachedAnswer,
  readMarks,
  rememberStart,
  writeMarks,
} from "../../../web/src/quiz/store.ts";
import { ManualClock, MemoryStore } from "./outboxFakes.ts";

describe("Outbox", () => {
  it("stores each answer before anything is sent, with a revision that grows per question", () => {
    const store = new MemoryStore();
    const outbox = new Outbox("a1", store, () => 1000);
    const first = outbox.put("q1", "opt-a");
    expect(first).toEqual({ questionId: "q1", answer: "opt-a", revision: 1, queuedAt: 1000 });
    expect(JSON.parse(store.getItem(outboxKey("a1")) ?? "null").entries).toHaveLength(1);
    expect(outbox.put("q1", "opt-b").revision).toBe(2);
    expect(outbox.put("q2", true).revision).toBe(1);
    expect(outbox.revisionOf("q1")).toBe(2);
  });

  it("keeps one entry per question, the latest, and moves it to the back of the queue", () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "x");
    outbox.put("q2", "y");
    outbox.put("q1", "z");
    expect(outbox.entries().map((e) => [e.questionId, e.answer, e.revision])).toEqual([
      ["q2", "y", 1],
      ["q1", "z", 2],
    ]);
  });

  it("survives a reload: a new Outbox on the same storage sees the same entries and counters", () => {
    const store = new MemoryStore();
    new Outbox("a1", store).put("q1", ["i1", "i2"]);
    const reloaded = new Outbox("a1", store);
    expect(reloaded.entries()).toMatchObject([{ questionId: "q1", answer: ["i1", "i2"], revision: 1 }]);
    expect(reloaded.put("q1", ["i2", "i1"]).revision).toBe(2);
  });

  it("keeps attempts apart", () => {
    const store = new MemoryStore();
    new Outbox("a1", store).put("q1", "x");
    expect(new Outbox("a2", store).size).toBe(0);
  });

  it("removes an entry only when the server confirmed that revision or a newer one", () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a"); // r1
    outbox.put("q1", "ab"); // r2: typed on while r1 was in flight
    expect(outbox.confirm("q1", 1)).toBe(false);
    expect(outbox.entries()).toMatchObject([{ answer: "ab", revision: 2 }]);
    expect(outbox.confirm("q1", 2)).toBe(true);
    expect(outbox.size).toBe(0);
    expect(outbox.revisionOf("q1")).toBe(2);
  });

  it("drops exactly the refused revision", () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "bad");
    outbox.drop("q1", 2);
    expect(outbox.size).toBe(1);
    outbox.drop("q1", 1);
    expect(outbox.size).toBe(0);
  });

  it("reconciles with the server: unsent newer answers win, older ones give way", () => {
    const store = new MemoryStore();
    const outbox = new Outbox("a1", store);
    outbox.put("q1", "device-1"); // r1
    outbox.put("q1", "device-2"); // r2
    outbox.put("q2", "device-only"); // r1
    outbox.put("q3", "old"); // r1, but the server already has r4 (saved from another device)
    const merged = outbox.reconcile({
      q1: { answer: "server-1", revision: 1 },
      q3: { answer: "server-4", revision: 4 },
      q4: { answer: "server-only", revision: 2 },
    });
    expect(merged).toEqual({
      q1: { answer: "device-2", revision: 2 },
      q2: { answer: "device-only", revision: 1 },
      q3: { answer: "server-4", revision: 4 },
      q4: { answer: "server-only", revision: 2 },
    });
    expect(outbox.entries().map((e) => e.questionId)).toEqual(["q1", "q2"]);
    // New changes continue above the server's counter, so the server never ignores them as stale.
    expect(outbox.put("q3", "new").revision).toBe(5);
    expect(outbox.put("q4", "new").revision).toBe(3);
  });

  it("removes an entry the server already has at the same revision (its reply was lost)", () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "x");
    outbox.reconcile({ q1: { answer: "x", revision: 1 } });
    expect(outbox.size).toBe(0);
  });

  it("keeps working in memory when the storage refuses writes, and says so", () => {
    const store = new MemoryStore();
    const outbox = new Outbox("a1", store);
    outbox.put("q1", "stored");
    store.failWrites = true;
    outbox.put("q2", "memory only");
    expect(outbox.onDevice).toBe(false);
    expect(outbox.entries().map((e) => e.questionId)).toEqual(["q1", "q2"]);
    store.failWrites = false;
    outbox.confirm("q1", 1);
    expect(outbox.onDevice).toBe(true);
    expect(new Outbox("a1", store).entries().map((e) => e.questionId)).toEqual(["q2"]);
  });

  it("ignores a corrupt record instead of failing", () => {
    const store = new MemoryStore();
    store.setItem(outboxKey("a1"), "{not json");
    const outbox = new Outbox("a1", store);
    expect(outbox.size).toBe(0);
    expect(outbox.put("q1", 1).revision).toBe(1);
    store.setItem(outboxKey("a1"), JSON.stringify({ v: 1, revisions: {}, entries: [{ questionId: "q1" }] }));
    expect(new Outbox("a1", store).size).toBe(0);
  });

  it("clear forgets the attempt's record", () => {
    const store = new MemoryStore();
    const outbox = new Outbox("a1", store);
    outbox.put("q1", "x");
    outbox.clear();
    expect(store.getItem(outboxKey("a1"))).toBeNull();
    expect(outbox.size).toBe(0);
  });
});

describe("backoffDelay", () => {
  it("doubles from one second and stops at thirty", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(n))).toEqual([0, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

/** A fake server: answers each PUT with the next scripted outcome (or "saved" when the script runs out). */
function fakeServer(script: (SendOutcome | "throw")[] = []) {
  const sent: OutboxEntry[] = [];
  const send = async (entry: OutboxEntry): Promise<SendOutcome> => {
    sent.push(entry);
    const next = script.shift();
    if (next === "throw") throw new TypeError("Failed to fetch");
    return next ?? { kind: "saved", revision: entry.revision, body: { feedback: null } };
  };
  return { sent, send };
}

describe("OutboxSender", () => {
  it("sends entries oldest first, one at a time, and empties the outbox", async () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a");
    outbox.put("q2", "b");
    outbox.put("q3", "c");
    const server = fakeServer();
    const saved: string[] = [];
    const sender = new OutboxSender(outbox, server.send, { saved: (e) => saved.push(e.questionId) }, new ManualClock());
    await sender.flush();
    expect(server.sent.map((e) => e.questionId)).toEqual(["q1", "q2", "q3"]);
    expect(saved).toEqual(["q1", "q2", "q3"]);
    expect(outbox.size).toBe(0);
    expect(sender.state()).toEqual({ pending: 0, sending: false, failures: 0, closed: null });
  });

  it("keeps the entry when the network fails and retries with growing waits", async () => {
    const clock = new ManualClock();
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a");
    const server = fakeServer(["throw", { kind: "retry" }, "throw"]);
    const sender = new OutboxSender(outbox, server.send, {}, clock);
    await sender.flush();
    expect(outbox.size).toBe(1);
    expect(sender.state().failures).toBe(1);
    expect(clock.pending()).toEqual([1000]);
    await clock.advance(1000);
    expect(server.sent).toHaveLength(2);
    expect(clock.pending()).toEqual([2000]);
    await clock.advance(1999);
    expect(server.sent).toHaveLength(2);
    await clock.advance(1);
    expect(server.sent).toHaveLength(3);
    expect(clock.pending()).toEqual([4000]);
    await clock.advance(4000);
    expect(server.sent).toHaveLength(4);
    expect(outbox.size).toBe(0);
    expect(sender.state().failures).toBe(0);
    expect(clock.pending()).toEqual([]);
  });

  it("stops at the first failure so later answers are never sent ahead of earlier ones", async () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a");
    outbox.put("q2", "b");
    const server = fakeServer(["throw"]);
    const sender = new OutboxSender(outbox, server.send, {}, new ManualClock());
    await sender.flush();
    expect(server.sent.map((e) => e.questionId)).toEqual(["q1"]);
    expect(outbox.entries().map((e) => e.questionId)).toEqual(["q1", "q2"]);
  });

  it("retryNow skips the backoff (the online event)", async () => {
    const clock = new ManualClock();
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a");
    const server = fakeServer(["throw", "throw", "throw"]);
    const sender = new OutboxSender(outbox, server.send, {}, clock);
    await sender.flush();
    await clock.advance(1000);
    await clock.advance(2000);
    expect(sender.state().failures).toBe(3);
    await sender.retryNow();
    expect(server.sent).toHaveLength(4);
    expect(outbox.size).toBe(0);
    expect(clock.pending()).toEqual([]);
  });

  it("an answer changed while its save was in flight stays and is sent next", async () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "4");
    let release: () => void = () => {};
    const sent: OutboxEntry[] = [];
    const send = (entry: OutboxEntry) => {
      sent.push(entry);
      if (sent.length === 1) {
        return new Promise<SendOutcome>((resolve) => {
          release = () => resolve({ kind: "saved", revision: entry.revision, body: null });
        });
      }
      return Promise.resolve<SendOutcome>({ kind: "saved", revision: entry.revision, body: null });
    };
    const sender = new OutboxSender(outbox, send, {}, new ManualClock());
    const running = sender.flush();
    outbox.put("q1", "42"); // typed on
    release();
    await running;
    expect(sent.map((e) => [e.answer, e.revision])).toEqual([
      ["4", 1],
      ["42", 2],
    ]);
    expect(outbox.size).toBe(0);
  });

  it("a flush during a run joins it instead of sending twice", async () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a");
    const server = fakeServer();
    const sender = new OutboxSender(outbox, server.send, {}, new ManualClock());
    await Promise.all([sender.flush(), sender.flush(), sender.flush()]);
    expect(server.sent).toHaveLength(1);
  });

  it("stops for good when the attempt is closed, keeping what was not delivered", async () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a");
    outbox.put("q2", "b");
    const server = fakeServer([{ kind: "closed", reason: "deadline_passed" }]);
    const closed: string[] = [];
    const clock = new ManualClock();
    const sender = new OutboxSender(outbox, server.send, { closed: (r) => closed.push(r) }, clock);
    await sender.flush();
    expect(closed).toEqual(["deadline_passed"]);
    expect(sender.state().closed).toBe("deadline_passed");
    expect(outbox.size).toBe(2);
    sender.schedule(0);
    await sender.retryNow();
    await clock.advance(60_000);
    expect(server.sent).toHaveLength(1);
  });

  it("drops an entry the server refuses and goes on with the rest", async () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "malformed");
    outbox.put("q2", "b");
    const server = fakeServer([{ kind: "rejected", status: 400 }]);
    const rejected: [string, number][] = [];
    const sender = new OutboxSender(outbox, server.send, { rejected: (e, s) => rejected.push([e.questionId, s]) }, new ManualClock());
    await sender.flush();
    expect(rejected).toEqual([["q1", 400]]);
    expect(server.sent.map((e) => e.questionId)).toEqual(["q1", "q2"]);
    expect(outbox.size).toBe(0);
  });

  it("schedule debounces: only the last of quick calls flushes", async () => {
    const clock = new ManualClock();
    const outbox = new Outbox("a1", new MemoryStore());
    const server = fakeServer();
    const sender = new OutboxSender(outbox, server.send, {}, clock);
    outbox.put("q1", "R");
    sender.schedule(600);
    await clock.advance(300);
    outbox.put("q1", "Re");
    sender.schedule(600);
    await clock.advance(300);
    outbox.put("q1", "Ren");
    sender.schedule(600);
    await clock.advance(599);
    expect(server.sent).toHaveLength(0);
    await clock.advance(1);
    expect(server.sent.map((e) => [e.answer, e.revision])).toEqual([["Ren", 3]]);
  });

  it("a server that kept a newer revision still confirms the entry", async () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "x");
    const server = fakeServer([{ kind: "saved", revision: 7, body: null }]);
    await new OutboxSender(outbox, server.send, {}, new ManualClock()).flush();
    expect(outbox.size).toBe(0);
    expect(outbox.put("q1", "y").revision).toBe(8);
  });

  it("reports its state on every change", async () => {
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a");
    const states: number[] = [];
    const sender = new OutboxSender(outbox, fakeServer().send, { change: (s) => states.push(s.pending) }, new ManualClock());
    await sender.flush();
    expect(states.at(-1)).toBe(0);
    expect(states).toContain(1);
  });

  it("sends nothing after stop", async () => {
    const clock = new ManualClock();
    const outbox = new Outbox("a1", new MemoryStore());
    outbox.put("q1", "a");
    const server = fakeServer();
    const sender = new OutboxSender(outbox, server.send, {}, clock);
    sender.schedule(600);
    sender.stop();
    await clock.advance(1000);
    await sender.flush();
    expect(server.sent).toHaveLength(0);
    expect(outbox.size).toBe(1);
  });
});

describe("attempt cache and start pointers", () => {
  const attempt = {
    id: "a1",
    status: "open",
    answers: { q1: { answer: "x", revision: 1 } },
    feedback: {},
    questions: [{ id: "q1" }, { id: "q2" }],
  };

  it("returns the cached attempt with when it arrived", () => {
    const store = new MemoryStore();
    expect(cacheAttempt(store, attempt, 5000)).toBe(true);
    expect(cachedAttempt(store, "a1")).toEqual({ attempt, receivedAt: 5000 });
    expect(cachedAttempt(store, "a2")).toBeNull();
  });

  it("records confirmed answers and feedback, never over a newer one", () => {
    const store = new MemoryStore();
    cacheAttempt(store, attempt, 0);
    patchCachedAnswer(store, "a1", "q2", { answer: true, revision: 1 }, { correct: true });
    patchCachedAnswer(store, "a1", "q1", { answer: "older", revision: 0 });
    const cached = cachedAttempt<typeof attempt>(store, "a1");
    expect(cached?.attempt.answers).toEqual({ q1: { answer: "x", revision: 1 }, q2: { answer: true, revision: 1 } });
    expect(cached?.attempt.feedback).toEqual({ q2: { correct: true } });
    expect(cached?.attempt.questions).toHaveLength(2);
  });

  it("a start resumes offline only an attempt its cache says is open", () => {
    const store = new MemoryStore();
    rememberStart(store, "module:risks", "a1");
    expect(openAttemptFor(store, "module:risks")).toBeNull();
    cacheAttempt(store, attempt, 0);
    expect(openAttemptFor(store, "module:risks")).toBe("a1");
    expect(openAttemptFor(store, "module:other")).toBeNull();
    cacheAttempt(store, { ...attempt, status: "submitted" }, 0);
    expect(openAttemptFor(store, "module:risks")).toBeNull();
  });

  it("keeps flags and checks per attempt, and forgets them with the cache", () => {
    const store = new MemoryStore();
    expect(readMarks(store, "a1")).toEqual({ flagged: [], checked: [] });
    writeMarks(store, "a1", { flagged: ["q2"], checked: ["q1"] });
    cacheAttempt(store, attempt, 0);
    expect(readMarks(store, "a1")).toEqual({ flagged: ["q2"], checked: ["q1"] });
    forgetAttempt(store, "a1");
    expect(readMarks(store, "a1")).toEqual({ flagged: [], checked: [] });
    expect(cachedAttempt(store, "a1")).toBeNull();
  });

  it("does not throw when the storage is full", () => {
    const store = new MemoryStore();
    store.failWrites = true;
    expect(cacheAttempt(store, attempt, 0)).toBe(false);
    expect(() => writeMarks(store, "a1", { flagged: [], checked: [] })).not.toThrow();
  });
});
