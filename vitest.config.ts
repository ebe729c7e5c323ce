import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { exportJWK, generateKeyPair } from "jose";
import { defineConfig } from "vitest/config";

// Qadam's LTI signing key for the worker tests: generated per run, as `npm run lti:keys` does for dev.
const { privateKey } = await generateKeyPair("RS256", { extractable: true });
const LTI_PRIVATE_JWKS = JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256" }] });

const migrations = await readD1Migrations(fileURLToPath(new URL("./db/migrations", import.meta.url)));

export default defineConfig({
  test: {
    projects: [
      {
        // Worker tests run inside workerd with a real local D1 and the migrations applied (tests/worker/setup.ts).
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { TEST_MIGRATIONS: migrations, LTI_PRIVATE_JWKS } },
          }),
        ],
        test: { name: "worker", include: ["tests/worker/**/*.test.ts"], setupFiles: ["tests/worker/setup.ts"] },
      },
      {
        // Node resolves solid-js to its server build, where signals never rerun anything; the web app's reactive
        // state (the quiz session, the router's query cache) is tested against the browser build instead.
        resolve: { alias: [{ find: /^solid-js$/, replacement: "solid-js/dist/solid.js" }] },
        test: { name: "node", include: ["tests/lessons/**/*.test.ts", "tests/unit/**/*.test.ts"], environment: "node" },
      },
    ],
  },
});
