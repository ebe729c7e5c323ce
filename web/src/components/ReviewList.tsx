// The one review of a submitted attempt, shown under its result (/attempts/:id/result) and on its own page
// (/attempts/:id/review): mistakes first, "only mistakes" on when there are any, each card with the learner's answer
// (ordering and matching marked per position), the key as the policy allows, the why and the lesson link.
import type { InferResponseType } from "hono/client";
import { createEffect, createSignal, For, on, onMount, Show } from "solid-js";
import type { api } from "../api.ts";
import { formatDateTime } from "../dates.ts";
import { formatPercent } from "../format.ts";
import { loadStrings, locale, t } from "../i18n.ts";
import { AnswerView, answerText, lessonLink } from "../quiz/AnswerView.tsx";
import type { ServedQuestion } from "../quiz/model.ts";
import type { Answer } from "../quiz/outbox.ts";
import { isMistake, mistakesFirst, positionMarks, type VerdictKey, verdictOf } from "../review.ts";
import { A, useLocation, useSearchParams } from "../router.tsx";
import { Icon } from "./Icon.tsx";

// These strings arrive with this code (see i18n.ts).
await loadStrings("learn");

export type ReviewData = InferResponseType<(typeof api.attempts)[":id"]["review"]["$get"], 200>;
type Item = ReviewData["items"][number];

/** Where the list was scrolled when the learner left it for a lesson link, kept in its own history entry. */
const SCROLL_KEY = "reviewScrollY";
const rememberScroll = () => history.replaceState({ ...(history.state as object | null), [SCROLL_KEY]: window.scrollY }, "");
const savedScroll = () => (history.state as Record<string, unknown> | null)?.[SCROLL_KEY];

/**
 * Back from the lesson scrolls to where the learner left: frame by frame until the list is drawn tall enough (at most
 * 3 s), unless they scroll first.
 */
function restoreScroll(y: number) {
  const until = performance.now() + 3000;
  const from = window.scrollY;
  const step = () => {
    if (window.scrollY !== from) return;
    const room = document.documentElement.scrollHeight - window.innerHeight;
    if (room >= y || performance.now() > until) window.scrollTo(0, Math.min(y, room));
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

/** The card id a deep link names: `#q-3` (1-based) or `?q=<questionId>`. */
export const cardId = (n: number) => `q-${n}`;

function targetNumber(items: Item[], hash: string, questionId: string | undefined): number {
  const fromHash = /^#q-(\d+)$/.exec(hash)?.[1];
  if (fromHash) {
    const n = Number(fromHash);
    return n >= 1 && n <= items.length ? n : 0;
  }
  return questionId ? items.findIndex((item) => item.question.id === questionId) + 1 : 0;
}

function verdictText(key: VerdictKey, item: Item): string {
  switch (key) {
    case "unanswered":
      return t("review.unanswered");
    case "answered":
      return t("review.answered");
    case "right":
      return t("review.right");
    case "typo":
      return t("review.rightWithTypo");
    case "partly":
      return t("review.partly", { percent: formatPercent((item.score ?? 0) * 100, locale()) });
    case "wrong":
      return t("review.wrong");
  }
}

/**
 * An ordering or matching answer with each line marked right or wrong against the key: a sign and a colour for the
 * eye, the words for a screen reader.
 */
function MarkedAnswer(props: { question: ServedQuestion; answer: Answer; marks: boolean[] }) {
  const text = () => answerText(props.question, props.answer, locale());
  const line = (value: string, i: number) => (
    <li>
      <span class={props.marks[i] ? "q-mark q-mark-right" : "q-mark q-mark-wrong"} aria-hidden="true">
        {props.marks[i] ? "✓" : "✗"}
      </span>
      {value}
      <span class="visually-hidden"> — {props.marks[i] ? t("review.markRight") : t("review.markWrong")}</span>
    </li>
  );
  return (
    <Show when={text().ordered} fallback={<ul class="q-answer-list">{<For each={text().lines}>{(value, i) => line(value, i())}</For>}</ul>}>
      <ol class="q-answer-list">
        <For each={text().lines}>{(value, i) => line(value, i())}</For>
      </ol>
    </Show>
  );
}

function ReviewCard(props: { item: Item; n: number; total: number; showsKey: boolean; attemptId: string; onCopied: (m: string) => void }) {
  const q = () => props.item.question as ServedQuestion;
  const verdict = () => verdictOf(props.item, props.showsKey);
  const tone = () => (verdict() === "typo" ? "right" : verdict());
  const titleId = () => `${cardId(props.n)}-title`;
  const key = () => (props.showsKey ? (props.item.correctAnswer as Answer | null) : null);
  const copy = async () => {
    const url = `${location.origin}/attempts/${encodeURIComponent(props.attemptId)}/review#${cardId(props.n)}`;
    try {
      await navigator.clipboard.writeText(url);
      props.onCopied(t("review.linkCopied", { n: String(props.n) }));
    } catch {
      props.onCopied(t("review.linkCopyFailed", { url }));
    }
  };
  return (
    <li>
      <article id={cardId(props.n)} class={`card review-card verdict-${tone()}`} aria-labelledby={titleId()} tabIndex={-1}>
        <div class="review-card-top">
          <h3 id={titleId()} class="review-number">
            {t("review.question", { n: String(props.n), total: String(props.total) })}
          </h3>
          <span class={`badge verdict verdict-badge-${tone()}`}>{verdictText(verdict(), props.item)}</span>
        </div>
        <p class="review-prompt">{q().prompt[locale()]}</p>
        <dl class="review-answers">
          <div class="review-answer yours">
            <dt>{t("review.yourAnswer")}</dt>
            <dd>
              <Show
                when={positionMarks(q(), props.item.answer as Answer | null, key())}
                fallback={<AnswerView question={q()} answer={props.item.answer as Answer | null} lang={locale()} />}
              >
                {(marks) => <MarkedAnswer question={q()} answer={props.item.answer as Answer} marks={marks()} />}
              </Show>
            </dd>
          </div>
          <Show when={props.item.correct === false && key() !== null}>
            <div class="review-answer key">
              <dt>{t("review.correctAnswer")}</dt>
              <dd>
                <AnswerView question={q()} answer={key()} lang={locale()} />
              </dd>
            </div>
          </Show>
        </dl>
        <Show when={props.item.explanation}>
          {(why) => (
            <div class="review-why">
              <h4>{t("review.explanation")}</h4>
              <p>{why()[locale()]}</p>
            </div>
          )}
        </Show>
        <div class="review-actions" on:click={rememberScroll}>
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

export function ReviewList(props: { data: ReviewData; attemptId: string }) {
  const location = useLocation();
  // "Only mistakes" is on unless the URL says `all`: Back from a lesson link finds the list as it was left.
  const [search, setSearch] = useSearchParams<{ all?: string }>();
  const [status, setStatus] = createSignal("");
  const items = () => props.data.items;
  const mistakes = () => items().filter((item) => isMistake(item, props.data.showsKey)).length;
  const mistakesOnly = () => mistakes() > 0 && search.all !== "1";
  const setMistakesOnly = (on: boolean) => setSearch({ all: on ? undefined : "1" }, { replace: true });
  const ordered = () => mistakesFirst(items(), props.data.showsKey);
  const shown = () => ordered().filter((e) => !mistakesOnly() || isMistake(e.item, props.data.showsKey));

  // Back from a lesson link: the place the learner left, rather than the card a deep link names.
  const restoring = savedScroll();
  onMount(() => {
    if (typeof restoring === "number") restoreScroll(restoring);
  });

  // A deep link lands on its card once the cards exist, and the filter never hides the card it names.
  createEffect(
    on([() => location.hash, () => location.query.q as string | undefined], ([hash, q], previous) => {
      if (previous === undefined && typeof restoring === "number") return;
      const n = targetNumber(items(), hash, q);
      if (n === 0) return;
      if (mistakesOnly() && !isMistake(items()[n - 1] as Item, props.data.showsKey)) setMistakesOnly(false);
      requestAnimationFrame(() => {
        const el = document.getElementById(cardId(n));
        el?.scrollIntoView({ block: "start" });
        el?.focus({ preventScroll: true });
      });
    }),
  );

  return (
    <section class="review-section" aria-labelledby="review-list-title">
      <h2 id="review-list-title">{props.data.showsKey ? t("review.listTitle") : t("review.yourAnswers")}</h2>
      <Show when={!props.data.showsKey}>
        <p class="notice" role="note">
          {props.data.keyAvailableAt
            ? t("review.keyLater", { date: formatDateTime(props.data.keyAvailableAt, locale()) })
            : t("review.keyNever")}
        </p>
      </Show>
      <Show when={props.data.showsKey}>
        <Show when={mistakes() > 0} fallback={<p class="notice">{t("review.noMistakes")}</p>}>
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
      </Show>
      <p class="status-line review-status" role="status">
        {status()}
      </p>
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
    </section>
  );
}
