// The CSRF guard every /api write passes (a same-origin check on Origin and Sec-Fetch-Site), and the HSTS value.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { Problem } from "../problem.ts";

/** HTTPS only, for a year, subdomains too: the API sends it, and web/public/_headers gives static files the same. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Browsers send Origin (and Sec-Fetch-Site) with every unsafe request; a write from another site is
 * refused. Clients that are not browsers send neither and are let through (they carry no ambient cookie
 * risk beyond what their own code does).
 */
export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    if ((origin && origin !== new URL(c.req.url).origin) || site === "cross-site") {
      throw new Problem(403, "Cross-site request refused: writes must come from Qadam's own pages.");
    }
  }
  await next();
});
