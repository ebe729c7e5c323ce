// What went wrong in a form, told once and well: field errors from problem+json and a focused summary.
import { createSignal, For, type JSX, Show, untrack } from "solid-js";
import { ApiError } from "../api.ts";
import { loadStrings, t } from "../i18n.ts";
import { problemMessage } from "../problem.ts";
import { fieldId } from "./Field.tsx";

// Form and field messages live in the account string set (see i18n.ts).
await loadStrings("account");

/** Server field messages (English predicates) in the UI language; unknown ones are shown as sent. */
export function fieldMessage(message: string): string {
  const counted: [RegExp, (n: string) => string][] = [
    [/^must be at least (\d+) characters$/, (n) => t("form.minChars", { n })],
    [/^must be at most (\d+) characters$/, (n) => t("form.maxChars", { n })],
    [/^must be at least (\d+)$/, (n) => t("form.min", { n })],
    [/^must be at most (\d+)$/, (n) => t("form.max", { n })],
  ];
  for (const [pattern, say] of counted) {
    const n = pattern.exec(message)?.[1];
    if (n) return say(n);
  }
  const known: Record<string, string> = {
    "must not be empty": t("form.required"),
    "must be a valid email address": t("form.email"),
    "uses too few different characters": t("form.passwordVariety"),
    "must not contain your email name": t("form.passwordEmail"),
    "is too common": t("form.passwordCommon"),
    "is already registered": t("form.emailTaken"),
    "must be a whole number": t("form.integer"),
    "no class has this code": t("join.badCode"),
    "is not right": t("form.notRight"),
    "is not right, used or expired": t("form.resetCodeBad"),
    "must be after opensAt": t("assignment.dueBeforeOpens"),
    "after_due needs a dueAt": t("assignment.afterDueNeedsDue"),
  };
  if (known[message]) return known[message];
  if (message.startsWith("must be the 6-character join code")) return t("join.codeFormat");
  if (message.startsWith("must be the 10-character code")) return t("form.resetCodeFormat");
  if (message.startsWith("must be a date-time between")) return t("form.dateRange");
  return message;
}

export type FieldErrors = Record<string, string>;

/**
 * A form's error state. `fail` takes client-side errors or a thrown ApiError, puts each field's error
 * on its field (problem `errors[].path` is the field name), and focuses the summary for screen readers.
 */
export function createFormErrors(fields: readonly string[]) {
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [message, setMessage] = createSignal<string | null>(null);
  // The fields whose error the form's own check found (not the server): those clear themselves once fixed.
  let checked = new Set<string>();
  let summary: HTMLElement | undefined;

  const focusSummary = () => queueMicrotask(() => summary?.focus());

  return {
    field: (name: string) => errors()[name],
    errors,
    message,
    clear() {
      setErrors({});
      setMessage(null);
    },
    /** Shows these field errors (already in the UI language); returns true when there were any. */
    check(found: FieldErrors): boolean {
      checked = new Set(Object.keys(found));
      setErrors(found);
      setMessage(null);
      if (Object.keys(found).length > 0) focusSummary();
      return Object.keys(found).length > 0;
    },
    /**
     * The form's check run again as the user edits: an error it found on submit goes away as soon as its field is
     * valid, rather than lingering until the next submit. It never adds an error before the user submits again.
     */
    revise(found: FieldErrors) {
      const current = untrack(errors);
      const kept = Object.entries(current).filter(([name]) => !checked.has(name) || found[name]);
      if (kept.length < Object.keys(current).length) setErrors(Object.fromEntries(kept));
    },
    fail(error: unknown, byStatus?: Partial<Record<number, string>>) {
      checked = new Set();
      const found: FieldErrors = {};
      const stray: string[] = [];
      if (error instanceof ApiError) {
        for (const e of error.problem.errors ?? []) {
          const name = e.path.split(".")[0] ?? "";
          if (fields.includes(name) && !found[name]) found[name] = fieldMessage(e.message);
          else stray.push(fieldMessage(e.message));
        }
      }
      setErrors(found);
      setMessage(Object.keys(found).length > 0 && stray.length === 0 ? null : [problemMessage(error, byStatus), ...stray].join(" "));
      focusSummary();
    },
    Summary(props: { labels: Record<string, string> }): JSX.Element {
      const listed = () => Object.entries(errors()).filter(([name]) => props.labels[name]);
      return (
        <Show when={message() || listed().length > 0}>
          <section class="error-summary" tabIndex={-1} ref={summary} aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{t("form.summary")}</h2>
            <Show when={message()}>
              <p>{message()}</p>
            </Show>
            <Show when={listed().length > 0}>
              <ul>
                <For each={listed()}>
                  {([name, text]) => (
                    <li>
                      <a
                        href={`#${fieldId(name)}`}
                        onClick={(event) => {
                          // Move focus to the control itself, not just scroll to it.
                          event.preventDefault();
                          document.getElementById(fieldId(name))?.focus();
                        }}
                      >
                        {props.labels[name]}: {text}
                      </a>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
        </Show>
      );
    },
  };
}
