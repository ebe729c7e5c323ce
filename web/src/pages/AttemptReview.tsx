// /attempts/:id/review: one card per question for phones: the learner's answer, the key as the policy allows, the why, the lesson link.
import { createEffect, createSignal, ErrorBoundary, For, on, Show, Suspense } from "solid-js";
import { ApiError, api, unwrap } from "../api.ts";
import { Gate } from "../components/Gate.tsx";
import { Icon } from "../components/Icon.tsx";
import { LoadError, Loading } from "../components/LoadError.tsx";
import { formatDateTime } from "../dates.ts";
import { loadStrings, locale, t } from "../i18n.ts";
import { attemptHref, displayKey } from "../myAttempts.ts";
import { AnswerView, lessonLink } from "../quiz/AnswerView.tsx";
import type { ServedQuestion } from "../quiz/model.ts";
import type { Answer } from "../quiz/outbox.ts";
import { A, createAsync, query, revalidate, useLocation, useParams } from "../router.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("learn");

export const getReview = query(async (id: string) => unwrap(await api.attempts[":id"].review.$get({ param: { id } })), "attemptReview");

type ReviewData = Awaited<ReturnType<typeof getReview>>;
type Item = ReviewData["items"][number];

const number = (v: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(v);

/** The card id a deep link names: `#q-3` (1-based) or `?q=<questionId>`. */
export const cardId = (n: number) => `q-${n}`;

function targetIndex(items: Item[], hash: string, questionId: string | undefined): number {
  const fromHash = /^#q-(\d+)$/.exec(hash)?.[1];
  if (fromHash) {
    const i = Number(fromHash) - 1;
    return i >= 0 && i < items.length ? i : -1;
  }
  return questionId ? items.findIndex((item) => item.question.id === questionId) : -1;
}

function verdict(item: Item, showsKey: boolean): { key: "right" | "partly" | "wrong" | "unanswered" | "answered"; text: string } {
  if (item.answer === null) return { key: "unanswered", text: t("review.unanswered") ?? "" };
  if (!showsKey || item.correct === null) return { key: "answered", text: t("review.answered") ?? "" };
  if (item.correct) return { key: "right", text: t(item.typo ? "review.rightWithTypo" : "review.right") ?? "" };
  if ((item.score ?? 0) > 0) return { key: "partly", text: t("review.partly", { percent: number((item.score ?? 0) * 100) }) ?? "" };
  return { key: "wrong", text: t("review.wrong") ?? "" };
}

function ReviewCard(props: { item: Item; n: number; total: number; showsKey: boolean; attemptId: string; onCopied: (m: string) => void }) {
  const q = () => props.item.question as ServedQuestion;
  const v = () => verdict(props.item, props.showsKey);
  const titleId = () => `${cardId(props.n)}-title`;
  const copy = async () => {
    const url = `${location.origin}/attempts/${encodeURIComponent(props.attemptId)}/review#${cardId(props.n)}`;
    try {
      await navigator.clipboard.writeText(url);
      props.onCopied(t("review.linkCopied", { n: String(props.n) }) ?? "");
    } catch {
      props.onCopied(t("review.linkCopyFailed", { url }) ?? url);
    }
  };
  return (
    <li>
      <article id={cardId(props.n)} class={`card review-card verdict-${v().key}`} aria-labelledby={titleId()} tabIndex={-1}>
        <div class="review-card-top">
          <h2 id={titleId()} class="review-number">
            {t("review.question", { n: String(props.n), total: String(props.total) })}
          </h2>
          <span class={`badge verdict verdict-badge-${v().key}`}>{v().text}</span>
        </div>
        <p class="review-prompt">{q().prompt[locale()]}</p>
        <dl class="review-answers">
          <div class="review-answer yours">
            <dt>{t("review.yourAnswer")}</dt>
            <dd>
              <AnswerView question={q()} answer={props.item.answer as Answer | null} lang={locale()} />
            </dd>
          </div>
          <Show when={props.showsKey && props.item.correct === false && props.item.correctAnswer !== null}>
            <div class="review-answer key">
              <dt>{t("review.correctAnswer")}</dt>
              <dd>
                <AnswerView question={q()} answer={displayKey(q().type, props.item.correctAnswer as Answer, locale())} lang={locale()} />
              </dd>
            </div>
          </Show>
        </dl>
        <Show when={props.item.explanation}>
          {(why) => (
            <div class="review-why">
              <h3>{t("review.explanation")}</h3>
              <p>{why()[locale()]}</p>
            </div>
          )}
        </Show>
        <div class="review-actions">
          <A href={lessonLink(q())} class="button">
            <Icon name="book" size={20} />
            {t("review.readInLesson")}
          </A>
          <button
            type="button"
            class="button quiet"
            aria-label={t("review.copyLinkLabel", { n: String(props.n) })}
            onClick={() => void copy()}
          >
            {t("review.copyLink")}
          </button>
        </div>
      </article>
    </li>
  );
}

function ReviewView(props: { data: ReviewData; attemptId: string }) {
  const location = useLocation();
  const [mistakesOnly, setMistakesOnly] = createSignal(false);
  const [status, setStatus] = createSignal("");
  const items = () => props.data.items;
  const isMistake = (item: Item) => item.correct !== true;
  const shown = () => items().flatMap((item, i) => (!mistakesOnly() || isMistake(item) ? [{ item, n: i + 1 }] : []));
  const result = () => props.data.attempt.result;
  const title = () => props.data.attempt.moduleTitle[locale()];

  // A deep link lands on its card once the cards exist, and the filter never hides the card it names.
  createEffect(
    on([() => location.hash, () => location.query.q as string | undefined], ([hash, q]) => {
      const i = targetIndex(items(), hash, q);
      if (i < 0) return;
      if (mistakesOnly() && !isMistake(items()[i] as Item)) setMistakesOnly(false);
      requestAnimationFrame(() => {
        const el = document.getElementById(cardId(i + 1));
        el?.scrollIntoView({ block: "start" });
        el?.focus({ preventScroll: true });
      });
    }),
  );

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
              <strong>{t("review.score", { score: number(r().score), max: String(r().maxScore), percent: number(r().percent) })}</strong>
              <span class="muted">
                {" · "}
                {t("review.submitted", { date: formatDateTime(r().submittedAt, locale()) })}
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
                    {t(`review.regrade.${r.kind}`, {
                      n: String(n),
                      answer: r.answer ?? "",
                      percent: number((r.score ?? 0) * 100),
                    })}{" "}
                    <span class="muted small">{formatDateTime(r.at, locale())}</span>
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

      <Show when={!props.data.showsKey}>
        <p class="notice" role="note">
          {props.data.keyAvailableAt
            ? t("review.keyLater", { date: formatDateTime(props.data.keyAvailableAt, locale()) })
            : t("review.keyNever")}
        </p>
      </Show>

      <Show when={props.data.showsKey}>
        <div class="review-filter">
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              aria-checked={mistakesOnly()}
              checked={mistakesOnly()}
              onChange={(e) => setMistakesOnly(e.currentTarget.checked)}
            />
            <span>{t("review.mistakesOnly")}</span>
          </label>
          <p class="muted small" aria-live="polite">
            {t("review.showing", { shown: String(shown().length), total: String(items().length) })}
          </p>
        </div>
      </Show>

      <p class="status-line review-status" role="status">
        {status()}
      </p>

      <Show when={shown().length > 0} fallback={<p class="notice">{t("review.noMistakes")}</p>}>
        <ol class="review-list">
          <For each={shown()}>
            {(entry) => (
              <ReviewCard
                item={entry.item}
                n={entry.n}
                total={items().length}
                showsKey={props.data.showsKey}
                attemptId={props.attemptId}
                onCopied={setStatus}
              />
            )}
          </For>
        </ol>
      </Show>
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
