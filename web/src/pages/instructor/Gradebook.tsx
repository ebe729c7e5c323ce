// /classes/:id/gradebook: students × assignments with a sticky name column, class averages, distributions, and who has not started what is due soon.
import { For, Show } from "solid-js";
import { api, unwrap } from "../../api.ts";
import { Gate } from "../../components/Gate.tsx";
import { Histogram } from "../../components/Histogram.tsx";
import { LoadBoundary } from "../../components/LoadError.tsx";
import { formatDateTime, formatRelative } from "../../dates.ts";
import { formatShare } from "../../format.ts";
import { inLocale, intlLocale, loadStrings, locale, t } from "../../i18n.ts";
import { A, createAsync, query, revalidate, useNavigate, useParams } from "../../router.tsx";
import { type AccommodationData, accommodationMark } from "./Accommodation.tsx";
import { notFoundInClasses } from "./data.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("instructor");

export const getGradebook = query(async (id: string) => unwrap(await api.classes[":id"].gradebook.$get({ param: { id } })), "gradebook");

type Book = Awaited<ReturnType<typeof getGradebook>>;
type Column = Book["assignments"][number];
type Status = Book["students"][number]["cells"][string]["status"];

/** A share 0..1 as "85 %" in the UI language (format.ts), or "—" when there is none. */
export const percent = (share: number | null | undefined) => (share === null || share === undefined ? "—" : formatShare(share, locale()));

export const columnTitle = (a: Pick<Column, "moduleTitle">) => inLocale(a.moduleTitle);

/** An assignment's due date (or that it has none) and how its attempts make the grade. */
export function DueAndMethod(props: { dueAt: string | null; gradingMethod: Column["gradingMethod"] }) {
  return (
    <p class="muted small">
      <Show when={props.dueAt} fallback={t("gradebook.noDue")}>
        {(due) => t("gradebook.due", { date: formatDateTime(due(), intlLocale()) })}
      </Show>
      {" · "}
      {t("gradebook.method", { method: t(`assignment.grading_${props.gradingMethod}`) })}
    </p>
  );
}

/** The gradebook as a download, its header row in the UI language (the API writes ru or en; other languages get ru). */
export const downloadHref = (id: string, extension: "csv" | "xlsx") =>
  `/api/classes/${encodeURIComponent(id)}/gradebook.${extension}?lang=${locale() === "en" ? "en" : "ru"}`;

export const studentHref = (classId: string, studentId: string, assignmentId?: string) =>
  `/classes/${encodeURIComponent(classId)}/students/${encodeURIComponent(studentId)}${assignmentId ? `#a-${encodeURIComponent(assignmentId)}` : ""}`;

export const itemsHref = (classId: string, assignmentId: string) =>
  `/classes/${encodeURIComponent(classId)}/items?assignment=${encodeURIComponent(assignmentId)}`;

function ColumnHead(props: { a: Column }) {
  return (
    <th scope="col">
      <span class="gb-col-title">{columnTitle(props.a)}</span>
      <span class="gb-col-meta">
        <Show when={props.a.dueAt} fallback={t("gradebook.noDue")}>
          {(due) => <time datetime={due()}>{formatDateTime(due(), intlLocale())}</time>}
        </Show>
        <Show when={props.a.mode === "practice"}> · {t("gradebook.practice")}</Show>
      </span>
    </th>
  );
}

function Table(props: { book: Book }) {
  const navigate = useNavigate();
  const classId = () => props.book.class.id;
  return (
    // A labelled region; keyboard users scroll it by tabbing through its cells' buttons.
    <section class="gb-scroll" aria-labelledby="gb-caption">
      <table class="gradebook">
        <caption id="gb-caption" class="visually-hidden">
          {t("gradebook.tableLabel")}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="gb-name">
              {t("gradebook.student")}
            </th>
            <For each={props.book.assignments}>{(a) => <ColumnHead a={a} />}</For>
            <th scope="col" class="gb-avg">
              {t("gradebook.average")}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.book.students}>
            {(s) => (
              <tr>
                <th scope="row" class="gb-name">
                  <A href={studentHref(classId(), s.id)}>{s.name}</A>
                </th>
                <For each={props.book.assignments}>
                  {(a) => {
                    const cell = () => s.cells[a.id];
                    const status = () => (cell()?.status ?? "not_started") as Status;
                    return (
                      <td class={`gb-cell ${status()}`}>
                        <button
                          type="button"
                          aria-label={`${t("gradebook.cellLabel", {
                            name: s.name,
                            title: columnTitle(a),
                            grade: cell()?.gradeShare === null ? t("gradebook.noGrade") : percent(cell()?.gradeShare),
                            status: t(`status.${status()}`),
                            attempts: String(cell()?.attempts ?? 0),
                          })}${cell()?.accommodation ? `, ${accommodationMark(cell()?.accommodation as AccommodationData)}` : ""}`}
                          onClick={() => navigate(studentHref(classId(), s.id, a.id))}
                        >
                          <Show
                            when={cell()?.gradeShare !== null && cell()?.gradeShare !== undefined}
                            fallback={t(`gradebook.short.${status()}`)}
                          >
                            <span class="gb-grade">{percent(cell()?.gradeShare)}</span>
                            <Show when={status() === "late"}>
                              <span class="gb-flag">{t("gradebook.short.late")}</span>
                            </Show>
                          </Show>
                          <Show when={cell()?.accommodation}>
                            {(acc) => (
                              <span class="gb-flag gb-accommodation" title={acc().summary[locale()]}>
                                {accommodationMark(acc())}
                              </span>
                            )}
                          </Show>
                        </button>
                      </td>
                    );
                  }}
                </For>
                <td class="gb-avg">{percent(s.averageShare)}</td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" class="gb-name">
              {t("gradebook.classAverage")}
            </th>
            <For each={props.book.assignments}>{(a) => <td>{percent(a.averageShare)}</td>}</For>
            <td class="gb-avg">
              {percent(
                (() => {
                  const graded = props.book.students.flatMap((s) => (s.averageShare === null ? [] : [s.averageShare]));
                  return graded.length ? graded.reduce((x, y) => x + y, 0) / graded.length : null;
                })(),
              )}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function DueSoon(props: { book: Book }) {
  const title = (id: string) => {
    const a = props.book.assignments.find((x) => x.id === id);
    return a ? columnTitle(a) : "";
  };
  return (
    <section class="card due-soon" aria-labelledby="due-soon-title">
      <h2 id="due-soon-title">{t("gradebook.dueSoonTitle")}</h2>
      <Show when={props.book.notStartedDueSoon.length > 0} fallback={<p class="muted">{t("gradebook.dueSoonNone")}</p>}>
        <p class="muted">{t("gradebook.dueSoonLead")}</p>
        <For each={props.book.notStartedDueSoon}>
          {(d) => (
            <div class="due-soon-item">
              <h3>
                {title(d.assignmentId)}{" "}
                <span class="muted small">
                  (
                  <time datetime={d.dueAt} title={formatDateTime(d.dueAt, intlLocale())}>
                    {t("gradebook.dueWhen", { when: formatRelative(d.dueAt, intlLocale()) })}
                  </time>
                  )
                </span>
              </h3>
              <ul class="name-list">
                <For each={d.students}>
                  {(s) => (
                    <li>
                      <A class="name-link" href={studentHref(props.book.class.id, s.id, d.assignmentId)}>
                        {s.name}
                      </A>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </For>
      </Show>
    </section>
  );
}

function AssignmentCards(props: { book: Book }) {
  return (
    <section aria-labelledby="gb-assignments-title">
      <h2 id="gb-assignments-title">{t("gradebook.assignmentsTitle")}</h2>
      <ul class="gb-cards">
        <For each={props.book.assignments}>
          {(a) => (
            <li class="card">
              <h3 class="card-title">{columnTitle(a)}</h3>
              <DueAndMethod dueAt={a.dueAt} gradingMethod={a.gradingMethod} />
              <p class="gb-stats">
                <span>{t("gradebook.averageValue", { value: percent(a.averageShare) })}</span>
                <span>{t("gradebook.submittedOf", { n: String(a.submittedCount), total: String(props.book.students.length) })}</span>
              </p>
              <Histogram counts={a.distribution} label={t("gradebook.histogramLabel", { title: columnTitle(a) })} />
              <A href={itemsHref(props.book.class.id, a.id)} class="button block">
                {t("gradebook.itemsLink")}
              </A>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

function GradebookView(props: { id: string }) {
  const book = createAsync(() => getGradebook(props.id));
  return (
    <LoadBoundary
      retry={() => revalidate(getGradebook.keyFor(props.id))}
      notFound={notFoundInClasses(t("classes.notFound"), t("gradebook.title"))}
    >
      <Show when={book()}>
        {(b) => (
          <>
            <p class="eyebrow">{b().class.name}</p>
            <h1>{t("gradebook.title")}</h1>
            <p class="gb-actions">
              <a href={downloadHref(props.id, "xlsx")} class="button primary" download="">
                {t("gradebook.downloadXlsx")}
              </a>
              <a href={downloadHref(props.id, "csv")} class="button" download="">
                {t("gradebook.downloadCsv")}
              </a>
            </p>
            <Show
              when={b().assignments.length > 0 && b().students.length > 0}
              fallback={<p>{b().students.length === 0 ? t("gradebook.empty") : t("gradebook.noAssignments")}</p>}
            >
              <p class="muted small">{t("gradebook.scrollHint")}</p>
              <Table book={b()} />
              <DueSoon book={b()} />
              <AssignmentCards book={b()} />
            </Show>
          </>
        )}
      </Show>
    </LoadBoundary>
  );
}

export default function Gradebook() {
  const params = useParams<{ id: string }>();
  return (
    <div class="page wide-page">
      <p class="back">
        <A href={`/classes/${encodeURIComponent(params.id ?? "")}`}>← {t("gradebook.backToClass")}</A>
      </p>
      <Gate need="instructor" title={t("gradebook.title")} children={() => <GradebookView id={params.id ?? ""} />} />
    </div>
  );
}
