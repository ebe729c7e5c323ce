// /results, the learner's own attempts (not the instructor's gradebook): every attempt by module and assignment, scores over time, the best per module, and open attempts to continue.
import { For, Show } from "solid-js";
import { api, unwrap } from "../api.ts";
import { Gate } from "../components/Gate.tsx";
import { LoadBoundary } from "../components/LoadError.tsx";
import { formatDateTime } from "../dates.ts";
import { getDueCount, pluralForm } from "../dueCount.ts";
import { formatPercent, formatPoints } from "../format.ts";
import { inLocale, intlLocale, loadStrings, locale, t } from "../i18n.ts";
import { attemptHref, groupResults, type ModuleResults, reviewHref, sparklinePoints } from "../myAttempts.ts";
import { A, createAsync, query, revalidate } from "../router.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("learn");

export const getAttempts = query(async () => (await unwrap(await api.attempts.$get())).attempts, "myAttempts");

/** Class names of my assignments, to label their groups; results still show without them (e.g. offline). */
const getAssignmentNames = query(async (): Promise<Record<string, string>> => {
  try {
    const { assignments } = await unwrap(await api.assignments.$get());
    return Object.fromEntries(assignments.map((a) => [a.id, a.className]));
  } catch {
    return {};
  }
}, "myAssignmentNames");

type Attempt = Awaited<ReturnType<typeof getAttempts>>[number];

const percentText = (p: number) => formatPercent(p, locale());

function Sparkline(props: { values: number[] }) {
  const W = 120;
  const H = 36;
  const points = () => sparklinePoints(props.values, W, H, 4);
  const label = () => t("results.trend", { list: props.values.map(percentText).join(", ") });
  return (
    <svg class="sparkline" role="img" aria-label={label()} width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
      <title>{label()}</title>
      <line class="sparkline-base" x1="4" x2={W - 4} y1={H - 4} y2={H - 4} />
      <Show when={points().length > 1}>
        <polyline class="sparkline-line" points={points().join(" ")} />
      </Show>
      <For each={points()}>{([x, y]) => <circle class="sparkline-dot" cx={x} cy={y} r="3" />}</For>
    </svg>
  );
}

function AttemptRow(props: { a: Attempt }) {
  const a = () => props.a;
  const title = () => inLocale(a().moduleTitle);
  const when = () => a().result?.submittedAt ?? a().startedAt;
  return (
    <li class="attempt-row">
      <div class="attempt-when">
        <time datetime={when()}>{formatDateTime(when(), intlLocale())}</time>
        <span class="muted small">{a().mode === "practice" ? t("results.practice") : t("results.assessment")}</span>
      </div>
      <Show
        when={a().result}
        fallback={
          <>
            <span class="attempt-score muted">{t("results.open")}</span>
            <A href={attemptHref(a().id)} class="button small-button" aria-label={t("results.continueLabel", { title: title() })}>
              {t("results.continue")}
            </A>
          </>
        }
      >
        {(r) => (
          <>
            <span class="attempt-score">
              <strong>{t("results.percent", { percent: percentText(r().percent) })}</strong>
              <span class="muted small">
                {t("results.points", { score: formatPoints(r().score, locale()), max: formatPoints(r().maxScore, locale()) })}
              </span>
            </span>
            <A
              href={reviewHref(a().id)}
              class="button small-button"
              aria-label={t("results.reviewLabel", { date: formatDateTime(when(), intlLocale()), title: title() })}
            >
              {t("results.review")}
            </A>
          </>
        )}
      </Show>
    </li>
  );
}

function ModuleCard(props: { m: ModuleResults<Attempt>; names: Record<string, string> }) {
  const count = () => props.m.groups.reduce((n, g) => n + g.attempts.length, 0);
  const headingId = () => `results-${props.m.module}`;
  return (
    <li class="card results-module">
      <section aria-labelledby={headingId()}>
        <h2 id={headingId()} class="card-title">
          <A href={`/modules/${props.m.module}`}>{inLocale(props.m.moduleTitle)}</A>
        </h2>
        <div class="results-summary">
          <div>
            <p class="results-best">
              {props.m.best === null ? t("results.noBest") : t("results.best", { percent: percentText(props.m.best) })}
            </p>
            <p class="muted small">{t(`results.attempts.${pluralForm(intlLocale(), count())}`, { count: String(count()) })}</p>
          </div>
          <Show when={props.m.trend.length > 0}>
            <Sparkline values={props.m.trend.map((p) => p.percent)} />
          </Show>
        </div>
        <For each={props.m.groups}>
          {(g) => (
            <div class="results-group">
              <h3 class="results-group-title">
                {g.assignmentId === null
                  ? t("results.onMyOwn")
                  : props.names[g.assignmentId]
                    ? t("results.assignment", { name: props.names[g.assignmentId] as string })
                    : t("results.assignmentUnknown")}
              </h3>
              <ul class="attempt-list">
                <For each={g.attempts}>{(a) => <AttemptRow a={a} />}</For>
              </ul>
            </div>
          )}
        </For>
      </section>
    </li>
  );
}

function DeckLink() {
  const due = createAsync(() => getDueCount().catch(() => null));
  return (
    <Show when={due() !== undefined && due() !== null}>
      <A href="/deck" class="card deck-link">
        <strong>{t("results.deck")}</strong>
        <span>{due() ? t(`deck.due.${pluralForm(intlLocale(), due() as number)}`, { count: String(due()) }) : t("results.deckNone")}</span>
      </A>
    </Show>
  );
}

function StudentResults() {
  const attempts = createAsync(() => getAttempts());
  const names = createAsync(() => getAssignmentNames());
  // Open attempts are listed once, under "In progress"; the module cards hold the submitted ones.
  const modules = () => groupResults((attempts() ?? []).filter((a) => a.status === "submitted"));
  const open = () => (attempts() ?? []).filter((a) => a.status === "open");
  return (
    <LoadBoundary retry={() => revalidate([getAttempts.key, getAssignmentNames.key])}>
      <DeckLink />
      <Show when={attempts()?.length === 0}>
        <p>{t("results.empty")}</p>
        <A href="/modules" class="button primary block">
          {t("results.emptyCta")}
        </A>
      </Show>
      <Show when={open().length > 0}>
        <section aria-labelledby="in-progress">
          <h2 id="in-progress">{t("results.inProgress")}</h2>
          <ul class="cards">
            <For each={open()}>
              {(a) => (
                <li class="card open-attempt">
                  <div>
                    <strong>{inLocale(a.moduleTitle)}</strong>
                    <p class="muted small">
                      {t("results.answered", { answered: String(a.answeredCount), total: String(a.questionCount) })}
                    </p>
                  </div>
                  <A
                    href={attemptHref(a.id)}
                    class="button primary"
                    aria-label={t("results.continueLabel", { title: inLocale(a.moduleTitle) })}
                  >
                    {t("results.continue")}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <ul class="cards results-modules">
        <For each={modules()}>{(m) => <ModuleCard m={m} names={names() ?? {}} />}</For>
      </ul>
    </LoadBoundary>
  );
}

export default function MyAttempts() {
  return (
    <div class="page results-page">
      <Gate need="student" title={t("results.title")}>
        {() => (
          <>
            <h1>{t("results.title")}</h1>
            <p class="lead">{t("results.lead")}</p>
            <StudentResults />
          </>
        )}
      </Gate>
    </div>
  );
}
