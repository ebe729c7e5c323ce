// LTI Dynamic Registration 1.0: read the platform's OpenID configuration, post Qadam's registration, keep what it answers.
import { isHttpUrl, scopes } from "./claims.ts";
import { ServiceError } from "./services.ts";

/** Qadam's client registration for a platform (OpenID Connect Dynamic Client Registration with the LTI extension). */
export function toolRegistration(origin: string, urls: { toolUrl: string; initiateLoginUrl: string; jwksUrl: string }) {
  return {
    application_type: "web",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: urls.initiateLoginUrl,
    redirect_uris: [urls.toolUrl],
    client_name: "Qadam",
    jwks_uri: urls.jwksUrl,
    logo_uri: `${origin}/icon.svg`,
    token_endpoint_auth_method: "private_key_jwt",
    scope: [scopes.score, scopes.lineItem, scopes.resultRead, scopes.memberships].join(" "),
    "https://purl.imsglobal.org/spec/lti-tool-configuration": {
      domain: new URL(origin).host,
      target_link_uri: urls.toolUrl,
      description: "Lessons and quizzes with grades sent to the LMS gradebook",
      claims: ["iss", "sub", "name", "given_name", "family_name", "email"],
      messages: [
        { type: "LtiDeepLinkingRequest", target_link_uri: urls.toolUrl, label: "Qadam", placements: ["ContentArea"] },
        { type: "LtiResourceLinkRequest", target_link_uri: urls.toolUrl, label: "Qadam" },
      ],
    },
  };
}

export interface RegisteredPlatform {
  name: string;
  issuer: string;
  clientId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentId: string | null;
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

/** Registers Qadam with the platform whose configuration is at `configurationUrl`; ServiceError says what went wrong. */
export async function registerWithPlatform(
  configurationUrl: string,
  registrationToken: string | null,
  registration: ReturnType<typeof toolRegistration>,
): Promise<RegisteredPlatform> {
  if (!isHttpUrl(configurationUrl)) throw new ServiceError("openid_configuration is not an http(s) URL.");
  const auth: Record<string, string> = registrationToken ? { authorization: `Bearer ${registrationToken}` } : {};
  const res = await fetch(configurationUrl, { headers: { accept: "application/json", ...auth } });
  if (!res.ok) throw new ServiceError(`The platform's OpenID configuration answered ${res.status}.`);
  const config = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  const issuer = str(config?.issuer);
  const fields = {
    authUrl: str(config?.authorization_endpoint),
    tokenUrl: str(config?.token_endpoint),
    jwksUrl: str(config?.jwks_uri),
    endpoint: str(config?.registration_endpoint),
  };
  const missing = Object.entries({ issuer, ...fields })
    .filter(([, v]) => !v || !isHttpUrl(v))
    .map(([k]) => k);
  if (!issuer || missing.length) throw new ServiceError(`The platform's OpenID configuration lacks ${missing.join(", ")}.`);
  // The configuration must come from the issuer it names: another site cannot register itself as this LMS.
  if (!configurationUrl.startsWith(issuer)) throw new ServiceError("The OpenID configuration URL is not under the issuer it names.");
  const posted = await fetch(fields.endpoint as string, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...auth },
    body: JSON.stringify(registration),
  });
  if (!posted.ok)
    throw new ServiceError(`The platform refused the registration (${posted.status}): ${(await posted.text()).slice(0, 200)}`);
  const answer = (await posted.json().catch(() => null)) as Record<string, unknown> | null;
  const clientId = str(answer?.client_id);
  if (!clientId) throw new ServiceError("The platform's registration answer has no client_id.");
  const lti = answer?.["https://purl.imsglobal.org/spec/lti-tool-configuration"] as Record<string, unknown> | undefined;
  const platformConfig = config?.["https://purl.imsglobal.org/spec/lti-platform-configuration"] as Record<string, unknown> | undefined;
  return {
    name: str(platformConfig?.product_family_code) ?? new URL(issuer).host,
    issuer,
    clientId,
    authUrl: fields.authUrl as string,
    tokenUrl: fields.tokenUrl as string,
    jwksUrl: fields.jwksUrl as string,
    deploymentId: str(lti?.deployment_id),
  };
}

/** Canvas's LTI 1.3 developer key configuration (Admin → Developer Keys → + LTI Key → "Enter URL" or "Paste JSON"). */
export function canvasConfiguration(origin: string, urls: { toolUrl: string; initiateLoginUrl: string; jwksUrl: string }) {
  const deepLink = (placement: string) => ({
    placement,
    message_type: "LtiDeepLinkingRequest",
    target_link_uri: urls.toolUrl,
    text: "Qadam",
  });
  return {
    title: "Qadam",
    description: "Lessons and quizzes with grades sent to the Canvas gradebook",
    oidc_initiation_url: urls.initiateLoginUrl,
    target_link_uri: urls.toolUrl,
    public_jwk_url: urls.jwksUrl,
    scopes: [scopes.score, scopes.lineItem, scopes.resultRead, scopes.memberships],
    extensions: [
      {
        domain: new URL(origin).host,
        tool_id: "qadam",
        platform: "canvas.instructure.com",
        privacy_level: "public",
        settings: { text: "Qadam", placements: [deepLink("assignment_selection"), deepLink("link_selection")] },
      },
    ],
    custom_fields: {},
  };
}
