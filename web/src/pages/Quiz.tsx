// Taking a quiz on a phone: start or resume, one question per screen, autosave through the device outbox, submit.
//
// Routes: /modules/:slug/quiz (practice) and /quiz/assignment/:assignmentId start or resume an attempt
// with POST /api/attempts, then replace themselves with /attempts/:id, the page that shows it. There,
// ?q=N is the question on screen and ?view=overview|submit the overview grid and the submit screen, so
// a reload lands on the same screen.

import type { InferResponseType } from "hono/client";
import { createEffect, createMemo, createSignal, For, Match, on, onCleanup, Show, Switch } from "solid-js";
import { type ApiProblem, api } from "../api.ts";
import { SignInLinks } from "../components/Gate.tsx";
import { Loading } from "../components/LoadError.tsx";
import { formatDateTime } from "../dates.ts";
import { loadStrings, locale, t } from "../i18n.ts";
import { FeedbackCard, type Verdict } from "../quiz/AnswerView.tsx";
import { Countdown } from "../quiz/Countdown.tsx";
import { clockSkew } from "../quiz/countdown.ts";
import { isAnswered, type Lang, type ServedQuestion } from "../quiz/model.ts";
import {
  type Answer,
  Outbox,
  type OutboxEntry,
  OutboxSender,
  type SavedAnswer,
  type SenderEvents,
  type SenderState,
  type SendOutcome,
} from "../quiz/outbox.ts";
import { QuestionInput } from "../quiz/Questions.tsx";
import { type QuizFailure, QuizProblem } from "../quiz/QuizProblem.tsx";
import {
  cacheAttempt,
  cachedAttempt,
  openAttemptFor,
  patchCachedAnswer,
  type QuizMarks,
  readMarks,
  rememberStart,
  type StartRef,
  writeMarks,
} from "../quiz/store.ts";
import { plural } from "../quiz/words.ts";
import { A, useLocation, useNavigate, useParams, useSearchParams } from "../router.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

type AttemptJson = InferResponseType<(typeof api.attempts)[":id"]["$get"], 200>;

/** Typing is sent after this pause; a choice is sent at once. */
const TYPING_DEBOUNCE_MS = 600;
/** A save that hangs this long on a bad network counts as failed and is retried. */
const SEND_TIMEOUT_MS = 15_000;
/** After time is up, how long to keep trying to deliver the last answers before submitting. */
const TIME_UP_FLUSH_MS = 20_000;

const storage = (): Storage => localStorage;

/** The attempt a start page just received, handed to /attempts/:id so it need not fetch it again (memory only). */
const handoff = new Map<string, { attempt: AttemptJson; receivedAt: number }>();

// ---- Sending answers: one outbox and sender per attempt for the life of the page -------------------------

interface Channel {
  outbox: Outbox;
  sender: OutboxSender;
  /** The page showing the attempt, if any; the sender keeps delivering while the learner reads a lesson. */
  listener: SenderEvents & { signedOut?(yes: boolean): void };
}

const channels = new Map<string, Channel>();

async function sendAnswer(attemptId: string, entry: OutboxEntry, channel: Channel): Promise<SendOutcome> {
  const res = await api.attempts[":id"].answers[":questionId"].$put(
    { param: { id: attemptId, questionId: entry.questionId }, json: { answer: entry.answer, revision: entry.revision } },
    { init: { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) } },
  );
  if (res.status === 200) {
    channel.listener.signedOut?.(false);
    const body = await res.json();
    return { kind: "saved", revision: body.revision, body };
  }
  if (res.status === 409) {
    const problem = (await res.json().catch(() => null)) as ApiProblem | null;
    return { kind: "closed", reason: problem?.reason ?? "attempt_closed" };
  }
  // Signed out (expired session): keep every answer and retry; the page offers to sign in again.
  if (res.status === 401) {
    channel.listener.signedOut?.(true);
    return { kind: "retry" };
  }
  if (res.status === 400 || res.status === 404) return { kind: "rejected", status: res.status };
  return { kind: "retry" };
}

function channelFor(attemptId: string): Channel {
  const existing = channels.get(attemptId);
  if (existing) return existing;
  const outbox = new Outbox(attemptId, storage());
  const channel = { outbox, listener: {} } as Channel;
  channel.sender = new OutboxSender(outbox, (entry) => sendAnswer(attemptId, entry, channel), {
    saved(entry, body) {
      const feedback = (body as { feedback?: unknown }).feedback ?? undefined;
      patchCachedAnswer(storage(), attemptId, entry.questionId, { answer: entry.answer, revision: entry.revision }, feedback);
      channel.listener.saved?.(entry, body);
    },
    rejected: (entry, status) => channel.listener.rejected?.(entry, status),
    closed(reason) {
      channels.delete(attemptId);
      channel.listener.closed?.(reason);
    },
    change: (state) => channel.listener.change?.(state),
  });
  window.addEventListener("online", () => {
    if (channels.get(attemptId) === channel) void channel.sender.retryNow();
  });
  channels.set(attemptId, channel);
  return channel;
}

function closeChannel(attemptId: string) {
  channels.get(attemptId)?.sender.stop();
  channels.delete(attemptId);
}

// ---- Start or resume ----------------------------------------------------------------------------------------

type StartFailure =
  | { kind: "offline" }
  | { kind: "signin" }
  | { kind: "instructor" }
  | { kind: "notFound" }
  | { kind: "conflict"; reason: string; detail: string }
  | { kind: "error"; detail: string };

function startFailure(status: number, problem: ApiProblem | null): StartFailure {
  if (status === 401) return { kind: "signin" };
  if (status === 403) return { kind: "instructor" };
  if (status === 404) return { kind: "notFound" };
  if (status === 409) return { kind: "conflict", reason: problem?.reason ?? "", detail: problem?.detail ?? "" };
  return { kind: "error", detail: problem?.detail ?? `HTTP ${status}` };
}

function conflictMessage(reason: string, detail: string): string {
  if (reason === "not_open_yet") {
    const at = /\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(detail)?.[0];
    return at ? t("quiz.notOpenYetAt", { date: formatDateTime(at, locale()) }) : t("quiz.notOpenYet");
  }
  if (reason === "past_due") return t("quiz.pastDue");
  if (reason === "attempt_limit") return t("quiz.attemptLimit");
  return detail || t("form.failed");
}

function QuizStart(props: { start: StartRef; body: { module: string } | { assignmentId: string }; back: { href: string; label: string } }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [failure, setFailure] = createSignal<StartFailure | null>(null);

  const begin = async () => {
    setFailure(null);
    let res: Awaited<ReturnType<typeof api.attempts.$post>>;
    try {
      res = await api.attempts.$post({ json: props.body });
    } catch {
      // No network: an attempt this device already opened can go on from its cache.
      const id = openAttemptFor(storage(), props.start);
      if (id) navigate(`/attempts/${id}`, { replace: true });
      else setFailure({ kind: "offline" });
      return;
    }
    if (res.status === 200 || res.status === 201) {
      const attempt = (await res.json()) as AttemptJson;
      const receivedAt = Date.now();
      cacheAttempt(storage(), attempt, receivedAt);
      rememberStart(storage(), props.start, attempt.id);
      handoff.set(attempt.id, { attempt, receivedAt });
      navigate(`/attempts/${attempt.id}`, { replace: true });
      return;
    }
    setFailure(startFailure(res.status, (await res.json().catch(() => null)) as ApiProblem | null));
  };
  void begin();
  document.title = `${t("quiz.startTitle")} — Qadam`;

  return (
    <div class="page quiz-page">
      <h1>{t("quiz.startTitle")}</h1>
      <Show when={failure()} fallback={<Loading />}>
        {(f) => (
          <div class="card q-start-problem" role="alert">
            <Switch>
              <Match when={f().kind === "signin"}>
                <p>{t("quiz.signIn")}</p>
                <SignInLinks next={location.pathname} />
              </Match>
              <Match when={f().kind === "instructor"}>
                <p>{t("quiz.instructor")}</p>
              </Match>
              <Match when={f().kind === "notFound"}>
                <p>{t("quiz.notFound")}</p>
              </Match>
              <Match when={f().kind === "offline"}>
                <p>{t("quiz.offlineStart")}</p>
              </Match>
              <Match when={f().kind === "conflict" || f().kind === "error"}>
                <p>
                  {(() => {
                    const v = f();
                    if (v.kind === "conflict") return conflictMessage(v.reason, v.detail);
                    return v.kind === "error" ? v.detail : "";
                  })()}
                </p>
              </Match>
            </Switch>
            <div class="actions">
              <Show when={f().kind === "offline" || f().kind === "error"}>
                <button type="button" class="button primary block" onClick={() => void begin()}>
                  {t("common.retry")}
                </button>
              </Show>
              <A href={props.back.href} class="button block">
                {props.back.label}
              </A>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
}

/** /modules/:slug/quiz: practice on one module. */
export function PracticeStart() {
  const params = useParams<{ slug: string }>();
  return (
    <Show when={params.slug} keyed>
      {(slug) => (
        <QuizStart start={`module:${slug}`} body={{ module: slug }} back={{ href: `/modules/${slug}`, label: t("quiz.backToLesson") }} />
      )}
    </Show>
  );
}

/** /quiz/assignment/:assignmentId: an assignment of one of my classes. */
export function AssignmentStart() {
  const params = useParams<{ assignmentId: string }>();
  return (
    <Show when={params.assignmentId} keyed>
      {(assignmentId) => (
        <QuizStart
          start={`assignment:${assignmentId}`}
          body={{ assignmentId }}
          back={{ href: "/dashboard", label: t("quiz.toAssignments") }}
        />
      )}
    </Show>
  );
}

// ---- The attempt ----------------------------------------------------------------------------------------------

interface Loaded {
  attempt: AttemptJson;
  receivedAt: number;
  fromDevice: boolean;
}

/** /attempts/:id: the attempt, from the server or, without network, from this device. */
export default function QuizAttempt() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [loaded, setLoaded] = createSignal<Loaded | null>(null);
  const [failure, setFailure] = createSignal<Exclude<QuizFailure, "open"> | null>(null);

  const load = async (id: string) => {
    setLoaded(null);
    setFailure(null);
    const handed = handoff.get(id);
    if (handed) {
      handoff.delete(id);
      setLoaded({ ...handed, fromDevice: false });
      return;
    }
    try {
      const res = await api.attempts[":id"].$get({ param: { id } });
      if (res.status === 200) {
        const attempt = await res.json();
        if (attempt.status !== "open") {
          navigate(`/attempts/${id}/result`, { replace: true });
          return;
        }
        const receivedAt = Date.now();
        cacheAttempt(storage(), attempt, receivedAt);
        setLoaded({ attempt, receivedAt, fromDevice: false });
        return;
      }
      setFailure(res.status === 401 ? "signin" : res.status === 404 ? "notFound" : "error");
    } catch {
      const cached = cachedAttempt<AttemptJson>(storage(), id);
      if (cached && cached.attempt.status === "open") setLoaded({ ...cached, fromDevice: true });
      else setFailure("offline");
    }
  };
  createEffect(
    on(
      () => params.id,
      (id) => void load(id),
    ),
  );

  return (
    <div class="page quiz-page">
      <Show
        when={loaded()}
        keyed
        fallback={
          <QuizProblem
            title={t("quiz.startTitle")}
            failure={failure()}
            retry={() => void load(params.id)}
            offlineText={t("quiz.offlineStart")}
          />
        }
      >
        {(l) => <QuizSession attempt={l.attempt} receivedAt={l.receivedAt} fromDevice={l.fromDevice} />}
      </Show>
    </div>
  );
}

type SyncCategory = "idle" | "saving" | "saved" | "waiting";

function QuizSession(props: { attempt: AttemptJson; receivedAt: number; fromDevice: boolean }) {
  // One session per attempt (the parent remounts on a new one), so the attempt itself is read once here.
  const a = props.attempt;
  const id = a.id;
  const questions = a.questions as ServedQuestion[];
  const total = questions.length;
  const practice = a.mode === "practice";
  const skew = clockSkew(a.serverNow, props.receivedAt);
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams<{ q?: string; view?: string }>();
  const lang = () => locale() as Lang;
  const channel = channelFor(id);

  const [answers, setAnswers] = createSignal<Record<string, SavedAnswer>>(channel.outbox.reconcile(a.answers));
  const initialVerdicts: Record<string, { revision: number; verdict: Verdict }> = {};
  for (const [qid, verdict] of Object.entries(a.feedback)) {
    const saved = a.answers[qid];
    if (saved) initialVerdicts[qid] = { revision: saved.revision, verdict };
  }
  const [verdicts, setVerdicts] = createSignal(initialVerdicts);
  const [sync, setSync] = createSignal<SenderState>(channel.sender.state());
  const [online, setOnline] = createSignal(navigator.onLine);
  const [signedOut, setSignedOut] = createSignal(false);
  const [refused, setRefused] = createSignal<number[]>([]);
  const [marks, setMarks] = createSignal<QuizMarks>(readMarks(storage(), id));
  const [timeUp, setTimeUp] = createSignal(false);
  const [submitting, setSubmitting] = createSignal(false);
  const [submitError, setSubmitError] = createSignal<string | null>(null);
  const [announcement, setAnnouncement] = createSignal("");
  let left = false;

  const finishClosed = (reason: string) => {
    if (left) return;
    left = true;
    closeChannel(id);
    navigate(`/attempts/${id}/result`, { replace: true, state: { closed: reason } });
  };

  channel.listener = {
    saved(entry, body) {
      const feedback = (body as { feedback?: Verdict | null }).feedback;
      if (feedback) setVerdicts((v) => ({ ...v, [entry.questionId]: { revision: entry.revision, verdict: feedback } }));
    },
    rejected(entry) {
      const n = questions.findIndex((q) => q.id === entry.questionId) + 1;
      setRefused((list) => (list.includes(n) ? list : [...list, n]));
    },
    closed: finishClosed,
    change: setSync,
    signedOut: setSignedOut,
  };
  const onOnline = () => {
    setOnline(true);
    // Time ran out while offline: deliver what the grace period may still take, then submit.
    if (timeUp() && !left) void channel.sender.retryNow().then(() => submit(true));
  };
  const onOffline = () => setOnline(false);
  const onVisible = () => {
    if (document.visibilityState === "visible" && channel.outbox.size > 0) void channel.sender.retryNow();
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  document.addEventListener("visibilitychange", onVisible);
  onCleanup(() => {
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
    document.removeEventListener("visibilitychange", onVisible);
    // The sender keeps delivering in the background; it just stops telling this page.
    if (channels.get(id) === channel) channel.listener = {};
  });
  // Answers left on the device by an earlier visit go out now.
  if (channel.outbox.size > 0) void channel.sender.retryNow();
  setSync(channel.sender.state());

  // ---- navigation ----
  const index = () => Math.min(total - 1, Math.max(0, (Number.parseInt(search.q ?? "1", 10) || 1) - 1));
  const view = () => (search.view === "overview" || search.view === "submit" ? search.view : "question");
  const current = () => questions[index()] as ServedQuestion;
  const goTo = (i: number) => setSearch({ q: String(i + 1), view: undefined }, { replace: true });
  const openView = (v: "overview" | "submit") => {
    if (v === "submit") void channel.sender.retryNow();
    setSearch({ view: v }, { replace: view() !== "question" });
  };
  const questionHref = (i: number) => `/attempts/${id}?q=${i + 1}`;
  /** A titled list of links to questions by number (the submit screen's unanswered and flagged ones). */
  const QuestionLinks = (props: { title: string; indexes: number[] }) => (
    <>
      <h3>{props.title}</h3>
      <ul class="q-links">
        <For each={props.indexes}>
          {(i) => (
            <li>
              <A href={questionHref(i)}>{t("quiz.questionN", { n: String(i + 1) })}</A>
            </li>
          )}
        </For>
      </ul>
    </>
  );

  let heading: HTMLHeadingElement | undefined;
  createEffect(
    on(
      [index, view],
      () => {
        window.scrollTo(0, 0);
        queueMicrotask(() => heading?.focus({ preventScroll: true }));
      },
      { defer: true },
    ),
  );
  createEffect(() => {
    document.title = `${a.moduleTitle[lang()]} — Qadam`;
  });

  // ---- answers ----
  const answerOf = (qid: string) => answers()[qid]?.answer;
  const answeredCount = createMemo(() => questions.filter((q) => isAnswered(answerOf(q.id))).length);
  const unanswered = () => questions.map((q, i) => (isAnswered(answerOf(q.id)) ? -1 : i)).filter((i) => i >= 0);
  const flaggedIndexes = () => questions.map((q, i) => (marks().flagged.includes(q.id) ? i : -1)).filter((i) => i >= 0);

  const updateMarks = (change: (m: QuizMarks) => QuizMarks) => {
    const next = change(marks());
    setMarks(next);
    writeMarks(storage(), id, next);
  };
  const isChecked = (qid: string) => marks().checked.includes(qid);
  const setChecked = (qid: string, on: boolean) => {
    if (isChecked(qid) === on) return;
    updateMarks((m) => ({ ...m, checked: on ? [...m.checked, qid] : m.checked.filter((x) => x !== qid) }));
  };
  const toggleFlag = (qid: string) =>
    updateMarks((m) => ({ ...m, flagged: m.flagged.includes(qid) ? m.flagged.filter((x) => x !== qid) : [...m.flagged, qid] }));
  /** Single choice and true/false show their feedback at once; the others wait for "Check" so a half-given answer is not judged. */
  const autoFeedback = (q: ServedQuestion) => q.type === "single" || q.type === "truefalse";

  const give = (q: ServedQuestion, answer: Answer, typing = false) => {
    if (timeUp() || left) return;
    // Stored on the device before anything is sent.
    const entry = channel.outbox.put(q.id, answer);
    setAnswers((all) => ({ ...all, [q.id]: { answer, revision: entry.revision } }));
    if (!autoFeedback(q)) setChecked(q.id, false);
    channel.sender.schedule(typing ? TYPING_DEBOUNCE_MS : 0);
    setSync(channel.sender.state());
  };
  const commit = (q: ServedQuestion, explicit: boolean) => {
    if (explicit && practice) setChecked(q.id, true);
    if (channel.outbox.entries().some((e) => e.questionId === q.id)) channel.sender.schedule(0);
  };
  const check = (q: ServedQuestion) => {
    setChecked(q.id, true);
    channel.sender.schedule(0);
  };
  const retry = (q: ServedQuestion) => {
    if (!autoFeedback(q)) setChecked(q.id, false);
    queueMicrotask(() => document.querySelector<HTMLElement>(".q-screen input, .q-screen select, .q-screen .q-move")?.focus());
  };

  // ---- saving status ----
  const category = createMemo<SyncCategory>(() => {
    const s = sync();
    if (s.pending === 0) return Object.keys(answers()).length > 0 ? "saved" : "idle";
    if (!online() || s.failures > 0 || signedOut()) return "waiting";
    return "saving";
  });
  const waitingText = () => plural(online() ? "quiz.waitingRetry" : "quiz.waiting", sync().pending, { count: String(sync().pending) });
  createEffect(
    on(category, (now, before) => {
      if (now === "waiting" && before !== "waiting") setAnnouncement(waitingText());
      else if (now === "saved" && before === "waiting") setAnnouncement(t("quiz.allSaved"));
    }),
  );

  // ---- submit ----
  const submit = async (force = false) => {
    if (submitting() || left) return;
    if (!force && channel.outbox.size > 0) {
      void channel.sender.retryNow();
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      const res = await api.attempts[":id"].submit.$post({ param: { id } });
      if (res.ok) {
        left = true;
        closeChannel(id);
        navigate(`/attempts/${id}/result`, { replace: true });
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

  const expire = async () => {
    setTimeUp(true);
    // The server still takes answers for a short grace after the deadline: deliver what is on the device first.
    const until = Date.now() + TIME_UP_FLUSH_MS;
    await channel.sender.retryNow();
    while (channel.outbox.size > 0 && Date.now() < until && !left) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await channel.sender.retryNow();
    }
    if (!left) await submit(true);
  };

  const screens = {
    question: () => (
      <section class="q-screen" aria-labelledby="q-screen-heading">
        <h2 id="q-screen-heading" class="q-heading" tabIndex={-1} ref={heading}>
          {t("quiz.questionOf", { n: String(index() + 1), total: String(total) })}
          <Show when={marks().flagged.includes(current().id)}>
            <span class="q-flag-badge"> · {t("quiz.flagged")}</span>
          </Show>
        </h2>
        <Show when={current()} keyed>
          {(q) => (
            <>
              <QuestionInput
                question={q}
                answer={answerOf(q.id)}
                lang={lang()}
                onAnswer={(answer, typing) => give(q, answer, typing)}
                onCommit={(explicit) => commit(q, explicit)}
              />
              <Show when={practice}>
                <Practice question={q} />
              </Show>
              <button
                type="button"
                class="q-flag"
                aria-pressed={marks().flagged.includes(q.id) ? "true" : "false"}
                onClick={() => toggleFlag(q.id)}
              >
                <span aria-hidden="true">⚑</span> {t("quiz.flag")}
              </button>
            </>
          )}
        </Show>
      </section>
    ),
    overview: () => (
      <section class="q-screen" aria-labelledby="q-screen-heading">
        <h2 id="q-screen-heading" class="q-heading" tabIndex={-1} ref={heading}>
          {t("quiz.overviewTitle")}
        </h2>
        <p class="q-hint">{t("quiz.overviewHint")}</p>
        <ol class="q-grid">
          <For each={questions}>
            {(q, i) => {
              const answered = () => isAnswered(answerOf(q.id));
              const flagged = () => marks().flagged.includes(q.id);
              const state = () =>
                [answered() ? t("quiz.stateAnswered") : t("quiz.stateUnanswered"), flagged() ? t("quiz.stateFlagged") : ""]
                  .filter(Boolean)
                  .join(", ");
              return (
                <li>
                  <A
                    href={questionHref(i())}
                    class="q-cell"
                    classList={{ "q-cell-answered": answered(), "q-cell-flagged": flagged(), "q-cell-current": i() === index() }}
                    aria-label={t("quiz.cellLabel", { n: String(i() + 1), state: state() })}
                    aria-current={i() === index() ? "step" : undefined}
                  >
                    <span class="q-cell-num">{i() + 1}</span>
                    <span class="q-cell-marks" aria-hidden="true">
                      {answered() ? "✓" : ""}
                      {flagged() ? "⚑" : ""}
                    </span>
                  </A>
                </li>
              );
            }}
          </For>
        </ol>
        <ul class="q-legend" aria-label={t("quiz.legend")}>
          <li>
            <span class="q-cell q-cell-answered q-legend-swatch" aria-hidden="true">
              ✓
            </span>
            {t("quiz.stateAnswered")}
          </li>
          <li>
            <span class="q-cell q-legend-swatch" aria-hidden="true" />
            {t("quiz.stateUnanswered")}
          </li>
          <li>
            <span class="q-cell q-cell-flagged q-legend-swatch" aria-hidden="true">
              ⚑
            </span>
            {t("quiz.stateFlagged")}
          </li>
        </ul>
      </section>
    ),
    submit: () => (
      <section class="q-screen" aria-labelledby="q-screen-heading">
        <h2 id="q-screen-heading" class="q-heading" tabIndex={-1} ref={heading}>
          {t("quiz.submitTitle")}
        </h2>
        <p>{t("quiz.submitLead", { answered: String(answeredCount()), total: String(total) })}</p>
        <p>{practice ? t("quiz.submitPractice") : t("quiz.submitFinal")}</p>
        <Show when={unanswered().length > 0} fallback={<p>{t("quiz.allAnswered")}</p>}>
          <QuestionLinks title={t("quiz.unansweredList")} indexes={unanswered()} />
        </Show>
        <Show when={flaggedIndexes().length > 0}>
          <QuestionLinks title={t("quiz.flaggedList")} indexes={flaggedIndexes()} />
        </Show>
        <Show when={sync().pending > 0}>
          <p id="q-submit-wait" class="q-wait">
            {category() === "waiting" ? waitingText() : t("quiz.saving")} {t("quiz.submitWaits")}
          </p>
        </Show>
        <Show when={submitError() && !timeUp()}>
          <p class="q-error" role="alert">
            {submitError()}
          </p>
        </Show>
        <button
          type="button"
          class="button primary block q-submit"
          aria-disabled={sync().pending > 0 || submitting() ? "true" : undefined}
          aria-describedby={sync().pending > 0 ? "q-submit-wait" : undefined}
          onClick={() => void submit()}
        >
          {submitting() ? t("quiz.submitting") : t("quiz.submit")}
        </button>
      </section>
    ),
  };

  function Practice(p: { question: ServedQuestion }) {
    const q = p.question;
    const saved = () => answers()[q.id];
    const given = () => isAnswered(saved()?.answer);
    const revealed = () => given() && (autoFeedback(q) || isChecked(q.id));
    const verdict = () => {
      const v = verdicts()[q.id];
      return v && v.revision === saved()?.revision ? v.verdict : null;
    };
    return (
      <>
        <Show when={!autoFeedback(q) && given() && !isChecked(q.id)}>
          <button type="button" class="button primary block q-check" onClick={() => check(q)}>
            {t("quiz.check")}
          </button>
        </Show>
        <div class="q-feedback-region" aria-live="polite">
          <Show when={revealed()}>
            <Show
              when={verdict()}
              fallback={<p class="q-hint">{category() === "waiting" ? t("quiz.feedbackOffline") : t("quiz.checking")}</p>}
            >
              {(v) => <FeedbackCard question={q} verdict={v()} lang={lang()} onRetry={() => retry(q)} />}
            </Show>
          </Show>
        </div>
      </>
    );
  }

  return (
    <div class="quiz">
      <header class="quiz-head">
        <p class="eyebrow">{practice ? t("quiz.practice") : t("quiz.assessment")}</p>
        <h1 class="quiz-title">{a.moduleTitle[lang()]}</h1>
        <div class="q-progress">
          <p id="q-progress-text" class="q-progress-text">
            {t("quiz.progress", { answered: String(answeredCount()), total: String(total) })}
          </p>
          <progress max={total} value={answeredCount()} aria-labelledby="q-progress-text" />
        </div>
        <div class="q-sync" classList={{ [`q-sync-${category()}`]: true }}>
          <Switch>
            <Match when={category() === "saved"}>
              <p>
                <span aria-hidden="true">✓ </span>
                {t("quiz.allSaved")}
              </p>
            </Match>
            <Match when={category() === "saving"}>
              <p>{t("quiz.saving")}</p>
            </Match>
            <Match when={category() === "waiting"}>
              <p>{waitingText()}</p>
              <Show when={signedOut()}>
                <p>
                  {t("quiz.sessionEnded")} <A href={`/signin?next=${encodeURIComponent(`/attempts/${id}`)}`}>{t("auth.signIn")}</A>
                </p>
              </Show>
              <Show when={online()}>
                <button type="button" class="button q-send-now" onClick={() => void channel.sender.retryNow()}>
                  {t("quiz.sendNow")}
                </button>
              </Show>
            </Match>
            <Match when={category() === "idle"}>
              <p>{t("quiz.autosave")}</p>
            </Match>
          </Switch>
          <Show when={!channel.outbox.onDevice}>
            <p class="q-error">{t("quiz.notOnDevice")}</p>
          </Show>
          <Show when={refused().length > 0}>
            <p class="q-error">{t("quiz.refused", { list: refused().join(", ") })}</p>
          </Show>
        </div>
        <p class="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement()}
        </p>
        <Show when={props.fromDevice}>
          <p class="q-note">{t("quiz.fromDevice")}</p>
        </Show>
      </header>

      <Show when={timeUp()}>
        <div class="q-alert" role="alert">
          <p>{t("quiz.timeUpSending")}</p>
          <Show when={submitError()}>
            <p>{submitError()}</p>
          </Show>
        </div>
      </Show>

      <Switch>
        <Match when={view() === "question"}>{screens.question()}</Match>
        <Match when={view() === "overview"}>{screens.overview()}</Match>
        <Match when={view() === "submit"}>{screens.submit()}</Match>
      </Switch>

      <div class="q-bar">
        <Show when={a.deadline}>{(deadline) => <Countdown deadline={deadline()} skewMs={skew} onExpire={() => void expire()} />}</Show>
        <nav class="q-bar-buttons" aria-label={t("quiz.navLabel")}>
          <Switch>
            <Match when={view() === "question"}>
              <button type="button" class="button" disabled={index() === 0} onClick={() => goTo(index() - 1)}>
                <span aria-hidden="true">←</span> {t("quiz.prev")}
              </button>
              <button type="button" class="button" onClick={() => openView("overview")}>
                {t("quiz.overview")}
              </button>
              <Show
                when={index() < total - 1}
                fallback={
                  <button type="button" class="button primary" onClick={() => openView("submit")}>
                    {t("quiz.finish")}
                  </button>
                }
              >
                <button type="button" class="button primary" onClick={() => goTo(index() + 1)}>
                  {t("quiz.next")} <span aria-hidden="true">→</span>
                </button>
              </Show>
            </Match>
            <Match when={view() !== "question"}>
              <button type="button" class="button q-bar-wide" onClick={() => goTo(index())}>
                <span aria-hidden="true">←</span> {t("quiz.backToQuestion", { n: String(index() + 1) })}
              </button>
              <Show
                when={view() === "overview"}
                fallback={
                  <button type="button" class="button" onClick={() => openView("overview")}>
                    {t("quiz.overview")}
                  </button>
                }
              >
                <button type="button" class="button primary" onClick={() => openView("submit")}>
                  {t("quiz.finish")}
                </button>
              </Show>
            </Match>
          </Switch>
        </nav>
      </div>
    </div>
  );
}
