// The question screen of an attempt: one question, its input, the flag, and in practice the check button and verdict.
import { Show } from "solid-js";
import { locale, t } from "../../i18n.ts";
import { FeedbackCard } from "../../quiz/AnswerView.tsx";
import { isAnswered, type Lang, type ServedQuestion } from "../../quiz/model.ts";
import { QuestionInput } from "../../quiz/Questions.tsx";
import type { QuizSession } from "./createQuizSession.ts";

export function QuestionScreen(props: { session: QuizSession; heading: (el: HTMLHeadingElement) => void }) {
  const s = props.session;
  const lang = () => locale() as Lang;
  return (
    <section class="q-screen" aria-labelledby="q-screen-heading">
      <h2 id="q-screen-heading" class="q-heading" tabIndex={-1} ref={props.heading}>
        {t("quiz.questionOf", { n: String(s.index() + 1), total: String(s.total) })}
        <Show when={s.isFlagged(s.current().id)}>
          <span class="q-flag-badge"> · {t("quiz.flagged")}</span>
        </Show>
      </h2>
      <Show when={s.current()} keyed>
        {(q) => (
          <>
            <QuestionInput
              question={q}
              answer={s.answerOf(q.id)}
              lang={lang()}
              onAnswer={(answer, typing) => s.give(q, answer, typing)}
              onCommit={(explicit) => s.commit(q, explicit)}
            />
            <Show when={s.practice}>
              <Practice session={s} question={q} />
            </Show>
            <button type="button" class="q-flag" aria-pressed={s.isFlagged(q.id) ? "true" : "false"} onClick={() => s.toggleFlag(q.id)}>
              <span aria-hidden="true">⚑</span> {t("quiz.flag")}
            </button>
          </>
        )}
      </Show>
    </section>
  );
}

/** "Check", for the types whose verdict waits for it (the verdict itself is the bottom bar's PracticeFeedback). */
function Practice(props: { session: QuizSession; question: ServedQuestion }) {
  const s = props.session;
  const q = props.question;
  return (
    <Show when={!s.autoFeedback(q) && isAnswered(s.answerOf(q.id)) && !s.isChecked(q.id)}>
      <button type="button" class="button primary block q-check" onClick={() => s.check(q)}>
        {t("quiz.check")}
      </button>
    </Show>
  );
}

/**
 * The practice verdict on the question on screen, in a panel pinned to the bottom so it shows without scrolling.
 * While the answer waits on the device, the bar's notice says the verdict comes once it is sent.
 */
export function PracticeFeedback(props: { session: QuizSession; question: ServedQuestion }) {
  const s = props.session;
  const q = () => props.question;
  const revealed = () => isAnswered(s.answerOf(q().id)) && (s.autoFeedback(q()) || s.isChecked(q().id));
  const retry = () => {
    s.retry(q());
    queueMicrotask(() => document.querySelector<HTMLElement>(".q-screen input, .q-screen select, .q-screen .q-move")?.focus());
  };
  return (
    <div class="q-feedback-region" aria-live="polite">
      <Show when={revealed()}>
        <Show
          when={s.verdictFor(q().id)}
          fallback={<Show when={s.category() !== "waiting"}>{<p class="q-hint">{t("quiz.checking")}</p>}</Show>}
        >
          {(v) => <FeedbackCard question={q()} verdict={v()} lang={locale() as Lang} onRetry={retry} />}
        </Show>
      </Show>
    </div>
  );
}
