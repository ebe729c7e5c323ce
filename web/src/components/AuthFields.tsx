// What sign-in and sign-up share: the email and password fields with their checks and the show-password switch,
// and the submit flow that returns the visitor to where they were going.
import { createSignal, type JSX } from "solid-js";
import { ApiError } from "../api.ts";
import { t } from "../i18n.ts";
import { useNavigate, useSearchParams, useSubmission } from "../router.tsx";
import { homeFor, type SessionUser, safeNext } from "../session.ts";
import { Field } from "./Field.tsx";

/**
 * The page's `?next=` (only a path on this site), a query string that keeps it on the link to the other form, and
 * `send`: runs the sign-in or sign-up, then goes to `next` or the user's home; a failure goes to `fail`.
 */
export function createAuthFlow() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signingIn = useSubmission((request: () => Promise<SessionUser>) => request());
  const next = () => safeNext(params.next);
  return {
    params,
    pending: signingIn.pending,
    linkQuery: () => (next() ? `?next=${encodeURIComponent(next() as string)}` : ""),
    async send(request: () => Promise<SessionUser>, fail: (error: unknown) => void): Promise<void> {
      try {
        const user = await signingIn(request);
        navigate(next() ?? homeFor(user), { replace: true });
      } catch (error) {
        fail(error);
      }
    },
  };
}

/** Why sign-in was held back (429), in words with the wait: this account slowed down, or this client limited. */
export function signInRefusal(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.problem.status !== 429) return undefined;
  const { reason, retryAfter } = error.problem as { reason?: string; retryAfter?: number };
  const seconds = Number.isFinite(retryAfter) && (retryAfter as number) > 0 ? (retryAfter as number) : 60;
  if (reason === "account_slowed") return t("auth.slowedDown", { seconds: String(seconds) });
  return t("auth.clientLimited", { minutes: String(Math.ceil(seconds / 60)) });
}

export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** The client-side check of an email field: required, then shaped like an address. */
export function emailError(value: string): string | undefined {
  if (!value.trim()) return t("form.required");
  if (!looksLikeEmail(value)) return t("form.email");
  return undefined;
}

export function EmailField(props: { value: string; onInput: (value: string) => void; error: string | undefined }) {
  return (
    <Field
      name="email"
      label={t("auth.email")}
      type="email"
      inputmode="email"
      autocomplete="email"
      autocapitalize="none"
      spellcheck={false}
      required
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
      error={props.error}
    />
  );
}

/** A password field with a checkbox that shows it in plain text (typing on a phone is error-prone). */
export function PasswordField(props: {
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
  /** current-password to sign in, new-password to choose one (password managers tell them apart). */
  autocomplete: "current-password" | "new-password";
  hint?: JSX.Element;
  minLength?: number;
  maxLength?: number;
  /** For a form with two passwords (the current one and a new one): each its own name and label. */
  name?: string;
  label?: string;
}) {
  const [shown, setShown] = createSignal(false);
  return (
    <Field
      name={props.name ?? "password"}
      label={props.label ?? t("auth.password")}
      hint={props.hint}
      type={shown() ? "text" : "password"}
      autocomplete={props.autocomplete}
      autocapitalize="none"
      spellcheck={false}
      minLength={props.minLength}
      maxLength={props.maxLength}
      required
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
      error={props.error}
      after={
        <label class="check">
          <input type="checkbox" checked={shown()} onChange={(e) => setShown(e.currentTarget.checked)} />
          <span>{t("auth.showPassword")}</span>
        </label>
      }
    />
  );
}
