// Deleting my account: what will happen, said before anything is done, then the current password to confirm.
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { signInRefusal } from "../../components/AuthFields.tsx";
import { createFormErrors } from "../../components/FormErrors.tsx";
import { LoadBoundary } from "../../components/LoadError.tsx";
import { pluralForm } from "../../dueCount.ts";
import { locale, t } from "../../i18n.ts";
import { A, createAsync, revalidate, useAction } from "../../router.tsx";
import { type DeletionPreview, deleteAccount, getDeletionPreview, inUiLanguage } from "./actions.ts";
import { CurrentPassword } from "./ProfileForms.tsx";

const attempts = (n: number) => t(`account.delete.attempts.${pluralForm(locale(), n)}`, { count: String(n) });

function WhatHappens(props: { plan: DeletionPreview }) {
  const days = () => String(props.plan.purgeAfterDays);
  return (
    <Switch>
      <Match when={props.plan.role === "student"}>
        <p>{t("account.delete.studentNow")}</p>
        <Show when={props.plan.classAttempts.length > 0} fallback={<p>{t("account.delete.studentNoClasses")}</p>}>
          <p>{t("account.delete.studentClasses", { days: days() })}</p>
          <ul>
            <For each={props.plan.classAttempts}>
              {(k) => <li>{t("account.delete.classLine", { name: k.name, attempts: attempts(k.attemptCount) })}</li>}
            </For>
          </ul>
        </Show>
      </Match>
      <Match when={!props.plan.allowed}>
        <p>{t("account.delete.instructorBlocked")}</p>
        <ul>
          <For each={props.plan.classesWithStudents}>
            {(k) => (
              <li>
                <A href={`/classes/${encodeURIComponent(k.id)}`}>{k.name}</A> —{" "}
                {t("account.delete.students", { n: String(k.studentCount) })}
              </li>
            )}
          </For>
        </ul>
      </Match>
      <Match when={props.plan.allowed}>
        <p>{t("account.delete.instructorNow")}</p>
        <Show when={props.plan.emptyClasses.length > 0}>
          <p>{t("account.delete.instructorClasses", { names: props.plan.emptyClasses.map((k) => k.name).join(", ") })}</p>
        </Show>
      </Match>
    </Switch>
  );
}

/** The panel's content once opened: the plan, then (when allowed) the password and the final button. */
export function DeleteAccount(props: { done: () => void }) {
  const plan = createAsync(() => getDeletionPreview());
  const form = createFormErrors(["currentPassword"]);
  const run = useAction(deleteAccount);
  const [current, setCurrent] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  const confirm = async (event: SubmitEvent) => {
    event.preventDefault();
    if (form.check(current() ? {} : { currentPassword: t("form.required") })) return;
    setBusy(true);
    try {
      await run(current());
      props.done();
    } catch (error) {
      form.fail(inUiLanguage(error), { 429: signInRefusal(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <LoadBoundary retry={() => revalidate(getDeletionPreview.key)}>
      <Show when={plan()}>
        {(p) => (
          <>
            <WhatHappens plan={p()} />
            <Show when={p().allowed}>
              <form class="form" novalidate onSubmit={confirm}>
                <form.Summary labels={{ currentPassword: t("account.currentPassword") }} />
                <CurrentPassword value={current()} onInput={setCurrent} error={form.field("currentPassword")} />
                <div class="form-actions">
                  <button type="submit" class="button danger block" disabled={busy()}>
                    {busy() ? t("account.delete.deleting") : t("account.delete.confirm")}
                  </button>
                </div>
              </form>
            </Show>
          </>
        )}
      </Show>
    </LoadBoundary>
  );
}
