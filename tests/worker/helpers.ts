// Small factories for worker tests: a typed client of the real Worker, accounts with their session cookies.
import { exports } from "cloudflare:workers";
import { hc } from "hono/client";
import type { AppType } from "../../worker/app.ts";

export const ORIGIN = "http://localhost";

export interface Call {
  method?: string;
  body?: unknown;
  cookie?: string | undefined;
  headers?: Record<string, string>;
}

/**
 * The API as a typed client (hono/client on the Worker's own `AppType`): paths, parameters, bodies and response bodies
 * are the routes' own types, so a test cannot call a route that does not exist or read a field it does not send.
 * Signed in as `as` (a user or a cookie); writes carry this site's Origin, as a browser's would.
 */
export function api(as?: { cookie: string } | string, headers: Record<string, string> = {}) {
  const cookie = typeof as === "string" ? as : as?.cookie;
  return hc<AppType>(`${ORIGIN}/api`, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)),
    headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}), ...headers },
  });
}

/** A raw request, for what a typed client cannot send (malformed bodies, other origins, unknown paths). */
export function call(path: string, { method = "GET", body, cookie, headers = {} }: Call = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  const h = init.headers as Record<string, string>;
  if (body !== undefined) {
    h["content-type"] ??= "application/json";
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  if (cookie) h.cookie = cookie;
  if (method !== "GET" && method !== "HEAD") h.origin ??= ORIGIN;
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

let counter = 0;
export const uniqueEmail = (prefix = "user") => `${prefix}-${Date.now().toString(36)}-${++counter}@example.test`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: "student" | "instructor";
  cookie: string;
}

export const PASSWORD = "correct horse battery";

/** Signs a new user up (each call gets its own IP so rate limits do not interfere) and returns its cookie. */
export async function signUp(role: "student" | "instructor", name = `${role} ${counter + 1}`): Promise<TestUser> {
  const email = uniqueEmail(role);
  const ip = `10.0.${counter % 250}.${++counter % 250}`;
  const res = await api(undefined, { "cf-connecting-ip": ip }).auth.signup.$post({ json: { email, password: PASSWORD, name, role } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const { user } = await res.json();
  return { ...user, cookie: sessionCookie(res) };
}

/** The `name=value` part of the Set-Cookie header, ready for a Cookie header. */
export function sessionCookie(res: { headers: Headers }): string {
  const header = res.headers.get("set-cookie") ?? "";
  const pair = header.split(";")[0] ?? "";
  if (!pair.includes("=")) throw new Error("no session cookie in the response");
  return pair;
}

/** What expectProblem and expectContract read of a response: a fetch Response or a typed client's (the same object). */
export interface Received {
  status: number;
  headers: Headers;
  clone(): { text(): Promise<string> };
  json(): Promise<unknown>;
}

export async function expectProblem(
  res: Received,
  status: number,
): Promise<{ status: number; title: string; detail: string; errors?: { path: string; message: string }[]; reason?: string }> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.clone().text()}`);
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("application/problem+json")) throw new Error(`expected problem+json, got ${type}`);
  return res.json() as Promise<{
    status: number;
    title: string;
    detail: string;
    errors?: { path: string; message: string }[];
    reason?: string;
  }>;
}

/** The body of a typed response that answered one of `statuses`, as the route declares it for that status. */
export async function bodyAt<R extends { status: number; json(): Promise<unknown>; text(): Promise<string> }, S extends R["status"]>(
  res: R,
  ...statuses: S[]
) {
  if (!statuses.includes(res.status as S)) throw new Error(`expected ${statuses.join(" or ")}, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as Awaited<ReturnType<Extract<R, { status: S }>["json"]>>;
}
