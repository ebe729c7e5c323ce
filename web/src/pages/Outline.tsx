// /modules: the course outline, one card per module in course order, in the UI language; for a signed-in student,
// each card also says whether the lesson is read, the best score and what is assigned.
import { For, Show } from "solid-js";
import { assignmentHref, getMyAssignments } from "../assignments.ts";
import { LoadBoundary } from "../components/LoadError.tsx";
import { getOutline, questionCount } from "../course.ts";
import { formatDateTime } from "../dates.ts";
import { formatShare } from "../format.ts";
import { locale, t } from "../i18n.ts";
import { getProgress, type ModuleFacts, moduleFacts } from "../progress.ts";
import { A, createAsync, revalidate } from "../router.tsx";
import { getSession } from "../session.ts";

/** The student's own facts about one module; its line keeps its height while they load, so nothing below moves. */
function ModuleProgress(props: { facts: ModuleFacts | undefined; lesson: boolean }) {
  return (
    <p class="module-progress">
      <Show when={props.facts}>
        {(f) => (
          <>
            <Show when={props.lesson}>
              <span class={f().read ? "fact read" : "fact"}>{f().read ? `✓ ${t("course.read")}` : t("course.notRead")}</span>
            </Show>
            <Show when={f().bestShare !== null}>
              <span class="fact">{t("course.best", { percent: formatShare(f().bestShare ?? 0, locale()) })}</span>
            </Show>
            <Show when={f().assigned}>
              {(a) => (
                <A href={assignmentHref(a().id)} class="fact assigned">
                  {a().dueAt ? t("course.assignedDue", { date: formatDateTime(a().dueAt as string, locale()) }) : t("course.assigned")}
                </A>
              )}
            </Show>
          </>
        )}
      </Show>
    </p>
  );
}

export default function Outline() {
  const outline = createAsync(() => getOutline(locale()));
  // Known before the cards are drawn, so a student's cards come with their progress line from the first frame.
  const student = createAsync(async () => (await getSession().catch(() => null))?.role === "student");
  const mine = createAsync(async () => {
    if (!(await getSession().catch(() => null))) return null;
    const [progress, assignments] = await Promise.all([getProgress(), getMyAssignments()]);
    return { progress, assignments };
  });
  const facts = (slug: string) => {
    const m = mine.latest;
    return m ? moduleFacts(slug, m.progress, m.assignments) : undefined;
  };
  return (
    <div class="page outline">
      <h1>{t("course.title")}</h1>
      <p class="lead">{t("course.lead")}</p>
      <LoadBoundary retry={() => revalidate(getOutline.key)}>
        <Show when={outline.latest && student.latest !== undefined ? outline.latest : undefined}>
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
                        <span>
                          {t(m.kind === "final" ? "course.answerMinutes" : "course.minutes", { count: String(m.estimatedMinutes) })}
                        </span>
                        <Show when={m.lang !== data().lang}>
                          <span aria-hidden="true"> · </span>
                          <span lang={data().lang}>{t("course.inRussian")}</span>
                        </Show>
                      </p>
                      <Show when={student.latest}>
                        <ModuleProgress facts={facts(m.slug)} lesson={m.kind === "lesson"} />
                      </Show>
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
