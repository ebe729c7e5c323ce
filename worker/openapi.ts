// One place to declare routes: a router factory whose validation failures become problem+json, and shared schemas.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { ZodError } from "zod";
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

/** A sub-app whose invalid input is answered with a 400 naming every bad field. */
export const createRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = fieldErrors(result.error, result.target);
        throw badRequest(`Invalid ${errors.map((e) => e.path).join(", ")}.`, errors);
      }
    },
  });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    reason: z.string().optional(),
  })
  .openapi("Problem");

const problemDescriptions = {
  400: "Bad input: `errors` names each field",
  401: "Not signed in",
  403: "Signed in with the wrong role",
  404: "Does not exist, or is not yours",
  409: "The resource's state does not allow this (see `reason`)",
  413: "Request body too large",
  429: "Too many requests; see Retry-After",
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
