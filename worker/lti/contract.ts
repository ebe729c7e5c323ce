// Wire shapes of the LTI routes: platform registration, the values an LMS needs, the grade queue, the roster pull.
import { z } from "../openapi.ts";

const url = (what: string) =>
  z
    .string()
    .trim()
    .max(500, "must be at most 500 characters")
    .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), `must be the ${what} as an http(s) URL`);

export const RegisterPlatformBody = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    issuer: url("platform's issuer (Moodle: its site URL; Canvas: https://canvas.instructure.com)"),
    clientId: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    authUrl: url("platform's OIDC authentication URL"),
    tokenUrl: url("platform's OAuth2 access token URL"),
    jwksUrl: url("platform's public keyset URL"),
    deploymentIds: z
      .array(z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"))
      .min(1, "must list at least one deployment id")
      .max(50, "must list at most 50 deployment ids"),
  })
  .openapi("RegisterLtiPlatformRequest");

export const AddDeploymentBody = z
  .object({ deploymentId: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters") })
  .openapi("AddLtiDeploymentRequest");

export const ToolValues = z
  .object({
    toolUrl: z.string().openapi({ description: "Tool URL / target link URI / redirect URI: where launches are posted" }),
    initiateLoginUrl: z.string().openapi({ description: "OpenID Connect initiation URL" }),
    redirectUrls: z.array(z.string()),
    jwksUrl: z.string().openapi({ description: "Qadam's public keyset URL" }),
    deepLinkingUrl: z.string().openapi({ description: "Content selection URL (LtiDeepLinkingRequest)" }),
  })
  .openapi("LtiToolValues");

export const LtiPlatform = z
  .object({
    id: z.string(),
    name: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    authUrl: z.string(),
    tokenUrl: z.string(),
    jwksUrl: z.string(),
    deploymentIds: z.array(z.string()),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("LtiPlatform");

export const PlatformEnvelope = z.object({ platform: LtiPlatform, tool: ToolValues }).openapi("LtiPlatformEnvelope");
export const PlatformList = z.object({ platforms: z.array(LtiPlatform), tool: ToolValues }).openapi("LtiPlatformList");

export const PublicJwks = z
  .object({ keys: z.array(z.object({ kty: z.string(), kid: z.string(), n: z.string(), e: z.string(), alg: z.string(), use: z.string() })) })
  .openapi("JsonWebKeySet");

export const GradePostList = z
  .object({
    posts: z.array(
      z.object({
        assignmentId: z.string(),
        module: z.string(),
        studentId: z.string(),
        studentName: z.string(),
        status: z.enum(["pending", "failed"]).openapi({ description: "pending: will be (re)tried; failed: gave up after 8 tries" }),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        nextAttemptAt: z.string().nullable().openapi({ format: "date-time" }),
        updatedAt: z.string().openapi({ format: "date-time" }),
      }),
    ),
  })
  .openapi("LtiGradePostList");

export const RetryResult = z.object({ requeued: z.number().int() }).openapi("LtiGradePostRetry");
export const RosterResult = z
  .object({ added: z.number().int(), alreadyMembers: z.number().int(), skipped: z.number().int() })
  .openapi("LtiRosterSync");

export const RegistrationLink = z
  .object({
    url: z
      .string()
      .openapi({ description: "Paste into the LMS's dynamic registration ('Tool URL' in Moodle, 'Dynamic Registration URL' in Canvas)" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("LtiRegistrationLink");
