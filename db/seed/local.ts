// `npm run db:seed:local`: writes the demo rows into the local D1 (never remote) and prints how to sign in.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoAccounts, demoClass, demoPassword, demoSeedSql } from "./demo.ts";

const file = join(mkdtempSync(join(tmpdir(), "qadam-seed-")), "seed.sql");
writeFileSync(file, await demoSeedSql());
execFileSync(
  "wrangler",
  ["d1", "execute", "DB", "--local", `--file=${file}`, ...(process.env.QADAM_PERSIST ? ["--persist-to", process.env.QADAM_PERSIST] : [])],
  {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  },
);

console.log("\nDemo accounts (local database only), password for all:", demoPassword);
for (const a of demoAccounts) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(22)} ${a.name}`);
console.log(`  class "${demoClass.name}", join code ${demoClass.joinCode}\n`);
