// The served OpenAPI document validates against the official OpenAPI 3.1 schema (Ajv needs code
// generation, which workerd forbids, so this runs in Node against the same app the Worker exports).
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";

interface WorkerApp {
  request(path: string, init?: RequestInit, env?: unknown): Response | Promise<Response>;
}

// Imported by a computed specifier so this Node project does not type-check the Worker's sources
// (they need the Workers types); Vitest still runs the real module.
const appModule = "../../worker/app.ts";

async function servedDocument() {
  const { app } = (await import(/* @vite-ignore */ appModule)) as { app: WorkerApp };
  // The document route touches no binding; the database middleware only needs something to wrap.
  // The document needs no data, but every request opens a D1 session: a stand-in that never queries is enough.
  const res = await app.request("/api/openapi.json", {}, { DB: { withSession: () => ({ getBookmark: () => null }) } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const document = await servedDocument();
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The first test loads the whole Worker app through Vite: seconds on a busy machine, not a sign of a problem.
  }, 30_000);

  it("is refused by the same validator when broken, so the check above can fail", async () => {
    const document = await servedDocument();
    const broken = { ...document, paths: { "/health": { get: { summary: "no responses", responses: "none" } } } };
    const result = await new Validator().validate(broken);
    expect(result.valid).toBe(false);
  });
});
