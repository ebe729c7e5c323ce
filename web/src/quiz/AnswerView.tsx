// An answer shown as text (the learner's or the correct one), and the practice feedback card built on it.
import { For, Show } from "solid-js";
import { formatShare } from "../format.ts";
import { loadStrings, locale, t } from "../i18n.ts";
import { A } from "../router.tsx";
import { describeAnswer, type Lang, type Localized, type ServedQuestion, textIn } from "./model.ts";
import type { Answer } from "./outbox.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

export function AnswerView(props: { question: ServedQuestion; answer: Answer | null | undefined; lang: Lang }) {
  const text = () => answerText(props.question, props.answer, props.lang);
  return (
    <Show when={text().lines.length > 1 || text().ordered} fallback={<p class="q-answer-text">{text().lines[0]}</p>}>
      <Show when={text().ordered} fallback={<ul class="q-answer-list">{<For each={text().lines}>{(line) => <li>{line}</li>}</For>}</ul>}>
        <ol class="q-answer-list">
          <For each={text().lines}>{(line) => <li>{line}</li>}</For>
        </ol>
      </Show>
    </Show>
  );
}

/** describeAnswer with the UI's words for true, false and no answer. */
export const answerText = (question: ServedQuestion, answer: Answer | null | undefined, lang: Lang) =>
  describeAnswer(question, answer, lang, { true: t("quiz.true"), false: t("quiz.false"), none: t("quiz.noAnswer") });

/** What the server says about one answer (practice PUT feedback, or a review item). */
export interface Verdict {
  correct: boolean;
  /** A text answer accepted with a one-letter slip. */
  typo?: boolean;
  score: number;
  correctAnswer: Answer;
  explanation: Localized;
  anchor: string;
  moduleSlug: string;
}

/** "Correct", "Correct: accepted with a typo", "Partly right: 50%", "Not quite". */
export function verdictTitle(v: { correct: boolean; score: number; typo?: boolean }): string {
  if (v.correct) return t(v.typo ? "quiz.acceptedWithTypo" : "quiz.correct");
  if (v.score > 0) return t("quiz.partial", { percent: formatShare(v.score, locale()) });
  return t("quiz.wrong");
}

export const lessonLink = (q: { moduleSlug: string; anchor: string }) => `/modules/${q.moduleSlug}#${encodeURIComponent(q.anchor)}`;

export function FeedbackCard(props: { question: ServedQuestion; verdict: Verdict; lang: Lang; onRetry?: (() => void) | undefined }) {
  const tone = () => (props.verdict.correct ? "good" : props.verdict.score > 0 ? "partial" : "bad");
  return (
    <div class={`q-feedback q-feedback-${tone()}`}>
      <p class="q-feedback-title">
        <span aria-hidden="true" class="q-feedback-icon">
          {props.verdict.correct ? "✓" : props.verdict.score > 0 ? "◐" : "✗"}
        </span>
        <strong>{verdictTitle(props.verdict)}</strong>
      </p>
      <Show when={!props.verdict.correct}>
        <p class="q-feedback-label">{t("quiz.correctAnswer")}</p>
        <AnswerView question={props.question} answer={props.verdict.correctAnswer} lang={props.lang} />
      </Show>
      <p class="q-explanation">{textIn(props.verdict.explanation, props.lang)}</p>
      <div class="q-feedback-actions">
        <A href={lessonLink(props.verdict)} class="button">
          {t("quiz.readLesson")}
        </A>
        <Show when={!props.verdict.correct && props.onRetry}>
          <button type="button" class="button" onClick={() => props.onRetry?.()}>
            {t("quiz.tryAgain")}
          </button>
        </Show>
      </div>
    </div>
  );
}
