// One class for its instructor: the join code large with copy and share, its assignments, the roster, and grades the LMS
// has not accepted yet.
import { createSignal, For, lazy, Show, Suspense } from "solid-js";

import { Field } from "../../components/Field.tsx";
import { Gate } from "../../components/Gate.tsx";
import { LoadBoundary } from "../../components/LoadError.tsx";
import { formatDate, formatDateTime } from "../../dates.ts";
import { inLocale, intlLocale, loadStrings, t } from "../../i18n.ts";
import { problemMessage } from "../../problem.ts";
import { A, createAsync, revalidate, useAction, useParams, useSubmission } from "../../router.tsx";
import {
  type Assignment,
  type ClassDetail as Detail,
  getClass,
  getClassAssignments,
  getLtiGradePosts,
  joinLink,
  notFoundInClasses,
  removeMember,
  retryLtiGradePosts,
  rotateJoinCode,
} from "./data.ts";
import { DepartedStudents, ResetCode } from "./StudentAccounts.tsx";

const JoinProjector = lazy(() => import("./JoinProjector.tsx"));

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("instructor");
await loadStrings("account");

/** One status line for copy, share, rotate and remove results, read out politely by screen readers. */
function createAnnouncer() {
  const [text, setText] = createSignal("");
  return {
    text,
    say(message: string) {
      // Clearing first makes a repeated message ("Copied.") be announced again.
      setText("");
      setTimeout(() => setText(message), 50);
    },
  };
}

function Announcement(props: { text: string }) {
  return (
    <p class="status-line" role="status" aria-live="polite">
      {props.text}
    </p>
  );
}

function JoinCodeCard(props: { detail: Detail }) {
  const { text, say } = createAnnouncer();
  const rotate = useSubmission(rotateJoinCode);
  const [projecting, setProjecting] = createSignal(false);
  let projectorButton: HTMLButtonElement | undefined;
  const code = () => props.detail.class.joinCode ?? "";
  const link = () => joinLink(code());
  const canShare = typeof navigator.share === "function";

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      say(t("classes.copied"));
    } catch {
      say(t("classes.copyFailed"));
    }
  };

  const share = async () => {
    try {
      await navigator.share({
        title: props.detail.class.name,
        text: t("classes.shareText", { name: props.detail.class.name }),
        url: link(),
      });
    } catch (error) {
      // Closing the share sheet is not an error worth telling anyone about.
      if ((error as DOMException)?.name !== "AbortError") await copy(link());
    }
  };

  const rotateCode = async () => {
    if (!window.confirm(t("classes.rotateConfirm"))) return;
    try {
      const next = await rotate(props.detail.class.id);
      say(t("classes.rotated", { code: next.split("").join(" ") }));
    } catch (error) {
      say(problemMessage(error));
    }
  };

  return (
    <section class="card join-card" aria-labelledby="join-code-title">
      <h2 id="join-code-title">{t("classes.joinCode")}</h2>
      <p class="join-code">
        <span aria-hidden="true">{code()}</span>
        <span class="visually-hidden">{t("classes.joinCodeSpelled", { code: code().split("").join(" ") })}</span>
      </p>
      <button type="button" class="button primary block" onClick={() => copy(code())}>
        {t("classes.copyCode")}
      </button>
      <button ref={projectorButton} type="button" class="button block" aria-haspopup="dialog" onClick={() => setProjecting(true)}>
        {t("classes.projectorOpen")}
      </button>
      {/* Its own boundary: while the chunk loads, the class page stays as it is instead of showing a loading state. */}
      <Suspense>
        <Show when={projecting()}>
          <JoinProjector
            detail={props.detail}
            onClose={() => {
              setProjecting(false);
              // Back where the instructor was, whichever way the dialog was closed (a tap does not always focus a button).
              projectorButton?.focus();
            }}
          />
        </Show>
      </Suspense>
      <Field
        name="share-link"
        label={t("classes.shareLink")}
        readOnly
        value={link()}
        class="share-link"
        onFocus={(e) => e.currentTarget.select()}
      />
      <div class="button-row">
        <button type="button" class="button block" onClick={() => copy(link())}>
          {t("classes.copyLink")}
        </button>
        <Show when={canShare}>
          <button type="button" class="button block" onClick={share}>
            {t("classes.share")}
          </button>
        </Show>
      </div>
      <Announcement text={text()} />
      <button type="button" class="button subtle block" disabled={rotate.pending()} onClick={rotateCode}>
        {t("classes.rotate")}
      </button>
    </section>
  );
}

function AssignmentList(props: { classId: string }) {
  const assignments = createAsync(() => getClassAssignments(props.classId));
  const rules = (a: Assignment) =>
    t("assignment.rules", {
      mode: a.mode === "practice" ? t("assignment.practice") : t("assignment.assessment"),
      attempts: a.mode === "practice" || a.maxAttempts === null ? t("assignment.unlimited") : String(a.maxAttempts),
    });
  return (
    <section aria-labelledby="assignments-title">
      <h2 id="assignments-title">{t("classes.assignments")}</h2>
      <LoadBoundary retry={() => revalidate(getClassAssignments.keyFor(props.classId))}>
        <Show when={(assignments() ?? []).length > 0} fallback={<Show when={assignments()}>{<p>{t("classes.assignmentsEmpty")}</p>}</Show>}>
          <ul class="cards">
            <For each={assignments()}>
              {(a) => (
                <li class="card">
                  <h3 class="card-title">{inLocale(a.moduleTitle)}</h3>
                  <p class="muted">{rules(a)}</p>
                  <dl class="facts">
                    <Show when={a.opensAt}>
                      {(opens) => (
                        <div>
                          <dt>{t("dashboard.opens")}</dt>
                          <dd>
                            <time datetime={opens()}>{formatDateTime(opens(), intlLocale())}</time>
                          </dd>
                        </div>
                      )}
                    </Show>
                    <div>
                      <dt>{t("dashboard.due")}</dt>
                      <dd>
                        <Show when={a.dueAt} fallback={t("dashboard.noDue")}>
                          {(due) => <time datetime={due()}>{formatDateTime(due(), intlLocale())}</time>}
                        </Show>
                      </dd>
                    </div>
                  </dl>
                  <A
                    href={`/classes/${encodeURIComponent(props.classId)}/assignments/${encodeURIComponent(a.id)}`}
                    class="button block"
                    aria-label={t("classes.editLabel", { title: inLocale(a.moduleTitle) })}
                  >
                    {t("classes.edit")}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </LoadBoundary>
      <A href={`/classes/${encodeURIComponent(props.classId)}/assignments/new`} class="button primary block">
        {t("classes.newAssignment")}
      </A>
    </section>
  );
}

function Roster(props: { detail: Detail }) {
  const { text, say } = createAnnouncer();
  const remove = useAction(removeMember);
  const [busy, setBusy] = createSignal<string | null>(null);
  const members = () => props.detail.members ?? [];

  const removeOne = async (member: { id: string; name: string }) => {
    if (!window.confirm(t("classes.removeConfirm", { name: member.name }))) return;
    setBusy(member.id);
    try {
      const closed = await remove(props.detail.class.id, member.id);
      say(t(closed > 0 ? "classes.removedClosed" : "classes.removed", { name: member.name }));
    } catch (error) {
      say(problemMessage(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="roster-title">
      <h2 id="roster-title">
        {t("classes.roster")} <span class="count">({members().length})</span>
      </h2>
      <Announcement text={text()} />
      <Show when={members().length > 0} fallback={<p>{t("classes.rosterEmpty")}</p>}>
        <ul class="roster">
          <For each={members()}>
            {(m) => (
              <li>
                <div class="roster-who">
                  <strong>{m.name}</strong>
                  <span class="muted">{m.email}</span>
                  <span class="muted small">{t("classes.joined", { date: formatDate(m.joinedAt, intlLocale()) })}</span>
                </div>
                <ResetCode classId={props.detail.class.id} student={m} />
                <button
                  type="button"
                  class="button subtle"
                  disabled={busy() === m.id}
                  aria-label={t("classes.removeLabel", { name: m.name })}
                  onClick={() => removeOne(m)}
                >
                  {t("classes.remove")}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

/** A line when grades of this class have not reached its LMS (retrying, or given up on), with a way to resend. */
function LmsGrades(props: { classId: string }) {
  // An LMS hiccup here must not take the class page down with it: no line then.
  const posts = createAsync(() => getLtiGradePosts(props.classId).catch(() => []));
  const retry = useSubmission(retryLtiGradePosts);
  const failed = () => (posts() ?? []).filter((p) => p.status === "failed");
  const resend = async () => {
    await retry(props.classId).catch(() => undefined);
    revalidate(getLtiGradePosts.keyFor(props.classId));
  };
  return (
    <Show when={(posts() ?? []).length > 0}>
      <section class="card" role="status">
        <p>{t("lms.gradesPending", { n: String(posts()?.length ?? 0), failed: String(failed().length) })}</p>
        <Show when={posts()?.[0]?.lastError}>{(error) => <p class="muted">{t("lms.gradesLastError", { error: error() })}</p>}</Show>
        <Show when={failed().length > 0}>
          <button type="button" class="button" onClick={resend} disabled={retry.pending()}>
            {t("lms.gradesRetry")}
          </button>
        </Show>
      </section>
    </Show>
  );
}

function ClassView(props: { id: string }) {
  const detail = createAsync(() => getClass(props.id));
  return (
    <LoadBoundary
      retry={() => revalidate(getClass.keyFor(props.id))}
      notFound={notFoundInClasses(t("classes.notFound"), t("classes.title"))}
    >
      <Show when={detail()}>
        {(d) => (
          <>
            <h1>{d().class.name}</h1>
            <p class="muted">{t("classes.students", { n: String(d().members?.length ?? 0) })}</p>
            <A href={`/classes/${encodeURIComponent(d().class.id)}/gradebook`} class="button primary block">
              {t("gradebook.open")}
            </A>
            <LmsGrades classId={d().class.id} />
            <JoinCodeCard detail={d()} />
            <DepartedStudents classId={d().class.id} />
            <AssignmentList classId={d().class.id} />
            <Roster detail={d()} />
          </>
        )}
      </Show>
    </LoadBoundary>
  );
}

export default function ClassDetail() {
  const params = useParams<{ id: string }>();
  return (
    <div class="page">
      <p class="back">
        <A href="/classes">← {t("classes.all")}</A>
      </p>
      <Gate need="instructor" title={t("classes.title")} children={() => <ClassView id={params.id ?? ""} />} />
    </div>
  );
}
