// The instructor's classes: each with its size and join code, and a form to create another.
import { createSignal, For, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { createFormErrors } from "../../components/FormErrors.tsx";
import { Gate } from "../../components/Gate.tsx";
import { LoadBoundary } from "../../components/LoadError.tsx";
import { loadStrings, t } from "../../i18n.ts";
import { A, createAsync, revalidate, useNavigate, useSubmission } from "../../router.tsx";
import { createClass, getClasses } from "./data.ts";
import { QuestionBanks } from "./QuestionBanks.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("instructor");

function CreateClassForm() {
  const run = useSubmission(createClass);
  const navigate = useNavigate();
  const form = createFormErrors(["name"]);
  const [name, setName] = createSignal("");

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const clean = name().trim();
    if (form.check(!clean ? { name: t("form.required") } : clean.length > 120 ? { name: t("form.maxChars", { n: "120" }) } : {})) return;
    try {
      const k = await run(clean);
      // Straight to the new class: the join code is what the instructor needs next.
      navigate(`/classes/${encodeURIComponent(k.id)}`);
    } catch (error) {
      form.fail(error);
    }
  };

  return (
    <section aria-labelledby="create-title" class="card form-card">
      <h2 id="create-title">{t("classes.createTitle")}</h2>
      <form class="form" onSubmit={submit} novalidate>
        <form.Summary labels={{ name: t("classes.name") }} />
        <Field
          name="name"
          label={t("classes.name")}
          hint={t("classes.nameHint")}
          autocomplete="off"
          maxLength={120}
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          error={form.field("name")}
        />
        <button type="submit" class="button primary block" disabled={run.pending()}>
          {run.pending() ? t("classes.creating") : t("classes.create")}
        </button>
      </form>
    </section>
  );
}

function ClassList() {
  const classes = createAsync(() => getClasses());
  return (
    <LoadBoundary retry={() => revalidate(getClasses.key)}>
      <Show when={(classes() ?? []).length > 0} fallback={<Show when={classes()}>{<p class="lead">{t("classes.empty")}</p>}</Show>}>
        <ul class="cards">
          <For each={classes()}>
            {(k) => (
              <li class="card class-card">
                <h2 class="card-title">
                  <A href={`/classes/${encodeURIComponent(k.id)}`}>{k.name}</A>
                </h2>
                <p class="muted">
                  {t("classes.students", { n: String(k.memberCount ?? 0) })} · {t("classes.code")}{" "}
                  <span class="code-inline">{k.joinCode}</span>
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </LoadBoundary>
  );
}

export default function Classes() {
  return (
    <div class="page">
      <h1>{t("classes.title")}</h1>
      <Gate
        need="instructor"
        children={() => (
          <>
            <ClassList />
            <CreateClassForm />
            <QuestionBanks />
            <p>
              <A href="/lms">{t("lms.link")}</A>
            </p>
          </>
        )}
      />
    </div>
  );
}
