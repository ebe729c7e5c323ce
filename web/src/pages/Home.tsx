// The home page: what the course is and where to start.
import { A } from "@solidjs/router";
import { t } from "../i18n.ts";

export function Home() {
  return (
    <div class="page">
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
