// The Account tab: who is signed in and a way out, or the way in for a visitor.
import { createSignal, Show } from "solid-js";
import { SignInLinks } from "../components/Gate.tsx";
import { LoadBoundary } from "../components/LoadError.tsx";
import { loadStrings, t } from "../i18n.ts";
import { problemMessage } from "../problem.ts";
import { A, revalidate, useNavigate, useSubmission } from "../router.tsx";
import { getSession, homeFor, signOut, signOutEverywhere, useSession } from "../session.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("account");

export default function Account() {
  const session = useSession();
  const navigate = useNavigate();
  const here = useSubmission(signOut);
  const everywhere = useSubmission(signOutEverywhere);
  const pending = () => here.pending() || everywhere.pending();
  const [failure, setFailure] = createSignal<string | null>(null);

  const leave = async (where: "here" | "everywhere") => {
    setFailure(null);
    try {
      await (where === "here" ? here() : everywhere());
      navigate("/account", { replace: true });
    } catch (error) {
      setFailure(problemMessage(error));
    }
  };

  return (
    <div class="page narrow">
      <h1>{t("account.title")}</h1>
      <LoadBoundary retry={() => revalidate(getSession.key)}>
        <Show
          when={session()}
          fallback={
            <Show when={session() === null}>
              <p class="lead">{t("account.anonymousLead")}</p>
              <SignInLinks />
            </Show>
          }
        >
          {(user) => (
            <>
              <dl class="profile card">
                <div>
                  <dt>{t("account.name")}</dt>
                  <dd>{user().name}</dd>
                </div>
                <div>
                  <dt>{t("account.email")}</dt>
                  <dd>{user().email}</dd>
                </div>
                <div>
                  <dt>{t("account.role")}</dt>
                  <dd>{user().role === "instructor" ? t("account.instructor") : t("account.student")}</dd>
                </div>
              </dl>
              <div class="actions">
                <A href={homeFor(user())} class="button primary block">
                  {user().role === "instructor" ? t("account.myClasses") : t("account.myAssignments")}
                </A>
                <Show when={failure()}>
                  <p class="field-error" role="alert">
                    {failure()}
                  </p>
                </Show>
                <button type="button" class="button block" disabled={pending()} onClick={() => leave("here")}>
                  {here.pending() ? t("account.signingOut") : t("account.signOut")}
                </button>
                <button
                  type="button"
                  class="button block"
                  aria-describedby="sign-out-everywhere-hint"
                  disabled={pending()}
                  onClick={() => leave("everywhere")}
                >
                  {everywhere.pending() ? t("account.signingOutEverywhere") : t("account.signOutEverywhere")}
                </button>
                <p id="sign-out-everywhere-hint" class="field-hint">
                  {t("account.signOutEverywhereHint")}
                </p>
              </div>
            </>
          )}
        </Show>
      </LoadBoundary>
    </div>
  );
}
