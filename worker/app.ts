// The API: mounts one sub-app per resource under /api and turns every error into problem+json.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { version } from "../package.json";
import { problemLanguage } from "./domain/problemText.ts";
import type { AppEnv } from "./env.ts";
import { loadSession } from "./middleware/currentUser.ts";
import { d1Count } from "./middleware/d1Count.ts";
import { d1Session } from "./middleware/d1Session.ts";
import { frameableLtiPages, STRICT_TRANSPORT_SECURITY, sameOriginWrites } from "./middleware/security.ts";
import { documentTags, SESSION_SCHEME, sessionCookieScheme, signedIn } from "./openapi.ts";
import { Problem } from "./problem.ts";
import { accountRoutes } from "./routes/account.ts";
import { assignmentRoutes } from "./routes/assignments.ts";
import { attemptRoutes } from "./routes/attempts.ts";
import { auth } from "./routes/auth.ts";
import { classRoutes } from "./routes/classes.ts";
import { deckRoutes } from "./routes/deck.ts";
import { docs, openApiDocumentRoute } from "./routes/docs.ts";
import { exchangeRoutes } from "./routes/exchange.ts";
import { gradebookRoutes } from "./routes/gradebook.ts";
import { health } from "./routes/health.ts";
import { ltiBrowserRoutes, ltiRoutes } from "./routes/lti.ts";
import { modules } from "./routes/modules.ts";
import { overrideRoutes } from "./routes/overrides.ts";
import { progressRoutes } from "./routes/progress.ts";
import { regradeRoutes } from "./routes/regrades.ts";

export const MAX_BODY_BYTES = 64 * 1024;

const api = new OpenAPIHono<AppEnv>();

api.use(
  frameableLtiPages,
  secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    referrerPolicy: "strict-origin-when-cross-origin",
    crossOriginResourcePolicy: "same-origin",
    strictTransportSecurity: STRICT_TRANSPORT_SECURITY,
    // Keep a policy a handler set for itself: the /api/docs page needs scripts and styles (routes/docs.ts).
    overwrite: false,
  }),
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new Problem(413, `The request body is over ${MAX_BODY_BYTES / 1024} KB.`);
    },
  }),
  sameOriginWrites,
  d1Count,
  d1Session,
  loadSession,
);

const routes = api
  .route("/", health)
  .route("/", auth)
  .route("/", classRoutes)
  .route("/", assignmentRoutes)
  .route("/", gradebookRoutes)
  .route("/", overrideRoutes)
  .route("/", regradeRoutes)
  .route("/", attemptRoutes)
  .route("/", modules)
  .route("/", deckRoutes)
  .route("/", progressRoutes)
  .route("/", exchangeRoutes)
  .route("/", ltiRoutes)
  // Last: its export reuses the Answer schema, whose first use names it in the document (attempts use it nullable).
  .route("/", accountRoutes);

api.route("/", docs);
api.openAPIRegistry.registerPath(openApiDocumentRoute);
for (const route of ltiBrowserRoutes) api.openAPIRegistry.registerPath(route);
api.openAPIRegistry.registerComponent("securitySchemes", SESSION_SCHEME, sessionCookieScheme);

api.doc31("/openapi.json", () => ({
  openapi: "3.1.0",
  info: {
    title: "Qadam API",
    version,
    description:
      "Courses, quizzes and progress for Qadam. Interactive reference: [/api/docs](/api/docs).\n\n" +
      "Errors are RFC 9457 `application/problem+json`; bad input is a 400 whose `errors` list names each field's `path`. " +
      "Signing in sets an HttpOnly session cookie that the other routes read.",
  },
  servers: [{ url: "/api", description: "This Worker; every path below is under /api" }],
  // Signed in by default; public operations say `security: []`.
  security: signedIn,
  tags: documentTags(api.openAPIRegistry),
}));

export const app = new OpenAPIHono<AppEnv>().route("/api", api);

/** Problems are told in the language the request prefers (the web app sends its UI language), English by default. */
const problemLang = (c: Context) => problemLanguage(c.req.header("accept-language"));

app.notFound((c) => new Problem(404, `No API route ${c.req.method} ${new URL(c.req.url).pathname}.`).toResponse(problemLang(c)));

app.onError((error, c) => {
  if (error instanceof Problem) return error.toResponse(problemLang(c));
  if (error instanceof HTTPException && error.status < 500) {
    const status = ([400, 401, 403, 404, 409, 413, 415, 429] as const).find((s) => s === error.status) ?? 400;
    const detail = error.message || "Bad request";
    // Hono's validators throw these for a body they cannot parse (malformed JSON or form data): name the body.
    return new Problem(status, detail, status === 400 ? { errors: [{ path: "(body)", message: detail }] } : {}).toResponse(problemLang(c));
  }
  console.error(`${c.req.method} ${c.req.path} failed`, error);
  return new Problem(500, "Something went wrong on our side; nothing you sent was lost.").toResponse(problemLang(c));
});

export type AppType = typeof routes;
