// /deck (once /review, still redirected; the API stays /api/review/*): the spaced-repetition deck: one due question at a time, checked on the server, then rated Again/Hard/Good/Easy.
import { createEffect, createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { ApiError, api, unwrap } from "../api.ts";
import { Gate } from "../components/Gate.tsx";
import { Icon } from "../components/Icon.tsx";
import { LoadError, Loading } from "../components/LoadError.tsx";
import { formatRelative } from "../dates.ts";
import { getDueCount, pluralForm } from "../dueCount.ts";
import { formatShare } from "../format.ts";
import { inLocale, intlLocale, loadStrings, locale, t } from "../i18n.ts";
import { formatInterval } from "../interval.ts";
import { AnswerView, lessonLink } from "../quiz/AnswerView.tsx";
import { isAnswered, type ServedQuestion } from "../quiz/model.ts";
import type { Answer } from "../quiz/outbox.ts";
import { QuestionInput } from "../quiz/Questions.tsx";
import { A, createAsync, query, revalidate, useSubmission } from "../router.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("learn");

export const getDue = query(async () => unwrap(await api.review.due.$get({ query: {} })), "reviewDue");

type DueData = Awaited<ReturnType<typeof getDue>>;
type DueCard = DueData["cards"][number];
type Rating = "again" | "hard" | "good" | "easy";

async function sendAnswer(card: DueCard, answer: Answer, rating?: Rating) {
  const json = { answer, seed: card.seed, ...(rating ? { rating } : {}) };
  return unwrap(await api.review[":questionId"].$post({ param: { questionId: card.questionId }, json }));
}

type Feedback = Awaited<ReturnType<typeof sendAnswer>>;

const RATINGS: Rating[] = ["again", "hard", "good", "easy"];

function DeckCard(props: { card: DueCard; n: number; total: number; onDone: (f: Feedback) => void }) {
  const [answer, setAnswer] = createSignal<Answer | undefined>(undefined);
  const [feedback, setFeedback] = createSignal<Feedback | null>(null);
  const sending = useSubmission(sendAnswer);
  const [error, setError] = createSignal("");
  const q = () => props.card.question as ServedQuestion;
  let feedbackEl: HTMLDivElement | undefined;

  const check = async (event: SubmitEvent) => {
    event.preventDefault();
    const given = answer();
    if (given === undefined || !isAnswered(given)) return setError(t("deck.answerFirst") ?? "");
    setError("");
    try {
      setFeedback(await sending(props.card, given));
      requestAnimationFrame(() => feedbackEl?.focus());
    } catch {
      setError(t("deck.failed") ?? "");
    }
  };

  // The server already applied Good (or Again for a miss); another choice revises that same review.
  const rate = async (rating: Rating) => {
    const f = feedback();
    const given = answer();
    if (!f || given === undefined) return;
    if (rating === f.rating) return props.onDone(f);
    try {
      props.onDone(await sending(props.card, given, rating));
    } catch {
      setError(t("deck.failed") ?? "");
    }
  };

  return (
    <article class="card deck-card" aria-labelledby="deck-card-title">
      <div class="review-card-top">
        <h2 id="deck-card-title" class="review-number">
          {t("deck.card", { n: String(props.n), total: String(props.total) })}
        </h2>
        <span class="muted small">{inLocale(props.card.moduleTitle)}</span>
      </div>
      <form onSubmit={check} novalidate>
        <fieldset class="deck-question" disabled={feedback() !== null || sending.pending()}>
          <QuestionInput question={q()} answer={answer()} lang={locale()} onAnswer={(a) => setAnswer(() => a)} onCommit={() => {}} />
        </fieldset>
        <p class="field-error" role="alert">
          {error()}
        </p>
        <Show when={feedback() === null}>
          <button type="submit" class="button primary block" disabled={sending.pending()}>
            {sending.pending() ? t("deck.checking") : t("deck.check")}
          </button>
        </Show>
      </form>
      <Show when={feedback()}>
        {(f) => (
          <div class={`deck-feedback ${f().correct ? "is-right" : "is-wrong"}`} tabIndex={-1} ref={feedbackEl}>
            <p class="deck-verdict" role="status">
              <strong>
                {f().correct
                  ? t("deck.right")
                  : f().score > 0
                    ? t("deck.partly", { percent: formatShare(f().score, locale()) })
                    : t("deck.wrong")}
              </strong>
            </p>
            <Show when={!f().correct}>
              <dl class="review-answers">
                <div class="review-answer key">
                  <dt>{t("deck.correctAnswer")}</dt>
                  <dd>
                    <AnswerView question={q()} answer={f().correctAnswer as Answer} lang={locale()} />
                  </dd>
                </div>
              </dl>
            </Show>
            <div class="review-why">
              <h3>{t("deck.explanation")}</h3>
              <p>{inLocale(f().explanation)}</p>
            </div>
            <p>
              <A href={lessonLink(f())}>
                <Icon name="book" size={18} /> {t("deck.readInLesson")}
              </A>
            </p>
            <Show
              when={f().correct}
              fallback={
                <button type="button" class="button primary block rating-again" onClick={() => props.onDone(f())}>
                  {t("deck.again")} · {formatInterval(f().preview.again, locale())}
                </button>
              }
            >
              <fieldset class="ratings">
                <legend>{t("deck.howWell")}</legend>
                <div class="rating-buttons">
                  <For each={RATINGS}>
                    {(r) => (
                      <button
                        type="button"
                        class={`button rating rating-${r}${r === "good" ? " primary" : ""}`}
                        disabled={sending.pending()}
                        onClick={() => void rate(r)}
                      >
                        {t(`deck.${r}`)} · {formatInterval(f().preview[r], locale())}
                      </button>
                    )}
                  </For>
                </div>
              </fieldset>
            </Show>
          </div>
        )}
      </Show>
    </article>
  );
}

function DeckSession() {
  const data = createAsync(() => getDue());
  // The session keeps the cards it started with: refreshing the count at the end must not reshuffle the current card.
  const [cards, setCards] = createSignal<DueCard[] | null>(null);
  const [index, setIndex] = createSignal(0);
  const [reviewed, setReviewed] = createSignal(0);
  const [scheduled, setScheduled] = createSignal("");
  createEffect(() => {
    const d = data();
    if (d && cards() === null) setCards(d.cards);
  });
  const current = () => cards()?.[index()];
  const finished = () => cards() !== null && index() >= (cards()?.length ?? 0);

  const next = (f: Feedback) => {
    setScheduled(t("deck.scheduled", { when: formatRelative(f.nextDue, intlLocale()) }) ?? "");
    setReviewed((n) => n + 1);
    setIndex((i) => i + 1);
    if (index() >= (cards()?.length ?? 0)) void revalidate([getDue.key, getDueCount.key]);
    window.scrollTo({ top: 0 });
  };
  const more = () => {
    setCards(data()?.cards ?? []);
    setIndex(0);
    setScheduled("");
  };

  return (
    <>
      <p class="status-line" role="status">
        {scheduled()}
      </p>
      <Show when={current()} keyed>
        {(card) => <DeckCard card={card} n={index() + 1} total={cards()?.length ?? 0} onDone={next} />}
      </Show>
      <Show when={finished()}>
        <section class="card deck-done" aria-labelledby="deck-done-title">
          <Show
            when={reviewed() > 0}
            fallback={
              <>
                <h2 id="deck-done-title">{t("deck.none")}</h2>
                <p>{t("deck.emptyHint")}</p>
              </>
            }
          >
            <h2 id="deck-done-title">{t("deck.done")}</h2>
            <p>{t(`deck.doneText.${pluralForm(intlLocale(), reviewed())}`, { count: String(reviewed()) })}</p>
          </Show>
          <Show when={data()?.nextDue && !data()?.due}>
            <p class="muted">{t("deck.nextDue", { when: formatRelative(data()?.nextDue as string, intlLocale()) })}</p>
          </Show>
          <Show when={reviewed() > 0 && (data()?.due ?? 0) > 0}>
            <button type="button" class="button primary block" onClick={more}>
              {t("deck.more")} · {data()?.due}
            </button>
          </Show>
          <A href="/results" class="button block">
            {t("deck.toResults")}
          </A>
        </section>
      </Show>
    </>
  );
}

function DeckPage() {
  const count = createAsync(() => getDue().then((d) => d.due));
  return (
    <>
      <h1>{t("deck.title")}</h1>
      <p class="lead">{t("deck.lead")}</p>
      <ErrorBoundary
        fallback={(error, reset) => (
          // A load that got no answer at all (not an ApiError) is the network, whatever navigator.onLine says.
          <Show
            when={navigator.onLine && error instanceof ApiError}
            fallback={
              <p class="notice" role="alert">
                {t("deck.offline")}
              </p>
            }
          >
            <LoadError
              error={error}
              retry={async () => {
                await revalidate(getDue.key);
                reset();
              }}
            />
          </Show>
        )}
      >
        <Suspense fallback={<Loading />}>
          <Show when={(count() ?? 0) > 0}>
            <p class="deck-count">
              <strong>{t(`deck.due.${pluralForm(intlLocale(), count() ?? 0)}`, { count: String(count() ?? 0) })}</strong>
            </p>
          </Show>
          <DeckSession />
        </Suspense>
      </ErrorBoundary>
    </>
  );
}

export default function Deck() {
  return (
    <div class="page deck-page">
      <Gate need="student" title={t("deck.title")}>
        {() => <DeckPage />}
      </Gate>
    </div>
  );
}
