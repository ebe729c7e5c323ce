// One open attempt on screen: the header (mode, title, progress, saving status), the screen the URL names
// (question, overview or submit), and the bottom bar with the countdown and the way between screens.
import { createEffect, Match, on, onCleanup, Show, Switch } from "solid-js";
import { api } from "../../api.ts";
import { locale, t } from "../../i18n.ts";
import { Countdown } from "../../quiz/Countdown.tsx";
import { type Lang, textIn } from "../../quiz/model.ts";
import { A, useNavigate, useSearchParams } from "../../router.tsx";
import { type AttemptJson, channelFor, closeChannel, storage } from "./channel.ts";
import { createQuizSession, type QuizSearch, type QuizSession as Session } from "./createQuizSession.ts";
import { OverviewScreen } from "./OverviewScreen.tsx";
import { QuestionScreen } from "./QuestionScreen.tsx";
import { SubmitScreen } from "./SubmitScreen.tsx";

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

  const onOnline = () => s.networkChanged(true);
  const onOffline = () => s.networkChanged(false);
  const onVisible = () => {
    if (document.visibilityState === "visible") s.resumed();
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  document.addEventListener("visibilitychange", onVisible);
  onCleanup(() => {
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
    document.removeEventListener("visibilitychange", onVisible);
  });

  // A new screen starts at the top with its heading focused, so a screen reader announces where the learner is.
  let heading: HTMLHeadingElement | undefined;
  const setHeading = (el: HTMLHeadingElement) => {
    heading = el;
  };
  createEffect(
    on(
      [s.index, s.view],
      () => {
        window.scrollTo(0, 0);
        queueMicrotask(() => heading?.focus({ preventScroll: true }));
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

      <div class="q-bar">
        <Show when={s.deadline}>
          {(deadline) => <Countdown deadline={deadline()} skewMs={s.skewMs} onExpire={() => void s.expire()} />}
        </Show>
        <ScreenButtons session={s} />
      </div>
    </div>
  );
}

/** Whether the answers are on the server, on their way, or waiting for the network (and what the learner can do). */
function SyncStatus(props: { session: Session }) {
  const s = props.session;
  return (
    <div class="q-sync" classList={{ [`q-sync-${s.category()}`]: true }}>
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
        <Match when={s.category() === "waiting"}>
          <p>{s.waitingText()}</p>
          <Show when={s.signedOut()}>
            <p>
              {t("quiz.sessionEnded")} <A href={`/signin?next=${encodeURIComponent(`/attempts/${s.id}`)}`}>{t("auth.signIn")}</A>
            </p>
          </Show>
          <Show when={s.online()}>
            <button type="button" class="button q-send-now" onClick={s.sendNow}>
              {t("quiz.sendNow")}
            </button>
          </Show>
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
