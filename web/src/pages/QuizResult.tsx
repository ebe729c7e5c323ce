// /attempts/:id/result: the score of a submitted attempt, what to do next, and its review (components/ReviewList.tsx) as the
// policy allows, or when it will.
import type { InferResponseType } from "hono/client";
import { createEffect, createSignal, on, Show } from "solid-js";
import { type ApiProblem, api } from "../api.ts";
import { ReviewList } from "../components/ReviewList.tsx";
import { formatPercent, formatPoints } from "../format.ts";
import { loadStrings, locale, t } from "../i18n.ts";
import { type Lang, textIn } from "../quiz/model.ts";
import { Outbox } from "../quiz/outbox.ts";
import { type QuizFailure, QuizProblem } from "../quiz/QuizProblem.tsx";
import { forgetAttempt } from "../quiz/store.ts";
import { plural } from "../quiz/words.ts";
import { A, useLocation, useParams } from "../router.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

type Review = InferResponseType<(typeof api.attempts)[":id"]["review"]["$get"], 200>;

export default function QuizResult() {
  const params = useParams<{ id: string }>();
  const location = useLocation<{ closed?: string }>();
  const lang = () => locale() as Lang;
  const [review, setReview] = createSignal<Review | null>(null);
  const [failure, setFailure] = createSignal<QuizFailure | null>(null);
  const [unsent, setUnsent] = createSignal(0);

  const load = async (id: string) => {
    setReview(null);
    setFailure(null);
    try {
      const res = await api.attempts[":id"].review.$get({ param: { id } });
      if (res.status === 200) {
        const body = await res.json();
        // The attempt is closed: whatever is still on the device can never reach it. Say so once, then let it go.
        const outbox = new Outbox(id, localStorage);
        setUnsent(outbox.size);
        outbox.clear();
        forgetAttempt(localStorage, id);
        setReview(body);
        return;
      }
      const problem = (await res.json().catch(() => null)) as ApiProblem | null;
      setFailure(res.status === 401 ? "signin" : res.status === 409 && problem?.reason === "attempt_open" ? "open" : "notFound");
    } catch {
      setFailure("offline");
    }
  };
  createEffect(
    on(
      () => params.id,
      (id) => void load(id),
    ),
  );
  createEffect(() => {
    const r = review();
    document.title = `${r ? `${t("quiz.resultTitle")}: ${textIn(r.attempt.moduleTitle, lang())}` : t("quiz.resultTitle")} — Qadam`;
  });

  const closedNotice = () => {
    const reason = location.state?.closed;
    // The server says how the attempt closed (the cron and a late visit included); this device knows when it submitted at zero.
    if (review()?.attempt.result?.closeReason === "time_up" || reason === "deadline_passed") return t("quiz.timeRanOut");
    if (reason === "attempt_closed") return t("quiz.closedSubmitted");
    if (reason === "not_in_class") return t("quiz.closedRemoved");
    return null;
  };

  return (
    <div class="page quiz-page quiz-result">
      <Show
        when={review()}
        fallback={
          <QuizProblem
            title={t("quiz.resultTitle")}
            failure={failure()}
            retry={() => void load(params.id)}
            offlineText={t("quiz.resultOffline")}
            attemptId={params.id}
          />
        }
      >
        {(r) => (
          <>
            <Show when={closedNotice() || unsent() > 0}>
              <div class="q-alert" role="alert">
                <Show when={closedNotice()}>
                  <p>{closedNotice()}</p>
                </Show>
                <Show when={unsent() > 0}>
                  <p>{plural("quiz.unsent", unsent())}</p>
                </Show>
              </div>
            </Show>
            <header class="quiz-head">
              <p class="eyebrow">{r().attempt.mode === "practice" ? t("quiz.practice") : t("quiz.assessment")}</p>
              <h1 class="quiz-title">{textIn(r().attempt.moduleTitle, lang())}</h1>
            </header>
            <Show when={r().attempt.result}>
              {(result) => (
                <section class="card q-score" aria-labelledby="q-score-title">
                  <h2 id="q-score-title">{t("quiz.resultTitle")}</h2>
                  <p class="q-score-percent">{t("quiz.percent", { percent: formatPercent(result().percent, lang()) })}</p>
                  <p class="q-score-points">
                    {t("quiz.points", { score: formatPoints(result().score, lang()), max: formatPoints(result().maxScore, lang()) })}
                  </p>
                  <Show when={r().attempt.mode === "practice"}>
                    <p class="q-hint">{t("quiz.practiceNotGraded")}</p>
                  </Show>
                </section>
              )}
            </Show>

            <div class="actions q-result-actions">
              <Show
                when={r().attempt.assignmentId === null}
                fallback={
                  <A href="/dashboard" class="button primary block">
                    {t("quiz.toAssignments")}
                  </A>
                }
              >
                <A href={`/modules/${r().attempt.module}/quiz`} class="button primary block">
                  {t("quiz.practiceAgain")}
                </A>
                <A href={`/modules/${r().attempt.module}`} class="button block">
                  {t("quiz.backToLesson")}
                </A>
              </Show>
            </div>

            <ReviewList data={r()} attemptId={params.id} />
          </>
        )}
      </Show>
    </div>
  );
}
