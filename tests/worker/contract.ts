// Contract helpers for the workerd tests: the served OpenAPI document, the app's real route list, and
// `expectContract`, which checks a response against the schema the document declares for its status.

import { exports } from "cloudflare:workers";
import { type Schema, Validator } from "@cfworker/json-schema";
import { expect } from "vitest";
import { app } from "../../worker/app.ts";
import type { Received } from "./helpers.ts";

export type JsonSchema = Schema;

interface MediaType {
  schema?: JsonSchema;
}
export interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: Array<{ name: string; in: "path" | "query" | "header" | "cookie"; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export const OPENAPI_PATH = "/api/openapi.json";

/** A request to the Worker exactly as deployed (its real fetch handler, middleware and bindings). */
export const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://localhost${path}`, init));

let cached: Promise<OpenApiDocument> | undefined;

/** The document as the Worker serves it, fetched once per test file. */
export function openApiDocument(): Promise<OpenApiDocument> {
  cached ??= api(OPENAPI_PATH).then(async (res) => {
    if (res.status !== 200) throw new Error(`${OPENAPI_PATH} answered ${res.status}: ${await res.text()}`);
    return res.json<OpenApiDocument>();
  });
  return cached;
}

/** The server's base path: the document's paths are relative to it ("/api"). */
export const basePath = (doc: OpenApiDocument) => (doc.servers?.[0]?.url ?? "").replace(/\/$/, "");

/** "/classes/{id}" → "/classes/:id" and back, so Hono's routes and the document's paths compare. */
export const toHonoPath = (openApiPath: string) => openApiPath.replace(/\{([^}/]+)\}/g, ":$1");
export const toOpenApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, "{$1}");

/** Every operation the document declares, as "GET /api/classes/{id}". */
export function documentedOperations(doc: OpenApiDocument): string[] {
  const base = basePath(doc);
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${base}${path}`),
  );
}

/**
 * Every operation the app answers, read from Hono's router: `app.routes` lists each handler with its
 * method and full path. Middleware shows up as method ALL on a wildcard path and is not an operation.
 */
export function appOperations(): string[] {
  const operations = app.routes
    .filter((r) => !(r.method === "ALL" && r.path.endsWith("*")))
    .map((r) => `${r.method} ${toOpenApiPath(r.path)}`);
  return [...new Set(operations)].sort();
}

/** The document's path template that a concrete request path matches, preferring literal segments. */
export function matchPath(doc: OpenApiDocument, requestPath: string): { template: string; params: Record<string, string> } | undefined {
  const base = basePath(doc);
  const pathname = new URL(requestPath, "http://localhost").pathname;
  if (!pathname.startsWith(`${base}/`)) return undefined;
  const relative = pathname.slice(base.length);
  const candidates = Object.keys(doc.paths).flatMap((template) => {
    const names: string[] = [];
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}/]+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const found = new RegExp(`^${pattern}$`).exec(relative);
    if (!found) return [];
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1] ?? "")]));
    return [{ template, params, literals: template.split("/").filter((s) => s && !s.startsWith("{")).length }];
  });
  candidates.sort((a, b) => b.literals - a.literals);
  const best = candidates[0];
  return best && { template: best.template, params: best.params };
}

type SchemaNode = Record<string, unknown>;
const isNode = (value: unknown): value is SchemaNode => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Closes one schema in place: an object level without `additionalProperties` gets
 * `unevaluatedProperties: false` (which sees through `allOf` and `$ref`), unless `open` says a sibling
 * in an `allOf` adds fields to it. `$ref`s that are `allOf` members are pointed at an open twin.
 */
function closeSchema(schema: unknown, open: boolean, twins: Set<string>): void {
  if (!isNode(schema)) return;
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) {
      if (isNode(member) && typeof member.$ref === "string") {
        twins.add(member.$ref.replace("#/components/schemas/", ""));
        member.$ref = `${member.$ref}Open`;
      } else closeSchema(member, true, twins);
    }
  }
  const objectLevel = schema.type === "object" || isNode(schema.properties) || Array.isArray(schema.allOf);
  if (objectLevel && !open && !("additionalProperties" in schema) && !("unevaluatedProperties" in schema)) {
    schema.unevaluatedProperties = false;
  }
  for (const key of ["anyOf", "oneOf", "prefixItems"]) {
    if (Array.isArray(schema[key])) for (const member of schema[key]) closeSchema(member, false, twins);
  }
  for (const key of ["items", "additionalProperties", "not", "contains"]) closeSchema(schema[key], false, twins);
  for (const key of ["properties", "patternProperties", "$defs"]) {
    if (isNode(schema[key])) for (const member of Object.values(schema[key])) closeSchema(member, false, twins);
  }
}

/**
 * A copy of the document whose response schemas are closed: a body with a field the document does
 * not declare fails, because an undeclared field is drift (and possibly a leak, such as a raw row).
 */
function closedDocument(doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc);
  const schemas = copy.components?.schemas ?? {};
  const originals = structuredClone(schemas);
  const twins = new Set<string>();
  for (const schema of Object.values(schemas)) closeSchema(schema, false, twins);
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values(operation.responses ?? {})) {
        for (const media of Object.values(response.content ?? {})) closeSchema(media.schema, false, twins);
      }
    }
  }
  for (const name of twins) {
    const twin = structuredClone(originals[name]);
    closeSchema(twin, true, twins); // may add further twins, which this loop then visits
    schemas[`${name}Open`] = twin as JsonSchema;
  }
  return copy;
}

/** Validates `value` against `schema`, whose `#/components/...` references resolve in `doc`. */
export function validateAgainst(doc: OpenApiDocument, schema: JsonSchema, value: unknown) {
  const root = { ...structuredClone(schema), components: structuredClone(doc.components ?? {}) } as JsonSchema;
  return new Validator(root, "2020-12", false).validate(value);
}

const closedCache = new WeakMap<OpenApiDocument, OpenApiDocument>();

/**
 * Asserts that `res` is what the document promises for `method` + `path` (a concrete path such as
 * "/api/modules/x?lang=en"): its status is declared, its media type is one the status declares, and
 * its body validates against that schema with no undeclared fields. Returns the parsed body; `res`
 * itself is left unread.
 */
export async function expectContract(method: string, path: string, res: Received): Promise<unknown> {
  const doc = await openApiDocument();
  const where = `${method.toUpperCase()} ${path} → ${res.status}`;
  const matched = matchPath(doc, path);
  expect(matched, `${where}: no path in the OpenAPI document matches ${path}`).toBeDefined();
  const operation = doc.paths[matched!.template]?.[method.toLowerCase()];
  expect(operation, `${where}: ${method.toUpperCase()} ${matched!.template} is not in the OpenAPI document`).toBeDefined();
  const status = String(res.status);
  const statusKey = [status, `${status[0]}XX`, "default"].find((key) => operation!.responses[key]) ?? status;
  const declared = operation!.responses[statusKey];
  expect(declared, `${where}: status ${status} is not declared (declared: ${Object.keys(operation!.responses).join(", ")})`).toBeDefined();

  const body = await res.clone().text();
  if (!declared!.content) {
    expect(body, `${where}: the document declares no body for ${status}`).toBe("");
    return undefined;
  }
  const mediaType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const content = declared!.content[mediaType];
  expect(
    content,
    `${where}: content-type ${mediaType} is not declared (declared: ${Object.keys(declared!.content).join(", ")})`,
  ).toBeDefined();
  const value = /(^|\+|\/)json$/.test(mediaType) ? JSON.parse(body) : body;
  if (content!.schema) {
    const closed = closedCache.get(doc) ?? closedDocument(doc);
    closedCache.set(doc, closed);
    const closedSchema = closed.paths[matched!.template]![method.toLowerCase()]!.responses[statusKey]!.content![mediaType]!.schema!;
    const result = validateAgainst(closed, closedSchema, value);
    const errors = result.errors.map((e) => `  ${e.instanceLocation}: ${e.error}`).join("\n");
    expect(result.valid, `${where}: the body does not match the declared schema:\n${errors}\nbody: ${body.slice(0, 500)}`).toBe(true);
  }
  return value;
}
