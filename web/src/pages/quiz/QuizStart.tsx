// Starting practice: /modules/:slug/quiz starts or resumes a practice attempt (untimed, not counted) at once, then
// replaces itself with /attempts/:id, the page that shows it. An assignment starts from its own page
// (/assignments/:id), which says the rules first; the old /quiz/assignment/:id links lead there.
import { createSignal, Match, Show, Switch } from "solid-js";
import { SignInLinks } from "../../components/Gate.tsx";
import { Loading } from "../../components/LoadError.tsx";
import { loadStrings, t } from "../../i18n.ts";
import type { StartRef } from "../../quiz/store.ts";
import { A, Navigate, useLocation, useNavigate, useParams } from "../../router.tsx";
import { conflictMessage, type StartFailure, startAttempt } from "./startAttempt.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

function QuizStart(props: { start: StartRef; body: { module: string } | { assignmentId: string }; back: { href: string; label: string } }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [failure, setFailure] = createSignal<StartFailure | null>(null);

  const begin = async () => {
    setFailure(null);
    const started = await startAttempt(props.start, props.body);
    if ("id" in started) navigate(`/attempts/${started.id}`, { replace: true });
    else setFailure(started.failure);
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

/** /quiz/assignment/:assignmentId, where assignments started before they had a page of their own: now that page. */
export function AssignmentStart() {
  const params = useParams<{ assignmentId: string }>();
  return <Navigate href={`/assignments/${encodeURIComponent(params.assignmentId)}`} />;
}
