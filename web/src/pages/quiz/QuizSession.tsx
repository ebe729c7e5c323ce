// One open attempt on screen: the header (mode, title, progress, saving status), the screen the URL names
// (question, overview or submit), and the bottom bar with the countdown and the way between screens.
import { createEffect, lazy, Match, on, onCleanup, onMount, Show, Suspense, Switch } from "solid-js";
import { api } from "../../api.ts";
import { locale, t } from "../../i18n.ts";
import { Countdown } from "../../quiz/Countdown.tsx";
import { type Lang, textIn } from "../../quiz/model.ts";
import { A, useLeaveGuard, useNavigate, useSearchParams } from "../../router.tsx";
import { type AttemptJson, channelFor, closeChannel, storage } from "./channel.ts";
import { createQuizSession, type QuizSearch, type QuizSession as Session } from "./createQuizSession.ts";
import { PracticeFeedback, QuestionScreen } from "./QuestionScreen.tsx";

// The overview and submit screens come just after the attempt is on screen (preloaded below), so the first load
// carries only the question screen; they are precached for offline use like every student page.
const OverviewScreen = lazy(() => import("./OverviewScreen.tsx").then((m) => ({ default: m.OverviewScreen })));
const SubmitScreen = lazy(() => import("./SubmitScreen.tsx").then((m) => ({ default: m.SubmitScreen })));

export function QuizSession(props: { attempt: AttemptJson; receivedAt: number; fromDevice: boolean }) {
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams<QuizSearch & Record<string, string | undefined>>();
  // One session per attempt (the loader remounts this on a new one), so the attempt is read once here.
  const id = props.attempt.id;
  const s = createQuizSession({
    attempt: props.attempt,
    receivedAt: props.receivedAt,
    channel: channelFor(id),
    store: storage(),
    search,
    setSearch,
    submitAttempt: () => api.attempts[":id"].submit.$post({ param: { id } }),
    finish(closed) {
      closeChannel(id);
      navigate(`/attempts/${id}/result`, { replace: true, ...(closed ? { state: { closed } } : {}) });
    },
    online: navigator.onLine,
  });
  const lang = () => locale() as Lang;
  onMount(() => setTimeout(() => void Promise.all([OverviewScreen.preload(), SubmitScreen.preload()]), 500));

  const onOnline = () => s.networkChanged(true);
  const onOffline = () => s.networkChanged(false);
  const onVisible = () => {
    if (document.visibilityState === "visible") s.resumed();
  };
  // A timed attempt's clock runs on while the learner is away, so leaving it asks first: another page of the app
  // (a link, Back) through the router, closing or reloading the tab through the browser's own question.
  const timed = s.deadline !== null;
  // Compared with the attempt's own path: on Back the browser's location has already moved when the guard is asked.
  const stays = (to: string) => new URL(to, window.location.origin).pathname === `/attempts/${encodeURIComponent(id)}`;
  useLeaveGuard((to) => !timed || s.over() || stays(to) || window.confirm(t("quiz.leaveTimed")));
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (timed && !s.over()) event.preventDefault();
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  window.addEventListener("beforeunload", onBeforeUnload);
  document.addEventListener("visibilitychange", onVisible);
  onCleanup(() => {
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
    window.removeEventListener("beforeunload", onBeforeUnload);
    document.removeEventListener("visibilitychange", onVisible);
  });

  // A new screen starts at the top with its heading focused, so a screen reader announces where the learner is.
  // A screen whose code is still arriving focuses its heading when it mounts.
  let heading: HTMLHeadingElement | undefined;
  let focusPending = false;
  const focusHeading = () => {
    if (!heading?.isConnected) return;
    focusPending = false;
    heading.focus({ preventScroll: true });
  };
  const setHeading = (el: HTMLHeadingElement) => {
    heading = el;
    if (focusPending) queueMicrotask(focusHeading);
  };
  createEffect(
    on(
      [s.index, s.view],
      () => {
        window.scrollTo(0, 0);
        focusPending = true;
        queueMicrotask(focusHeading);
      },
      { defer: true },
    ),
  );
  createEffect(() => {
    document.title = `${textIn(s.moduleTitle, lang())} — Qadam`;
  });

  return (
    <div class="quiz">
      <header class="quiz-head">
        <p class="eyebrow">{s.practice ? t("quiz.practice") : t("quiz.assessment")}</p>
        <h1 class="quiz-title">{textIn(s.moduleTitle, lang())}</h1>
        <div class="q-progress">
          <p id="q-progress-text" class="q-progress-text">
            {t("quiz.progress", { answered: String(s.answeredCount()), total: String(s.total) })}
          </p>
          <progress max={s.total} value={s.answeredCount()} aria-labelledby="q-progress-text" />
        </div>
        <SyncStatus session={s} />
        <p class="visually-hidden" aria-live="polite" aria-atomic="true">
          {s.announcement()}
        </p>
        <Show when={props.fromDevice}>
          <p class="q-note">{t("quiz.fromDevice")}</p>
        </Show>
      </header>

      <Show when={s.timeUp()}>
        <div class="q-alert" role="alert">
          <p>{t("quiz.timeUpSending")}</p>
          <Show when={s.submitError()}>
            <p>{s.submitError()}</p>
          </Show>
        </div>
      </Show>

      <Suspense>
        <Switch>
          <Match when={s.view() === "question"}>
            <QuestionScreen session={s} heading={setHeading} />
          </Match>
          <Match when={s.view() === "overview"}>
            <OverviewScreen session={s} heading={setHeading} />
          </Match>
          <Match when={s.view() === "submit"}>
            <SubmitScreen session={s} heading={setHeading} />
          </Match>
        </Switch>
      </Suspense>

      {/* Pinned to the bottom edge: the verdict after "Check", what waits on the device, the time, the way on. */}
      <div class="q-bar">
        <Show when={s.practice && s.view() === "question"}>
          <PracticeFeedback session={s} question={s.current()} />
        </Show>
        <WaitingNotice session={s} />
        <Show when={s.deadline}>
          {(deadline) => <Countdown deadline={deadline()} skewMs={s.skewMs} onExpire={() => void s.expire()} />}
        </Show>
        <ScreenButtons session={s} />
      </div>
    </div>
  );
}

/** Whether the answers are on the server or on their way (waiting ones are the bottom bar's notice). */
function SyncStatus(props: { session: Session }) {
  const s = props.session;
  return (
    <div class="q-sync" classList={{ [`q-sync-${s.category()}`]: s.category() !== "waiting" }}>
      <Switch>
        <Match when={s.category() === "saved"}>
          <p>
            <span aria-hidden="true">✓ </span>
            {t("quiz.allSaved")}
          </p>
        </Match>
        <Match when={s.category() === "saving"}>
          <p>{t("quiz.saving")}</p>
        </Match>
        <Match when={s.category() === "idle"}>
          <p>{t("quiz.autosave")}</p>
        </Match>
      </Switch>
      <Show when={!s.onDevice}>
        <p class="q-error">{t("quiz.notOnDevice")}</p>
      </Show>
      <Show when={s.refused().length > 0}>
        <p class="q-error">{t("quiz.refused", { list: s.refused().join(", ") })}</p>
      </Show>
    </div>
  );
}

/**
 * The one notice about the network during an attempt, where the learner looks (the bottom bar): offline, or answers
 * kept on the device until the server takes them, and in practice that the verdict comes then. Gone once all are sent.
 */
function WaitingNotice(props: { session: Session }) {
  const s = props.session;
  return (
    <Show when={s.category() === "waiting" || !s.online()}>
      <div class="q-sync q-sync-waiting">
        <p>
          {s.category() === "waiting" ? s.waitingText() : t("app.offline")}
          <Show when={s.practice && s.category() === "waiting"}> {t("quiz.feedbackOffline")}</Show>
        </p>
        <Show when={s.signedOut()}>
          <p>
            {t("quiz.sessionEnded")} <A href={`/signin?next=${encodeURIComponent(`/attempts/${s.id}`)}`}>{t("auth.signIn")}</A>
          </p>
        </Show>
        <Show when={s.online() && s.category() === "waiting"}>
          <button type="button" class="button q-send-now" onClick={s.sendNow}>
            {t("quiz.sendNow")}
          </button>
        </Show>
      </div>
    </Show>
  );
}

/** Previous / overview / next (or finish) on a question; back to the question and on to submit elsewhere. */
function ScreenButtons(props: { session: Session }) {
  const s = props.session;
  return (
    <nav class="q-bar-buttons" aria-label={t("quiz.navLabel")}>
      <Switch>
        <Match when={s.view() === "question"}>
          <button type="button" class="button" disabled={s.index() === 0} onClick={() => s.goTo(s.index() - 1)}>
            <span aria-hidden="true">←</span> {t("quiz.prev")}
          </button>
          <button type="button" class="button" onClick={() => s.openView("overview")}>
            {t("quiz.overview")}
          </button>
          <Show
            when={s.index() < s.total - 1}
            fallback={
              <button type="button" class="button primary" onClick={() => s.openView("submit")}>
                {t("quiz.finish")}
              </button>
            }
          >
            <button type="button" class="button primary" onClick={() => s.goTo(s.index() + 1)}>
              {t("quiz.next")} <span aria-hidden="true">→</span>
            </button>
          </Show>
        </Match>
        <Match when={s.view() !== "question"}>
          <button type="button" class="button q-bar-wide" onClick={() => s.goTo(s.index())}>
            <span aria-hidden="true">←</span> {t("quiz.backToQuestion", { n: String(s.index() + 1) })}
          </button>
          <Show
            when={s.view() === "overview"}
            fallback={
              <button type="button" class="button" onClick={() => s.openView("overview")}>
                {t("quiz.overview")}
              </button>
            }
          >
            <button type="button" class="button primary" onClick={() => s.openView("submit")}>
              {t("quiz.finish")}
            </button>
          </Show>
        </Match>
      </Switch>
    </nav>
  );
}
