// `npm run bench`: builds, seeds a scale D1, drives the built Worker, checks the DESIGN.md budgets and writes bench/results.
// Set BENCH_REUSE=<dir> to reuse the build and dataset of an earlier run (printed at the start); BENCH_SECONDS to shorten runs;
// BENCH_PORT to run the Worker on another port than 8790; BENCH_ONLY=pages to run only the page audits (Lighthouse and
// first-visit bytes), without the API probes and load runs.
// BENCH_ONLY=regrade to time only the regrade (on the dataset).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyseBundle, type BundleReport } from "./bundle.ts";
import { explain, type Plan } from "./explain.ts";
import { type FirstVisit, measureFirstVisits } from "./firstVisit.ts";
import { auditPages, type PageAudit } from "./lighthouse.ts";
import { endpoints, type LoadResult, load, type Probe, probe } from "./load.ts";
import { type RegradeFigure, regradeFigure } from "./regrade.ts";
import { pageFailures, renderMarkdown } from "./report.ts";
import { type Fixtures, SCALE, seedScale } from "./seed.ts";
import { startWorker } from "./server.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 8790);
const CONCURRENCY = [1, 16, 64];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const BUDGET = { read: 1, write: 2 };
const ONLY_PAGES = process.env.BENCH_ONLY === "pages";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const log = (s: string) => console.log(s);

export interface BenchReport {
  date: string;
  machine: { cpus: number; model: string; node: string };
  seed: { seconds: number; reused: boolean; students: number; submittedAttempts: number };
  probes: Probe[];
  roundTripFailures: string[];
  loads: LoadResult[];
  floorP50: Record<number, number>;
  plans: Plan[];
  scanFailures: string[];
  bundle: BundleReport | { error: string };
  lighthouse: PageAudit[] | { error: string };
  firstVisits: FirstVisit[] | { error: string };
  regrade: RegradeFigure | { error: string };
  skipped: string[];
}

/** A regrade that drops one question from ≈1,000 submitted attempts: time and D1 round trips. */
async function timeRegrade(dir: string, fixtures: Fixtures): Promise<RegradeFigure | { error: string }> {
  log("\nregrade: drop one question from ≈1,000 submitted attempts (a copy of the dataset)…");
  const figure = await regradeFigure(join(dir, "d1"), fixtures.cohortClassId, fixtures.instructorCookie, PORT + 1).catch(
    (error: unknown) => ({ error: String(error) }),
  );
  log(
    "error" in figure
      ? `  failed: ${figure.error}`
      : `  ${figure.status}: ${figure.attemptsChanged} of ${figure.attemptsTouched} attempts regraded in ${fmt(figure.ms, 1)} ms, ${figure.roundTrips ?? "?"} D1 round trips`,
  );
  return figure;
}

async function prepare(): Promise<{ dir: string; fixtures: Fixtures; seconds: number; reused: boolean }> {
  const reuse = process.env.BENCH_REUSE;
  if (reuse && existsSync(join(reuse, "fixtures.json"))) {
    log(`reusing the build and dataset in ${reuse}`);
    const saved = JSON.parse(readFileSync(join(reuse, "fixtures.json"), "utf8")) as Omit<Fixtures, "sectionOf">;
    return { dir: reuse, fixtures: { ...saved, sectionOf: (n) => Math.floor(n / SCALE.studentsPerSection) }, seconds: 0, reused: true };
  }
  log("building (npm run build)…");
  execFileSync("npm", ["run", "build"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const dir = mkdtempSync(join(tmpdir(), "qadam-bench-"));
  log(`fresh local D1 in ${dir}/d1 (rerun with BENCH_REUSE=${dir} to skip the build and seed)`);
  const started = performance.now();
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(dir, "d1")], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const fixtures = await seedScale(join(dir, "sql"), join(dir, "d1"), log);
  const seconds = (performance.now() - started) / 1000;
  log(`seeding took ${seconds.toFixed(1)} s`);
  const { sectionOf: _, ...saved } = fixtures;
  await writeFile(join(dir, "fixtures.json"), JSON.stringify(saved));
  return { dir, fixtures, seconds, reused: false };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main() {
  const { dir, fixtures, seconds, reused } = await prepare();
  if (process.env.BENCH_ONLY === "regrade") {
    const figure = await timeRegrade(dir, fixtures);
    if ("error" in figure || figure.status !== 200) process.exitCode = 1;
    return;
  }
  const skipped: string[] = [];
  const server = await startWorker(join(dir, "d1"), PORT);
  const probes: Probe[] = [];
  const loads: LoadResult[] = [];
  let lighthouseResult: PageAudit[] | { error: string };
  let firstVisits: FirstVisit[] | { error: string };
  try {
    const eps = ONLY_PAGES ? [] : endpoints(fixtures);
    log("\nD1 round trips per request (warm session; the budget: reads ≤ 1, writes ≤ 2)");
    // A session's first request in an isolate pays one read for the session; the repeat shows the cached steady state.
    const me = ONLY_PAGES
      ? []
      : await probe(
          server.origin,
          {
            name: "GET /api/me (first request of a session)",
            kind: "read",
            probe: () => ({ method: "GET", path: "/api/me", cookie: fixtures.students[1]!.cookie }),
            next: () => ({ method: "GET", path: "/api/me" }),
          },
          false,
        );
    probes.push(...me);
    const missing = new Set<string>();
    for (const ep of eps) {
      const results = await probe(server.origin, ep);
      probes.push(...results);
      if (results.some((p) => p.missing)) {
        missing.add(ep.name);
        skipped.push(`${ep.name}: skipped: route missing (the app answered "No API route")`);
      }
    }
    for (const p of probes)
      log(`  ${p.name.padEnd(46)} ${p.missing ? "skipped: route missing" : `${p.status}  ${p.roundTrips ?? "?"} round trip(s)`}`);

    if (!ONLY_PAGES) log(`\nload: ${SECONDS} s per endpoint at concurrency ${CONCURRENCY.join(", ")}`);
    for (const c of ONLY_PAGES ? [] : CONCURRENCY) {
      for (const ep of eps) {
        if (missing.has(ep.name)) continue;
        const r = await load(server.origin, ep, c, SECONDS);
        loads.push(r);
        log(
          `  c${String(c).padEnd(3)} ${ep.name.padEnd(46)} ${fmt(r.rps).padStart(6)} req/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  non-2xx ${r.non2xx}  errors ${r.errors}`,
        );
      }
    }

    const attempt = fixtures.openPools[0]![0]!;
    log("\nLighthouse (mobile)…");
    // The pages a student opens, signed in as one (the home page and a lesson also as a visitor).
    const student = attempt.cookie;
    lighthouseResult = await auditPages([
      { page: "home", url: `${server.origin}/` },
      { page: "dashboard (signed in)", url: `${server.origin}/dashboard`, cookie: student },
      { page: "course list (signed in)", url: `${server.origin}/modules`, cookie: student },
      { page: "lesson", url: `${server.origin}/modules/${fixtures.modules[0]}` },
      { page: "lesson (signed in)", url: `${server.origin}/modules/${fixtures.modules[0]}`, cookie: student },
      {
        page: "start page (signed in)",
        url: `${server.origin}/assignments/${fixtures.openAssignmentBySection[fixtures.sectionOf(0)]}`,
        cookie: fixtures.students[0]!.cookie,
      },
      { page: "quiz (signed in)", url: `${server.origin}/attempts/${attempt.id}`, cookie: student },
    ]).catch((error: unknown) => ({ error: String(error) }));
    log("First visits with and without the service worker…");
    firstVisits = await measureFirstVisits(server.origin, [
      { page: "home", path: "/" },
      { page: "lesson", path: `/modules/${fixtures.modules[0]}` },
    ]).catch((error: unknown) => ({ error: String(error) }));
  } finally {
    await server.stop();
  }

  const plans = explain(
    join(dir, "d1"),
    probes.filter((p) => p.statements.length > 0).map((p) => ({ endpoint: p.name, statements: p.statements })),
  );
  const bundle = await analyseBundle(root).catch((error: unknown) => ({ error: String(error) }));
  const regrade = await timeRegrade(dir, fixtures);

  const roundTripFailures = probes
    .filter((p) => !p.missing && p.roundTrips !== null && p.roundTrips > BUDGET[p.kind])
    .map((p) => `${p.name}: ${p.roundTrips} D1 round trips (budget for a ${p.kind}: ${BUDGET[p.kind]})`);
  for (const p of probes)
    if (!p.missing && p.roundTrips === null) roundTripFailures.push(`${p.name}: no x-d1-roundtrips header (is QADAM_BENCH on?)`);
  const scanFailures = plans.filter((p) => p.fullScan).map((p) => `${p.endpoint}: full scan in\n    ${p.sql}\n    ${p.plan.join(" / ")}`);
  const floorP50 = Object.fromEntries(
    CONCURRENCY.map((c) => [c, loads.find((l) => l.name === "GET /api/health" && l.concurrency === c)?.p50 ?? Number.NaN]),
  );

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "unknown", node: process.version },
    seed: { seconds, reused, students: fixtures.students.length, submittedAttempts: fixtures.submitted.length },
    probes,
    roundTripFailures,
    loads,
    floorP50,
    plans,
    scanFailures,
    bundle,
    lighthouse: lighthouseResult,
    firstVisits,
    regrade,
    skipped,
  };
  const markdown = renderMarkdown(report);
  const out = join(root, "bench", "results");
  await mkdir(out, { recursive: true });
  await writeFile(join(out, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(out, "latest.md"), markdown);
  log(`\n${markdown}`);
  log(`written: bench/results/latest.json and latest.md`);

  const bundleFailures =
    "error" in bundle ? [`bundle: ${bundle.error}`] : bundle.overBudget.map((r) => `first load of ${r} is over 35 KB gzipped`);
  const failures = [...roundTripFailures, ...scanFailures, ...bundleFailures, ...pageFailures(report)];
  if (skipped.length) log(`\n${skipped.join("\n")}`);
  if (failures.length) {
    console.error(`\nBENCH FAILED (${failures.length}):\n- ${failures.join("\n- ")}`);
    process.exitCode = 1;
  } else {
    log("\nAll budgets met.");
  }
}

await main();
