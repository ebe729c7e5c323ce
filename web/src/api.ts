// The one typed API client: hono/client over the Worker's own route types, plus problem+json errors.
import { hc } from "hono/client";
import type { AppType } from "../../worker/app.ts";

// D1 read replication: echoing the newest bookmark lets a nearby replica answer while this tab still reads its
// own writes (worker/middleware/d1Session.ts). Kept per tab, in memory: a new tab starts at the primary.
let bookmark: string | null = null;
const BOOKMARK_HEADER = "x-d1-bookmark";

const fetchWithBookmark: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  if (bookmark) headers.set(BOOKMARK_HEADER, bookmark);
  const res = await fetch(input, { ...init, headers });
  bookmark = res.headers.get(BOOKMARK_HEADER) ?? bookmark;
  return res;
};

export const api = hc<AppType>("/api", { init: { credentials: "same-origin" }, fetch: fetchWithBookmark });

export interface ApiProblem {
  status: number;
  title: string;
  detail: string;
  errors?: { path: string; message: string }[];
  reason?: string;
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
