// Verifies a platform's id_token with jose against the platform's JWKS (cached per isolate, refetched on an unknown kid).
import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import { LaunchRefused } from "./claims.ts";

export interface PlatformTrust {
  issuer: string;
  clientId: string;
  jwksUrl: string;
}

// jose keeps the fetched set and fetches again when a token names a kid it does not hold (at most every 30 s).
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function platformKeys(jwksUrl: string) {
  let set = keySets.get(jwksUrl);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    if (keySets.size > 200) keySets.clear();
    keySets.set(jwksUrl, set);
  }
  return set;
}

/** The payload of a token the platform signed for Qadam and that has not expired; LaunchRefused saying why otherwise. */
export async function verifyPlatformToken(token: string, platform: PlatformTrust, now: number): Promise<JWTPayload> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new LaunchRefused("The id_token is not a well-formed JWT.");
  }
  if (!kid) throw new LaunchRefused("The id_token's header has no kid, so the platform's signing key cannot be chosen.");
  try {
    const { payload } = await jwtVerify(token, platformKeys(platform.jwksUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ["RS256"],
      currentDate: new Date(now),
      maxTokenAge: "1h",
      clockTolerance: 60,
      requiredClaims: ["exp", "iat", "nonce", "sub"],
    });
    return payload;
  } catch (error) {
    throw new LaunchRefused(refusalOf(error, kid));
  }
}

function refusalOf(error: unknown, kid: string): string {
  if (error instanceof errors.JWTExpired) return "The id_token has expired (exp is in the past): launch again from the LMS.";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "The id_token's aud is not Qadam's client id on this platform.";
    if (error.claim === "iss") return "The id_token's iss is not this platform's issuer.";
    return `The id_token's ${error.claim} claim is not valid (${error.reason}).`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The id_token's signature does not verify with the platform's keys.";
  if (error instanceof errors.JWKSNoMatchingKey) return `The platform's JWKS has no key with kid ${JSON.stringify(kid)}.`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "The id_token must be signed with RS256.";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof errors.JOSENotSupported) {
    return "The platform's JWKS could not be read: check its JWKS URL.";
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return "The id_token is not a well-formed JWT.";
  // A JWKS URL that does not answer or answers garbage surfaces as a plain fetch or JSON error.
  return "The platform's JWKS could not be read: check its JWKS URL.";
}
