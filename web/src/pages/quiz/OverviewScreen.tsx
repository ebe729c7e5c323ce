// The overview screen of an attempt: every question as a numbered cell, answered and flagged ones marked, each a link to it.
import { For } from "solid-js";
import { t } from "../../i18n.ts";
import { isAnswered } from "../../quiz/model.ts";
import { A } from "../../router.tsx";
import type { QuizSession } from "./createQuizSession.ts";

export function OverviewScreen(props: { session: QuizSession; heading: (el: HTMLHeadingElement) => void }) {
  const s = props.session;
  return (
    <section class="q-screen" aria-labelledby="q-screen-heading">
      <h2 id="q-screen-heading" class="q-heading" tabIndex={-1} ref={props.heading}>
        {t("quiz.overviewTitle")}
      </h2>
      <p class="q-hint">{t("quiz.overviewHint")}</p>
      <ol class="q-grid">
        <For each={s.questions}>
          {(q, i) => {
            const answered = () => isAnswered(s.answerOf(q.id));
            const flagged = () => s.isFlagged(q.id);
            const state = () =>
              [answered() ? t("quiz.stateAnswered") : t("quiz.stateUnanswered"), flagged() ? t("quiz.stateFlagged") : ""]
                .filter(Boolean)
                .join(", ");
            return (
              <li>
                <A
                  href={s.questionHref(i())}
                  class="q-cell"
                  classList={{ "q-cell-answered": answered(), "q-cell-flagged": flagged(), "q-cell-current": i() === s.index() }}
                  aria-label={t("quiz.cellLabel", { n: String(i() + 1), state: state() })}
                  aria-current={i() === s.index() ? "step" : undefined}
                >
                  <span class="q-cell-num">{i() + 1}</span>
                  <span class="q-cell-marks" aria-hidden="true">
                    {answered() ? "✓" : ""}
                    {flagged() ? "⚑" : ""}
                  </span>
                </A>
              </li>
            );
          }}
        </For>
      </ol>
      <ul class="q-legend" aria-label={t("quiz.legend")}>
        <li>
          <span class="q-cell q-cell-answered q-legend-swatch" aria-hidden="true">
            ✓
          </span>
          {t("quiz.stateAnswered")}
        </li>
        <li>
          <span class="q-cell q-legend-swatch" aria-hidden="true" />
          {t("quiz.stateUnanswered")}
        </li>
        <li>
          <span class="q-cell q-cell-flagged q-legend-swatch" aria-hidden="true">
            ⚑
          </span>
          {t("quiz.stateFlagged")}
        </li>
      </ul>
    </section>
  );
}
