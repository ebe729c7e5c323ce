// A bar chart of counts per tenth of the grade scale in plain SVG, with the same numbers as a table for screen readers.
import { For, Show } from "solid-js";
import { formatPercent } from "../format.ts";
import { loadStrings, locale, t } from "../i18n.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("instructor");

const WIDTH = 220;
const HEIGHT = 72;
const AXIS = 16;
const GAP = 3;

/** "0–10 %" ("0–10%" in en): the range a bucket covers, the last one including 100 %; the sign as format.ts writes it. */
export const bucketLabel = (i: number, buckets: number, lang: string) => {
  const end = formatPercent(Math.round(((i + 1) * 100) / buckets), lang);
  return `${Math.round((i * 100) / buckets)}–${end}`;
};

export function Histogram(props: { counts: number[]; label: string }) {
  const max = () => Math.max(1, ...props.counts);
  const barWidth = () => (WIDTH - GAP * (props.counts.length - 1)) / props.counts.length;
  const total = () => props.counts.reduce((s, n) => s + n, 0);
  return (
    <figure class="histogram">
      <Show when={total() > 0}>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`} aria-hidden="true">
          <line x1="0" x2={WIDTH} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} class="histogram-axis" />
          <For each={props.counts}>
            {(n, i) => {
              const h = () => (n === 0 ? 0 : Math.max(2, (n / max()) * (HEIGHT - 14)));
              const x = () => i() * (barWidth() + GAP);
              return (
                <>
                  <rect x={x()} y={HEIGHT - h()} width={barWidth()} height={h()} rx="2" class="histogram-bar" />
                  {n > 0 && (
                    <text x={x() + barWidth() / 2} y={HEIGHT - h() - 3} text-anchor="middle" class="histogram-count">
                      {n}
                    </text>
                  )}
                </>
              );
            }}
          </For>
          <text x="0" y={HEIGHT + AXIS - 3} class="histogram-tick">
            0 %
          </text>
          <text x={WIDTH / 2} y={HEIGHT + AXIS - 3} text-anchor="middle" class="histogram-tick">
            50 %
          </text>
          <text x={WIDTH} y={HEIGHT + AXIS - 3} text-anchor="end" class="histogram-tick">
            100 %
          </text>
        </svg>
      </Show>
      <figcaption>
        {props.label}. {t("gradebook.histogramSummary", { n: String(total()) })}
      </figcaption>
      {/* In a box: a table never shrinks below its content, so the hiding class must not sit on the table itself. */}
      <div class="visually-hidden">
        <table>
          <caption>{props.label}</caption>
          <thead>
            <tr>
              <th scope="col">{t("gradebook.histogramRange")}</th>
              <th scope="col">{t("gradebook.histogramCount")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.counts}>
              {(n, i) => (
                <tr>
                  <th scope="row">{bucketLabel(i(), props.counts.length, locale())}</th>
                  <td>{n}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </figure>
  );
}
