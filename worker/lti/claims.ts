// The LTI 1.3 message claims Qadam reads, and the checks a verified id_token must pass before it means anything.
import type { JWTPayload } from "jose";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
export const claims = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  contentItems: "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
  deepLinkData: "https://purl.imsglobal.org/spec/lti-dl/claim/data",
  agsEndpoint: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
} as const;

export const scopes = {
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  resultRead: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  memberships: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

export const LTI_VERSION = "1.3.0";
export type MessageType = "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
export const CUSTOM_ASSIGNMENT = "qadam_assignment";

/** Roles that manage a course in Qadam; every other role (Learner, Mentor, guests) takes quizzes. */
const TEACHING_ROLES = [
  "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator",
  "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper",
  "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
  "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
];

const TEACHING_NAMES = ["Instructor", "Administrator", "ContentDeveloper"];

/** Instructor for a teaching role, one of its sub-roles (`…/membership/Instructor#TeachingAssistant`) or its short name. */
export function qadamRole(roles: readonly string[]): "instructor" | "student" {
  const teaching = roles.some(
    (role) =>
      TEACHING_ROLES.includes(role) ||
      TEACHING_NAMES.includes(role) ||
      /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership\/(Instructor|Administrator|ContentDeveloper)#/.test(role),
  );
  return teaching ? "instructor" : "student";
}

export interface Launch {
  messageType: MessageType;
  sub: string;
  deploymentId: string;
  name: string;
  email: string | null;
  role: "instructor" | "student";
  context: { id: string; title: string } | null;
  resourceLinkId: string | null;
  assignmentId: string | null;
  lineItemUrl: string | null;
  membershipsUrl: string | null;
  deepLink: { returnUrl: string; data: string | null; title: string | null } | null;
}

/** Why a verified token is still refused: the first rule it breaks, said so that an LMS admin can fix it. */
export class LaunchRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "LaunchRefused";
  }
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * The launch a signature-checked payload describes, once the rules the signature does not cover hold: the nonce is
 * the one this login issued, `azp` names Qadam when there are several audiences, the message type and version are
 * ones Qadam takes, and `iat` is not in the future.
 */
export function readLaunch(payload: JWTPayload, expected: { clientId: string; nonce: string; now: number }): Launch {
  const p = payload as Record<string, unknown>;
  if (p.nonce !== expected.nonce)
    throw new LaunchRefused("The token's nonce is not the one this sign-in issued (a replayed or mixed-up launch).");
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (aud.length > 1 && payload.azp === undefined) throw new LaunchRefused("The token has several audiences but no azp claim.");
  if (payload.azp !== undefined && payload.azp !== expected.clientId) throw new LaunchRefused("The token's azp is not Qadam's client id.");
  if (typeof payload.iat !== "number" || payload.iat * 1000 > expected.now + 60_000)
    throw new LaunchRefused("The token's iat is missing or in the future.");
  const messageType = p[claims.messageType];
  if (messageType !== "LtiResourceLinkRequest" && messageType !== "LtiDeepLinkingRequest") {
    throw new LaunchRefused(`Qadam does not take LTI messages of type ${JSON.stringify(messageType ?? null)}.`);
  }
  if (p[claims.version] !== LTI_VERSION) throw new LaunchRefused(`The LTI version must be ${LTI_VERSION}.`);
  const sub = str(payload.sub);
  if (!sub) throw new LaunchRefused("The token has no sub (anonymous launches are not supported).");
  const deploymentId = str(p[claims.deploymentId]);
  if (!deploymentId) throw new LaunchRefused("The token has no deployment_id claim.");
  const roles = p[claims.roles];
  if (!Array.isArray(roles)) throw new LaunchRefused("The token has no roles claim.");

  const context = obj(p[claims.context]);
  const contextId = str(context?.id);
  const resourceLink = obj(p[claims.resourceLink]);
  const resourceLinkId = str(resourceLink?.id);
  if (messageType === "LtiResourceLinkRequest" && !resourceLinkId)
    throw new LaunchRefused("A resource link launch must have resource_link.id.");
  let deepLink: Launch["deepLink"] = null;
  if (messageType === "LtiDeepLinkingRequest") {
    const settings = obj(p[claims.deepLinkingSettings]);
    const returnUrl = str(settings?.deep_link_return_url);
    if (!returnUrl || !isHttpUrl(returnUrl))
      throw new LaunchRefused("A deep linking request must have deep_linking_settings.deep_link_return_url.");
    deepLink = { returnUrl, data: str(settings?.data), title: str(settings?.title) };
  }
  const given = [str(p.given_name), str(p.family_name)].filter(Boolean).join(" ");
  const ags = obj(p[claims.agsEndpoint]);
  const nrps = obj(p[claims.nrps]);
  const custom = obj(p[claims.custom]);
  return {
    messageType,
    sub,
    deploymentId,
    name: (str(p.name) ?? given) || "LMS user",
    email: str(p.email),
    role: qadamRole(roles.filter((r): r is string => typeof r === "string")),
    context: contextId ? { id: contextId, title: str(context?.title) ?? str(context?.label) ?? "LMS course" } : null,
    resourceLinkId,
    assignmentId: str(custom?.[CUSTOM_ASSIGNMENT]),
    lineItemUrl: httpUrlOrNull(ags?.lineitem),
    membershipsUrl: httpUrlOrNull(nrps?.context_memberships_url),
    deepLink,
  };
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const httpUrlOrNull = (v: unknown) => {
  const s = str(v);
  return s && isHttpUrl(s) ? s : null;
};
