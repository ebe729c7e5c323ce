// Starting a quiz: /modules/:slug/quiz (practice) and /quiz/assignment/:assignmentId start or resume an attempt
// with POST /api/attempts, then replace themselves with /attempts/:id, the page that shows it. Without network,
// an attempt this device already opened goes on from its cache.
import { createSignal, Match, Show, Switch } from "solid-js";
import { type ApiProblem, api } from "../../api.ts";
import { SignInLinks } from "../../components/Gate.tsx";
import { Loading } from "../../components/LoadError.tsx";
import { formatDateTime } from "../../dates.ts";
import { intlLocale, loadStrings, t } from "../../i18n.ts";
import { cacheAttempt, openAttemptFor, rememberStart, type StartRef } from "../../quiz/store.ts";
import { A, useLocation, useNavigate, useParams } from "../../router.tsx";
import { type AttemptJson, handoff, storage } from "./channel.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

type StartFailure =
  | { kind: "offline" }
  | { kind: "signin" }
  | { kind: "instructor" }
  | { kind: "notFound" }
  | { kind: "conflict"; reason: string; detail: string; reopensAt: string | null }
  | { kind: "error"; detail: string };

function startFailure(status: number, problem: ApiProblem | null): StartFailure {
  if (status === 401) return { kind: "signin" };
  if (status === 403) return { kind: "instructor" };
  if (status === 404) return { kind: "notFound" };
  if (status === 409)
    return { kind: "conflict", reason: problem?.reason ?? "", detail: problem?.detail ?? "", reopensAt: problem?.reopensAt ?? null };
  return { kind: "error", detail: problem?.detail ?? `HTTP ${status}` };
}

function conflictMessage(reason: string, detail: string, reopensAt: string | null): string {
  if (reason === "practice_paused")
    return reopensAt ? t("quiz.practicePausedUntil", { date: formatDateTime(reopensAt, intlLocale()) }) : t("quiz.practicePaused");
  if (reason === "not_open_yet") {
    const at = /\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(detail)?.[0];
    return at ? t("quiz.notOpenYetAt", { date: formatDateTime(at, intlLocale()) }) : t("quiz.notOpenYet");
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
                    if (v.kind === "conflict") return conflictMessage(v.reason, v.detail, v.reopensAt);
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
