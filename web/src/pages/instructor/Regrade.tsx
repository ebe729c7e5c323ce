// Regrading one question from a student's attempt: this student's score by hand with a comment, or for everyone
// (accept what they typed, full marks, drop the question from the score).
import { createSignal, Show } from "solid-js";
import { api, unwrap } from "../../api.ts";
import { t } from "../../i18n.ts";
import { problemMessage } from "../../problem.ts";

type Body = {
  questionId: string;
  kind: "accept" | "full_marks" | "drop" | "score";
  answer?: string;
  attemptId?: string;
  score?: number;
  comment?: string;
};

export function RegradeControls(props: {
  classId: string;
  assignmentId: string;
  attemptId: string;
  questionId: string;
  /** What the student typed, when the question takes typed answers (text, numeric) and they answered. */
  typed: string | null;
  submitted: boolean;
  onChange: () => void;
}) {
  const [message, setMessage] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const id = (field: string) => `rg-${props.attemptId}-${props.questionId}-${field}`;
  const send = async (body: Body, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    try {
      const done = await unwrap(
        await api.classes[":id"].assignments[":assignmentId"].regrades.$post({
          param: { id: props.classId, assignmentId: props.assignmentId },
          json: body,
        }),
      );
      setMessage(t("control.regradedCount", { n: String(done.attemptsChanged) }));
      props.onChange();
    } catch (error) {
      setMessage(problemMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const q = () => props.questionId;
  return (
    <details class="regrade">
      <summary>{t("control.regrade")}</summary>
      <Show when={props.submitted}>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const percent = Number(String(data.get("score") ?? "").replace(",", "."));
            const comment = String(data.get("comment") ?? "").trim();
            void send({
              questionId: q(),
              kind: "score",
              attemptId: props.attemptId,
              score: percent / 100,
              ...(comment ? { comment } : {}),
            });
          }}
        >
          <label for={id("score")}>{t("control.scoreByHand")}</label>
          <input class="input" id={id("score")} name="score" type="number" min="0" max="100" step="any" inputmode="decimal" required />
          <label for={id("comment")}>{t("control.comment")}</label>
          <input class="input" id={id("comment")} name="comment" type="text" maxLength={500} />
          <button type="submit" class="button" disabled={busy()}>
            {t("control.saveScore")}
          </button>
        </form>
      </Show>
      <p class="small">
        <strong>{t("control.forEveryone")}</strong>
      </p>
      <div class="row wrap">
        <Show when={props.typed}>
          {(typed) => (
            <button
              type="button"
              class="button"
              disabled={busy()}
              onClick={() => void send({ questionId: q(), kind: "accept", answer: typed() })}
            >
              {t("control.accept", { answer: typed() })}
            </button>
          )}
        </Show>
        <button
          type="button"
          class="button"
          disabled={busy()}
          onClick={() => void send({ questionId: q(), kind: "full_marks" }, t("control.fullMarksConfirm"))}
        >
          {t("control.fullMarks")}
        </button>
        <button
          type="button"
          class="button"
          disabled={busy()}
          onClick={() => void send({ questionId: q(), kind: "drop" }, t("control.dropConfirm"))}
        >
          {t("control.drop")}
        </button>
      </div>
      <p role="status" class="small">
        {message()}
      </p>
    </details>
  );
}
