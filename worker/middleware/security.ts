// The CSRF guard every /api write passes (a same-origin check on Origin and Sec-Fetch-Site), and the HSTS value.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { Problem } from "../problem.ts";

/** HTTPS only, for a year, subdomains too: the API sends it, and web/public/_headers gives static files the same. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The LMS posts these from its own site by design (LTI's OIDC login and launch). They act on no cookie: a launch is
 * trusted for its single-use state and the platform's signature on the id_token (routes/lti.ts).
 */
const CROSS_SITE_ENTRIES = new Set(["/api/lti/login", "/api/lti/launch"]);

/**
 * Browsers send Origin (and Sec-Fetch-Site) with every unsafe request; a write from another site is
 * refused. Clients that are not browsers send neither and are let through (they carry no ambient cookie
 * risk beyond what their own code does).
 */
export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && !CROSS_SITE_ENTRIES.has(c.req.path)) {
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    if ((origin && origin !== new URL(c.req.url).origin) || site === "cross-site") {
      throw new Problem(403, "Cross-site request refused: writes must come from Qadam's own pages.");
    }
  }
  await next();
});

/** The marker an LTI page sets (lti/respond.ts): its CSP frame-ancestors names the LMS, so no X-Frame-Options overrides it. */
export const FRAMEABLE_HEADER = "x-qadam-frameable";

/**
 * Runs outside secureHeaders: after it has added X-Frame-Options, drops it from the LTI pages (and only those) that
 * carry the marker. Every other response keeps frame-ancestors 'none' and X-Frame-Options.
 */
export const frameableLtiPages = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.headers.has(FRAMEABLE_HEADER)) {
    c.res.headers.delete(FRAMEABLE_HEADER);
    c.res.headers.delete("x-frame-options");
  }
});
