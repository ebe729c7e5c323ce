// Sign in with email and password, then go back where the visitor came from (or to their home); with ?reset=1, set a
// new password with a code from the instructor instead.
import { createSignal, Show } from "solid-js";
import { api, unwrap } from "../api.ts";
import { createAuthFlow, EmailField, emailError, PasswordField, signInRefusal } from "../components/AuthFields.tsx";
import { createFormErrors, type FieldErrors } from "../components/FormErrors.tsx";
import { t } from "../i18n.ts";
import { A, action, useAction } from "../router.tsx";
import { ResetPassword } from "./account/ResetPassword.tsx";

const signIn = action(
  async (json: { email: string; password: string }) => (await unwrap(await api.auth.login.$post({ json }))).user,
  "signIn",
);

export default function SignIn() {
  const flow = createAuthFlow();
  return (
    <div class="page narrow">
      <Show when={flow.params.reset === "1"} fallback={<SignInForm />}>
        <ResetPassword />
      </Show>
    </div>
  );
}

function SignInForm() {
  const flow = createAuthFlow();
  const run = useAction(signIn);
  const form = createFormErrors(["email", "password"]);
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const badEmail = emailError(email());
    if (badEmail) found.email = badEmail;
    if (!password()) found.password = t("form.required");
    if (form.check(found)) return;
    await flow.send(
      () => run({ email: email().trim(), password: password() }),
      (error) => form.fail(error, { 401: t("auth.badCredentials"), 429: signInRefusal(error) }),
    );
  };

  const resetQuery = () => `?reset=1${flow.linkQuery().replace("?", "&")}`;
  return (
    <>
      <h1>{t("auth.signInTitle")}</h1>
      <p class="lead">{t("auth.signInLead")}</p>
      <form class="form" onSubmit={submit} novalidate>
        <form.Summary labels={{ email: t("auth.email"), password: t("auth.password") }} />
        <EmailField value={email()} onInput={setEmail} error={form.field("email")} />
        <PasswordField value={password()} onInput={setPassword} error={form.field("password")} autocomplete="current-password" />
        <div class="form-actions">
          <button type="submit" class="button primary block" disabled={flow.pending()}>
            {flow.pending() ? t("auth.signingIn") : t("auth.signIn")}
          </button>
        </div>
      </form>
      <p class="switch-auth">
        <A href={`/signin${resetQuery()}`}>{t("auth.forgot")}</A>
      </p>
      <p class="switch-auth">
        {t("auth.noAccount")} <A href={`/signup${flow.linkQuery()}`}>{t("auth.signUp")}</A>
      </p>
    </>
  );
}
