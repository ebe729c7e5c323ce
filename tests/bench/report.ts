// Renders a bench run as Markdown tables (bench/results/latest.md, and the source of docs/performance.md's figures).
import type { Sizes } from "./bundle.ts";
import type { BenchReport } from "./run.ts";

/** Lighthouse mobile: every audited page scores at least this and shifts its layout at most this much; the worker adds ≤ 20 % to a first visit. */
export const PAGE_BUDGET = { performance: 95, cls: 0.05, firstVisitRatio: 1.2 };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n: number | null) => (n === null ? "—" : `${Math.round(n)} ms`);
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map((c) => cell(String(c))).join(" | ")} |`),
  ].join("\n");

export function renderMarkdown(r: BenchReport): string {
  const out: string[] = [];
  out.push(`# Qadam bench — ${r.date}`);
  out.push(
    `Machine: ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}. Dataset: ${r.seed.students} students, ` +
      `${r.seed.submittedAttempts} submitted attempts${r.seed.reused ? " (reused from an earlier run)" : `, seeded in ${r.seed.seconds.toFixed(1)} s`}.`,
  );

  out.push("\n## D1 round trips per request (budget: read ≤ 1, write ≤ 2)\n");
  out.push(
    table(
      ["endpoint", "kind", "status", "round trips", "verdict"],
      r.probes.map((p) => [
        p.name,
        p.kind,
        p.missing ? "—" : p.status,
        p.missing ? "—" : (p.roundTrips ?? "?"),
        p.missing ? "skipped: route missing" : p.roundTrips !== null && p.roundTrips <= (p.kind === "read" ? 1 : 2) ? "ok" : "OVER",
      ]),
    ),
  );

  out.push("\n## Regrade (one request: drop a question from ≈1,000 submitted attempts)\n");
  out.push(
    "error" in r.regrade
      ? `failed: ${r.regrade.error}`
      : `${r.regrade.attemptsChanged} of ${r.regrade.attemptsTouched} attempts regraded in ${r.regrade.ms.toFixed(1)} ms, ` +
          `${r.regrade.roundTrips ?? "?"} D1 round trips (HTTP ${r.regrade.status}).`,
  );

  out.push("\n## Throughput and latency (autocannon, same run; floor = GET /api/health at the same concurrency)\n");
  out.push(
    table(
      ["endpoint", "conc.", "req/s", "p50", "p99", "non-2xx", "errors", "p50 ÷ floor", "D1 trips mean/max"],
      r.loads.map((l) => {
        const floor = r.floorP50[l.concurrency] ?? Number.NaN;
        const ratio = floor > 0 ? (l.p50 / floor).toFixed(1) : "—";
        const fresh = l.freshFixtures !== undefined && l.freshFixtures < l.requests ? ` (${l.freshFixtures} fresh)` : "";
        return [
          l.name,
          l.concurrency,
          `${Math.round(l.rps)}${fresh}`,
          `${l.p50.toFixed(1)} ms`,
          `${l.p99.toFixed(1)} ms`,
          l.non2xx,
          l.errors,
          ratio,
          `${l.meanRoundTrips.toFixed(2)} / ${l.maxRoundTrips}`,
        ];
      }),
    ),
  );

  out.push("\n## Query plans of the statements the routes issued (full scans of attempts/answers/review_cards fail)\n");
  out.push(
    table(
      ["first seen in", "statement", "plan", "verdict"],
      r.plans.map((p) => [
        p.endpoint,
        p.sql.length > 160 ? `${p.sql.slice(0, 160)}…` : p.sql,
        p.plan.join(" / "),
        p.fullScan ? "FULL SCAN" : "ok",
      ]),
    ),
  );

  out.push("\n## First-visit JavaScript and CSS per route (budget: 35 KB of JS gzipped for a student)\n");
  if ("error" in r.bundle) out.push(`Not measured: ${r.bundle.error}`);
  else {
    const b = r.bundle;
    const s = (x: Sizes) => `${kb(x.gzip)} / ${kb(x.brotli)}`;
    out.push(
      table(
        ["route", "audience", "lazy page chunk", "JS files", "JS gzip / brotli", "CSS gzip / brotli", "verdict"],
        b.routes.map((x) => [
          x.route,
          x.audience,
          x.chunk ?? "(in the entry)",
          x.js.files,
          s(x.js),
          s(x.css),
          x.audience === "instructor" ? "—" : x.js.gzip <= b.budgetGzipBytes ? "ok" : "OVER",
        ]),
      ),
    );
    out.push(
      `\nEntry alone: JS ${s(b.entry.js)}, CSS ${s(b.entry.css)}. Instructor pages (lazy, beyond the entry): JS ${s(b.instructor.js)}, CSS ${s(b.instructor.css)}. Worst student route: ${kb(b.worstStudentJsGzip)} of JS gzipped.`,
    );
    if (b.notBuilt.length) out.push(`\nNot in this build (web/src/main.tsx changed after it): ${b.notBuilt.join(", ")}.`);
  }

  out.push("\n## Lighthouse (mobile profile, simulated throttling)\n");
  if ("error" in r.lighthouse) out.push(`Not run: ${r.lighthouse.error}`);
  else
    out.push(
      table(
        ["page", "performance", "accessibility", "LCP", "TBT", "CLS", "requests", "transferred", "of it JS", "note"],
        r.lighthouse.map((a) => [
          a.page,
          a.performance ?? "—",
          a.accessibility ?? "—",
          ms(a.lcpMs),
          ms(a.tbtMs),
          a.cls === null ? "—" : a.cls.toFixed(3),
          a.requests ?? "—",
          a.transferBytes === null ? "—" : kb(a.transferBytes),
          a.scriptTransferBytes === null ? "—" : kb(a.scriptTransferBytes),
          a.error ?? "",
        ]),
      ),
    );

  out.push("\n## First visit: bytes on the wire without and with the service worker\n");
  if ("error" in r.firstVisits) out.push(`Not run: ${r.firstVisits.error}`);
  else
    out.push(
      table(
        ["page", "without worker", "with worker", "ratio", "with worker, 20 s later (rest of the shell)"],
        r.firstVisits.map((v) => [v.page, kb(v.withoutWorker), kb(v.withWorker), `${v.ratio.toFixed(2)}×`, kb(v.withWorkerLater)]),
      ),
    );

  if (r.skipped.length) out.push(`\n## Skipped\n\n${r.skipped.map((s) => `- ${s}`).join("\n")}`);
  const bundleFailures =
    "error" in r.bundle
      ? [`bundle not measured: ${r.bundle.error}`]
      : r.bundle.overBudget.map((route) => `first load of ${route} is over 35 KB of JS gzipped`);
  const failures = [...r.roundTripFailures, ...r.scanFailures, ...bundleFailures, ...pageFailures(r)];
  out.push(`\n## Verdict\n\n${failures.length ? failures.map((f) => `- FAIL ${f}`).join("\n") : "All budgets met."}`);
  return `${out.join("\n")}\n`;
}

/** Pages below the Lighthouse score, over the layout-shift budget, or whose first visit the worker makes too heavy. */
export function pageFailures(r: Pick<BenchReport, "lighthouse" | "firstVisits">): string[] {
  const out: string[] = [];
  if ("error" in r.lighthouse) out.push(`Lighthouse: ${r.lighthouse.error}`);
  else
    for (const a of r.lighthouse) {
      if (a.error) out.push(`${a.page}: ${a.error}`);
      if (a.performance !== null && a.performance < PAGE_BUDGET.performance)
        out.push(`${a.page}: Lighthouse performance ${a.performance} (budget ≥ ${PAGE_BUDGET.performance})`);
      if (a.cls !== null && a.cls > PAGE_BUDGET.cls) out.push(`${a.page}: layout shift ${a.cls.toFixed(3)} (budget ≤ ${PAGE_BUDGET.cls})`);
    }
  if ("error" in r.firstVisits) out.push(`first visits: ${r.firstVisits.error}`);
  else
    for (const v of r.firstVisits)
      if (v.ratio > PAGE_BUDGET.firstVisitRatio)
        out.push(
          `${v.page}: a first visit with the service worker costs ${v.ratio.toFixed(2)}× the bytes without it (budget ≤ ${PAGE_BUDGET.firstVisitRatio}×)`,
        );
  return out;
}
