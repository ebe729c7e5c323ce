// The messages Qadam signs for a platform: the Deep Linking response that places a Qadam assignment in the LMS course.
import { SignJWT } from "jose";
import { CUSTOM_ASSIGNMENT, claims, LTI_VERSION } from "./claims.ts";
import { LTI_ALG, type SigningKey } from "./keys.ts";

/** Every Qadam grade goes to the LMS out of this many points; the LMS rescales the column as its teacher likes. */
export const SCORE_MAXIMUM = 100;

export interface PickedLink {
  assignmentId: string;
  title: string;
  launchUrl: string;
  graded: boolean;
}

export function deepLinkingResponse(
  to: { issuer: string; clientId: string; deploymentId: string; data: string | null },
  link: PickedLink,
  signing: SigningKey,
  now: number,
): Promise<string> {
  const item = {
    type: "ltiResourceLink",
    title: link.title,
    url: link.launchUrl,
    custom: { [CUSTOM_ASSIGNMENT]: link.assignmentId },
    // The line item makes the LMS create the gradebook column; practice is not graded, so it gets none.
    ...(link.graded ? { lineItem: { scoreMaximum: SCORE_MAXIMUM, label: link.title, resourceId: link.assignmentId } } : {}),
  };
  const seconds = Math.floor(now / 1000);
  return new SignJWT({
    nonce: crypto.randomUUID(),
    [claims.messageType]: "LtiDeepLinkingResponse",
    [claims.version]: LTI_VERSION,
    [claims.deploymentId]: to.deploymentId,
    [claims.contentItems]: [item],
    ...(to.data ? { [claims.deepLinkData]: to.data } : {}),
  })
    .setProtectedHeader({ alg: LTI_ALG, kid: signing.kid, typ: "JWT" })
    .setIssuer(to.clientId)
    .setAudience(to.issuer)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + 300)
    .sign(signing.key);
}

/** After this many failed sends a grade post is marked failed and waits for the instructor (listed per class). */
export const MAX_GRADE_POST_ATTEMPTS = 8;

/** The wait before the next try after `attempts` failures: 1 min doubling, at most 6 h (8 tries span about 4 h). */
export function gradePostBackoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}
