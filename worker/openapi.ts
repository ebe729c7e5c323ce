// One place to declare routes: a router factory whose validation failures become problem+json, and shared schemas.
import { OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { SESSION_COOKIE } from "./domain/sessionToken.ts";
import type { AppEnv } from "./env.ts";
import { badRequest, type FieldError } from "./problem.ts";

export { createRoute, z } from "@hono/zod-openapi";

const targetPrefix: Record<string, string> = { json: "", query: "query.", param: "params.", header: "headers.", cookie: "cookies." };

export function fieldErrors(error: ZodError, target = "json"): FieldError[] {
  return error.issues.map((issue) => ({
    path: (targetPrefix[target] ?? "") + (issue.path.length ? issue.path.map(String).join(".") : "(body)"),
    message: issue.message,
  }));
}

/**
 * A sub-app whose invalid input is answered with a 400 naming every bad field. Its routes also
 * document that answer by themselves: a route with validated input declares the 400 (and, with a
 * body, the 415 that @hono/zod-openapi gives for another media type), so the document cannot forget
 * a response this router is sure to give.
 */
export const createRouter = () => {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = fieldErrors(result.error, result.target);
        throw badRequest(`Invalid ${errors.map((e) => e.path).join(", ")}.`, errors);
      }
      const illFormed = illFormedText(result.data, targetPrefix[result.target] ?? "");
      if (illFormed.length) throw badRequest(`Invalid ${illFormed.map((e) => e.path).join(", ")}.`, illFormed);
    },
  });
  const openapi = router.openapi;
  router.openapi = ((route: RouteConfig, ...rest: unknown[]) =>
    (openapi as (...args: unknown[]) => unknown)(withImpliedParts(route), ...rest)) as typeof router.openapi;
  return router;
};

// In unicode mode a surrogate half matches only when it is unpaired.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Strings with a lone surrogate half ("\ud800" in JSON) are not text: D1 would store each as U+FFFD and
 * silently change what was sent, so they are refused, naming each field.
 */
export function illFormedText(value: unknown, prefix = "", path: string[] = []): FieldError[] {
  const here = () => prefix + (path.length ? path.join(".") : "(body)");
  if (typeof value === "string") return LONE_SURROGATE.test(value) ? [{ path: here(), message: "must be well-formed Unicode text" }] : [];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    LONE_SURROGATE.test(key)
      ? [{ path: here(), message: "must not have a key that is ill-formed Unicode" }]
      : illFormedText(v, prefix, [...path, key]),
  );
}

/**
 * What every route of this router has without saying it: its name in the API document (`operationId`, which
 * every route sets), `security: []` unless it declares a scheme (the document's
 * default is the session cookie), the 400 (and with a body the 415) that validation answers, and the 403 that the
 * CSRF check answers for a write from another site (middleware/security.ts).
 */
function withImpliedParts<R extends RouteConfig>(route: R): R {
  const { body, ...others } = route.request ?? {};
  const write = !["get", "head", "options"].includes(route.method);
  const crossSite = {
    403: { ...problems(403)[403], description: "Signed in with the wrong role, or a write from another site (the CSRF check)" },
  };
  const implied = {
    ...(Object.values(others).some(Boolean) || body ? problems(400) : {}),
    ...(write ? crossSite : {}),
    ...(body ? problems(415) : {}),
  };
  const operationId = route.operationId;
  return {
    ...route,
    ...(operationId ? { operationId } : {}),
    security: route.security ?? [],
    responses: { ...implied, ...route.responses, ...(write ? crossSite : {}) },
  };
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    reason: z.string().optional(),
    reopensAt: z.string().nullable().optional().openapi({
      format: "date-time",
      description: "practice_paused: when practice on the module reopens (null: once the assessment closes)",
    }),
  })
  .openapi("Problem");

const problemDescriptions = {
  400: "Bad input: `errors` names each field",
  401: "Not signed in",
  403: "Signed in with the wrong role",
  404: "Does not exist, or is not yours",
  409: "The resource's state does not allow this (see `reason`)",
  413: "Request body too large",
  415: "The body is not in a media type this route accepts",
  429: "Too many requests; see Retry-After",
  503: "Not configured on this server yet (the detail names the setting)",
} as const;

/** The problem+json responses a route can give, for its OpenAPI declaration. */
export function problems<S extends keyof typeof problemDescriptions>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: problemDescriptions[s], content: { "application/problem+json": { schema: ProblemSchema } } }]),
  ) as unknown as { [K in S]: { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } } };
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/** The session cookie as an OpenAPI security scheme; a route that needs a signed-in user declares `security: signedIn`. */
export const SESSION_SCHEME = "sessionCookie";
export const sessionCookieScheme = {
  type: "apiKey",
  in: "cookie",
  name: SESSION_COOKIE,
  description: "Set by POST /auth/signup and /auth/login (HttpOnly, Secure, SameSite=Lax); cleared by POST /auth/logout.",
} as const;
export const signedIn = [{ [SESSION_SCHEME]: [] }];

// Tag descriptions, in the order the reference lists them; a tag without one is still listed, after these.
const tagDescriptions: Record<string, string> = {
  System: "Liveness, this document and its reference page",
  Accounts: "Sign-up, sign-in and the session; changing, exporting and deleting one's own account; reset codes",
  Course: "The course outline and lessons to read (never answer keys)",
  Attempts: "Practice and assessment attempts: start, autosave, submit, review",
  Classes: "Instructors' classes, join codes and rosters",
  Assignments: "Modules assigned to a class with their rules",
  Gradebook: "The instructor's results: the gradebook (JSON and CSV), one student's attempts, item analysis",
  "Question banks": "Instructors export a module's questions, keys included, as Moodle XML or GIFT",
  LTI: "Qadam as an LTI 1.3 tool for Moodle and Canvas: keys, registration, launch, deep linking, grades back, roster (docs/lti.md)",
  Overrides: "Per-student accommodations on an assignment: more time, more attempts, another window",
  Regrades: "Regrading an assignment's question for everyone, or one student's score, with an audit line each",
  Review: "The spaced-repetition deck of missed questions (paths under /review for compatibility; the code calls it the deck)",
  Progress: "A learner's own progress: where they stopped reading, lessons read through, best score per module",
};

/** The document's `tags`: every tag an operation uses, described where we have words for it. */
export function documentTags(registry: OpenAPIHono["openAPIRegistry"]) {
  const used = new Set(registry.definitions.flatMap((d) => (d.type === "route" ? (d.route.tags ?? []) : [])));
  const known = Object.keys(tagDescriptions).filter((name) => used.has(name));
  const others = [...used].filter((name) => !(name in tagDescriptions)).sort();
  return [...known, ...others].map((name) => (tagDescriptions[name] ? { name, description: tagDescriptions[name] } : { name }));
}
