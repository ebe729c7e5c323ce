// LMS connections: Qadam's values to paste into Moodle or Canvas, a dynamic registration link, and the registered LMSs.
import { createSignal, For, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { createFormErrors } from "../../components/FormErrors.tsx";
import { Gate } from "../../components/Gate.tsx";
import { LoadBoundary } from "../../components/LoadError.tsx";
import { loadStrings, t } from "../../i18n.ts";
import { createAsync, revalidate, useSubmission } from "../../router.tsx";
import { createLtiRegistrationLink, getLtiPlatforms, type LtiPlatformInput, registerLtiPlatform } from "./data.ts";

await loadStrings("instructor");

function Value(props: { label: string; value: string }) {
  return (
    <div class="field">
      <span class="field-label">{props.label}</span>
      <code class="code-inline lms-value">{props.value}</code>
    </div>
  );
}

function DynamicLink() {
  const run = useSubmission(createLtiRegistrationLink);
  const [link, setLink] = createSignal<string | null>(null);
  const [failed, setFailed] = createSignal(false);
  const make = async () => {
    setFailed(false);
    try {
      setLink((await run()).url);
    } catch {
      setFailed(true);
    }
  };
  return (
    <section class="card" aria-labelledby="lms-dynamic-title">
      <h2 id="lms-dynamic-title">{t("lms.dynamicTitle")}</h2>
      <p>{t("lms.dynamicHelp")}</p>
      <Show when={link()}>{(url) => <Value label={t("lms.dynamicLink")} value={url()} />}</Show>
      <Show when={failed()}>
        <p role="alert">{t("lms.failed")}</p>
      </Show>
      <button type="button" class="button primary block" onClick={make} disabled={run.pending()}>
        {t("lms.dynamicMake")}
      </button>
    </section>
  );
}

const FIELDS = ["name", "issuer", "clientId", "authUrl", "tokenUrl", "jwksUrl", "deploymentIds"] as const;
type FieldName = (typeof FIELDS)[number];

function ManualForm() {
  const run = useSubmission(registerLtiPlatform);
  const form = createFormErrors(FIELDS);
  const [values, setValues] = createSignal<Record<FieldName, string>>(
    Object.fromEntries(FIELDS.map((f) => [f, ""])) as Record<FieldName, string>,
  );
  const [done, setDone] = createSignal(false);
  const labels = Object.fromEntries(FIELDS.map((f) => [f, t(`lms.field.${f}`)]));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const v = values();
    const empty = Object.fromEntries(FIELDS.filter((f) => !v[f].trim()).map((f) => [f, t("form.required")]));
    if (form.check(empty)) return;
    const json: LtiPlatformInput = {
      name: v.name,
      issuer: v.issuer,
      clientId: v.clientId,
      authUrl: v.authUrl,
      tokenUrl: v.tokenUrl,
      jwksUrl: v.jwksUrl,
      deploymentIds: v.deploymentIds.split(/[\s,]+/).filter(Boolean),
    };
    try {
      await run(json);
      setDone(true);
      revalidate(getLtiPlatforms.key);
    } catch (error) {
      form.fail(error);
    }
  };
  return (
    <section class="card form-card" aria-labelledby="lms-manual-title">
      <h2 id="lms-manual-title">{t("lms.manualTitle")}</h2>
      <p>{t("lms.manualHelp")}</p>
      <form class="form" onSubmit={submit} novalidate>
        <form.Summary labels={labels} />
        <For each={FIELDS}>
          {(f) => (
            <Field
              name={f}
              label={labels[f] ?? f}
              hint={f === "deploymentIds" ? t("lms.deploymentHint") : undefined}
              autocomplete="off"
              value={values()[f]}
              onInput={(e) => setValues({ ...values(), [f]: e.currentTarget.value })}
              error={form.field(f)}
            />
          )}
        </For>
        <Show when={done()}>
          <p role="status">{t("lms.registered")}</p>
        </Show>
        <button type="submit" class="button primary block" disabled={run.pending()}>
          {t("lms.register")}
        </button>
      </form>
    </section>
  );
}

function Connections() {
  const data = createAsync(() => getLtiPlatforms());
  return (
    <LoadBoundary retry={() => revalidate(getLtiPlatforms.key)}>
      <Show when={data()}>
        {(d) => (
          <>
            <section class="card" aria-labelledby="lms-values-title">
              <h2 id="lms-values-title">{t("lms.valuesTitle")}</h2>
              <p>{t("lms.valuesHelp")}</p>
              <Value label={t("lms.toolUrl")} value={d().tool.toolUrl} />
              <Value label={t("lms.loginUrl")} value={d().tool.initiateLoginUrl} />
              <Value label={t("lms.redirectUrl")} value={d().tool.redirectUrls.join(" ")} />
              <Value label={t("lms.jwksUrl")} value={d().tool.jwksUrl} />
              <Value label={t("lms.deepLinkingUrl")} value={d().tool.deepLinkingUrl} />
            </section>
            <DynamicLink />
            <section aria-labelledby="lms-list-title">
              <h2 id="lms-list-title">{t("lms.listTitle")}</h2>
              <Show when={d().platforms.length > 0} fallback={<p>{t("lms.none")}</p>}>
                <ul class="cards">
                  <For each={d().platforms}>
                    {(p) => (
                      <li class="card">
                        <h3 class="card-title">{p.name}</h3>
                        <p class="muted">
                          {p.issuer} · {t("lms.field.clientId")}: <span class="code-inline">{p.clientId}</span> ·{" "}
                          {t("lms.field.deploymentIds")}: {p.deploymentIds.join(", ") || "—"}
                        </p>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <ManualForm />
          </>
        )}
      </Show>
    </LoadBoundary>
  );
}

export default function LmsConnections() {
  return (
    <div class="page">
      <h1>{t("lms.title")}</h1>
      <Gate need="instructor" title={t("lms.title")} children={() => <Connections />} />
    </div>
  );
}
