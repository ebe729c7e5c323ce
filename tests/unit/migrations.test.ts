// The generated migrations must match db/schema.ts: drizzle-kit, run on a copy, finds nothing to generate.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// drizzle-kit reads `out` relative to the project, so the copy lives inside it (in a git-ignored folder).
mkdirSync(".wrangler", { recursive: true });
const out = mkdtempSync(join(".wrangler", "migrations-check-"));

describe("db/migrations", () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("are up to date with db/schema.ts", () => {
    cpSync("db/migrations", out, { recursive: true });
    const before = readdirSync(out).sort();
    expect(before.filter((f) => f.endsWith(".sql")).length).toBeGreaterThan(0);
    const log = execFileSync("drizzle-kit", ["generate"], {
      env: { ...process.env, DRIZZLE_OUT: `./${relative(".", out)}` },
      encoding: "utf8",
    });
    expect(log).toContain("No schema changes");
    expect(readdirSync(out).sort(), `drizzle-kit generated a new migration; run npm run db:generate\n${log}`).toEqual(before);
  });
});
