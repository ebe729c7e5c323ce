// EXPLAIN QUERY PLAN for the statements the routes really issued (captured in bench mode), on the seeded SQLite file.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Statement } from "./load.ts";

export interface Plan {
  endpoint: string;
  sql: string;
  plan: string[];
  /** A full scan of a table that grows with use (attempts, answers, review_cards), or a status-only index walk. */
  fullScan: boolean;
}

const GROWING_TABLES = /\bSCAN (attempts|answers|review_cards)\b/;
// An index used only for `status` narrows attempts to "all submitted ones": a scan in all but name.
const STATUS_ONLY = /\bSEARCH (attempts|answers) USING (?:COVERING )?INDEX \w+ \(status=\?\)/;

/** The local D1's SQLite file under a `--persist-to` directory. */
export function d1File(persistDir: string): string {
  const dir = join(persistDir, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) throw new Error(`no D1 SQLite file in ${dir}`);
  return join(dir, file);
}

const bindable = (v: unknown) => (typeof v === "boolean" ? Number(v) : v === undefined ? null : v) as string | number | null;

export function explain(persistDir: string, byEndpoint: { endpoint: string; statements: Statement[] }[]): Plan[] {
  const db = new DatabaseSync(d1File(persistDir), { readOnly: true });
  const seen = new Set<string>();
  const plans: Plan[] = [];
  try {
    for (const { endpoint, statements } of byEndpoint) {
      for (const s of statements) {
        if (seen.has(s.sql)) continue;
        seen.add(s.sql);
        const rows = db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params.map(bindable)) as { detail: string }[];
        const plan = rows.map((r) => r.detail);
        plans.push({ endpoint, sql: s.sql, plan, fullScan: plan.some((line) => GROWING_TABLES.test(line) || STATUS_ONLY.test(line)) });
      }
    }
  } finally {
    db.close();
  }
  return plans;
}
