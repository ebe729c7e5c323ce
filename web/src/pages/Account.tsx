// The Account tab: who is signed in; change name, email or password; download my data; sign out here or everywhere;
// delete the account. A visitor gets the way in.
import { createSignal, type JSX, Show } from "solid-js";
import { SignInLinks } from "../components/Gate.tsx";
import { LoadBoundary } from "../components/LoadError.tsx";
import { loadStrings, t } from "../i18n.ts";
import { problemMessage } from "../problem.ts";
import { A, revalidate, useLocation, useNavigate, useSubmission } from "../router.tsx";
import { getSession, homeFor, useSession } from "../session.ts";
import { signOut, signOutEverywhere } from "./account/actions.ts";
import { DeleteAccount } from "./account/DeleteAccount.tsx";
import { EmailForm, NameForm, PasswordForm } from "./account/ProfileForms.tsx";

/** "Download my data": a plain link, so the browser saves the server's attachment itself (GET /api/me/export). */
const EXPORT_URL = "/api/me/export";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("account");

type Panel = "name" | "email" | "password" | "delete";

/**
 * A button that opens one form under it. One panel is open at a time, so each form's fields (two of them ask for the
 * current password) keep unique ids.
 */
function Disclosure(props: {
  id: Panel;
  open: Panel | null;
  toggle: (id: Panel) => void;
  label: string;
  danger?: boolean;
  children: JSX.Element;
}) {
  const open = () => props.open === props.id;
  return (
    <div class="disclosure">
      <button
        type="button"
        class={props.danger ? "button danger block" : "button block"}
        aria-expanded={open()}
        aria-controls={`panel-${props.id}`}
        onClick={() => props.toggle(props.id)}
      >
        {props.label}
      </button>
      <div id={`panel-${props.id}`} class="panel" hidden={!open()}>
        <Show when={open()}>{props.children}</Show>
      </div>
    </div>
  );
}

export default function Account() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation<{ deleted?: boolean }>();
  const [panel, setPanel] = createSignal<Panel | null>(null);
  const [saved, setSaved] = createSignal("");
  const toggle = (id: Panel) => {
    setSaved("");
    setPanel((open) => (open === id ? null : id));
  };
  const done = (message: string) => {
    setPanel(null);
    setSaved(message);
  };
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
              <Show when={location.state?.deleted}>
                <p class="notice good" role="status">
                  {t("account.delete.done")}
                </p>
              </Show>
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
              <p class="status-line" role="status" aria-live="polite">
                {saved()}
              </p>
              <section class="account-edit" aria-labelledby="account-edit-title">
                <h2 id="account-edit-title">{t("account.editTitle")}</h2>
                <Disclosure id="name" open={panel()} toggle={toggle} label={t("account.changeName")}>
                  <NameForm user={user()} done={done} />
                </Disclosure>
                <Disclosure id="email" open={panel()} toggle={toggle} label={t("account.changeEmail")}>
                  <EmailForm user={user()} done={done} />
                </Disclosure>
                <Disclosure id="password" open={panel()} toggle={toggle} label={t("account.changePassword")}>
                  <p class="field-hint">{t("account.passwordHint")}</p>
                  <PasswordForm done={done} />
                </Disclosure>
              </section>
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
              <section class="account-data" aria-labelledby="account-data-title">
                <h2 id="account-data-title">{t("account.dataTitle")}</h2>
                <p class="field-hint" id="export-hint">
                  {t("account.exportHint")}
                </p>
                <a href={EXPORT_URL} download="" class="button block" aria-describedby="export-hint">
                  {t("account.export")}
                </a>
                <Disclosure id="delete" open={panel()} toggle={toggle} label={t("account.delete.open")} danger>
                  <DeleteAccount done={() => navigate("/account", { replace: true, state: { deleted: true } })} />
                </Disclosure>
              </section>
            </>
          )}
        </Show>
      </LoadBoundary>
    </div>
  );
}
