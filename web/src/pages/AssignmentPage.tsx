// /assignments/:id: an assignment before it starts. The module, the rules as they apply to me in words, a way to the
// lesson, and Start. Opening the page only reads (GET /api/assignments/:id): no attempt, no count. A timed test asks
// once more, in a dialog, because its clock starts with the attempt.
import { createEffect, createSignal, type JSX, onMount, Show } from "solid-js";
import { type getMyAssignment as GetOne, getMyAssignment } from "../assignments.ts";
import { Gate } from "../components/Gate.tsx";
import { LoadBoundary } from "../components/LoadError.tsx";
import { formatDateTime, formatRelative } from "../dates.ts";
import { formatMinutes } from "../dueDates.ts";
import { loadStrings, locale, t } from "../i18n.ts";
import { A, createAsync, revalidate, useNavigate, useParams } from "../router.tsx";

/** Starting lives with the quiz's code: fetched once the page is drawn, so the rules show with only this page's. */
const starter = () => import("./quiz/startAttempt.ts");

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("learn");

type View = Awaited<ReturnType<typeof GetOne>>;

/** One rule: its name and, in words, what it means for me. */
function Rule(props: { name: string; children: JSX.Element }) {
  return (
    <div>
      <dt>{props.name}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** A date with how far it is from now ("Thu 4 Dec, 18:00 · in 2 days"). */
function When(props: { iso: string; now: number }) {
  return (
    <>
      <time datetime={props.iso}>{formatDateTime(props.iso, locale())}</time>
      <span class="muted"> · {formatRelative(props.iso, locale(), props.now)}</span>
    </>
  );
}

function StartView(props: { a: View }) {
  const navigate = useNavigate();
  const a = () => props.a;
  const rules = () => a().effective;
  const title = () => a().moduleTitle[locale()];
  // Relative times are read against the server's clock when the page loaded, so a wrong phone clock does not mislead.
  const now = () => Date.parse(a().serverNow);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    document.title = `${title()} — Qadam`;
  });
  onMount(() => setTimeout(() => void starter().catch(() => {}), 500));

  const begin = async () => {
    dialog?.close();
    setBusy(true);
    setFailure(null);
    try {
      const { startAttempt, startFailureText } = await starter();
      const started = await startAttempt(`assignment:${a().id}`, { assignmentId: a().id });
      if ("id" in started) navigate(`/attempts/${started.id}`);
      else setFailure(startFailureText(started.failure));
    } catch {
      // Offline before the quiz's code ever arrived.
      setFailure(t("start.offline"));
    } finally {
      setBusy(false);
    }
  };
  const blocked = () => {
    const block = a().startBlock;
    if (block === "not_open_yet" && rules().opensAt)
      return t("start.notOpenYet", { date: formatDateTime(rules().opensAt as string, locale()) });
    return block === "past_due" ? t("start.pastDue") : block === "attempt_limit" ? t("start.attemptLimit") : "";
  };
  const onStart = () => (rules().timeLimitMinutes ? dialog?.showModal() : void begin());

  const grade = () =>
    rules().mode === "practice"
      ? t("start.notGraded")
      : t(
          rules().gradingMethod === "best"
            ? "start.gradeBest"
            : rules().gradingMethod === "last"
              ? "start.gradeLast"
              : "start.gradeAverage",
        );
  const answers = () =>
    rules().reviewPolicy === "after_submit"
      ? t("start.afterSubmit")
      : rules().reviewPolicy === "after_due"
        ? t("start.afterDue")
        : t("start.never");

  return (
    <>
      <header class="start-head">
        <p class="eyebrow">
          {rules().mode === "assessment" ? t("start.assessment") : t("start.practice")} · {a().className}
        </p>
        <h1>{title()}</h1>
      </header>
      <section class="card start-rules" aria-labelledby="start-rules-title">
        <h2 id="start-rules-title">{t("start.rules")}</h2>
        <dl class="facts">
          <Rule name={t("start.timeLimit")}>
            <Show when={rules().timeLimitMinutes} fallback={t("start.untimed")}>
              {(m) => t("start.timeLimitValue", { time: formatMinutes(m(), locale()) })}
            </Show>
          </Rule>
          <Rule name={t("start.attempts")}>
            <Show when={rules().maxAttempts} fallback={t("start.attemptsUnlimited")}>
              {(max) => t("start.attemptsLeft", { left: String(a().progress.attemptsLeft ?? 0), max: String(max()) })}
            </Show>
          </Rule>
          <Show when={rules().opensAt && Date.parse(rules().opensAt as string) > now()}>
            <Rule name={t("start.opens")}>
              <When iso={rules().opensAt as string} now={now()} />
            </Rule>
          </Show>
          <Rule name={t("start.due")}>
            <Show when={rules().dueAt} fallback={t("start.noDue")}>
              {(due) => <When iso={due()} now={now()} />}
            </Show>
          </Rule>
          <Rule name={t("start.grade")}>{grade()}</Rule>
          <Rule name={t("start.answers")}>{answers()}</Rule>
        </dl>
      </section>

      <div class="actions start-actions">
        <Show
          when={a().progress.openAttemptId}
          fallback={
            <Show when={!a().startBlock} fallback={<p class="q-note">{blocked()}</p>}>
              <button type="button" class="button primary block" disabled={busy()} onClick={onStart}>
                {busy() ? t("start.starting") : rules().timeLimitMinutes ? t("start.startTimed") : t("start.start")}
              </button>
            </Show>
          }
        >
          {(open) => (
            <A href={`/attempts/${open()}`} class="button primary block">
              {t("start.continue")}
            </A>
          )}
        </Show>
        <A href={`/modules/${a().module}`} class="button block">
          {t("start.readLesson")}
        </A>
      </div>
      <Show when={failure()}>
        {(f) => (
          <p class="q-alert" role="alert">
            {f()}
          </p>
        )}
      </Show>

      <dialog ref={dialog} class="start-confirm" aria-labelledby="start-confirm-title" aria-describedby="start-confirm-text">
        <h2 id="start-confirm-title">{t("start.confirmTitle")}</h2>
        <p id="start-confirm-text">{t("start.confirmText", { time: formatMinutes(rules().timeLimitMinutes ?? 0, locale()) })}</p>
        <div class="actions">
          <button type="button" class="button primary block" onClick={() => void begin()}>
            {t("start.confirmStart")}
          </button>
          <button type="button" class="button block" onClick={() => dialog?.close()}>
            {t("start.cancel")}
          </button>
        </div>
      </dialog>
    </>
  );
}

export default function AssignmentPage() {
  const params = useParams<{ id: string }>();
  const view = createAsync(() => getMyAssignment(params.id));
  return (
    <div class="page start-page">
      <Gate
        need="student"
        children={() => (
          <LoadBoundary
            retry={() => revalidate(getMyAssignment.keyFor(params.id))}
            notFound={{ text: t("start.notFound"), back: { href: "/dashboard", label: t("start.toAssignments") } }}
          >
            <Show when={view()}>{(a) => <StartView a={a()} />}</Show>
          </LoadBoundary>
        )}
      />
    </div>
  );
}
