// /classes/:id/students/:studentId: every attempt of one student at this class's assignments, with answers, the key and per-question scores.
import { createEffect, For, Show } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { api, unwrap } from "../../api.ts";
import { Disclosure } from "../../components/Disclosure.tsx";
import { Gate } from "../../components/Gate.tsx";
import { LoadBoundary } from "../../components/LoadError.tsx";
import { formatDateTime } from "../../dates.ts";
import { formatPoints } from "../../format.ts";
import { inLocale, loadStrings, locale, t } from "../../i18n.ts";
import { describeAnswer, type ServedQuestion } from "../../quiz/model.ts";
import { A, createAsync, query, revalidate, useLocation, useParams } from "../../router.tsx";
import { AccommodationForm } from "./Accommodation.tsx";
import { notFoundInClasses } from "./data.ts";
import { columnTitle, DueAndMethod, getGradebook, percent } from "./Gradebook.tsx";
import { RegradeControls } from "./Regrade.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("instructor");

export const getStudentAttempts = query(
  async (id: string, studentId: string) =>
    unwrap(await api.classes[":id"].students[":studentId"].attempts.$get({ param: { id, studentId } })),
  "studentAttempts",
);

type Detail = Awaited<ReturnType<typeof getStudentAttempts>>;
type Attempt = Detail["assignments"][number]["attempts"][number];
type Item = Attempt["items"][number];

const points = (n: number) => formatPoints(n, locale());

function AnswerText(props: { question: ServedQuestion; answer: unknown }) {
  const text = () =>
    describeAnswer(props.question, props.answer as Parameters<typeof describeAnswer>[1], locale(), {
      true: t("gradebook.detail.true"),
      false: t("gradebook.detail.false"),
      none: t("gradebook.detail.noAnswer"),
    });
  return (
    <Show when={text().lines.length > 1} fallback={<span>{text().lines[0]}</span>}>
      <Show
        when={text().ordered}
        fallback={
          <ul class="answer-list">
            <For each={text().lines}>{(line) => <li>{line}</li>}</For>
          </ul>
        }
      >
        <ol class="answer-list">
          <For each={text().lines}>{(line) => <li>{line}</li>}</For>
        </ol>
      </Show>
    </Show>
  );
}

function Verdict(props: { score: number | null }) {
  const kind = () => (props.score === null ? "open" : props.score >= 1 ? "right" : props.score > 0 ? "partial" : "wrong");
  return (
    <span class={`verdict ${kind()}`}>
      {props.score === null
        ? t("gradebook.detail.notScored")
        : `${t(`gradebook.detail.${kind() as "right" | "partial" | "wrong"}`)} · ${t("gradebook.detail.points", { score: points(props.score) })}`}
    </span>
  );
}

/** Where an item sits, for its regrade controls: the class, the assignment and the attempt. */
interface ItemPlace {
  classId: string;
  assignmentId: string;
  attemptId: string;
  submitted: boolean;
  onChange: () => void;
}

function ItemView(props: { item: Item; n: number; place: ItemPlace }) {
  const q = () => props.item.question as ServedQuestion;
  const typed = () => {
    const a = props.item.answer;
    return (q().type === "text" || q().type === "numeric") && (typeof a === "string" || typeof a === "number") ? String(a) : null;
  };
  return (
    <li class="sd-item">
      <p class="sd-prompt">
        <span class="muted small">{t("gradebook.detail.question", { n: String(props.n) })}</span>
        <br />
        {inLocale(q().prompt)}
      </p>
      <Verdict score={props.item.score} />
      <Show when={props.item.regraded}>
        <span class="status-chip regraded">{t(props.item.counted ? "control.regraded" : "control.dropped")}</span>
      </Show>
      <dl class="sd-answers">
        <div>
          <dt>{t("gradebook.detail.answer")}</dt>
          <dd>
            <AnswerText question={q()} answer={props.item.answer} />
          </dd>
        </div>
        <div>
          <dt>{t("gradebook.detail.correctAnswer")}</dt>
          <dd>
            <AnswerText question={q()} answer={props.item.correctAnswer} />
          </dd>
        </div>
      </dl>
      <RegradeControls
        classId={props.place.classId}
        assignmentId={props.place.assignmentId}
        attemptId={props.place.attemptId}
        questionId={q().id}
        typed={typed()}
        submitted={props.place.submitted}
        onChange={props.place.onChange}
      />
    </li>
  );
}

function AttemptView(props: { attempt: Attempt; n: number; place: Omit<ItemPlace, "attemptId" | "submitted"> }) {
  const a = () => props.attempt;
  return (
    <Disclosure
      class="sd-attempt"
      summary={
        <>
          <strong>{t("gradebook.detail.attempt", { n: String(props.n) })}</strong>
          <span>
            {a().submittedAt
              ? t("gradebook.detail.submitted", { date: formatDateTime(a().submittedAt as string, locale()) })
              : t("gradebook.detail.open")}
            <Show when={a().late}> · {t("gradebook.detail.lateMark")}</Show>
          </span>
          <Show when={a().score !== null && a().maxScore !== null}>
            <span class="sd-score">
              {t("gradebook.detail.score", {
                score: points(a().score ?? 0),
                max: points(a().maxScore ?? 0),
                percent: percent(a().share),
              })}
            </span>
          </Show>
        </>
      }
    >
      <p class="muted small sd-started">{t("gradebook.detail.started", { date: formatDateTime(a().startedAt, locale()) })}</p>
      <ol class="sd-items">
        <For each={a().items}>
          {(item, i) => (
            <ItemView item={item} n={i() + 1} place={{ ...props.place, attemptId: a().id, submitted: a().status === "submitted" }} />
          )}
        </For>
      </ol>
    </Disclosure>
  );
}

function StudentView(props: { id: string; studentId: string }) {
  const fetched = createAsync(() => getStudentAttempts(props.id, props.studentId));
  // Reconciled into a store, so a refresh after a regrade or an accommodation updates the page in place: an opened
  // attempt and the regrade controls stay open, with their message.
  const [view, setView] = createStore<{ detail?: Detail }>({});
  createEffect(() => {
    const d = fetched();
    if (d) setView("detail", reconcile(d, { key: "id" }));
  });
  const detail = () => view.detail;
  // A change here (an accommodation, a regrade) shows in this page and in the gradebook.
  const refresh = () => revalidate([getStudentAttempts.keyFor(props.id, props.studentId), getGradebook.key]);
  const location = useLocation();
  // The gradebook links a cell to its assignment's section: bring it into view once the data is here.
  createEffect(() => {
    if (!detail() || !location.hash) return;
    queueMicrotask(() => document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView());
  });
  return (
    <LoadBoundary
      retry={() => revalidate(getStudentAttempts.keyFor(props.id, props.studentId))}
      notFound={notFoundInClasses(t("gradebook.detail.notFound"), t("gradebook.detail.title"))}
    >
      <Show when={detail()}>
        {(d) => (
          <>
            <p class="eyebrow">{d().class.name}</p>
            <h1>{d().student.name}</h1>
            <p class="muted">{d().student.email}</p>
            <For each={d().assignments}>
              {(a) => (
                <section class="card sd-assignment" id={`a-${a.id}`} aria-labelledby={`a-${a.id}-title`} tabIndex={-1}>
                  <h2 id={`a-${a.id}-title`}>{columnTitle(a)}</h2>
                  <p class="gb-stats">
                    <span class={`status-chip ${a.status}`}>{t(`status.${a.status}`)}</span>
                    <span>
                      {t("gradebook.detail.grade", { grade: a.gradeShare === null ? t("gradebook.noGrade") : percent(a.gradeShare) })}
                    </span>
                    <span>{t("gradebook.detail.attemptsCount", { n: String(a.attempts.length) })}</span>
                  </p>
                  <DueAndMethod dueAt={a.dueAt} gradingMethod={a.gradingMethod} />
                  <AccommodationForm
                    classId={props.id}
                    assignmentId={a.id}
                    studentId={props.studentId}
                    current={a.accommodation}
                    onChange={refresh}
                  />
                  <Show when={a.attempts.length > 0} fallback={<p>{t("gradebook.detail.none")}</p>}>
                    <For each={a.attempts}>
                      {(attempt, i) => (
                        <AttemptView attempt={attempt} n={i() + 1} place={{ classId: props.id, assignmentId: a.id, onChange: refresh }} />
                      )}
                    </For>
                  </Show>
                </section>
              )}
            </For>
          </>
        )}
      </Show>
    </LoadBoundary>
  );
}

export default function StudentDetail() {
  const params = useParams<{ id: string; studentId: string }>();
  return (
    <div class="page">
      <p class="back">
        <A href={`/classes/${encodeURIComponent(params.id ?? "")}/gradebook`}>← {t("gradebook.backToGradebook")}</A>
      </p>
      <Gate
        need="instructor"
        title={t("gradebook.detail.title")}
        children={() => <StudentView id={params.id ?? ""} studentId={params.studentId ?? ""} />}
      />
    </div>
  );
}
