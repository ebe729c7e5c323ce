// Create an account (student or instructor); it signs in at once and returns to where the visitor was going.
import { createSignal } from "solid-js";
import { api, unwrap } from "../api.ts";
import { createAuthFlow, EmailField, emailError, PasswordField } from "../components/AuthFields.tsx";
import { ChoiceField, Field } from "../components/Field.tsx";
import { createFormErrors, type FieldErrors } from "../components/FormErrors.tsx";
import { t } from "../i18n.ts";
import { A, action, useAction } from "../router.tsx";
import type { SessionUser } from "../session.ts";

const signUp = action(
  async (json: { email: string; password: string; name: string; role: SessionUser["role"] }) =>
    (await unwrap(await api.auth.signup.$post({ json }))).user,
  "signUp",
);

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 200;

export default function SignUp() {
  const flow = createAuthFlow();
  const run = useAction(signUp);
  const form = createFormErrors(["name", "email", "password", "role"]);
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [role, setRole] = createSignal<SessionUser["role"]>(flow.params.role === "instructor" ? "instructor" : "student");

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name().trim()) found.name = t("form.required");
    else if (name().trim().length > 100) found.name = t("form.maxChars", { n: "100" });
    const badEmail = emailError(email());
    if (badEmail) found.email = badEmail;
    if (password().length < PASSWORD_MIN) found.password = t("form.minChars", { n: String(PASSWORD_MIN) });
    else if (password().length > PASSWORD_MAX) found.password = t("form.maxChars", { n: String(PASSWORD_MAX) });
    if (form.check(found)) return;
    await flow.send(
      () => run({ name: name().trim(), email: email().trim(), password: password(), role: role() }),
      (error) => form.fail(error),
    );
  };

  return (
    <div class="page narrow">
      <h1>{t("auth.signUpTitle")}</h1>
      <p class="lead">{t("auth.signUpLead")}</p>
      <form class="form" onSubmit={submit} novalidate>
        <form.Summary labels={{ name: t("auth.name"), email: t("auth.email"), password: t("auth.password"), role: t("auth.role") }} />
        <Field
          name="name"
          label={t("auth.name")}
          hint={t("auth.nameHint")}
          autocomplete="name"
          autocapitalize="words"
          maxLength={100}
          required
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          error={form.field("name")}
        />
        <EmailField value={email()} onInput={setEmail} error={form.field("email")} />
        <PasswordField
          value={password()}
          onInput={setPassword}
          error={form.field("password")}
          autocomplete="new-password"
          hint={t("auth.newPasswordHint")}
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
        />
        <ChoiceField
          name="role"
          legend={t("auth.role")}
          value={role()}
          onChange={setRole}
          error={form.field("role")}
          options={[
            { value: "student", label: t("auth.roleStudent"), hint: t("auth.roleStudentHint") },
            { value: "instructor", label: t("auth.roleInstructor"), hint: t("auth.roleInstructorHint") },
          ]}
        />
        <div class="form-actions">
          <button type="submit" class="button primary block" disabled={flow.pending()}>
            {flow.pending() ? t("auth.signingUp") : t("auth.signUp")}
          </button>
        </div>
      </form>
      <p class="switch-auth">
        {t("auth.haveAccount")} <A href={`/signin${flow.linkQuery()}`}>{t("auth.signIn")}</A>
      </p>
    </div>
  );
}
