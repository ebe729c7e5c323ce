// How LTI browser endpoints answer: HTML for the LMS's frame (framable by the platform only), problem+json for API clients.
import type { Context } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppEnv } from "../env.ts";
import { FRAMEABLE_HEADER } from "../middleware/security.ts";
import { Problem, type ProblemStatus } from "../problem.ts";
import { ltiPageCsp, refusalPage } from "./pages.ts";

export const pageNonce = () => crypto.randomUUID().replaceAll("-", "");

/** The origin of a URL (for frame-ancestors and form-action), or null for one that is not http(s). */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.origin : null;
  } catch {
    return null;
  }
}

export async function htmlPage(
  c: Context<AppEnv>,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 415 | 503,
  render: (nonce: string) => HtmlEscapedString | Promise<HtmlEscapedString>,
  opts: { frameAncestors: string[]; formAction?: string[] },
): Promise<Response> {
  const nonce = pageNonce();
  const headers = {
    "content-security-policy": ltiPageCsp(nonce, opts.frameAncestors, opts.formAction),
    "cache-control": "no-store",
    [FRAMEABLE_HEADER]: "1",
  };
  return c.html(await render(nonce), status, headers);
}

/**
 * A refused LTI request: an HTML page saying why for a browser, problem+json for a client that asks for JSON. By
 * default any site may frame the page: it shows in the LMS's frame before Qadam knows which LMS it is, and holds nothing.
 */
export function refuse(
  c: Context<AppEnv>,
  status: ProblemStatus & (400 | 401 | 403 | 404 | 409 | 415 | 503),
  reason: string,
  frameAncestors = ["https:", "http:"],
  fields: string[] = ["(body)"],
): Promise<Response> | Response {
  const accept = c.req.header("accept") ?? "";
  if (accept.includes("json") && !accept.includes("text/html")) {
    // Bad input names its fields, as every 400 of the API does.
    const errors = status === 400 ? { errors: fields.map((path) => ({ path, message: reason })) } : {};
    return new Problem(status, reason, { type: "urn:qadam:problem:lti_refused", reason: "lti_refused", ...errors }).toResponse();
  }
  return htmlPage(c, status, (nonce) => refusalPage(reason, nonce), { frameAncestors });
}
