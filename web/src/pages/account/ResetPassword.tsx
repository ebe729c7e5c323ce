// "Forgot your password?": the code the instructor read out, the email, a new password; then the student is signed in.
import { createSignal } from "solid-js";
import { ApiError, api, unwrap } from "../../api.ts";
import { createAuthFlow, EmailField, emailError, PasswordField } from "../../components/AuthFields.tsx";
import { Field } from "../../components/Field.tsx";
import { createFormErrors, type FieldErrors } from "../../components/FormErrors.tsx";
import { t } from "../../i18n.ts";
import { A, action, useAction } from "../../router.tsx";

// Kept apart from the account page's code: this form is part of the sign-in page's chunk.
const PASSWORD_MIN = 10;

const resetPassword = action(
  async (json: { email: string; code: string; newPassword: string }) =>
    (await unwrap(await api.auth["reset-password"].$post({ json }))).user,
  "resetPassword",
);

/** The server's words about the code, in the UI language (the shared form code shows unknown messages as sent). */
function codeMessages(error: unknown): unknown {
  if (error instanceof ApiError) {
    for (const e of error.problem.errors ?? []) {
      if (e.message === "is not right, used or expired") e.message = t("form.resetCodeBad");
      else if (e.message.startsWith("must be the 10-character code")) e.message = t("form.resetCodeFormat");
    }
  }
  return error;
}

/** What a person types for a 10-character code: the dash and spaces do not count. */
const codeLength = (code: string) => code.replace(/[\s-]/g, "").length;

export function ResetPassword() {
  const flow = createAuthFlow();
  const run = useAction(resetPassword);
  const form = createFormErrors(["email", "code", "newPassword"]);
  const [email, setEmail] = createSignal("");
  const [code, setCode] = createSignal("");
  const [password, setPassword] = createSignal("");

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const badEmail = emailError(email());
    if (badEmail) found.email = badEmail;
    if (codeLength(code()) !== 10) found.code = code().trim() ? t("form.resetCodeFormat") : t("form.required");
    if (password().length < PASSWORD_MIN) found.newPassword = t("form.minChars", { n: String(PASSWORD_MIN) });
    if (form.check(found)) return;
    await flow.send(
      () => run({ email: email().trim(), code: code(), newPassword: password() }),
      (error) => form.fail(codeMessages(error)),
    );
  };

  return (
    <>
      <h1>{t("auth.resetTitle")}</h1>
      <p class="lead">{t("auth.resetLead")}</p>
      <form class="form" onSubmit={submit} novalidate>
        <form.Summary labels={{ email: t("auth.email"), code: t("auth.resetCode"), newPassword: t("account.newPassword") }} />
        <EmailField value={email()} onInput={setEmail} error={form.field("email")} />
        <Field
          name="code"
          label={t("auth.resetCode")}
          hint={t("auth.resetCodeHint")}
          autocomplete="one-time-code"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={32}
          required
          value={code()}
          onInput={(e) => setCode(e.currentTarget.value)}
          error={form.field("code")}
        />
        <PasswordField
          name="newPassword"
          label={t("account.newPassword")}
          hint={t("auth.newPasswordHint")}
          autocomplete="new-password"
          minLength={PASSWORD_MIN}
          maxLength={200}
          value={password()}
          onInput={setPassword}
          error={form.field("newPassword")}
        />
        <div class="form-actions">
          <button type="submit" class="button primary block" disabled={flow.pending()}>
            {flow.pending() ? t("auth.resetting") : t("auth.resetSubmit")}
          </button>
        </div>
      </form>
      <p class="switch-auth">
        <A href={`/signin${flow.linkQuery()}`}>{t("auth.backToSignIn")}</A>
      </p>
    </>
  );
}
