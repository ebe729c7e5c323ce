// The quiz session (web/src/pages/quiz/createQuizSession.ts) without a browser: answers go to the device outbox
// before the network, the URL picks the screen, practice verdicts follow the answer's revision, submit waits for the
// outbox, and a timed attempt that runs out delivers what it can within the grace and then submits.
import { createRoot, createSignal } from "solid-js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AttemptJson } from "../../../web/src/pages/quiz/channel.ts";
import type { QuizSearch, QuizSessionPorts } from "../../../web/src/pages/quiz/createQuizSession.ts";
import { Outbox, OutboxSender, type SendOutcome } from "../../../web/src/quiz/outbox.ts";
import { readMarks } from "../../../web/src/quiz/store.ts";
import { ManualClock, MemoryStore, settle } from "./outboxFakes.ts";

let createQuizSession: typeof import("../../../web/src/pages/quiz/createQuizSession.ts").createQuizSession;
beforeAll(async () => {
  // i18n.ts keeps <html lang> in step with the language: a bare stand-in for the document is enough here.
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
  ({ createQuizSession } = await import("../../../web/src/pages/quiz/createQuizSession.ts"));
});

const title = { ru: "Модуль", en: "Module" };
const choice = (id: string) => ({ id, text: { ru: id, en: id } });
const questions = [
  { id: "q1", type: "single", prompt: title, options: [choice("a"), choice("b")] },
  { id: "q2", type: "text", prompt: title },
  { id: "q3", type: "multiple", prompt: title, options: [choice("a"), choice("b")] },
];
const verdict = (correct: boolean) => ({
  correct,
  score: correct ? 1 : 0,
  correctAnswer: "a",
  explanation: title,
  anchor: "p1",
  moduleSlug: "m1",
});

function attempt(over: Partial<AttemptJson> = {}): AttemptJson {
  return {
    id: "att1",
    module: "m1",
    moduleTitle: title,
    assignmentId: null,
    mode: "assessment",
    status: "open",
    startedAt: "2026-01-01T10:00:00.000Z",
    deadline: null,
    questionCount: questions.length,
    answeredCount: 0,
    result: null,
    serverNow: "2026-01-01T10:00:00.000Z",
    questions,
    answers: {},
    feedback: {},
    ...over,
  } as AttemptJson;
}

type Reply = SendOutcome | "throw";

/** A session over a real outbox and sender whose PUTs answer from `replies` (then "saved"), on a manual clock. */
function setup(
  options: {
    attempt?: AttemptJson;
    replies?: Reply[];
    online?: boolean;
    store?: MemoryStore;
    submit?: QuizSessionPorts["submitAttempt"];
  } = {},
) {
  const clock = new ManualClock();
  const store = options.store ?? new MemoryStore();
  const a = options.attempt ?? attempt();
  const outbox = new Outbox(a.id, store, () => clock.now);
  const replies = [...(options.replies ?? [])];
  const sent: { questionId: string; answer: unknown; revision: number }[] = [];
  const channel = { outbox, listener: {} } as QuizSessionPorts["channel"];
  channel.sender = new OutboxSender(
    outbox,
    async (entry) => {
      sent.push({ questionId: entry.questionId, answer: entry.answer, revision: entry.revision });
      const reply = replies.shift() ?? { kind: "saved", revision: entry.revision, body: { revision: entry.revision } };
      if (reply === "throw") throw new TypeError("Failed to fetch");
      return reply;
    },
    {
      saved: (entry, body) => channel.listener.saved?.(entry, body),
      rejected: (entry, status) => channel.listener.rejected?.(entry, status),
      closed: (reason) => channel.listener.closed?.(reason),
      change: (state) => channel.listener.change?.(state),
    },
    clock,
  );
  const [search, setSearchSignal] = createSignal<QuizSearch>({});
  const searchChanges: { changes: QuizSearch; replace: boolean }[] = [];
  const finished: (string | undefined)[] = [];
  const submits: number[] = [];
  let dispose = () => {};
  const session = createRoot((d) => {
    dispose = d;
    return createQuizSession({
      attempt: a,
      receivedAt: 0,
      channel,
      store,
      search: {
        get q() {
          return search().q;
        },
        get view() {
          return search().view;
        },
      },
      setSearch(changes, { replace }) {
        searchChanges.push({ changes, replace });
        setSearchSignal((now) => ({ ...now, ...changes }));
      },
      submitAttempt:
        options.submit ??
        (async () => {
          submits.push(clock.now);
          return { ok: true, status: 200, json: async () => ({}) };
        }),
      finish: (closed) => finished.push(closed),
      online: options.online ?? true,
      now: () => clock.now,
      sleep: (ms) => clock.advance(ms),
    });
  });
  disposers.push(dispose);
  return { session, clock, store, outbox, channel, sent, searchChanges, setSearch: setSearchSignal, finished, submits, dispose };
}

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
});

const q = (i: number) => questions[i] as never;

describe("answering", () => {
  it("keeps a choice on the device first and sends it at once; the status goes from saving to saved", async () => {
    const { session, outbox, sent, clock } = setup();
    expect(session.category()).toBe("idle");
    session.give(q(0), "b");
    expect(outbox.entries().map((e) => e.answer)).toEqual(["b"]);
    expect(session.answerOf("q1")).toBe("b");
    expect(session.answeredCount()).toBe(1);
    expect(session.category()).toBe("saving");
    await clock.advance(0);
    expect(sent).toEqual([{ questionId: "q1", answer: "b", revision: 1 }]);
    expect(outbox.size).toBe(0);
    expect(session.category()).toBe("saved");
  });

  it("waits for a pause in typing, and sends only the latest text", async () => {
    const { session, sent, clock } = setup();
    session.give(q(1), "Пек", true);
    await clock.advance(300);
    session.give(q(1), "Пекин", true);
    await clock.advance(599);
    expect(sent).toEqual([]);
    await clock.advance(1);
    expect(sent).toEqual([{ questionId: "q2", answer: "Пекин", revision: 2 }]);
  });

  it("a commit (blur, Enter) sends a typed answer without waiting", async () => {
    const { session, sent, clock } = setup();
    session.give(q(1), "Пекин", true);
    session.commit(q(1), false);
    await clock.advance(0);
    expect(sent).toHaveLength(1);
  });

  it("an empty text is saved but does not count as answered", () => {
    const { session } = setup();
    session.give(q(1), "  ", true);
    expect(session.answeredCount()).toBe(0);
    expect(session.unanswered()).toEqual([0, 1, 2]);
  });

  it("shows answers still on the device over the server's older ones, and sends them on open", async () => {
    const store = new MemoryStore();
    new Outbox("att1", store).put("q1", "b");
    const { session, sent, clock } = setup({ store, attempt: attempt({ answers: { q1: { answer: "a", revision: 0 } } }) });
    expect(session.answerOf("q1")).toBe("b");
    await clock.advance(0);
    expect(sent.map((s) => s.answer)).toEqual(["b"]);
  });

  it("while offline the status says waiting and announces it; back online and delivered, it announces all saved", async () => {
    const { session, clock } = setup({ replies: ["throw"], online: false });
    session.give(q(0), "a");
    await clock.advance(0);
    expect(session.category()).toBe("waiting");
    expect(session.announcement()).not.toBe("");
    const waiting = session.announcement();
    session.networkChanged(true);
    session.resumed();
    await settle();
    expect(session.category()).toBe("saved");
    expect(session.announcement()).not.toBe(waiting);
  });

  it("numbers the questions the server refused, once each", async () => {
    const { session, clock } = setup({
      replies: [
        { kind: "rejected", status: 400 },
        { kind: "rejected", status: 400 },
      ],
    });
    session.give(q(2), ["a"]);
    await clock.advance(0);
    session.give(q(2), ["b"]);
    await clock.advance(0);
    expect(session.refused()).toEqual([3]);
  });

  it("keeps flags on the device", () => {
    const { session, store } = setup();
    session.toggleFlag("q2");
    expect(session.isFlagged("q2")).toBe(true);
    expect(session.flaggedIndexes()).toEqual([1]);
    expect(readMarks(store, "att1").flagged).toEqual(["q2"]);
    session.toggleFlag("q2");
    expect(readMarks(store, "att1").flagged).toEqual([]);
  });
});

describe("practice feedback", () => {
  const practice = () => attempt({ mode: "practice" });

  it("shows the verdict for the revision it was given on, and hides it once the answer changes", async () => {
    const { session, clock } = setup({
      attempt: practice(),
      replies: [{ kind: "saved", revision: 1, body: { revision: 1, feedback: verdict(false) } }],
    });
    session.give(q(0), "b");
    await clock.advance(0);
    expect(session.verdictFor("q1")?.correct).toBe(false);
    session.give(q(0), "a");
    expect(session.verdictFor("q1")).toBeNull();
  });

  it("keeps the verdicts an earlier visit received", () => {
    const { session } = setup({
      attempt: attempt({ mode: "practice", answers: { q1: { answer: "a", revision: 2 } }, feedback: { q1: verdict(true) } }),
    });
    expect(session.verdictFor("q1")?.correct).toBe(true);
  });

  it("a multiple choice waits for Check; changing it or retrying asks for Check again", () => {
    const { session } = setup({ attempt: practice() });
    expect(session.autoFeedback(q(2))).toBe(false);
    session.give(q(2), ["a"]);
    expect(session.isChecked("q3")).toBe(false);
    session.check(q(2));
    expect(session.isChecked("q3")).toBe(true);
    session.give(q(2), ["a", "b"]);
    expect(session.isChecked("q3")).toBe(false);
    session.commit(q(2), true);
    expect(session.isChecked("q3")).toBe(true);
    session.retry(q(2));
    expect(session.isChecked("q3")).toBe(false);
  });
});

describe("screens", () => {
  it("reads the question and screen from the URL, clamped to the attempt", () => {
    const { session, setSearch } = setup();
    expect([session.index(), session.view()]).toEqual([0, "question"]);
    setSearch({ q: "3" });
    expect(session.current().id).toBe("q3");
    setSearch({ q: "99", view: "nonsense" });
    expect([session.index(), session.view()]).toEqual([2, "question"]);
    setSearch({ q: "x", view: "overview" });
    expect([session.index(), session.view()]).toEqual([0, "overview"]);
  });

  it("moving between questions replaces the history entry; opening a screen from a question adds one", () => {
    const { session, searchChanges } = setup();
    session.goTo(1);
    session.openView("overview");
    session.openView("submit");
    expect(searchChanges).toEqual([
      { changes: { q: "2", view: undefined }, replace: true },
      { changes: { view: "overview" }, replace: false },
      { changes: { view: "submit" }, replace: true },
    ]);
    expect(session.view()).toBe("submit");
    expect(session.questionHref(1)).toBe("/attempts/att1?q=2");
  });
});

describe("submit", () => {
  it("sends what waits on the device instead of submitting, then submits and leaves for the result", async () => {
    const { session, submits, finished, clock } = setup({ replies: ["throw"] });
    session.give(q(0), "a");
    await clock.advance(0);
    await session.submit();
    expect(submits).toEqual([]);
    await settle();
    expect(session.sync().pending).toBe(0);
    await session.submit();
    expect(submits).toHaveLength(1);
    expect(finished).toEqual([undefined]);
  });

  it("says what went wrong: the server's detail, or that the network is down; 401 asks to sign in again", async () => {
    const replies = [
      { ok: false, status: 409, json: async () => ({ detail: "The attempt is closed." }) },
      { ok: false, status: 401, json: async () => ({ detail: "Sign in." }) },
    ];
    const { session, finished } = setup({
      submit: async () => {
        const next = replies.shift();
        if (!next) throw new TypeError("Failed to fetch");
        return next;
      },
    });
    await session.submit();
    expect(session.submitError()).toBe("The attempt is closed.");
    expect(session.signedOut()).toBe(false);
    await session.submit();
    expect(session.signedOut()).toBe(true);
    await session.submit();
    expect(session.submitError()).not.toBe("Sign in.");
    expect(session.submitError()).toBeTruthy();
    expect(session.submitting()).toBe(false);
    expect(finished).toEqual([]);
  });

  it("leaves once, with the reason, when the server closes the attempt under an autosave", async () => {
    const { session, finished, clock } = setup({ replies: [{ kind: "closed", reason: "deadline_passed" }] });
    session.give(q(0), "a");
    await clock.advance(0);
    await session.submit(true);
    expect(finished).toEqual(["deadline_passed"]);
  });
});

describe("time up", () => {
  it("takes no more answers, delivers the waiting ones within the grace, then submits", async () => {
    const { session, sent, submits, clock } = setup({ replies: ["throw", "throw", "throw"] });
    session.give(q(0), "a");
    await clock.advance(0);
    await session.expire();
    expect(session.timeUp()).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(session.sync().pending).toBe(0);
    expect(submits).toHaveLength(1);
    expect(submits[0]).toBeLessThan(20_000);
    session.give(q(1), "late");
    expect(session.answerOf("q2")).toBeUndefined();
  });

  it("gives up delivering after the grace and submits what the server has", async () => {
    const { session, submits, clock } = setup({ replies: Array<Reply>(100).fill("throw") });
    session.give(q(0), "a");
    await clock.advance(0);
    await session.expire();
    expect(submits).toHaveLength(1);
    expect(submits[0]).toBeGreaterThanOrEqual(20_000);
    expect(session.sync().pending).toBe(1);
  });

  it("a submit that failed offline at time-up is tried again when the network returns", async () => {
    let calls = 0;
    const { session, finished } = setup({
      online: false,
      submit: async () => {
        calls++;
        if (calls === 1) throw new TypeError("Failed to fetch");
        return { ok: true, status: 200, json: async () => ({}) };
      },
    });
    await session.expire();
    expect(finished).toEqual([]);
    session.networkChanged(true);
    await settle();
    await settle();
    expect(calls).toBe(2);
    // The result page is told the time ran out, whatever the server's clock made of the submit.
    expect(finished).toEqual(["deadline_passed"]);
  });
});

describe("leaving the page", () => {
  it("stops listening to the sender, which keeps the answers and goes on delivering", async () => {
    const { session, channel, dispose, clock, sent } = setup();
    dispose();
    expect(channel.listener).toEqual({});
    session.give(q(0), "a");
    await clock.advance(0);
    expect(sent).toHaveLength(1);
  });
});
