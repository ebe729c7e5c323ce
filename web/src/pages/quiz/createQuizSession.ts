// The state of one open attempt and what the learner can do to it, with no view inside: answers kept on the
// device and sent through the outbox, the practice verdicts, flags, the screen and question on show (from the URL),
// the saving status, submit, and what happens when the time runs out. The screens read it; tests drive it in Node.
import { batch, createEffect, createMemo, createSignal, on, onCleanup } from "solid-js";
import type { ApiProblem } from "../../api.ts";
import { t } from "../../i18n.ts";
import type { Verdict } from "../../quiz/AnswerView.tsx";
import { clockSkew } from "../../quiz/countdown.ts";
import { isAnswered, type ServedQuestion } from "../../quiz/model.ts";
import type { Answer, KeyValueStore, Outbox, OutboxSender, SavedAnswer, SenderEvents, SenderState } from "../../quiz/outbox.ts";
import { type QuizMarks, readMarks, writeMarks } from "../../quiz/store.ts";
import { plural } from "../../quiz/words.ts";
import type { AttemptJson } from "./channel.ts";

/** Typing is sent after this pause; a choice is sent at once. */
export const TYPING_DEBOUNCE_MS = 600;
/** After time is up, how long to keep trying to deliver the last answers before submitting. */
export const TIME_UP_FLUSH_MS = 20_000;

export type QuizView = "question" | "overview" | "submit";
export type SyncCategory = "idle" | "saving" | "saved" | "waiting";

/** The URL's say in the session: ?q=N is the question on screen, ?view= the overview or submit screen. */
export interface QuizSearch {
  q?: string | undefined;
  view?: string | undefined;
}

export interface QuizSessionPorts {
  attempt: AttemptJson;
  /** The device's clock when the attempt arrived (for the clock skew against the server's). */
  receivedAt: number;
  /** The attempt's outbox and its sender, and the slot through which the sender tells this session what happened. */
  channel: { outbox: Outbox; sender: OutboxSender; listener: SenderEvents & { signedOut?(yes: boolean): void } };
  /** Where flags and checked marks are kept. */
  store: KeyValueStore;
  search: QuizSearch;
  setSearch(changes: QuizSearch, options: { replace: boolean }): void;
  /** POST /api/attempts/:id/submit. */
  submitAttempt(): Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
  /** Leaves for the result page (the attempt is over); `closed` says why when the server closed it. */
  finish(closed?: string): void;
  online: boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type QuizSession = ReturnType<typeof createQuizSession>;

/** Must be called inside a reactive owner (a component, or createRoot in tests): its effects and cleanup belong to it. */
export function createQuizSession(ports: QuizSessionPorts) {
  const a = ports.attempt;
  const id = a.id;
  const { outbox, sender } = ports.channel;
  const questions = a.questions as ServedQuestion[];
  const total = questions.length;
  const practice = a.mode === "practice";
  const now = ports.now ?? Date.now;
  const sleep = ports.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const [answers, setAnswers] = createSignal<Record<string, SavedAnswer>>(outbox.reconcile(a.answers));
  const initialVerdicts: Record<string, { revision: number; verdict: Verdict }> = {};
  for (const [qid, verdict] of Object.entries(a.feedback)) {
    const saved = a.answers[qid];
    if (saved) initialVerdicts[qid] = { revision: saved.revision, verdict: verdict as Verdict };
  }
  const [verdicts, setVerdicts] = createSignal(initialVerdicts);
  const [sync, setSync] = createSignal<SenderState>(sender.state());
  const [online, setOnline] = createSignal(ports.online);
  const [signedOut, setSignedOut] = createSignal(false);
  const [refused, setRefused] = createSignal<number[]>([]);
  const [marks, setMarks] = createSignal<QuizMarks>(readMarks(ports.store, id));
  const [timeUp, setTimeUp] = createSignal(false);
  const [submitting, setSubmitting] = createSignal(false);
  const [submitError, setSubmitError] = createSignal<string | null>(null);
  const [announcement, setAnnouncement] = createSignal("");
  let left = false;

  const leave = (closed?: string) => {
    if (left) return;
    left = true;
    ports.finish(closed);
  };

  const listener: QuizSessionPorts["channel"]["listener"] = {
    saved(entry, body) {
      const feedback = (body as { feedback?: Verdict | null }).feedback;
      if (feedback) setVerdicts((v) => ({ ...v, [entry.questionId]: { revision: entry.revision, verdict: feedback } }));
    },
    rejected(entry) {
      const n = questions.findIndex((q) => q.id === entry.questionId) + 1;
      setRefused((list) => (list.includes(n) ? list : [...list, n]));
    },
    closed: (reason) => leave(reason),
    change: setSync,
    signedOut: setSignedOut,
  };
  ports.channel.listener = listener;
  // The sender keeps delivering in the background once the page goes; it just stops telling this session.
  onCleanup(() => {
    if (ports.channel.listener === listener) ports.channel.listener = {};
  });
  // Answers left on the device by an earlier visit go out now.
  if (outbox.size > 0) void sender.retryNow();
  setSync(sender.state());

  // ---- which screen and question ----
  const index = createMemo(() => Math.min(total - 1, Math.max(0, (Number.parseInt(ports.search.q ?? "1", 10) || 1) - 1)));
  const view = createMemo<QuizView>(() =>
    ports.search.view === "overview" || ports.search.view === "submit" ? ports.search.view : "question",
  );
  const current = () => questions[index()] as ServedQuestion;
  const goTo = (i: number) => ports.setSearch({ q: String(i + 1), view: undefined }, { replace: true });
  const openView = (v: "overview" | "submit") => {
    if (v === "submit") void sender.retryNow();
    ports.setSearch({ view: v }, { replace: view() !== "question" });
  };
  const questionHref = (i: number) => `/attempts/${id}?q=${i + 1}`;

  // ---- answers and marks ----
  const answerOf = (qid: string) => answers()[qid]?.answer;
  const answeredCount = createMemo(() => questions.filter((q) => isAnswered(answerOf(q.id))).length);
  const unanswered = () => questions.map((q, i) => (isAnswered(answerOf(q.id)) ? -1 : i)).filter((i) => i >= 0);
  const isFlagged = (qid: string) => marks().flagged.includes(qid);
  const flaggedIndexes = () => questions.map((q, i) => (isFlagged(q.id) ? i : -1)).filter((i) => i >= 0);
  const isChecked = (qid: string) => marks().checked.includes(qid);

  const updateMarks = (change: (m: QuizMarks) => QuizMarks) => {
    const next = change(marks());
    setMarks(next);
    writeMarks(ports.store, id, next);
  };
  const setChecked = (qid: string, on: boolean) => {
    if (isChecked(qid) === on) return;
    updateMarks((m) => ({ ...m, checked: on ? [...m.checked, qid] : m.checked.filter((x) => x !== qid) }));
  };
  const toggleFlag = (qid: string) =>
    updateMarks((m) => ({ ...m, flagged: m.flagged.includes(qid) ? m.flagged.filter((x) => x !== qid) : [...m.flagged, qid] }));
  /** Single choice and true/false show their feedback at once; the others wait for "Check" so a half-given answer is not judged. */
  const autoFeedback = (q: ServedQuestion) => q.type === "single" || q.type === "truefalse";

  /** An answer changed: stored on the device before anything is sent; typing waits for a pause. */
  const give = (q: ServedQuestion, answer: Answer, typing = false) => {
    if (timeUp() || left) return;
    const entry = outbox.put(q.id, answer);
    batch(() => {
      setAnswers((all) => ({ ...all, [q.id]: { answer, revision: entry.revision } }));
      if (!autoFeedback(q)) setChecked(q.id, false);
    });
    sender.schedule(typing ? TYPING_DEBOUNCE_MS : 0);
    setSync(sender.state());
  };
  /** The learner is done with a field (blur, Enter): send now; in practice an explicit commit asks for the verdict. */
  const commit = (q: ServedQuestion, explicit: boolean) => {
    if (explicit && practice) setChecked(q.id, true);
    if (outbox.entries().some((e) => e.questionId === q.id)) sender.schedule(0);
  };
  const check = (q: ServedQuestion) => {
    setChecked(q.id, true);
    sender.schedule(0);
  };
  /** Practice: try the question again (its verdict hides until the next check). */
  const retry = (q: ServedQuestion) => {
    if (!autoFeedback(q)) setChecked(q.id, false);
  };
  /** The practice verdict on the answer as it stands now (none while a newer revision is unsent). */
  const verdictFor = (qid: string) => {
    const v = verdicts()[qid];
    return v && v.revision === answers()[qid]?.revision ? v.verdict : null;
  };

  // ---- saving status ----
  const category = createMemo<SyncCategory>(() => {
    const s = sync();
    if (s.pending === 0) return Object.keys(answers()).length > 0 ? "saved" : "idle";
    if (!online() || s.failures > 0 || signedOut()) return "waiting";
    return "saving";
  });
  const waitingText = () => plural(online() ? "quiz.waitingRetry" : "quiz.waiting", sync().pending, { count: String(sync().pending) });
  // A screen reader hears when answers start waiting, and when they are all saved again, even if a retry ("saving")
  // came between the two.
  let waitingAnnounced = false;
  createEffect(
    on(category, (now, before) => {
      if (now === "waiting" && before !== "waiting") {
        waitingAnnounced = true;
        setAnnouncement(waitingText());
      } else if (now === "saved" && waitingAnnounced) {
        waitingAnnounced = false;
        setAnnouncement(t("quiz.allSaved"));
      }
    }),
  );

  // ---- submit and time up ----
  /** Submits once nothing waits on the device (else sends first); `force` submits anyway, as time-up does. */
  const submit = async (force = false) => {
    if (submitting() || left) return;
    if (!force && outbox.size > 0) {
      void sender.retryNow();
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      const res = await ports.submitAttempt();
      if (res.ok) {
        // Forced only when the time ran out: the result says so even if this device's clock ran a moment early.
        leave(force ? "deadline_passed" : undefined);
        return;
      }
      if (res.status === 401) setSignedOut(true);
      const problem = (await res.json().catch(() => null)) as ApiProblem | null;
      setSubmitError(problem?.detail ?? t("quiz.submitFailed"));
    } catch {
      setSubmitError(t("quiz.submitOffline"));
    } finally {
      setSubmitting(false);
    }
  };

  /** The countdown reached zero: the server still takes answers for a short grace, so deliver what is on the device, then submit. */
  const expire = async () => {
    setTimeUp(true);
    const until = now() + TIME_UP_FLUSH_MS;
    await sender.retryNow();
    while (outbox.size > 0 && now() < until && !left) {
      await sleep(1000);
      await sender.retryNow();
    }
    if (!left) await submit(true);
  };

  /** The browser's online/offline events. */
  const networkChanged = (isOnline: boolean) => {
    setOnline(isOnline);
    // Time ran out while offline: deliver what the grace period may still take, then submit.
    if (isOnline && timeUp() && !left) void sender.retryNow().then(() => submit(true));
  };
  /** The tab came back into view: try what waits at once rather than after the backoff. */
  const resumed = () => {
    if (outbox.size > 0) void sender.retryNow();
  };

  return {
    id,
    questions,
    total,
    practice,
    moduleTitle: a.moduleTitle,
    deadline: a.deadline,
    skewMs: clockSkew(a.serverNow, ports.receivedAt),
    onDevice: outbox.onDevice,
    index,
    view,
    current,
    goTo,
    openView,
    questionHref,
    answerOf,
    answeredCount,
    unanswered,
    isFlagged,
    flaggedIndexes,
    isChecked,
    autoFeedback,
    verdictFor,
    give,
    commit,
    check,
    retry,
    toggleFlag,
    sync,
    category,
    waitingText,
    online,
    signedOut,
    refused,
    announcement,
    timeUp,
    submitting,
    submitError,
    submit,
    expire,
    sendNow: () => void sender.retryNow(),
    /** True once the attempt is over on this page (submitted, or closed by the server) and the page is leaving it. */
    over: () => left,
    networkChanged,
    resumed,
  };
}
