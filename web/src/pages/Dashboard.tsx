// The student's dashboard: assignments with due dates in local time and their status, classes, join by code.
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { api, unwrap } from "../api.ts";
import { Field } from "../components/Field.tsx";
import { createFormErrors } from "../components/FormErrors.tsx";
import { Gate } from "../components/Gate.tsx";
import { LoadError, Loading } from "../components/LoadError.tsx";
import { formatDateTime, formatRelative } from "../dates.ts";
import { inLocale, intlLocale, loadStrings, t } from "../i18n.ts";
import { A, createAsync, query, revalidate, useSubmission } from "../router.tsx";
import { cleanJoinCode, joinClass } from "./Join.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("account");

export const getMyAssignments = query(async () => (await unwrap(await api.assignments.$get())).assignments, "myAssignments");
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
          <li>{t("dashboard.grade", { percent: String(Math.round((a().progress.gradeShare ?? 0) * 100)) })}</li>
        </Show>
      </ul>
      <Show when={step()}>
        {(s) => (
          <A
            href={`/quiz/assignment/${encodeURIComponent(a().id)}`}
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
      <Suspense fallback={<Loading />}>
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
      </Suspense>
      <JoinForm />
    </ErrorBoundary>
  );
}

export default function Dashboard() {
  return (
    <div class="page">
      <h1>{t("dashboard.title")}</h1>
      <Gate need="student" children={() => <StudentDashboard />} />
    </div>
  );
}
