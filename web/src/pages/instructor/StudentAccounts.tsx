// The instructor's side of students' accounts: a one-time reset code for a student who forgot their password, and
// the notice of students who deleted their accounts, whose attempts leave the gradebook once acknowledged.
import { createSignal, For, Show } from "solid-js";
import { api, unwrap } from "../../api.ts";
import { formatDate, formatDateTime } from "../../dates.ts";
import { pluralForm } from "../../dueCount.ts";
import { locale, t } from "../../i18n.ts";
import { problemMessage } from "../../problem.ts";
import { action, createAsync, query, revalidate, useAction } from "../../router.tsx";
import { getClass } from "./data.ts";

// A plain call, not a router action: issuing a code changes no data on the page, and an action would refetch the
// roster and redraw it, code and all.
const issueResetCode = async (id: string, userId: string) =>
  unwrap(await api.classes[":id"].members[":userId"]["reset-code"].$post({ param: { id, userId } }));

export const getDeparted = query(
  async (id: string) => (await unwrap(await api.classes[":id"].departed.$get({ param: { id } }))).students,
  "departedStudents",
);

const acknowledge = action(
  async (id: string, userId: string) =>
    (await unwrap(await api.classes[":id"].departed[":userId"].$delete({ param: { id, userId } }))).removedAttempts,
  "acknowledgeDeparture",
);

const attemptsText = (n: number) => t(`studentAccounts.attempts.${pluralForm(locale(), n)}`, { count: String(n) });

/** A button that issues a reset code for one student, and the code once issued: large, spelled out for screen readers. */
export function ResetCode(props: { classId: string; student: { id: string; name: string } }) {
  const [issued, setIssued] = createSignal<{ code: string; expiresAt: string } | null>(null);
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const regionId = `reset-code-${props.student.id}`;

  const run = async () => {
    setBusy(true);
    setError("");
    try {
      setIssued(await issueResetCode(props.classId, props.student.id));
    } catch (failure) {
      setIssued(null);
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="reset-code">
      <button
        type="button"
        class="button subtle"
        disabled={busy()}
        aria-controls={regionId}
        aria-label={t("studentAccounts.issueLabel", { name: props.student.name })}
        onClick={run}
      >
        {t("studentAccounts.issue")}
      </button>
      <div id={regionId} role="status" aria-live="polite">
        <Show when={issued()}>
          {(code) => (
            <div class="card reset-code-card">
              <p>{t("studentAccounts.codeFor", { name: props.student.name })}</p>
              <p class="join-code">
                <span aria-hidden="true">{code().code}</span>
                <span class="visually-hidden">{code().code.replace("-", "").split("").join(" ")}</span>
              </p>
              <p class="muted small">{t("studentAccounts.codeHelp", { until: formatDateTime(code().expiresAt, locale()) })}</p>
            </div>
          )}
        </Show>
        <Show when={error()}>
          <p class="field-error">{error()}</p>
        </Show>
      </div>
    </div>
  );
}

/** Students of the class who deleted their accounts: what stays in the gradebook until when, and "remove now". */
export function DepartedStudents(props: { classId: string }) {
  const students = createAsync(() => getDeparted(props.classId));
  const remove = useAction(acknowledge);
  const [status, setStatus] = createSignal("");

  const removeNow = async (student: { userId: string; name: string }) => {
    try {
      const n = await remove(props.classId, student.userId);
      setStatus(t("studentAccounts.removed", { name: student.name, attempts: attemptsText(n) }));
      void revalidate(getClass.keyFor(props.classId));
    } catch (failure) {
      setStatus(problemMessage(failure));
    }
  };

  return (
    <>
      <p class="status-line" role="status" aria-live="polite">
        {status()}
      </p>
      <Show when={(students() ?? []).length > 0}>
        <section class="card notice" aria-labelledby="departed-title">
          <h2 id="departed-title">{t("studentAccounts.departedTitle")}</h2>
          <ul class="departed">
            <For each={students()}>
              {(s) => (
                <li>
                  <p>
                    {t("studentAccounts.departed", {
                      name: s.name,
                      date: formatDate(s.deletedAt, locale()),
                      attempts: attemptsText(s.attemptCount),
                      removeOn: formatDate(s.removeOn, locale()),
                    })}
                  </p>
                  <button
                    type="button"
                    class="button block"
                    aria-label={t("studentAccounts.acknowledgeLabel", { name: s.name })}
                    onClick={() => removeNow(s)}
                  >
                    {t("studentAccounts.acknowledge")}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}
