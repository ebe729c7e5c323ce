// The one typed API client: hono/client over the Worker's own route types, plus problem+json errors.
import { hc } from "hono/client";
import type { AppType } from "../../worker/app.ts";

export const api = hc<AppType>("/api", { init: { credentials: "same-origin" } });

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

/** Unwraps a typed response: its JSON when ok, an ApiError carrying the problem otherwise. */
export async function unwrap<T>(res: { ok: boolean; status: number; json(): Promise<T> }): Promise<T> {
  if (res.ok) return res.json();
  const problem = (await res.json().catch(() => null)) as ApiProblem | null;
  throw new ApiError(problem ?? { status: res.status, title: "Error", detail: `HTTP ${res.status}` });
}
