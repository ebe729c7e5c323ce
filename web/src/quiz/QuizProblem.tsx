// Why a quiz page cannot show its attempt: sign in first, no such attempt, not submitted yet, offline, or an error.
import { Match, Show, Switch } from "solid-js";
import { SignInLinks } from "../components/Gate.tsx";
import { Loading } from "../components/LoadError.tsx";
import { loadStrings, t } from "../i18n.ts";
import { A, useLocation } from "../router.tsx";

await loadStrings("quiz");

export type QuizFailure = "signin" | "notFound" | "open" | "offline" | "error";

/** Loading until `failure` is set; then the page title and what happened, with the way forward for each case. */
export function QuizProblem(props: {
  title: string;
  failure: QuizFailure | null;
  retry: () => void;
  /** What "offline" means on this page (the start cannot begin, the result cannot be fetched). */
  offlineText: string;
  /** For "open": the attempt to go back to. */
  attemptId?: string;
}) {
  const location = useLocation();
  return (
    <Show when={props.failure} fallback={<Loading />}>
      {(f) => (
        <>
          <h1>{props.title}</h1>
          <div class="card q-start-problem" role="alert">
            <Switch>
              <Match when={f() === "signin"}>
                <p>{t("quiz.signIn")}</p>
                <SignInLinks next={location.pathname} />
              </Match>
              <Match when={f() === "open"}>
                <p>{t("quiz.notSubmitted")}</p>
                <A href={`/attempts/${props.attemptId}`} class="button primary block">
                  {t("quiz.continueQuiz")}
                </A>
              </Match>
              <Match when={f() === "notFound"}>
                <p>{t("quiz.notFound")}</p>
              </Match>
              <Match when={f() === "offline" || f() === "error"}>
                <p>{f() === "offline" ? props.offlineText : t("common.error")}</p>
                <button type="button" class="button primary block" onClick={() => props.retry()}>
                  {t("common.retry")}
                </button>
              </Match>
            </Switch>
          </div>
        </>
      )}
    </Show>
  );
}
