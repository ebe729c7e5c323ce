// /modules: the course outline, one card per module in course order, in the UI language.
import { For, Show } from "solid-js";
import { LoadBoundary } from "../components/LoadError.tsx";
import { getOutline, questionCount } from "../course.ts";
import { locale, t } from "../i18n.ts";
import { A, createAsync, revalidate } from "../router.tsx";

export default function Outline() {
  const outline = createAsync(() => getOutline(locale()));
  return (
    <div class="page outline">
      <h1>{t("course.title")}</h1>
      <p class="lead">{t("course.lead")}</p>
      <LoadBoundary retry={() => revalidate(getOutline.key)}>
        <Show when={outline.latest}>
          {(data) => (
            <ol class="module-list" aria-label={t("course.listLabel")} lang={data().lang}>
              <For each={data().modules}>
                {(m) => (
                  <li class="module-card" classList={{ final: m.kind === "final" }} lang={m.lang}>
                    <span class="module-order" aria-hidden="true">
                      {m.kind === "final" ? "★" : m.order}
                    </span>
                    <div class="module-body">
                      <h2>
                        <A href={`/modules/${m.slug}`} class="stretched">
                          {m.title}
                        </A>
                      </h2>
                      <p class="module-summary">{m.summary}</p>
                      <p class="module-meta">
                        <span>{questionCount(m.questionCount)}</span>
                        <span aria-hidden="true"> · </span>
                        <span>{t("course.minutes", { count: String(m.estimatedMinutes) })}</span>
                        <Show when={m.lang !== data().lang}>
                          <span aria-hidden="true"> · </span>
                          <span lang={data().lang}>{t("course.inRussian")}</span>
                        </Show>
                      </p>
                    </div>
                  </li>
                )}
              </For>
            </ol>
          )}
        </Show>
      </LoadBoundary>
    </div>
  );
}
