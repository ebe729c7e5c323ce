// /classes/:id/items?assignment=…: per question of an assignment, facility, discrimination, option picks, and flags explained in words.
import { For, Show, Suspense } from "solid-js";
import { api, unwrap } from "../../api.ts";
import { Disclosure } from "../../components/Disclosure.tsx";
import { Gate } from "../../components/Gate.tsx";
import { LoadBoundary, Loading } from "../../components/LoadError.tsx";
import { inLocale, intlLocale, loadStrings, locale, t } from "../../i18n.ts";
import { countPhrase } from "../../plural.ts";
import { A, createAsync, query, revalidate, useParams, useSearchParams } from "../../router.tsx";
import { getClassAssignments, notFoundInClasses } from "./data.ts";
import { percent } from "./Gradebook.tsx";
import { readItem } from "./itemReading.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("instructor");

export const getItemAnalysis = query(
  async (id: string, assignmentId: string) => unwrap(await api.classes[":id"].items.$get({ param: { id }, query: { assignmentId } })),
  "itemAnalysis",
);

type Analysis = Awaited<ReturnType<typeof getItemAnalysis>>;
type Item = Analysis["items"][number];

const index = (n: number | null) =>
  n === null
    ? t("gradebook.items.notAvailable")
    : new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

/** "1 попытка" / "5 попыток" / "2 attempts". */
const attempts = (n: number) => countPhrase(t("gradebook.items.attemptCount"), locale(), n);

/** Each flag in words, with the question's own counts and figures. */
function flagText(flag: Item["flags"][number], q: Item): string {
  return t(`gradebook.items.flagsExplained.${flag}`, {
    correct: String(q.correct),
    served: String(q.served),
    facility: percent(q.facility),
    index: index(q.discrimination),
  });
}

function Figures(props: { item: Item; from: number }) {
  const reading = () => readItem(props.item);
  return (
    <dl class="ia-numbers">
      <div>
        <dt>{t("gradebook.items.facility")}</dt>
        <dd>
          {(() => {
            const f = reading().facility;
            return f.kind === "share"
              ? percent(f.share)
              : t("gradebook.items.rightOf", { correct: String(f.correct), served: String(f.served) });
          })()}
        </dd>
      </div>
      <div>
        <dt>{t("gradebook.items.discrimination")}</dt>
        {(() => {
          const d = reading().discrimination;
          return d.kind === "index" ? (
            <dd classList={{ negative: (d.value ?? 0) < 0 }}>{index(d.value)}</dd>
          ) : (
            <dd class="ia-too-few">
              <span aria-hidden="true">{t("gradebook.items.tooFew")}</span>
              <span class="visually-hidden">
                {t("gradebook.items.tooFewLabel", { attempts: attempts(props.item.served), from: String(props.from) })}
              </span>
            </dd>
          );
        })()}
      </div>
    </dl>
  );
}

function ItemCard(props: { item: Item; n: number; from: number }) {
  const q = () => props.item;
  return (
    <li class="card ia-item" classList={{ flagged: q().flags.length > 0 }}>
      <p class="muted small">
        {t("gradebook.items.prompt")} {props.n} · {t("gradebook.items.servedCount", { attempts: attempts(q().served) })} ·{" "}
        {t("gradebook.items.answered", { n: String(q().answered) })}
      </p>
      <h3 class="ia-prompt">{inLocale(q().prompt)}</h3>
      <Figures item={q()} from={props.from} />
      <Show when={q().flags.length > 0}>
        <ul class="ia-flags">
          <For each={q().flags}>{(flag) => <li>{flagText(flag, q())}</li>}</For>
        </ul>
      </Show>
      <Show when={q().options}>
        {(options) => (
          <table class="ia-options">
            <caption class="visually-hidden">{t("gradebook.items.options")}</caption>
            <thead>
              <tr>
                <th scope="col" class="ia-head">
                  {t("gradebook.items.option")}
                </th>
                <th scope="col" class="ia-head">
                  {t("gradebook.items.share")}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={options()}>
                {(o) => (
                  <tr>
                    <th scope="row" class="ia-option" classList={{ correct: o.correct }}>
                      {inLocale(o.text)}
                      <Show when={o.correct}>
                        {" "}
                        <span class="correct-mark">✓ {t("gradebook.items.correct")}</span>
                      </Show>
                    </th>
                    <td class="ia-share">
                      <span class="ia-bar" aria-hidden="true">
                        <span style={{ width: `${Math.round((o.share ?? 0) * 100)}%` }} />
                      </span>
                      {/* Too few to read a share: the count alone ("2 of 3" is in the figures above). */}
                      {q().reliable ? `${percent(o.share)} (${o.picked})` : String(o.picked)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
    </li>
  );
}

function AnalysisView(props: { id: string; assignmentId: string }) {
  const analysis = createAsync(() => getItemAnalysis(props.id, props.assignmentId));
  return (
    <LoadBoundary
      retry={() => revalidate(getItemAnalysis.keyFor(props.id, props.assignmentId))}
      notFound={notFoundInClasses(t("assignment.notFound"))}
    >
      <Show when={analysis()}>
        {(a) => (
          <Show when={a().attemptCount > 0} fallback={<p>{t("gradebook.items.none")}</p>}>
            <p>
              {t("gradebook.items.summary", { attempts: attempts(a().attemptCount) })}{" "}
              <Show when={a().reliable}>{t("gradebook.items.groups", { size: attempts(a().groupSize) })}</Show>
            </p>
            <Show when={!a().reliable}>
              <p class="notice ia-unreliable" role="note">
                {t("gradebook.items.unreliable", { from: attempts(a().reliableFrom) })}
              </p>
            </Show>
            <Show when={a().items.some((i) => i.flags.length > 0)}>
              <p class="ia-flag-count">{t("gradebook.items.flagged", { n: String(a().items.filter((i) => i.flags.length > 0).length) })}</p>
            </Show>
            <ol class="ia-list">
              <For each={a().items}>{(item, i) => <ItemCard item={item} n={i() + 1} from={a().reliableFrom} />}</For>
            </ol>
          </Show>
        )}
      </Show>
    </LoadBoundary>
  );
}

function ItemsPage(props: { id: string }) {
  const [search, setSearch] = useSearchParams<{ assignment?: string }>();
  const assignments = createAsync(() => getClassAssignments(props.id));
  const chosen = () => search.assignment ?? assignments()?.[0]?.id;
  return (
    <>
      <h1>{t("gradebook.items.title")}</h1>
      <p class="lead">{t("gradebook.items.lead")}</p>
      <Disclosure class="card ia-help" summary={<span class="ia-help-summary">{t("gradebook.items.howTo")}</span>}>
        <p>{t("gradebook.items.facilityHelp")}</p>
        <p>{t("gradebook.items.discriminationHelp")}</p>
        <p>{t("gradebook.items.optionsHelp")}</p>
        <p>{t("gradebook.items.flagsHelp")}</p>
      </Disclosure>
      <Suspense fallback={<Loading />}>
        <Show when={(assignments()?.length ?? 0) > 0} fallback={<p>{t("gradebook.noAssignments")}</p>}>
          <div class="field">
            <label for="ia-assignment">{t("gradebook.items.assignment")}</label>
            <select
              id="ia-assignment"
              class="input"
              value={chosen() ?? ""}
              onChange={(event) => setSearch({ assignment: event.currentTarget.value }, { replace: true })}
            >
              <For each={assignments()}>{(a) => <option value={a.id}>{inLocale(a.moduleTitle)}</option>}</For>
            </select>
          </div>
          <Show when={chosen()} keyed>
            {(assignmentId) => <AnalysisView id={props.id} assignmentId={assignmentId} />}
          </Show>
        </Show>
      </Suspense>
    </>
  );
}

export default function ItemAnalysis() {
  const params = useParams<{ id: string }>();
  return (
    <div class="page">
      <p class="back">
        <A href={`/classes/${encodeURIComponent(params.id ?? "")}/gradebook`}>← {t("gradebook.backToGradebook")}</A>
      </p>
      <Gate need="instructor" title={t("gradebook.items.title")} children={() => <ItemsPage id={params.id ?? ""} />} />
    </div>
  );
}
