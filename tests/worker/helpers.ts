// Small factories for worker tests: requests to the real Worker, accounts with their session cookies.
import { exports } from "cloudflare:workers";

export const ORIGIN = "http://localhost";

export interface Call {
  method?: string;
  body?: unknown;
  cookie?: string | undefined;
  headers?: Record<string, string>;
}

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
  const res = await call("/api/auth/signup", {
    method: "POST",
    body: { email, password: PASSWORD, name, role },
    headers: { "cf-connecting-ip": `10.0.${counter % 250}.${++counter % 250}` },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const { user } = await json<{ user: Omit<TestUser, "cookie"> }>(res);
  return { ...user, cookie: sessionCookie(res) };
}

/** The `name=value` part of the Set-Cookie header, ready for a Cookie header. */
export function sessionCookie(res: Response): string {
  const header = res.headers.get("set-cookie") ?? "";
  const pair = header.split(";")[0] ?? "";
  if (!pair.includes("=")) throw new Error("no session cookie in the response");
  return pair;
}

export async function expectProblem(
  res: Response,
  status: number,
): Promise<{ status: number; title: string; detail: string; errors?: { path: string; message: string }[]; reason?: string }> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.clone().text()}`);
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("application/problem+json")) throw new Error(`expected problem+json, got ${type}`);
  return res.json();
}
