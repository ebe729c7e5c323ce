// The account page's forms: change my name, my email or my password (the last two with the current password).
import { createSignal, type JSX } from "solid-js";
import { EmailField, emailError, PasswordField, signInRefusal } from "../../components/AuthFields.tsx";
import { Field } from "../../components/Field.tsx";
import { createFormErrors, type FieldErrors } from "../../components/FormErrors.tsx";
import { t } from "../../i18n.ts";
import { useAction } from "../../router.tsx";
import type { SessionUser } from "../../session.ts";
import { changeEmail, changePassword, inUiLanguage, PASSWORD_MIN, rename } from "./actions.ts";

type Form = ReturnType<typeof createFormErrors>;

/** A form's submit: client checks first, then the request; `done` hears the success message. */
function createSubmit(form: Form, done: (message: string) => void) {
  const [busy, setBusy] = createSignal(false);
  return {
    busy,
    async run(found: FieldErrors, send: () => Promise<unknown>, message: string): Promise<void> {
      if (form.check(found)) return;
      setBusy(true);
      try {
        await send();
        form.clear();
        done(message);
      } catch (error) {
        form.fail(inUiLanguage(error), { 429: signInRefusal(error) });
      } finally {
        setBusy(false);
      }
    },
  };
}

function FormShell(props: {
  onSubmit: () => void;
  labels: Record<string, string>;
  form: Form;
  busy: boolean;
  submit: string;
  children: JSX.Element;
}) {
  return (
    <form
      class="form"
      novalidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <props.form.Summary labels={props.labels} />
      {props.children}
      <div class="form-actions">
        <button type="submit" class="button primary block" disabled={props.busy}>
          {props.busy ? t("account.saving") : props.submit}
        </button>
      </div>
    </form>
  );
}

function CurrentPassword(props: { value: string; onInput: (v: string) => void; error: string | undefined }) {
  return (
    <PasswordField
      name="currentPassword"
      label={t("account.currentPassword")}
      autocomplete="current-password"
      value={props.value}
      onInput={props.onInput}
      error={props.error}
    />
  );
}

export function NameForm(props: { user: SessionUser; done: (message: string) => void }) {
  const form = createFormErrors(["name"]);
  const submit = createSubmit(form, props.done);
  const run = useAction(rename);
  const [name, setName] = createSignal(props.user.name);
  return (
    <FormShell
      form={form}
      labels={{ name: t("auth.name") }}
      busy={submit.busy()}
      submit={t("account.save")}
      onSubmit={() => submit.run(name().trim() ? {} : { name: t("form.required") }, () => run(name().trim()), t("account.nameSaved"))}
    >
      <Field
        name="name"
        label={t("auth.name")}
        hint={t("auth.nameHint")}
        autocomplete="name"
        maxLength={100}
        required
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
        error={form.field("name")}
      />
    </FormShell>
  );
}

export function EmailForm(props: { user: SessionUser; done: (message: string) => void }) {
  const form = createFormErrors(["email", "currentPassword"]);
  const submit = createSubmit(form, props.done);
  const run = useAction(changeEmail);
  const [email, setEmail] = createSignal("");
  const [current, setCurrent] = createSignal("");
  const check = () => {
    const found: FieldErrors = {};
    const bad = emailError(email());
    if (bad) found.email = bad;
    if (!current()) found.currentPassword = t("form.required");
    return found;
  };
  return (
    <FormShell
      form={form}
      labels={{ email: t("auth.email"), currentPassword: t("account.currentPassword") }}
      busy={submit.busy()}
      submit={t("account.changeEmail")}
      onSubmit={() => submit.run(check(), () => run({ email: email().trim(), currentPassword: current() }), t("account.emailSaved"))}
    >
      <EmailField value={email()} onInput={setEmail} error={form.field("email")} />
      <CurrentPassword value={current()} onInput={setCurrent} error={form.field("currentPassword")} />
    </FormShell>
  );
}

export function PasswordForm(props: { done: (message: string) => void }) {
  const form = createFormErrors(["currentPassword", "newPassword"]);
  const submit = createSubmit(form, props.done);
  const run = useAction(changePassword);
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const check = () => {
    const found: FieldErrors = {};
    if (!current()) found.currentPassword = t("form.required");
    if (next().length < PASSWORD_MIN) found.newPassword = t("form.minChars", { n: String(PASSWORD_MIN) });
    return found;
  };
  return (
    <FormShell
      form={form}
      labels={{ currentPassword: t("account.currentPassword"), newPassword: t("account.newPassword") }}
      busy={submit.busy()}
      submit={t("account.changePassword")}
      onSubmit={() => submit.run(check(), () => run({ currentPassword: current(), newPassword: next() }), t("account.passwordSaved"))}
    >
      <CurrentPassword value={current()} onInput={setCurrent} error={form.field("currentPassword")} />
      <PasswordField
        name="newPassword"
        label={t("account.newPassword")}
        hint={t("auth.newPasswordHint")}
        autocomplete="new-password"
        minLength={PASSWORD_MIN}
        maxLength={200}
        value={next()}
        onInput={setNext}
        error={form.field("newPassword")}
      />
    </FormShell>
  );
}

export { CurrentPassword };
