// Create an account (student or instructor); it signs in at once and returns to where the visitor was going.
import { createSignal } from "solid-js";
import { ChoiceField, Field } from "../components/Field.tsx";
import { createFormErrors, type FieldErrors } from "../components/FormErrors.tsx";
import { t } from "../i18n.ts";
import { A, useAction, useNavigate, useSearchParams } from "../router.tsx";
import { homeFor, type SessionUser, safeNext, signUp } from "../session.ts";
import { looksLikeEmail, ShowPassword } from "./SignIn.tsx";

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 200;

export default function SignUp() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const run = useAction(signUp);
  const form = createFormErrors(["name", "email", "password", "role"]);
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [role, setRole] = createSignal<SessionUser["role"]>(params.role === "instructor" ? "instructor" : "student");
  const [shown, setShown] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const next = () => safeNext(params.next);
  const linkQuery = () => (next() ? `?next=${encodeURIComponent(next() as string)}` : "");

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name().trim()) found.name = t("form.required");
    else if (name().trim().length > 100) found.name = t("form.maxChars", { n: "100" });
    if (!email().trim()) found.email = t("form.required");
    else if (!looksLikeEmail(email())) found.email = t("form.email");
    if (password().length < PASSWORD_MIN) found.password = t("form.minChars", { n: String(PASSWORD_MIN) });
    else if (password().length > PASSWORD_MAX) found.password = t("form.maxChars", { n: String(PASSWORD_MAX) });
    if (form.check(found)) return;
    setPending(true);
    try {
      const user = await run({ name: name().trim(), email: email().trim(), password: password(), role: role() });
      navigate(next() ?? homeFor(user), { replace: true });
    } catch (error) {
      form.fail(error);
    } finally {
      setPending(false);
    }
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
        <Field
          name="email"
          label={t("auth.email")}
          type="email"
          inputmode="email"
          autocomplete="email"
          autocapitalize="none"
          spellcheck={false}
          required
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
          error={form.field("email")}
        />
        <Field
          name="password"
          label={t("auth.password")}
          hint={t("auth.newPasswordHint")}
          type={shown() ? "text" : "password"}
          autocomplete="new-password"
          autocapitalize="none"
          spellcheck={false}
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={form.field("password")}
          after={<ShowPassword shown={shown()} onChange={setShown} />}
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
          <button type="submit" class="button primary block" disabled={pending()}>
            {pending() ? t("auth.signingUp") : t("auth.signUp")}
          </button>
        </div>
      </form>
      <p class="switch-auth">
        {t("auth.haveAccount")} <A href={`/signin${linkQuery()}`}>{t("auth.signIn")}</A>
      </p>
    </div>
  );
}
