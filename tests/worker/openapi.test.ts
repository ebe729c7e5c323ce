// The API reference cannot drift: the served OpenAPI document against Hono's real routes, responses
// against their declared schemas, bad input against the documented problem+json, and the docs page.
import { describe, expect, it } from "vitest";
import { version } from "../../package.json";
import {
  api,
  appOperations,
  basePath,
  documentedOperations,
  expectContract,
  HTTP_METHODS,
  type JsonSchema,
  matchPath,
  type OpenApiDocument,
  type Operation,
  openApiDocument,
  toHonoPath,
  toOpenApiPath,
  validateAgainst,
} from "./contract.ts";

const PROBLEM_REF = "#/components/schemas/Problem";

const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method] as Operation })),
  );

const resolve = (doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined => {
  const ref = schema?.$ref;
  return typeof ref === "string" ? resolve(doc, doc.components?.schemas?.[ref.replace("#/components/schemas/", "")]) : schema;
};

/** The first candidate the schema refuses: a value that bad input is made of. */
function invalidValue(doc: OpenApiDocument, schema: JsonSchema | undefined, candidates: unknown[], asSent = (v: unknown) => v) {
  if (!schema) return undefined;
  return candidates.find((candidate) => {
    const sent = asSent(candidate);
    return (typeof sent === "number" && Number.isNaN(sent)) || !validateAgainst(doc, schema, sent).valid;
  });
}

// Query and path values arrive as strings; numeric and boolean parameters are coerced before validation.
const asParam = (schema: JsonSchema | undefined) => (raw: unknown) => {
  const type = resolve({ paths: {} } as OpenApiDocument, schema)?.type;
  if (type === "integer" || type === "number") return Number(raw);
  if (type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  return raw;
};

const PARAM_CANDIDATES = ["zz-not-valid", "-1", "1.5", "0", "x".repeat(300)];

type Parameter = NonNullable<Operation["parameters"]>[number];

/** A value the parameter's schema accepts, so that a request fails only on the input under test. */
function validParam(doc: OpenApiDocument, param: Parameter): string {
  const schema = resolve(doc, param.schema);
  const candidates = [schema?.example, ...((schema?.enum as unknown[]) ?? []), schema?.default, "1", "abc", "a1b2c3d4", "0", "true"];
  const found = candidates.find(
    (c) => c !== undefined && (!schema || validateAgainst(doc, schema, asParam(param.schema)(String(c))).valid),
  );
  return String(found ?? "1");
}

/** The operation's URL with valid path parameters and required query parameters, except the `override`s. */
function urlFor(
  doc: OpenApiDocument,
  path: string,
  operation: Operation,
  override: Partial<Record<"path" | "query", Record<string, string>>> = {},
) {
  const params = operation.parameters ?? [];
  const valid = (where: "path" | "query") =>
    Object.fromEntries(params.filter((p) => p.in === where && (where === "path" || p.required)).map((p) => [p.name, validParam(doc, p)]));
  const pathParams = { ...valid("path"), ...override.path };
  const queryParams = { ...valid("query"), ...override.query };
  const concrete = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? "1"));
  const query = new URLSearchParams(queryParams).toString();
  return `${basePath(doc)}${concrete}${query ? `?${query}` : ""}`;
}
const BODY_CANDIDATES: unknown[] = [true, 12345.5, "zz-not-valid", [], {}, null, "x".repeat(5000)];

interface Problem {
  status: number;
  title: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

describe("GET /api/openapi.json", () => {
  it("serves an OpenAPI 3.1 document for this version, rooted at /api", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const doc = (await expectContract("GET", "/api/openapi.json", res)) as OpenApiDocument;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: "Qadam API", version });
    expect(basePath(doc)).toBe("/api");
    expect(doc.components?.schemas?.Problem).toBeDefined();
  });

  it("describes every route the app answers, and no route it does not", async () => {
    const doc = await openApiDocument();
    const routes = appOperations();
    // The route list comes from Hono's router; make sure it is the real one, not an empty list.
    expect(routes).toEqual(expect.arrayContaining(["GET /api/health", "GET /api/openapi.json", "GET /api/docs"]));
    expect(documentedOperations(doc).sort()).toEqual(routes);
  });

  it("converts Hono's :params and the document's {params} both ways", () => {
    expect(toOpenApiPath("/api/classes/:id/members/:userId")).toBe("/api/classes/{id}/members/{userId}");
    expect(toOpenApiPath("/api/items/:id{[0-9]+}")).toBe("/api/items/{id}");
    expect(toHonoPath("/classes/{id}/members/{userId}")).toBe("/classes/:id/members/:userId");
  });

  it("gives every operation a summary, a described tag and declared responses", async () => {
    const doc = await openApiDocument();
    const tagNames = new Set((doc.tags ?? []).map((t) => t.name));
    for (const { method, path, operation } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.summary, `${where} has no summary`).toBeTruthy();
      expect(operation.tags?.length, `${where} has no tag`).toBeGreaterThan(0);
      for (const tag of operation.tags ?? []) expect(tagNames.has(tag), `${where}: tag ${tag} is not in the document's tags`).toBe(true);
      expect(Object.keys(operation.responses).length, `${where} declares no responses`).toBeGreaterThan(0);
    }
    // And no tag is listed that no operation uses.
    const used = new Set(operations(doc).flatMap(({ operation }) => operation.tags ?? []));
    expect([...tagNames].filter((t) => !used.has(t))).toEqual([]);
  });

  it("declares every error as problem+json, and a 400 wherever an operation takes input", async () => {
    const doc = await openApiDocument();
    for (const { method, path, operation } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content?.["application/problem+json"]?.schema, `${where} ${status}`).toEqual({ $ref: PROBLEM_REF });
      }
      const takesInput = operation.requestBody || (operation.parameters ?? []).some((p) => p.in === "query" || p.in === "path");
      if (takesInput) expect(operation.responses["400"], `${where} takes input but declares no 400`).toBeDefined();
      if (operation.requestBody) expect(operation.responses["415"], `${where} takes a body but declares no 415`).toBeDefined();
    }
  });

  it("declares the session cookie as a security scheme", async () => {
    const doc = await openApiDocument();
    expect(doc.components?.securitySchemes?.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie", name: "qadam_session" });
  });
});

describe("expectContract", () => {
  it("accepts GET /api/health as documented", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(await expectContract("GET", "/api/health", res)).toEqual({ ok: true, version });
    // The response is left unread for the caller.
    expect(await res.json()).toEqual({ ok: true, version });
  });

  it("accepts a documented 404 from a route with a path parameter", async () => {
    const res = await api("/api/modules/no-such-module");
    expect(res.status).toBe(404);
    const body = (await expectContract("GET", "/api/modules/no-such-module", res)) as Problem;
    expect(body).toMatchObject({ status: 404, title: "Not found" });
  });

  const json = (body: unknown, status = 200, type = "application/json") =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": type } });

  it("fails on a body that does not match the declared schema", async () => {
    await expect(expectContract("GET", "/api/health", json({ ok: true }))).rejects.toThrow(/does not match the declared schema/);
    await expect(expectContract("GET", "/api/health", json({ ok: "yes", version }))).rejects.toThrow(/does not match/);
  });

  it("fails on a field the document does not declare", async () => {
    await expect(expectContract("GET", "/api/health", json({ ok: true, version, passwordHash: "x" }))).rejects.toThrow(/does not match/);
  });

  it("fails on an undeclared status, media type or path", async () => {
    await expect(expectContract("GET", "/api/health", json({ ok: true, version }, 418))).rejects.toThrow(/status 418 is not declared/);
    await expect(expectContract("GET", "/api/health", json({ ok: true, version }, 200, "text/csv"))).rejects.toThrow(
      /text\/csv is not declared/,
    );
    await expect(expectContract("GET", "/api/no-such-thing", json({}))).rejects.toThrow(/no path in the OpenAPI document/);
    await expect(expectContract("DELETE", "/api/health", json({}))).rejects.toThrow(/DELETE \/health is not in the OpenAPI document/);
  });

  it("matches literal path segments before parameters", async () => {
    const doc = await openApiDocument();
    expect(matchPath(doc, "/api/health?x=1")?.template).toBe("/health");
    expect(matchPath(doc, "/health")).toBeUndefined();
    const withParam = Object.keys(doc.paths).find((p) => p.includes("{"));
    if (withParam) {
      const concrete = withParam.replace(/\{[^}]+\}/g, "abc");
      expect(matchPath(doc, `/api${concrete}`)?.template).toBe(withParam);
    }
  });
});

describe("bad input through documented routes", () => {
  const expectBadInput = async (method: string, path: string, res: Response, fieldPath: string) => {
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(400);
    const body = (await expectContract(method, path, res)) as Problem;
    expect(
      body.errors?.map((e) => e.path),
      `${method} ${path}: ${JSON.stringify(body)}`,
    ).toContain(fieldPath);
  };

  it("GET /api/modules?lang=xx names query.lang", async () => {
    const doc = await openApiDocument();
    if (!doc.paths["/modules"]) return expect.fail("GET /api/modules is not documented");
    await expectBadInput("GET", "/api/modules?lang=xx", await api("/api/modules?lang=xx"), "query.lang");
  });

  it("every query and path parameter refuses a value its schema refuses, naming it", async () => {
    const doc = await openApiDocument();
    let checked = 0;
    for (const { method, path, operation } of operations(doc)) {
      for (const param of (operation.parameters ?? []).filter((p) => p.in === "query" || p.in === "path")) {
        const bad = invalidValue(doc, param.schema, PARAM_CANDIDATES, asParam(param.schema));
        if (bad === undefined) continue; // an unconstrained string: nothing is bad input
        const url = urlFor(doc, path, operation, { [param.in]: { [param.name]: String(bad) } });
        const init: RequestInit = { method: method.toUpperCase() };
        if (operation.requestBody) Object.assign(init, { headers: { "content-type": "application/json" }, body: "{}" });
        await expectBadInput(method.toUpperCase(), url, await api(url, init), `${param.in === "path" ? "params" : "query"}.${param.name}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("every JSON body refuses missing required fields and wrongly typed fields, naming each", async () => {
    const doc = await openApiDocument();
    let checked = 0;
    for (const { method, path, operation } of operations(doc)) {
      const schema = resolve(doc, operation.requestBody?.content["application/json"]?.schema);
      if (!schema) continue;
      const url = urlFor(doc, path, operation);
      const send = (body: unknown) =>
        api(url, { method: method.toUpperCase(), headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

      const required = (schema.required as string[] | undefined) ?? [];
      for (const field of required) await expectBadInput(method.toUpperCase(), url, await send({}), field);

      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const wrong = Object.fromEntries(
        Object.entries(properties).flatMap(([name, property]) => {
          const bad = invalidValue(doc, property, BODY_CANDIDATES);
          return bad === undefined ? [] : [[name, bad]];
        }),
      );
      for (const field of Object.keys(wrong)) await expectBadInput(method.toUpperCase(), url, await send(wrong), field);

      // Another media type is refused with the documented 415.
      const text = await api(url, { method: method.toUpperCase(), headers: { "content-type": "text/plain" }, body: "hello" });
      expect(text.status, `${method} ${url} with text/plain`).toBe(415);
      await expectContract(method.toUpperCase(), url, text);

      // Not JSON at all: a documented 400.
      const garbled = await api(url, { method: method.toUpperCase(), headers: { "content-type": "application/json" }, body: "{not json" });
      expect(garbled.status, `${method} ${url} with malformed JSON`).toBe(400);
      await expectContract(method.toUpperCase(), url, garbled);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("GET /api/docs", () => {
  it("serves the reference page with only same-origin scripts and no inline script", async () => {
    const res = await api("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    await expectContract("GET", "/api/docs", res);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      // Scalar reads its configuration from data attributes; nothing inline runs.
      expect(body?.trim(), `inline script: ${attributes}`).toBe("");
      const src = /\bsrc="([^"]+)"/.exec(attributes ?? "")?.[1];
      if (src) expect(src, "scripts come from this origin").toMatch(/^\/[^/]/);
    }
    expect(html).not.toMatch(/https?:\/\//);
    const config = /data-configuration="([^"]*)"/.exec(html)?.[1]?.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    expect(JSON.parse(config ?? "{}")).toMatchObject({ url: "/api/openapi.json", withDefaultFonts: false, telemetry: false });
  });

  it("sends a CSP that allows scripts from this origin only", async () => {
    const csp = (await api("/api/docs")).headers.get("content-security-policy") ?? "";
    const directives = Object.fromEntries(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives["default-src"]).toEqual(["'none'"]);
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["connect-src"]).toEqual(["'self'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
  });

  it("keeps the API's strict policy everywhere else", async () => {
    const csp = (await api("/api/health")).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
  });
});
