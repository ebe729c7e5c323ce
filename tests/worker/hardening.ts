// Shared tools of the hardening suites: database snapshots, the problem+json check, hostile values and
// fast-check arbitraries derived from the request schemas of the served OpenAPI document.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { basePath, HTTP_METHODS, type JsonSchema, type OpenApiDocument, type Operation, validateAgainst } from "./contract.ts";

// ---------------------------------------------------------------------------------------------------------------
// Database snapshots

/** Every row of every table, keyed by table and then by the row's primary key (as JSON). */
export type DbSnapshot = Map<string, Map<string, string>>;

/** Reads every application table ordered by its primary key (rowid where it has none). */
export async function snapshotDb(): Promise<DbSnapshot> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' ORDER BY name",
  ).all<{ name: string }>();
  const snapshot: DbSnapshot = new Map();
  for (const { name } of tables.results) {
    const columns = await env.DB.prepare("SELECT name, pk FROM pragma_table_info(?) ORDER BY pk")
      .bind(name)
      .all<{ name: string; pk: number }>();
    const pk = columns.results.filter((c) => c.pk > 0).map((c) => `"${c.name}"`);
    const key = pk.length ? pk : ["rowid"];
    const order = key.join(", ");
    const rows = await env.DB.prepare(`SELECT json_array(${order}) AS __k, * FROM "${name}" ORDER BY ${order}`).all<
      Record<string, unknown>
    >();
    snapshot.set(name, new Map(rows.results.map(({ __k, ...row }) => [String(__k), JSON.stringify(row)])));
  }
  return snapshot;
}

/**
 * The rows that existed in `before` and are changed or gone in `after` (rows added since are fine).
 * `skip` leaves out rows that may legitimately change, e.g. rate-limit counters.
 */
export function changedRows(before: DbSnapshot, after: DbSnapshot, skip: (table: string, row: string) => boolean = () => false): string[] {
  const changes: string[] = [];
  for (const [table, rows] of before) {
    const now = after.get(table) ?? new Map<string, string>();
    for (const [key, row] of rows) {
      if (skip(table, row)) continue;
      const later = now.get(key);
      if (later === undefined) changes.push(`${table} ${key}: deleted (was ${row.slice(0, 300)})`);
      else if (later !== row) changes.push(`${table} ${key}: ${row.slice(0, 300)} → ${later.slice(0, 300)}`);
    }
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------------------------
// The error contract

/**
 * What is wrong with `res` as an API answer (empty when nothing is): never a 5xx; every 4xx is
 * application/problem+json with type, title, status and detail; every 400 lists `errors` with paths.
 */
export async function problemFaults(res: Response): Promise<string[]> {
  if (res.status >= 500) return [`status ${res.status}: ${(await res.clone().text()).slice(0, 300)}`];
  if (res.status < 400) return [];
  const faults: string[] = [];
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json")) faults.push(`${res.status} with content-type "${type}"`);
  const text = await res.clone().text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return [...faults, `${res.status} body is not JSON: ${text.slice(0, 200)}`];
  }
  for (const field of ["type", "title", "detail"]) {
    if (typeof body[field] !== "string" || !(body[field] as string).length) faults.push(`${res.status} without a ${field}`);
  }
  if (body.status !== res.status) faults.push(`${res.status} whose body says status ${String(body.status)}`);
  if (res.status === 400) {
    const errors = body.errors;
    const ok =
      Array.isArray(errors) &&
      errors.length > 0 &&
      errors.every((e) => typeof e?.path === "string" && e.path.length > 0 && typeof e?.message === "string" && e.message.length > 0);
    if (!ok) faults.push(`400 without an errors list naming paths: ${text.slice(0, 300)}`);
  }
  return faults;
}

// ---------------------------------------------------------------------------------------------------------------
// The operations of the document

export interface DocOperation {
  method: string;
  /** The document's template under the server base, e.g. "/api/classes/{id}". */
  path: string;
  operation: Operation;
  pathParams: NonNullable<Operation["parameters"]>;
  queryParams: NonNullable<Operation["parameters"]>;
  bodySchema: JsonSchema | undefined;
}

export function docOperations(doc: OpenApiDocument): DocOperation[] {
  const base = basePath(doc);
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => {
      const operation = item[m] as Operation;
      const parameters = operation.parameters ?? [];
      return {
        method: m.toUpperCase(),
        path: `${base}${path}`,
        operation,
        pathParams: parameters.filter((p) => p.in === "path"),
        queryParams: parameters.filter((p) => p.in === "query"),
        bodySchema: operation.requestBody?.content["application/json"]?.schema,
      };
    }),
  );
}

export const label = (op: DocOperation) => `${op.method} ${op.path}`;

/** A schema with its `$ref`s and single-member `allOf`s followed, so its own keywords can be read. */
export function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): Record<string, unknown> | undefined {
  let s = schema as Record<string, unknown> | undefined;
  for (let i = 0; s && i < 20; i++) {
    if (typeof s.$ref === "string") {
      s = doc.components?.schemas?.[s.$ref.replace("#/components/schemas/", "")] as Record<string, unknown> | undefined;
    } else if (Array.isArray(s.allOf) && !s.type && !s.properties) {
      const merged: Record<string, unknown> = {};
      for (const member of s.allOf) Object.assign(merged, resolve(doc, member as JsonSchema));
      s = merged;
    } else break;
  }
  return s;
}

/** Whether `value` satisfies `schema` as the document states it (refinements in code may still refuse it). */
export const satisfies = (doc: OpenApiDocument, schema: JsonSchema, value: unknown) => validateAgainst(doc, schema, value).valid;

/** The concrete URL of `op` with the given path parameters (already encoded) and query string. */
export function urlOf(op: DocOperation, params: Record<string, string>, query = ""): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? "x") + query;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

export const UNICODE_EDGES = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ud83d",
  "\u202eevil\u202c",
  "مرحبا بالعالم",
  "\u200b\u200c\u200d\ufeff",
  "e\u0301\u0301\u0301",
  "👩‍👩‍👧‍👦",
  "ЁЛКА ёлка",
  "\r\n\t\u000b\u000c",
  "\u2028\u2029",
  "\uffff\ufffe",
];

export const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1); DELETE FROM attempts; --",
  "%' AND 1=0 UNION SELECT token_hash, user_id FROM sessions --",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}$" + "{7*7}",
  "../../../../etc/passwd",
  "__proto__",
  "constructor",
  "%00%2e%2e%2f",
  "\\u0000",
];

export const ABSURD_NUMBERS: unknown[] = [
  "NaN",
  "Infinity",
  "-Infinity",
  1e308,
  -1e308,
  5e-324,
  -0,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  2 ** 31,
  2 ** 31 + 1,
  -1,
  0.5,
  "1e308",
  "0x10",
  "1_000",
  "3,18",
];

export const ABSURD_DATES = [
  "2024-02-30T10:00",
  "2024-13-01T00:00",
  "2024-00-10T00:00",
  "0000-01-01T00:00",
  "1969-12-31T23:59:59Z",
  "275760-09-13T00:00:00Z",
  "+275760-09-13T00:00:00.000Z",
  "2026-03-29T02:30",
  "2038-01-19T03:14:08Z",
  "2099-12-31T23:59:59+14:00",
  "2030-01-01T00:00:00+99:99",
  "yesterday",
  "1e12",
  "2030-01-01",
  "T",
];

export const HOSTILE_STRINGS = [...UNICODE_EDGES, ...INJECTIONS, ...ABSURD_DATES, "x".repeat(300), "ж".repeat(2000)];

/** Any hostile leaf value: strings, numbers, the wrong JSON types. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...ABSURD_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [null], { "": null }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.double(),
  fc.integer(),
);

/** Any value at all, nested. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileLeaf },
  fc.array(hostileLeaf, { maxLength: 5 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 8 })), hostileLeaf, { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Path segments that are not ids of anything, encoded the ways clients and attackers send them. */
export const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length > 0)).map(safeEncode),
  fc.constantFrom(
    "%",
    "%ZZ",
    "%ED%A0%80",
    "%C0%AF",
    "%00",
    "%2F",
    "%2e%2e",
    "..",
    ".",
    "x".repeat(65),
    "9".repeat(80),
    "-1",
    "0",
    "null",
    "undefined",
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).map(safeEncode),
  fc.uuid(),
);

/** encodeURIComponent that also copes with lone surrogates (sent as their raw, invalid UTF-8 bytes). */
export function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s]
      .map((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        if (code >= 0xd800 && code <= 0xdfff)
          return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
        return encodeURIComponent(ch);
      })
      .join("");
  }
}

/** Raw request bodies that are not JSON, or JSON that no schema here can accept, as text. */
export const RAW_BAD_BODIES = [
  "",
  "{",
  "{not json",
  "}{",
  "null",
  "[]",
  '"a string"',
  "42",
  "true",
  '{"a":1,}',
  "{'single':'quotes'}",
  '{"x": NaN}',
  '{"x": Infinity}',
  "\u0000",
  "\ufeff{}",
  "[".repeat(5000) + "]".repeat(5000),
  `{"a":${'{"a":'.repeat(3000)}1${"}".repeat(3000)}}`,
  '{"__proto__":{"role":"instructor","admin":true}}',
  '{"constructor":{"prototype":{"role":"instructor"}}}',
  "a=1&b=2",
  "<xml/>",
];

/** Content types a JSON route must not take a body in. */
export const WRONG_CONTENT_TYPES = [
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----qadam",
  "application/xml",
  "application/octet-stream",
  "application/jsonp",
  "image/svg+xml",
];

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries from the request schemas

/** Real values the generators mix in (slugs, ids, join codes…), so random input also reaches deep code. */
export type Pools = Record<string, string[]>;

/** Values that fit `schema` as the document states it, drawing named string fields from `pools` where it has them. */
export function fromSchema(
  doc: OpenApiDocument,
  schema: JsonSchema | undefined,
  pools: Pools,
  name = "",
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (!s || depth > 4) return fc.jsonValue({ maxDepth: 1 });
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if ("const" in s) return fc.constant(s.const);
  const members = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(members)) return fc.oneof(...members.map((m) => fromSchema(doc, m, pools, name, depth + 1)));
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : ["object"];
  return fc.oneof(...types.map((t) => ofType(doc, s, t, pools, name, depth)));
}

function ofType(
  doc: OpenApiDocument,
  s: Record<string, unknown>,
  type: string,
  pools: Pools,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: (s.minimum as number) ?? -1000, max: Math.min((s.maximum as number) ?? 1000, 2 ** 31 - 1) });
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: (s.minimum as number) ?? -1e6, max: (s.maximum as number) ?? 1e6 });
    case "string": {
      const max = (s.maxLength as number) ?? 60;
      const min = (s.minLength as number) ?? 0;
      const random = fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 30) });
      const pool = pools[name];
      const email = s.format === "email" || name === "email";
      const fitting = [...HOSTILE_STRINGS, ...(pool ?? [])].filter((v) => v.length >= min && v.length <= max);
      return fc.oneof(
        ...(pool?.length ? [{ weight: 4, arbitrary: fc.constantFrom(...pool) }] : []),
        ...(email ? [{ weight: 3, arbitrary: fc.emailAddress() }] : []),
        { weight: 2, arbitrary: random },
        ...(fitting.length ? [{ weight: 1, arbitrary: fc.constantFrom(...fitting) }] : []),
      );
    }
    case "array":
      return fc.array(fromSchema(doc, s.items as JsonSchema, pools, name, depth + 1), { maxLength: 6 });
    default: {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      if (!Object.keys(properties).length && s.additionalProperties && typeof s.additionalProperties === "object") {
        const keys = fc.oneof(fc.constantFrom(...(pools[`${name}.keys`] ?? ["a"])), fc.string({ maxLength: 6 }));
        return fc.dictionary(keys, fromSchema(doc, s.additionalProperties as JsonSchema, pools, name, depth + 1), { maxKeys: 5 });
      }
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) shape[key] = fromSchema(doc, property, pools, key, depth + 1);
      return fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
    }
  }
}

/** A value of `schema` with a few changes: a field dropped, a field replaced by a hostile value, extra fields. */
export function mutated(doc: OpenApiDocument, schema: JsonSchema, pools: Pools): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fromSchema(doc, schema, pools),
      fc.array(
        fc.tuple(
          fc.constantFrom("drop", "replace", "extra"),
          fc.nat(),
          hostileValue,
          fc.constantFrom(...INJECTIONS, "extra", "role", "userId", "score", "status"),
        ),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    )
    .map(([value, changes]) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [kind, index, replacement, extraKey] of changes) {
        const keys = Object.keys(out);
        const key = keys[index % Math.max(1, keys.length)];
        if (kind === "drop" && key) delete out[key];
        else if (kind === "replace" && key) out[key] = replacement;
        else Object.defineProperty(out, extraKey, { value: replacement, enumerable: true, configurable: true, writable: true });
      }
      return out;
    });
}

/** Request bodies that the documented schema refuses (so a route must answer 4xx and change nothing). */
export function invalidBody(doc: OpenApiDocument, schema: JsonSchema, pools: Pools): fc.Arbitrary<unknown> {
  return fc
    .oneof(mutated(doc, schema, pools), hostileValue, fc.constantFrom(null, [], "body", 7, true))
    .filter((value) => !satisfies(doc, schema, value));
}
