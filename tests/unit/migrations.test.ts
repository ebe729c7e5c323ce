// The generated migrations must match db/schema.ts: drizzle-kit, run on a copy, finds nothing to generate.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("db/migrations", () => {
  it("are up to date with db/schema.ts", () => {
    const out = mkdtempSync(join(tmpdir(), "qadam-migrations-"));
    cpSync("db/migrations", out, { recursive: true });
    const before = readdirSync(out).sort();
    const log = execFileSync("drizzle-kit", ["generate"], { env: { ...process.env, DRIZZLE_OUT: out }, encoding: "utf8" });
    expect(readdirSync(out).sort(), `drizzle-kit generated a new migration; run npm run db:generate\n${log}`).toEqual(before);
  });
});
