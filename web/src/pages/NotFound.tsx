// Any path the app does not know.
import { t } from "../i18n.ts";
import { A } from "../router.tsx";

export default function NotFound() {
  return (
    <div class="page">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <A href="/" class="button">
        {t("notFound.home")}
      </A>
    </div>
  );
}
