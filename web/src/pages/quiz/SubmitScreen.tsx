// The submit screen of an attempt: how much is answered, links to the unanswered and flagged questions, and submit,
// which waits until every answer on the device has reached the server.
import { For, Show } from "solid-js";
import { t } from "../../i18n.ts";
import { A } from "../../router.tsx";
import type { QuizSession } from "./createQuizSession.ts";

export function SubmitScreen(props: { session: QuizSession; heading: (el: HTMLHeadingElement) => void }) {
  const s = props.session;
  /** A titled list of links to questions by number. */
  const QuestionLinks = (p: { title: string; indexes: number[] }) => (
    <>
      <h3>{p.title}</h3>
      <ul class="q-links">
        <For each={p.indexes}>
          {(i) => (
            <li>
              <A href={s.questionHref(i)}>{t("quiz.questionN", { n: String(i + 1) })}</A>
            </li>
          )}
        </For>
      </ul>
    </>
  );
  return (
    <section class="q-screen" aria-labelledby="q-screen-heading">
      <h2 id="q-screen-heading" class="q-heading" tabIndex={-1} ref={props.heading}>
        {t("quiz.submitTitle")}
      </h2>
      <p>{t("quiz.submitLead", { answered: String(s.answeredCount()), total: String(s.total) })}</p>
      <p>{s.practice ? t("quiz.submitPractice") : t("quiz.submitFinal")}</p>
      <Show when={s.unanswered().length > 0} fallback={<p>{t("quiz.allAnswered")}</p>}>
        <QuestionLinks title={t("quiz.unansweredList")} indexes={s.unanswered()} />
      </Show>
      <Show when={s.flaggedIndexes().length > 0}>
        <QuestionLinks title={t("quiz.flaggedList")} indexes={s.flaggedIndexes()} />
      </Show>
      <Show when={s.sync().pending > 0}>
        <p id="q-submit-wait" class="q-wait">
          {s.category() === "waiting" ? s.waitingText() : t("quiz.saving")} {t("quiz.submitWaits")}
        </p>
      </Show>
      <Show when={s.submitError() && !s.timeUp()}>
        <p class="q-error" role="alert">
          {s.submitError()}
        </p>
      </Show>
      <button
        type="button"
        class="button primary block q-submit"
        aria-disabled={s.sync().pending > 0 || s.submitting() ? "true" : undefined}
        aria-describedby={s.sync().pending > 0 ? "q-submit-wait" : undefined}
        onClick={() => void s.submit()}
      >
        {s.submitting() ? t("quiz.submitting") : t("quiz.submit")}
      </button>
    </section>
  );
}
