// /join/:code — the link an instructor shares: a signed-in student joins with one tap; others sign in first.
import { createSignal, Show } from "solid-js";
import { api, unwrap } from "../api.ts";
import { Gate } from "../components/Gate.tsx";
import { loadStrings, t } from "../i18n.ts";
import { problemMessage } from "../problem.ts";
import { A, action, useParams, useSubmission } from "../router.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("account");

/** Joins the class with this code (joining twice is harmless); the router then revalidates the dashboard. */
export const joinClass = action(
  async (code: string) => (await unwrap(await api.classes.join.$post({ json: { code } }))).class,
  "joinClass",
);

/** What people type or a link carries: any case, spaces or dashes. */
export const cleanJoinCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, "");

type Joined = Awaited<ReturnType<typeof joinClass>>;

export default function Join() {
  const params = useParams<{ code: string }>();
  const code = () => cleanJoinCode(decodeURIComponent(params.code ?? ""));
  const run = useSubmission(joinClass);
  const [joined, setJoined] = createSignal<Joined | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  let status: HTMLDivElement | undefined;

  const join = async () => {
    setFailure(null);
    try {
      setJoined(await run(code()));
    } catch (error) {
      setFailure(problemMessage(error, { 404: t("join.badCode"), 400: t("join.codeFormat") }));
    } finally {
      queueMicrotask(() => status?.focus());
    }
  };

  return (
    <div class="page narrow">
      <h1>{t("join.title")}</h1>
      <p class="join-code-line">
        {t("join.lead")} <span class="code-inline">{code()}</span>
      </p>
      <Gate
        prompt={t("join.signInFirst")}
        children={(user) => (
          <Show
            when={user().role === "student"}
            fallback={
              <>
                <p>{t("join.instructor")}</p>
                <A href="/classes" class="button primary block">
                  {t("auth.toClasses")}
                </A>
              </>
            }
          >
            <div ref={status} tabIndex={-1} class="join-status">
              <Show when={joined()}>
                {(k) => (
                  <div class="notice good" role="status">
                    <p>
                      <strong>{t("join.success", { name: k().name })}</strong>
                    </p>
                    <p>{t("join.teacher", { name: k().instructorName })}</p>
                  </div>
                )}
              </Show>
              <Show when={failure()}>
                <p class="notice bad" role="alert">
                  {failure()}
                </p>
              </Show>
            </div>
            <div class="form-actions">
              <Show
                when={joined()}
                fallback={
                  <button type="button" class="button primary block" disabled={run.pending()} onClick={join}>
                    {run.pending() ? t("dashboard.joining") : t("join.button")}
                  </button>
                }
              >
                <A href="/dashboard" class="button primary block">
                  {t("join.toDashboard")}
                </A>
              </Show>
            </div>
          </Show>
        )}
      />
    </div>
  );
}
