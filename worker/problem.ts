// RFC 9457 problem details: the one error type the API throws and the one shape it answers errors with.
import { localizeProblem, type ProblemLang } from "./domain/problemText.ts";
export interface FieldError {
  path: string;
  message: string;
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

const titles: Record<ProblemStatus, string> = {
  400: "Bad request",
  401: "Not signed in",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly status: ProblemStatus,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; type?: string; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail);
    this.name = "Problem";
  }

  body(): ProblemBody {
    const { headers: _headers, type, ...rest } = this.extra;
    return { type: type ?? "about:blank", title: titles[this.status], status: this.status, detail: this.detail, ...rest };
  }

  /** The response, its `detail` and field messages told in `lang` (title, type and paths stay as they are). */
  toResponse(lang: ProblemLang = "en"): Response {
    return new Response(JSON.stringify(localizeProblem(this.body(), lang)), {
      status: this.status,
      headers: { "content-type": "application/problem+json; charset=utf-8", ...this.extra.headers },
    });
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new Problem(400, detail, errors ? { errors } : {});
export const notFound = (what = "resource") => new Problem(404, `The ${what} does not exist or is not yours.`);
export const conflict = (detail: string, reason: string) => new Problem(409, detail, { type: `urn:qadam:problem:${reason}`, reason });

/** The row a query found, or the 404 that says neither whether it exists nor whose it is. */
export function found<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) throw notFound(what);
  return row;
}
