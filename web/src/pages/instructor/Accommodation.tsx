// One student's accommodation on one assignment: what it is, and the form that sets, changes or removes it.
import { createSignal, Show } from "solid-js";
import { api, unwrap } from "../../api.ts";
import { inLocale, locale, t } from "../../i18n.ts";
import { fromLocalInput, toLocalInput } from "../../localTime.ts";
import { problemMessage } from "../../problem.ts";

export interface AccommodationData {
  extraMinutes: number | null;
  timeFactor: number | null;
  extraAttempts: number | null;
  opensAt: string | null;
  dueAt: string | null;
  summary: { ru: string; en: string };
}

/** A short word for a gradebook cell: "extended to Fri" for a later due date, otherwise "accommodation". */
export function accommodationMark(a: AccommodationData): string {
  if (!a.dueAt) return t("control.accommodated");
  const day = new Intl.DateTimeFormat(locale(), { weekday: "short" }).format(new Date(a.dueAt));
  return t("control.extendedTo", { day });
}

const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value.replace(",", ".")));

export function AccommodationForm(props: {
  classId: string;
  assignmentId: string;
  studentId: string;
  current: AccommodationData | null;
  onChange: () => void;
}) {
  const [message, setMessage] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const id = (field: string) => `acc-${props.assignmentId}-${field}`;
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage(await work());
      props.onChange();
    } catch (error) {
      setMessage(problemMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const save = (form: HTMLFormElement) =>
    run(async () => {
      const data = new FormData(form);
      const read = (name: string) => String(data.get(name) ?? "");
      const when = (name: string) => {
        const ms = fromLocalInput(read(name));
        return ms === null ? null : new Date(ms).toISOString();
      };
      await unwrap(
        await api.classes[":id"].assignments[":assignmentId"].overrides.$post({
          param: { id: props.classId, assignmentId: props.assignmentId },
          json: {
            userIds: [props.studentId],
            extraMinutes: numberOrNull(read("extraMinutes")),
            timeFactor: numberOrNull(read("timeFactor")),
            extraAttempts: numberOrNull(read("extraAttempts")),
            opensAt: when("opensAt"),
            dueAt: when("dueAt"),
          },
        }),
      );
      return t("control.saved");
    });
  const remove = () =>
    run(async () => {
      await unwrap(
        await api.classes[":id"].assignments[":assignmentId"].overrides[":userId"].$delete({
          param: { id: props.classId, assignmentId: props.assignmentId, userId: props.studentId },
        }),
      );
      return t("control.removed");
    });
  const c = () => props.current;
  return (
    <div class="accommodation">
      <p>
        <strong>{t("control.accommodation")}: </strong>
        {c() ? inLocale((c() as AccommodationData).summary) : t("control.none")}
      </p>
      <details>
        <summary>{t(c() ? "control.change" : "control.set")}</summary>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save(e.currentTarget);
          }}
        >
          <p class="muted small">{t("control.hint")}</p>
          <label for={id("extraMinutes")}>{t("control.extraMinutes")}</label>
          <input
            class="input"
            id={id("extraMinutes")}
            name="extraMinutes"
            type="number"
            min="1"
            max="600"
            inputmode="numeric"
            value={c()?.extraMinutes ?? ""}
          />
          <label for={id("timeFactor")}>{t("control.timeFactor")}</label>
          <input
            class="input"
            id={id("timeFactor")}
            name="timeFactor"
            type="number"
            min="1.05"
            max="5"
            step="0.05"
            inputmode="decimal"
            value={c()?.timeFactor ?? ""}
          />
          <label for={id("extraAttempts")}>{t("control.extraAttempts")}</label>
          <input
            class="input"
            id={id("extraAttempts")}
            name="extraAttempts"
            type="number"
            min="1"
            max="20"
            inputmode="numeric"
            value={c()?.extraAttempts ?? ""}
          />
          <label for={id("opensAt")}>{t("control.opensAt")}</label>
          <input class="input" id={id("opensAt")} name="opensAt" type="datetime-local" value={toLocalInput(c()?.opensAt ?? null)} />
          <label for={id("dueAt")}>{t("control.dueAt")}</label>
          <input class="input" id={id("dueAt")} name="dueAt" type="datetime-local" value={toLocalInput(c()?.dueAt ?? null)} />
          <div class="row">
            <button type="submit" class="button primary" disabled={busy()}>
              {t("control.save")}
            </button>
            <Show when={c()}>
              <button type="button" class="button" disabled={busy()} onClick={() => void remove()}>
                {t("control.remove")}
              </button>
            </Show>
          </div>
        </form>
      </details>
      <p role="status" class="small">
        {message()}
      </p>
    </div>
  );
}
