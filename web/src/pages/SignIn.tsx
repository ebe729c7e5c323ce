// Sign in with email and password, then go back where the visitor came from (or to their home).
import { createSignal } from "solid-js";
import { Field } from "../components/Field.tsx";
import { createFormErrors, type FieldErrors } from "../components/FormErrors.tsx";
import { t } from "../i18n.ts";
import { A, useAction, useNavigate, useSearchParams } from "../router.tsx";
import { homeFor, safeNext, signIn } from "../session.ts";

export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** A checkbox that shows the password in plain text (typing on a phone is error-prone). */
export function ShowPassword(props: { shown: boolean; onChange: (shown: boolean) => void }) {
  return (
    <label class="check">
      <input type="checkbox" checked={props.shown} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      <span>{t("auth.showPassword")}</span>
    </label>
  );
}

export default function SignIn() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const run = useAction(signIn);
  const form = createFormErrors(["email", "password"]);
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [shown, setShown] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const next = () => safeNext(params.next);
  const linkQuery = () => (next() ? `?next=${encodeURIComponent(next() as string)}` : "");

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!email().trim()) found.email = t("form.required");
    else if (!looksLikeEmail(email())) found.email = t("form.email");
    if (!password()) found.password = t("form.required");
    if (form.check(found)) return;
    setPending(true);
    try {
      const user = await run({ email: email().trim(), password: password() });
      navigate(next() ?? homeFor(user), { replace: true });
    } catch (error) {
      form.fail(error, { 401: t("auth.badCredentials") });
    } finally {
      setPending(false);
    }
  };

  return (
    <div class="page narrow">
      <h1>{t("auth.signInTitle")}</h1>
      <p class="lead">{t("auth.signInLead")}</p>
      <form class="form" onSubmit={submit} novalidate>
        <form.Summary labels={{ email: t("auth.email"), password: t("auth.password") }} />
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
          type={shown() ? "text" : "password"}
          autocomplete="current-password"
          autocapitalize="none"
          spellcheck={false}
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={form.field("password")}
          after={<ShowPassword shown={shown()} onChange={setShown} />}
        />
        <div class="form-actions">
          <button type="submit" class="button primary block" disabled={pending()}>
            {pending() ? t("auth.signingIn") : t("auth.signIn")}
          </button>
        </div>
      </form>
      <p class="switch-auth">
        {t("auth.noAccount")} <A href={`/signup${linkQuery()}`}>{t("auth.signUp")}</A>
      </p>
    </div>
  );
}
