// /attempts/:id/review: a submitted attempt's score and its review (components/ReviewList.tsx), reached from the results list.
import { createEffect, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { ApiError, api, unwrap } from "../api.ts";
import { Gate } from "../components/Gate.tsx";
import { Icon } from "../components/Icon.tsx";
import { LoadError, Loading } from "../components/LoadError.tsx";
import { type ReviewData, ReviewList } from "../components/ReviewList.tsx";
import { formatDateTime } from "../dates.ts";
import { formatPercent, formatPoints } from "../format.ts";
import { intlLocale, loadStrings, locale, t } from "../i18n.ts";
import { attemptHref } from "../myAttempts.ts";
import { A, createAsync, query, revalidate, useParams } from "../router.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("learn");

export const getReview = query(async (id: string) => unwrap(await api.attempts[":id"].review.$get({ param: { id } })), "attemptReview");

function ReviewView(props: { data: ReviewData; attemptId: string }) {
  const result = () => props.data.attempt.result;
  const title = () => props.data.attempt.moduleTitle[locale()];
  createEffect(() => {
    document.title = `${t("review.title")}: ${title()} — Qadam`;
  });

  return (
    <>
      <header class="review-header">
        <A href="/results" class="back">
          <Icon name="arrowLeft" size={20} />
          {t("review.back")}
        </A>
        <p class="eyebrow">{t("review.title")}</p>
        <h1>{title()}</h1>
        <Show when={result()}>
          {(r) => (
            <p class="review-score">
              <strong>
                {t("review.score", {
                  score: formatPoints(r().score, locale()),
                  max: formatPoints(r().maxScore, locale()),
                  percent: formatPercent(r().percent, locale()),
                })}
              </strong>
              <span class="muted">
                {" · "}
                {t("review.submitted", { date: formatDateTime(r().submittedAt, intlLocale()) })}
              </span>
            </p>
          )}
        </Show>
      </header>

      <Show when={props.data.regrades.length > 0}>
        <section class="notice regrades" aria-labelledby="regrades-title">
          <h2 id="regrades-title">{t("review.regraded")}</h2>
          <ul>
            <For each={props.data.regrades}>
              {(r) => {
                const n = props.data.items.findIndex((i) => i.question.id === r.questionId) + 1;
                return (
                  <li>
                    {t(`review.regrade.${r.kind}` as const, {
                      n: String(n),
                      answer: r.answer ?? "",
                      percent: formatPercent((r.score ?? 0) * 100, locale()),
                    })}{" "}
                    <span class="muted small">{formatDateTime(r.at, intlLocale())}</span>
                    <Show when={r.comment}>
                      <blockquote>{r.comment}</blockquote>
                    </Show>
                  </li>
                );
              }}
            </For>
          </ul>
        </section>
      </Show>
      <ReviewList data={props.data} attemptId={props.attemptId} />
    </>
  );
}

function ReviewPage() {
  const params = useParams<{ id: string }>();
  const review = createAsync(() => getReview(params.id));
  const isOpen = (error: unknown) => error instanceof ApiError && error.problem.status === 409;
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <Show
          when={isOpen(error)}
          fallback={
            <LoadError
              error={error}
              notFound={{ title: t("review.notFoundTitle") ?? "", text: t("review.notFoundText") ?? "" }}
              retry={async () => {
                await revalidate(getReview.keyFor(params.id));
                reset();
              }}
            />
          }
        >
          <div class="notice">
            <p>{t("review.notSubmitted")}</p>
            <A href={attemptHref(params.id)} class="button primary block">
              {t("review.continue")}
            </A>
          </div>
        </Show>
      )}
    >
      <Suspense fallback={<Loading />}>
        <Show when={review()}>{(data) => <ReviewView data={data()} attemptId={params.id} />}</Show>
      </Suspense>
    </ErrorBoundary>
  );
}

export default function AttemptReview() {
  return (
    <div class="page review-page">
      <Gate need="student" title={t("review.title")}>
        {() => <ReviewPage />}
      </Gate>
    </div>
  );
}
