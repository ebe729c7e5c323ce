// The student's dashboard: assignments with due dates in local time and their status, classes, join by code.
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { api, unwrap } from "../api.ts";
import { assignmentHref, getMyAssignments } from "../assignments.ts";
import { Field } from "../components/Field.tsx";
import { createFormErrors } from "../components/FormErrors.tsx";
import { Gate } from "../components/Gate.tsx";
import { LoadError, Loading } from "../components/LoadError.tsx";
import { getOutline } from "../course.ts";
import { formatDateTime, formatRelative } from "../dates.ts";
import { getDueCount, pluralForm } from "../dueCount.ts";
import { formatShare } from "../format.ts";
import { inLocale, intlLocale, loadStrings, locale, t } from "../i18n.ts";
import { continueHref, dueToday, getProgress } from "../progress.ts";
import { A, createAsync, query, revalidate, useSubmission } from "../router.tsx";
import { cleanJoinCode, joinClass } from "./Join.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("account");

export const getMyClasses = query(async () => (await unwrap(await api.classes.$get())).classes, "myClasses");

type StudentAssignment = Awaited<ReturnType<typeof getMyAssignments>>[number];
type Status = "upcoming" | "not_started" | "in_progress" | "submitted" | "late" | "missed";

const DONE: Status[] = ["submitted", "late", "missed"];
const DAY = 86_400_000;

/** What the student can do now: continue an open attempt, start one, retake, or nothing. */
export function nextStep(a: StudentAssignment, now = Date.now()): "continue" | "start" | "retake" | null {
  const p = a.progress;
  if (p.openAttemptId) return "continue";
  if (p.status === "upcoming" || p.status === "missed") return null;
  if (p.attemptsLeft === 0) return null;
  if (a.dueAt && new Date(a.dueAt).getTime() < now && a.mode === "assessment") return null;
  return p.attemptsUsed > 0 ? "retake" : "start";
}

function AssignmentCard(props: { a: StudentAssignment }) {
  const a = () => props.a;
  const title = () => inLocale(a().moduleTitle);
  const step = () => nextStep(a());
  const dueSoon = () => {
    const due = a().dueAt;
    if (!due || DONE.includes(a().progress.status as Status)) return false;
    const left = new Date(due).getTime() - Date.now();
    return left > 0 && left < DAY;
  };
  return (
    <li class="card assignment-card">
      <div class="card-top">
        <span class={`badge status-${a().progress.status}`}>{t(`status.${a().progress.status as Status}` as const)}</span>
        <span class="muted">{a().mode === "practice" ? t("dashboard.practice") : t("dashboard.assessment")}</span>
      </div>
      <h3>{title()}</h3>
      <p class="muted class-name">{a().className}</p>
      <dl class="facts">
        <Show when={a().progress.status === "upcoming" && a().opensAt}>
          {(opens) => (
            <div>
              <dt>{t("dashboard.opens")}</dt>
              <dd>
                <time datetime={opens()}>{formatDateTime(opens(), intlLocale())}</time>
                <span class="muted"> · {formatRelative(opens(), intlLocale())}</span>
              </dd>
            </div>
          )}
        </Show>
        <div>
          <dt>{t("dashboard.due")}</dt>
          <dd>
            <Show when={a().dueAt} fallback={t("dashboard.noDue")}>
              {(due) => (
                <>
                  <time datetime={due()}>{formatDateTime(due(), intlLocale())}</time>
                  <span class="muted"> · {formatRelative(due(), intlLocale())}</span>
                  <Show when={dueSoon()}>
                    {" "}
                    <strong class="due-soon">{t("dashboard.dueSoon")}</strong>
                  </Show>
                </>
              )}
            </Show>
          </dd>
        </div>
      </dl>
      <ul class="meta">
        <Show when={a().mode === "assessment"}>
          <li>
            {a().maxAttempts === null
              ? t("dashboard.attemptsUnlimited")
              : a().progress.attemptsLeft === 0
                ? t("dashboard.noAttemptsLeft")
                : t("dashboard.attemptsLeft", { left: String(a().progress.attemptsLeft), max: String(a().maxAttempts) })}
          </li>
        </Show>
        <Show when={a().timeLimitMinutes}>{(m) => <li>{t("dashboard.timeLimit", { minutes: String(m()) })}</li>}</Show>
        <Show when={a().progress.gradeShare !== null && a().mode === "assessment"}>
          <li>{t("dashboard.grade", { percent: formatShare(a().progress.gradeShare ?? 0, locale()) })}</li>
        </Show>
      </ul>
      <Show when={step()}>
        {(s) => (
          <A
            href={s() === "continue" && a().progress.openAttemptId ? `/attempts/${a().progress.openAttemptId}` : assignmentHref(a().id)}
            class={s() === "retake" ? "button block" : "button primary block"}
            aria-label={`${t(`dashboard.${s()}` as const)}: ${title()}`}
          >
            {t(`dashboard.${s()}` as const)}
          </A>
        )}
      </Show>
    </li>
  );
}

function JoinForm() {
  const run = useSubmission(joinClass);
  const form = createFormErrors(["code"]);
  const [code, setCode] = createSignal("");
  const [joined, setJoined] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setJoined(null);
    const clean = cleanJoinCode(code());
    if (form.check(clean ? {} : { code: t("form.required") })) return;
    try {
      const k = await run(clean);
      form.clear();
      setCode("");
      setJoined(k.name);
    } catch (error) {
      form.fail(error, { 404: t("join.badCode") });
    }
  };

  return (
    <section aria-labelledby="join-title" class="join-section">
      <h2 id="join-title">{t("dashboard.joinTitle")}</h2>
      <form class="form" onSubmit={submit} novalidate>
        <form.Summary labels={{ code: t("dashboard.joinCode") }} />
        <Field
          name="code"
          label={t("dashboard.joinCode")}
          hint={t("dashboard.joinHint")}
          class="code-input"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={12}
          value={code()}
          onInput={(e) => setCode(e.currentTarget.value)}
          error={form.field("code")}
        />
        <p role="status" class="status-line">
          {joined() ? t("dashboard.joined", { name: joined() as string }) : ""}
        </p>
        <button type="submit" class="button primary block" disabled={run.pending()}>
          {run.pending() ? t("dashboard.joining") : t("dashboard.join")}
        </button>
      </form>
    </section>
  );
}

/** What needs the student today: tests in progress or due before midnight, review cards due, the lesson to go on with. */
function Today(props: { assignments: StudentAssignment[] }) {
  const progress = createAsync(() => getProgress().catch(() => null));
  const deckDue = createAsync(() => getDueCount().catch(() => 0));
  const outline = createAsync(() => getOutline(locale()).catch(() => null));
  const items = () => {
    const open = props.assignments.filter((a) => a.progress.openAttemptId);
    const due = dueToday(props.assignments, Date.now()).filter((a) => !a.progress.openAttemptId && nextStep(a) !== null);
    return [...open, ...due];
  };
  const reading = () => {
    const last = progress()?.lastRead;
    if (!last || last.finished) return null;
    const title = outline()?.modules.find((m) => m.slug === last.slug)?.title;
    const href = continueHref(last);
    return title && href ? { title, href } : null;
  };
  const nothing = () => items().length === 0 && (deckDue() ?? 0) === 0 && !reading();
  return (
    <section aria-labelledby="today-title" class="today">
      <h2 id="today-title">{t("dashboard.today")}</h2>
      <Show when={!nothing()} fallback={<p class="muted">{t("dashboard.dueTodayNone")}</p>}>
        <ul class="today-list">
          <For each={items()}>
            {(a) => (
              <li>
                <A
                  href={a.progress.openAttemptId ? `/attempts/${encodeURIComponent(a.progress.openAttemptId)}` : assignmentHref(a.id)}
                  class="today-link"
                >
                  <strong>{a.moduleTitle[locale()]}</strong>
                  <span class="muted">
                    {a.progress.openAttemptId
                      ? t("dashboard.continue")
                      : a.dueAt
                        ? `${t("dashboard.due")}: ${formatRelative(a.dueAt, locale())}`
                        : ""}
                  </span>
                </A>
              </li>
            )}
          </For>
          <Show when={(deckDue() ?? 0) > 0}>
            <li>
              <A href="/deck" class="today-link">
                <strong>{t(`deck.due.${pluralForm(locale(), deckDue() ?? 0)}`, { count: String(deckDue()) })}</strong>
                <span class="muted">{t("deck.title")}</span>
              </A>
            </li>
          </Show>
          <Show when={reading()}>
            {(r) => (
              <li>
                <A href={r().href} class="today-link">
                  <strong>{t("dashboard.continueReading")}</strong>
                  <span class="muted">{t("dashboard.continueLesson", { title: r().title })}</span>
                </A>
              </li>
            )}
          </Show>
        </ul>
      </Show>
    </section>
  );
}

/** Holds the dashboard's place while its data loads: about the height of what comes, so little moves when it arrives. */
function DashboardSkeleton() {
  return (
    <div class="dashboard-skeleton">
      <Loading />
    </div>
  );
}

function StudentDashboard() {
  const assignments = createAsync(() => getMyAssignments());
  const classes = createAsync(() => getMyClasses());
  const retry = () => revalidate([getMyAssignments.key, getMyClasses.key]);
  const todo = () => (assignments() ?? []).filter((a) => !DONE.includes(a.progress.status as Status));
  const done = () => (assignments() ?? []).filter((a) => DONE.includes(a.progress.status as Status));

  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <LoadError
          error={error}
          retry={() => {
            void retry();
            reset();
          }}
        />
      )}
    >
      {/* One boundary for the whole page, the join form included: nothing is drawn that data arriving later would push down. */}
      <Suspense fallback={<DashboardSkeleton />}>
        <Show when={assignments()}>{(list) => <Today assignments={list()} />}</Show>
        <Show when={assignments()?.length === 0}>
          <p class="lead">{t("dashboard.empty")}</p>
        </Show>
        <Show when={todo().length > 0}>
          <section aria-labelledby="todo-title">
            <h2 id="todo-title">{t("dashboard.todo")}</h2>
            <ul class="cards">
              <For each={todo()}>{(a) => <AssignmentCard a={a} />}</For>
            </ul>
          </section>
        </Show>
        <Show when={done().length > 0}>
          <section aria-labelledby="done-title">
            <h2 id="done-title">{t("dashboard.done")}</h2>
            <ul class="cards">
              <For each={done()}>{(a) => <AssignmentCard a={a} />}</For>
            </ul>
          </section>
        </Show>
        <section aria-labelledby="classes-title">
          <h2 id="classes-title">{t("dashboard.myClasses")}</h2>
          <Show when={(classes() ?? []).length > 0} fallback={<p>{t("dashboard.noClasses")}</p>}>
            <ul class="plain-list">
              <For each={classes()}>
                {(k) => (
                  <li>
                    <strong>{k.name}</strong>
                    <span class="muted">{t("dashboard.teacher", { name: k.instructorName })}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
        <JoinForm />
      </Suspense>
    </ErrorBoundary>
  );
}

/**
 * Starts every request the student's dashboard makes at once, while the session is still being checked: the page then
 * waits for one round of requests instead of three in a row. The router's query cache hands the same promises to the
 * sections that read them; for a visitor who is not signed in nothing reads them, and they are dropped.
 */
function prefetch() {
  const quiet = (p: Promise<unknown>) => void p.catch(() => undefined);
  quiet(getMyAssignments());
  quiet(getMyClasses());
  quiet(getProgress());
  quiet(getDueCount());
  quiet(getOutline(locale()));
}

export default function Dashboard() {
  prefetch();
  return (
    <div class="page">
      <h1>{t("dashboard.title")}</h1>
      <Gate need="student" children={() => <StudentDashboard />} />
    </div>
  );
}
