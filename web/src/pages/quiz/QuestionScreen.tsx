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

/** Practice feedback: "Check" for the types that wait for it, then the verdict (or why it has not come yet). */
function Practice(props: { session: QuizSession; question: ServedQuestion }) {
  const s = props.session;
  const q = props.question;
  const given = () => isAnswered(s.answerOf(q.id));
  const revealed = () => given() && (s.autoFeedback(q) || s.isChecked(q.id));
  const retry = () => {
    s.retry(q);
    queueMicrotask(() => document.querySelector<HTMLElement>(".q-screen input, .q-screen select, .q-screen .q-move")?.focus());
  };
  return (
    <>
      <Show when={!s.autoFeedback(q) && given() && !s.isChecked(q.id)}>
        <button type="button" class="button primary block q-check" onClick={() => s.check(q)}>
          {t("quiz.check")}
        </button>
      </Show>
      <div class="q-feedback-region" aria-live="polite">
        <Show when={revealed()}>
          <Show
            when={s.verdictFor(q.id)}
            fallback={<p class="q-hint">{s.category() === "waiting" ? t("quiz.feedbackOffline") : t("quiz.checking")}</p>}
          >
            {(v) => <FeedbackCard question={q} verdict={v()} lang={locale() as Lang} onRetry={retry} />}
          </Show>
        </Show>
      </div>
    </>
  );
}
