// The one typed API client: hono/client's types over the Worker's own routes, sent by a few lines of fetch.
//
// hono's `hc` runtime (with the cookie serialiser, form bodies and WebSocket support it carries) is ≈ 3 KB
// gzipped of a student's 35 KB first load; this app sends only path params, query strings and JSON bodies, so
// the same proxy shape is built here and the compiler still checks every path, parameter, body and response
// against worker/app.ts through hono/client's `Client` type, narrowed (`Narrow`) to what this proxy can send:
// no form, header or cookie arguments, no fetch options but `init`, no $url/$path/$ws. tests/unit/web/api.test.ts
// pins the URLs it builds and, type-checked by tsc, the calls it refuses.
import type { hc } from "hono/client";
import type { AppType } from "../../worker/app.ts";

// D1 read replication: echoing the newest bookmark lets a nearby replica answer while this tab still reads its
// own writes (worker/middleware/d1Session.ts). Kept per tab, in memory: a new tab starts at the primary.
let bookmark: string | null = null;
const BOOKMARK_HEADER = "x-d1-bookmark";

/** The UI language (set by i18n.ts), sent as Accept-Language so problem details come back in it. */
let uiLanguage = "";
export const setRequestLanguage = (lang: string) => {
  uiLanguage = lang;
};

type Value = string | number | boolean | undefined;
export interface RequestArgs {
  param?: Record<string, Value>;
  query?: Record<string, Value | Value[]>;
  json?: unknown;
}

/** `["attempts", ":id", "$get"]` with `{ param: { id: "a b" } }` → `GET /api/attempts/a%20b`. */
export function requestOf(
  base: string,
  path: readonly string[],
  args: RequestArgs = {},
): { method: string; url: string; init: RequestInit } {
  const method = (path.at(-1) ?? "").slice(1).toUpperCase();
  const segments = path.slice(0, -1).map((segment) => {
    if (!segment.startsWith(":")) return segment;
    const value = args.param?.[segment.slice(1)];
    if (value === undefined) throw new TypeError(`missing path parameter ${segment}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(args.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) search.append(key, String(v));
  }
  const query = search.toString();
  const headers = new Headers();
  if (bookmark) headers.set(BOOKMARK_HEADER, bookmark);
  // Problem details come back in the UI language, not only the browser's.
  if (uiLanguage) headers.set("accept-language", uiLanguage);
  // Cookies go with it: fetch's default credentials mode is same-origin, and the API is on this origin.
  const init: RequestInit = { method, headers };
  if (args.json !== undefined) {
    headers.set("content-type", "application/json");
    init.body = JSON.stringify(args.json);
  }
  return { method, url: [base, ...segments].join("/") + (query ? `?${query}` : ""), init };
}

/** The second argument hc takes; `init` is merged into the request (a timeout's signal, say). */
interface RequestOptions {
  init?: RequestInit;
}

async function send(path: readonly string[], args?: RequestArgs, options?: RequestOptions): Promise<Response> {
  const { url, init } = requestOf("/api", path, args);
  const res = await fetch(url, { ...init, ...options?.init });
  bookmark = res.headers.get(BOOKMARK_HEADER) ?? bookmark;
  return res;
}

function proxy(path: readonly string[]): unknown {
  return new Proxy(() => {}, {
    get: (_target, key) => (typeof key === "string" && key !== "then" ? proxy([...path, key]) : undefined),
    apply: (_target, _this, [args, options]: [RequestArgs?, RequestOptions?]) => send(path, args, options),
  });
}

/** What a call may pass: the request parts the proxy sends; a route that needs another part cannot be called. */
type Sendable<A> = A extends object ? (Exclude<keyof A, "param" | "query" | "json"> extends never ? A : never) : A;
type Call<F> = F extends (...args: infer P) => infer R
  ? (...args: { [I in keyof P]: I extends "0" ? Sendable<P[I]> : I extends "1" ? RequestOptions | undefined : never }) => R
  : never;
/** hc's client type with only the calls this proxy can make. */
export type Narrow<T> = {
  [K in keyof T as K extends "$url" | "$path" | "$ws" ? never : K]: K extends `$${string}` ? Call<T[K]> : Narrow<T[K]>;
};

export const api = proxy([]) as Narrow<ReturnType<typeof hc<AppType>>>;

export interface ApiProblem {
  status: number;
  title: string;
  detail: string;
  errors?: { path: string; message: string }[];
  reason?: string;
  /** practice_paused: when practice on the module reopens (null: once the assessment closes). */
  reopensAt?: string | null;
}

export class ApiError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.detail);
  }
}

type Ok<R> = Extract<R, { ok: true }> extends { json(): Promise<infer T> } ? T : never;

/**
 * Unwraps a typed response: its JSON when ok, an ApiError carrying the problem otherwise. The result type
 * is the success body, picked out of hono/client's union of every status the route declares.
 */
export async function unwrap<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(res: R): Promise<Ok<R>> {
  if (res.ok) return (await res.json()) as Ok<R>;
  const problem = (await res.json().catch(() => null)) as ApiProblem | null;
  throw new ApiError(problem ?? { status: res.status, title: "Error", detail: `HTTP ${res.status}` });
}
