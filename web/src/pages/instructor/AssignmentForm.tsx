// Assign a module to a class, or edit an assignment: mode, dates in the browser's time zone, attempts, rules.
import { createEffect, createSignal, Show } from "solid-js";

import { ChoiceField, Field, SelectField } from "../../components/Field.tsx";
import { createFormErrors, type FieldErrors } from "../../components/FormErrors.tsx";
import { Gate } from "../../components/Gate.tsx";
import { LoadBoundary } from "../../components/LoadError.tsx";
import { inLocale, intlLocale, loadStrings, locale, t } from "../../i18n.ts";
import { browserTimeZone, fromLocalInput, toLocalInput, zoneLabel } from "../../localTime.ts";
import { A, createAsync, revalidate, useNavigate, useParams, useSubmission } from "../../router.tsx";
import {
  type Assignment,
  type AssignmentRules,
  createAssignment,
  getClass,
  getClassAssignments,
  getModules,
  notFoundInClasses,
  updateAssignment,
} from "./data.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("instructor");

type Mode = AssignmentRules["mode"];
type Grading = AssignmentRules["gradingMethod"];
type Review = AssignmentRules["reviewPolicy"];

const FIELDS = ["module", "mode", "opensAt", "dueAt", "maxAttempts", "timeLimitMinutes", "gradingMethod", "reviewPolicy"] as const;

/** A whole number within bounds from a text box; "" is null (no limit); otherwise an error message. */
export function readLimit(text: string, min: number, max: number): { value: number | null } | { error: string } {
  const clean = text.trim();
  if (clean === "") return { value: null };
  if (!/^\d+$/.test(clean)) return { error: t("form.integer") };
  const n = Number(clean);
  if (n < min) return { error: t("form.min", { n: String(min) }) };
  if (n > max) return { error: t("form.max", { n: String(max) }) };
  return { value: n };
}

function Editor(props: { classId: string; assignment?: Assignment | undefined }) {
  const initial = props.assignment;
  const navigate = useNavigate();
  const modules = createAsync(() => getModules(locale()));
  const form = createFormErrors(FIELDS);
  const zone = browserTimeZone();

  const start = {
    opensAt: toLocalInput(initial?.opensAt ?? null),
    dueAt: toLocalInput(initial?.dueAt ?? null),
  };
  const [module, setModule] = createSignal(initial?.module ?? "");
  const [mode, setMode] = createSignal<Mode>((initial?.mode as Mode | undefined) ?? "assessment");
  const [opensAt, setOpensAt] = createSignal(start.opensAt);
  const [dueAt, setDueAt] = createSignal(start.dueAt);
  const [maxAttempts, setMaxAttempts] = createSignal(initial ? (initial.maxAttempts?.toString() ?? "") : "3");
  const [timeLimit, setTimeLimit] = createSignal(initial?.timeLimitMinutes?.toString() ?? "");
  const [grading, setGrading] = createSignal<Grading>((initial?.gradingMethod as Grading | undefined) ?? "best");
  const [review, setReview] = createSignal<Review>((initial?.reviewPolicy as Review | undefined) ?? "after_submit");

  const labels = {
    module: t("assignment.module"),
    mode: t("assignment.mode"),
    opensAt: t("assignment.opensAt"),
    dueAt: t("assignment.dueAt"),
    maxAttempts: t("assignment.maxAttempts"),
    timeLimitMinutes: t("assignment.timeLimit"),
    gradingMethod: t("assignment.gradingMethod"),
    reviewPolicy: t("assignment.reviewPolicy"),
  };

  /** Checks the form the way the server will, in the UI language: each field's problem, and the rules to send if none. */
  const inspect = (): { found: FieldErrors; rules: AssignmentRules | null } => {
    const found: FieldErrors = {};
    if (!initial && !module()) found.module = t("form.required");
    const opens = opensAt() ? fromLocalInput(opensAt()) : null;
    const due = dueAt() ? fromLocalInput(dueAt()) : null;
    if (opensAt() && opens === null) found.opensAt = t("form.dateRange");
    if (dueAt() && due === null) found.dueAt = t("form.dateRange");
    if (opens !== null && due !== null && due <= opens) found.dueAt = t("assignment.dueBeforeOpens");
    const assessment = mode() === "assessment";
    const attempts = assessment ? readLimit(maxAttempts(), 1, 100) : { value: null };
    const limit = assessment ? readLimit(timeLimit(), 1, 600) : { value: null };
    if ("error" in attempts) found.maxAttempts = attempts.error;
    if ("error" in limit) found.timeLimitMinutes = limit.error;
    // Practice shows feedback after each answer, so its review policy is simply "right away".
    const policy: Review = assessment ? review() : "after_submit";
    if (policy === "after_due" && due === null) found.reviewPolicy = t("assignment.afterDueNeedsDue");
    if (Object.keys(found).length > 0 || "error" in attempts || "error" in limit) return { found, rules: null };
    const rules: AssignmentRules = {
      mode: mode(),
      opensAt: opensAt() || null,
      dueAt: dueAt() || null,
      timeZone: zone,
      maxAttempts: attempts.value,
      timeLimitMinutes: limit.value,
      gradingMethod: grading(),
      reviewPolicy: policy,
    };
    return { found, rules };
  };

  /** On submit: shows every problem (and focuses the summary), or returns the rules to send. */
  const validate = (): AssignmentRules | null => {
    const { found, rules } = inspect();
    return form.check(found) ? null : rules;
  };

  // As the instructor fixes a field (picks a module, corrects a date), its error from the last submit goes.
  createEffect(() => form.revise(inspect().found));

  /** Creates the assignment, or saves the changed rules of an existing one. */
  const saving = useSubmission(async (rules: AssignmentRules) => {
    if (!initial) return void (await createAssignment(props.classId, { module: module(), ...rules }));
    // Dates left as they were are not sent: the server keeps their exact instants.
    const patch: Partial<AssignmentRules> = { ...rules };
    if (opensAt() === start.opensAt) delete patch.opensAt;
    if (dueAt() === start.dueAt) delete patch.dueAt;
    await updateAssignment(props.classId, initial.id, patch);
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const rules = validate();
    if (!rules) return;
    try {
      await saving(rules);
      navigate(`/classes/${encodeURIComponent(props.classId)}`);
    } catch (error) {
      form.fail(error);
    }
  };

  return (
    <form class="form" onSubmit={submit} novalidate>
      <form.Summary labels={labels} />
      <Show
        when={!initial}
        fallback={
          <p class="module-fixed">
            <span class="muted">{t("assignment.module")}:</span> <strong>{initial ? inLocale(initial.moduleTitle) : undefined}</strong>
          </p>
        }
      >
        <LoadBoundary retry={() => revalidate(getModules.key)}>
          <SelectField
            name="module"
            label={t("assignment.module")}
            placeholder={t("assignment.chooseModule")}
            value={module()}
            onChange={(e) => setModule(e.currentTarget.value)}
            error={form.field("module")}
            options={(modules() ?? []).map((m) => ({ value: m.slug, label: `${m.order}. ${m.title}` }))}
          />
        </LoadBoundary>
      </Show>
      <ChoiceField
        name="mode"
        legend={t("assignment.mode")}
        value={mode()}
        onChange={setMode}
        error={form.field("mode")}
        options={[
          { value: "assessment", label: t("assignment.assessment"), hint: t("assignment.assessmentHint") },
          { value: "practice", label: t("assignment.practice"), hint: t("assignment.practiceHint") },
        ]}
      />
      <p class="zone-note">{t("assignment.zone", { zone: zoneLabel(intlLocale(), zone) })}</p>
      <Field
        name="opensAt"
        label={t("assignment.opensAt")}
        hint={t("assignment.opensAtHint")}
        type="datetime-local"
        value={opensAt()}
        onInput={(e) => setOpensAt(e.currentTarget.value)}
        error={form.field("opensAt")}
      />
      <Field
        name="dueAt"
        label={t("assignment.dueAt")}
        hint={t("assignment.dueAtHint")}
        type="datetime-local"
        value={dueAt()}
        onInput={(e) => setDueAt(e.currentTarget.value)}
        error={form.field("dueAt")}
      />
      <Show when={mode() === "assessment"}>
        <Field
          name="maxAttempts"
          label={t("assignment.maxAttempts")}
          hint={t("assignment.maxAttemptsHint")}
          inputmode="numeric"
          pattern="[0-9]*"
          autocomplete="off"
          maxLength={3}
          class="short"
          value={maxAttempts()}
          onInput={(e) => setMaxAttempts(e.currentTarget.value)}
          error={form.field("maxAttempts")}
        />
        <Field
          name="timeLimitMinutes"
          label={t("assignment.timeLimit")}
          hint={t("assignment.timeLimitHint")}
          inputmode="numeric"
          pattern="[0-9]*"
          autocomplete="off"
          maxLength={3}
          class="short"
          value={timeLimit()}
          onInput={(e) => setTimeLimit(e.currentTarget.value)}
          error={form.field("timeLimitMinutes")}
        />
        <SelectField
          name="gradingMethod"
          label={t("assignment.gradingMethod")}
          value={grading()}
          onChange={(e) => setGrading(e.currentTarget.value as Grading)}
          error={form.field("gradingMethod")}
          options={[
            { value: "best", label: t("assignment.grading_best") },
            { value: "last", label: t("assignment.grading_last") },
            { value: "average", label: t("assignment.grading_average") },
          ]}
        />
        <ChoiceField
          name="reviewPolicy"
          legend={t("assignment.reviewPolicy")}
          value={review()}
          onChange={setReview}
          error={form.field("reviewPolicy")}
          options={[
            { value: "after_submit", label: t("assignment.review_after_submit") },
            { value: "after_due", label: t("assignment.review_after_due") },
            { value: "never", label: t("assignment.review_never") },
          ]}
        />
      </Show>
      <Show when={initial}>
        <p class="muted">{t("assignment.editNote")}</p>
      </Show>
      <div class="form-actions sticky">
        <button type="submit" class="button primary block" disabled={saving.pending()}>
          {saving.pending() ? t("assignment.saving") : initial ? t("assignment.save") : t("assignment.create")}
        </button>
      </div>
      <A href={`/classes/${encodeURIComponent(props.classId)}`} class="button subtle block">
        {t("assignment.cancel")}
      </A>
    </form>
  );
}

function EditLoader(props: { classId: string; assignmentId: string }) {
  const assignments = createAsync(() => getClassAssignments(props.classId));
  const found = () => assignments()?.find((a) => a.id === props.assignmentId);
  return (
    <Show when={assignments()}>
      <Show when={found()} fallback={<p>{t("assignment.notFound")}</p>}>
        {(a) => <Editor classId={props.classId} assignment={a()} />}
      </Show>
    </Show>
  );
}

export default function AssignmentForm() {
  const params = useParams<{ id: string; assignmentId?: string }>();
  const editing = () => params.assignmentId !== undefined && params.assignmentId !== "new";
  const classId = () => params.id ?? "";
  return (
    <div class="page narrow">
      <p class="back">
        <A href={`/classes/${encodeURIComponent(classId())}`}>← {t("classes.assignments")}</A>
      </p>
      <h1>{editing() ? t("assignment.editTitle") : t("assignment.newTitle")}</h1>
      <Gate
        need="instructor"
        children={() => (
          <LoadBoundary
            retry={() => revalidate([getClass.keyFor(classId()), getClassAssignments.keyFor(classId())])}
            notFound={notFoundInClasses(t("classes.notFound"))}
          >
            <ClassName id={classId()} />
            <Show when={editing()} fallback={<Editor classId={classId()} />}>
              <EditLoader classId={classId()} assignmentId={params.assignmentId as string} />
            </Show>
          </LoadBoundary>
        )}
      />
    </div>
  );
}

/** Which class this is for, so an instructor with several never assigns to the wrong one. */
function ClassName(props: { id: string }) {
  const detail = createAsync(() => getClass(props.id));
  return (
    <Show when={detail()}>
      <p class="lead">{detail()?.class.name}</p>
    </Show>
  );
}
