// /modules/:slug: the lesson reader for phones: objectives, contents, the text with paragraph deep links, key terms, neighbours.
import { createEffect, ErrorBoundary, For, on, onCleanup, Show, Suspense } from "solid-js";
import { assignmentHref, getMyAssignments, type MyAssignment } from "../assignments.ts";
import { Icon } from "../components/Icon.tsx";
import { LoadBoundary } from "../components/LoadError.tsx";
import { Runs } from "../components/Runs.tsx";
import { getLesson, questionCount } from "../course.ts";
import { formatDueShort } from "../dueDates.ts";
import { locale, t } from "../i18n.ts";
import { trackReading } from "../reading.ts";
import { A, createAsync, revalidate, useLocation, useParams } from "../router.tsx";
import { useSession } from "../session.ts";

type LessonData = Awaited<ReturnType<typeof getLesson>>;
type Block = LessonData["blocks"][number];

const FLASH_CLASS = "flash";
/** As long as the target-flash animation in styles/lesson.css; with reduced motion the highlight simply stays this long. */
const FLASH_MS = 2400;

/** The block at the top of the reading area: kept in view when the language changes (anchors match across languages). */
function topVisibleAnchor(): string | undefined {
  const headerBottom = document.querySelector(".app-header")?.getBoundingClientRect().bottom ?? 0;
  for (const el of document.querySelectorAll<HTMLElement>(".lesson-text [id]")) {
    if (el.getBoundingClientRect().bottom > headerBottom + 8) return el.id;
  }
  return undefined;
}

function scrollToBlock(id: string, flash: boolean) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: "start" });
  if (!flash) return;
  // Move focus there too, so a screen reader starts reading at the linked paragraph.
  el.setAttribute("tabindex", "-1");
  el.focus({ preventScroll: true });
  el.classList.remove(FLASH_CLASS);
  void el.offsetWidth; // restart the animation when the same paragraph is linked twice
  el.classList.add(FLASH_CLASS);
  setTimeout(() => el.classList.remove(FLASH_CLASS), FLASH_MS);
}

/** The assignments on this module that still ask something of me: not done, and not past due. */
const pendingOn = (list: readonly MyAssignment[], slug: string, now = Date.now()) =>
  list.filter(
    (a) =>
      a.module === slug &&
      (a.progress.status === "not_started" || a.progress.status === "in_progress" || a.progress.status === "upcoming") &&
      (a.dueAt === null || Date.parse(a.dueAt) > now),
  );

/** "Assigned · due Thu · Start test" for a signed-in student whose class has this module to do; nothing otherwise. */
function AssignedNotice(props: { slug: string }) {
  const session = useSession();
  const mine = createAsync(async () => (session()?.role === "student" ? getMyAssignments() : []));
  return (
    <ErrorBoundary fallback={null}>
      <Suspense>
        <For each={pendingOn(mine() ?? [], props.slug)}>
          {(a) => (
            <p class="assigned-notice">
              <span>
                <strong>{t("lesson.assigned")}</strong>
                <Show when={a.dueAt}>{(due) => <> · {t("lesson.assignedDue", { date: formatDueShort(due(), locale()) })}</>}</Show>
              </span>
              <A href={assignmentHref(a.id)} class="button primary">
                {a.mode === "assessment" ? t("lesson.startTest") : t("lesson.openAssignment")}
              </A>
            </p>
          )}
        </For>
      </Suspense>
    </ErrorBoundary>
  );
}

function LessonBlock(props: { block: Block }) {
  const b = props.block;
  switch (b.type) {
    case "heading":
      return (
        <h2 id={b.anchor}>
          <Runs runs={b.runs} />
        </h2>
      );
    case "paragraph":
      return (
        <p id={b.anchor}>
          <Runs runs={b.runs} />
        </p>
      );
    case "list":
      return (
        <div id={b.anchor} class="lesson-list">
          <Show when={b.lead}>{(lead) => <p>{<Runs runs={lead()} />}</p>}</Show>
          <ul>
            <For each={b.items}>
              {(item) => (
                <li>
                  <Runs runs={item} />
                </li>
              )}
            </For>
          </ul>
        </div>
      );
  }
}

/** Rendered only with data, so its effects never read a failed request (that is the error boundary's job). */
function LessonView(props: { lesson: LessonData }) {
  const location = useLocation();
  // Switching language keeps the old text on screen until the new one arrives; remember where the reader was.
  let keepAnchor: string | undefined;
  createEffect(
    on(
      locale,
      () => {
        keepAnchor = topVisibleAnchor();
      },
      { defer: true },
    ),
  );

  // Deep links (/modules/:slug#p-...) can only scroll once the text exists: after each render of a lesson or a new hash.
  createEffect(
    on([() => props.lesson, () => location.hash], ([data, hash]) => {
      document.title = `${data.title} — Qadam`;
      const target = keepAnchor ?? decodeURIComponent(hash.replace(/^#/, ""));
      const flash = keepAnchor === undefined;
      keepAnchor = undefined;
      if (target) requestAnimationFrame(() => scrollToBlock(target, flash));
    }),
  );

  // A signed-in reader's place is saved, for "continue where you left off" and the course list's "read".
  const session = useSession();
  let lessonEnd: HTMLParagraphElement | undefined;
  createEffect(
    on([() => props.lesson.slug, () => Boolean(session.latest)], ([slug, signedIn]) => {
      if (!signedIn || props.lesson.kind === "final") return;
      onCleanup(trackReading(slug, topVisibleAnchor, lessonEnd ?? null));
    }),
  );

  const headings = () => props.lesson.blocks.filter((b): b is Extract<Block, { type: "heading" }> => b.type === "heading");
  const isFinal = () => props.lesson.kind === "final";
  return (
    <article class="lesson" lang={props.lesson.lang} aria-labelledby="lesson-title">
      <header class="lesson-header">
        <Show when={!isFinal()}>
          <p class="eyebrow">{t("course.lessonNumber", { order: String(props.lesson.order) })}</p>
        </Show>
        <h1 id="lesson-title">{props.lesson.title}</h1>
        <p class="lead">{props.lesson.summary}</p>
        <Show when={props.lesson.lang !== locale()}>
          <p class="note" lang={locale()} role="note">
            {t("lesson.shownInRussian")}
          </p>
        </Show>
        <p class="module-meta">
          {questionCount(props.lesson.questionCount)}
          <span aria-hidden="true"> · </span>
          {t(isFinal() ? "course.answerMinutes" : "course.minutes", { count: String(props.lesson.estimatedMinutes) })}
        </p>
      </header>

      <Show when={props.lesson.objectives.length > 0}>
        <section class="objectives" aria-labelledby="objectives-title">
          <h2 id="objectives-title">{t("lesson.objectives")}</h2>
          <ul>
            <For each={props.lesson.objectives}>{(o) => <li>{o}</li>}</For>
          </ul>
        </section>
      </Show>

      <Show when={headings().length > 0}>
        <details class="toc">
          <summary>
            <Icon name="list" size={20} />
            <span>{t("lesson.contents")}</span>
          </summary>
          <nav aria-label={t("lesson.contents")}>
            <ol>
              <For each={headings()}>
                {(h) => (
                  <li>
                    <a href={`#${h.anchor}`}>{h.runs.map((r) => r.text).join("")}</a>
                  </li>
                )}
              </For>
            </ol>
          </nav>
        </details>
      </Show>

      <Show when={isFinal()}>
        <p>{t("lesson.finalText")}</p>
      </Show>

      <div class="lesson-text">
        <For each={props.lesson.blocks}>{(block) => <LessonBlock block={block} />}</For>
      </div>

      <Show when={props.lesson.keyTerms.length > 0}>
        <section class="key-terms" aria-labelledby="key-terms-title">
          <h2 id="key-terms-title">{t("lesson.keyTerms")}</h2>
          <dl>
            <For each={props.lesson.keyTerms}>
              {(k) => (
                <>
                  <dt>{k.term}</dt>
                  <dd>{k.definition}</dd>
                </>
              )}
            </For>
          </dl>
        </section>
      </Show>

      <AssignedNotice slug={props.lesson.slug} />
      <p class="practice" ref={lessonEnd}>
        <A href={`/modules/${props.lesson.slug}/quiz`} class="button primary block">
          {isFinal() ? t("lesson.startFinal") : t("lesson.practice")}
        </A>
      </p>

      <nav class="module-nav" aria-label={t("lesson.moduleNav")}>
        <Show when={props.lesson.prev}>
          {(prev) => (
            <A href={`/modules/${prev().slug}`} class="module-nav-link prev" rel="prev">
              <Icon name="arrowLeft" />
              <span>
                <small>{t("lesson.prev")}</small>
                <span>{prev().title}</span>
              </span>
            </A>
          )}
        </Show>
        <Show when={props.lesson.next}>
          {(next) => (
            <A href={`/modules/${next().slug}`} class="module-nav-link next" rel="next">
              <span>
                <small>{t("lesson.next")}</small>
                <span>{next().title}</span>
              </span>
              <Icon name="arrowRight" />
            </A>
          )}
        </Show>
      </nav>
    </article>
  );
}

export default function Lesson() {
  const params = useParams<{ slug: string }>();
  const lesson = createAsync(() => getLesson(params.slug, locale()));

  return (
    <div class="page lesson-page">
      <LoadBoundary
        retry={() => revalidate(getLesson.keyFor(params.slug, locale()))}
        notFound={{ title: t("lesson.notFoundTitle") ?? "", text: t("lesson.notFoundText") ?? "" }}
      >
        <Show when={lesson.latest}>{(data) => <LessonView lesson={data()} />}</Show>
      </LoadBoundary>
    </div>
  );
}
