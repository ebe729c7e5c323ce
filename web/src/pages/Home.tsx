// The home page: what the course is and where to start.
import { ErrorBoundary, Show, Suspense } from "solid-js";
import { getDueCount, pluralForm } from "../dueCount.ts";
import { intlLocale, t } from "../i18n.ts";
import { A, createAsync } from "../router.tsx";
import { useSession } from "../session.ts";

/** For a signed-in student with questions due: a link to the review deck. Nothing otherwise, and never a wait. */
function DueReviews() {
  const session = useSession();
  const due = createAsync(async () => (session()?.role === "student" ? getDueCount().catch(() => 0) : 0));
  return (
    <ErrorBoundary fallback={null}>
      <Suspense>
        <Show when={(due() ?? 0) > 0}>
          <A href="/deck" class="card deck-link home-due">
            <strong>{t(`deck.due.${pluralForm(intlLocale(), due() ?? 0)}`, { count: String(due()) })}</strong>
            <span>{t("deck.title")} →</span>
          </A>
        </Show>
      </Suspense>
    </ErrorBoundary>
  );
}

export function Home() {
  return (
    <div class="page">
      <DueReviews />
      <section class="hero">
        <p class="eyebrow">{t("app.tagline")}</p>
        <h1>{t("home.title")}</h1>
        <p class="lead">{t("home.lead")}</p>
        <A href="/modules" class="button primary">
          {t("home.start")}
        </A>
      </section>
      <section aria-labelledby="why">
        <h2 id="why">{t("home.why")}</h2>
        <ul class="features">
          <li>
            <h3>{t("home.fast")}</h3>
            <p>{t("home.fastText")}</p>
          </li>
          <li>
            <h3>{t("home.safe")}</h3>
            <p>{t("home.safeText")}</p>
          </li>
          <li>
            <h3>{t("home.honest")}</h3>
            <p>{t("home.honestText")}</p>
          </li>
        </ul>
      </section>
    </div>
  );
}
