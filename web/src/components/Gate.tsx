// Pages for signed-in people: waits for the session, asks anonymous visitors to sign in and come back.
import { type Accessor, ErrorBoundary, type JSX, Show, Suspense } from "solid-js";
import { t } from "../i18n.ts";
import { A, revalidate, useLocation } from "../router.tsx";
import { getSession, homeFor, type SessionUser, useSession } from "../session.ts";
import { LoadError, Loading } from "./LoadError.tsx";

/** Links to sign in and sign up that bring the visitor back to `next` afterwards. */
export function SignInLinks(props: { next?: string }) {
  const query = () => (props.next ? `?next=${encodeURIComponent(props.next)}` : "");
  return (
    <div class="actions">
      <A href={`/signin${query()}`} class="button primary block">
        {t("auth.signIn")}
      </A>
      <A href={`/signup${query()}`} class="button block">
        {t("auth.signUp")}
      </A>
    </div>
  );
}

/** Renders its children for a signed-in user with the given role; explains and links otherwise. */
export function Gate(props: {
  need?: SessionUser["role"];
  /** The page's heading, shown above the fallbacks (omit it when the page shows its own). */
  title?: string;
  /** Why signing in is needed here. */
  prompt?: string;
  children: (user: Accessor<SessionUser>) => JSX.Element;
}) {
  const heading = () => (props.title ? <h1>{props.title}</h1> : null);
  const session = useSession();
  const location = useLocation();
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <div>
          {heading()}
          <LoadError
            error={error}
            retry={() => {
              void revalidate(getSession.key);
              reset();
            }}
          />
        </div>
      )}
    >
      <Suspense fallback={<Loading />}>
        <Show
          when={session()}
          fallback={
            <Show when={session() === null}>
              <div>
                {heading()}
                <p>{props.prompt ?? t("auth.required")}</p>
                <SignInLinks next={location.pathname} />
              </div>
            </Show>
          }
        >
          {(user) => (
            <Show
              when={!props.need || user().role === props.need}
              fallback={
                <div>
                  {heading()}
                  <p>{props.need === "instructor" ? t("auth.wrongRoleInstructor") : t("auth.wrongRoleStudent")}</p>
                  <A href={homeFor(user())} class="button primary block">
                    {user().role === "instructor" ? t("auth.toClasses") : t("auth.toDashboard")}
                  </A>
                </div>
              }
            >
              {props.children(user)}
            </Show>
          )}
        </Show>
      </Suspense>
    </ErrorBoundary>
  );
}
