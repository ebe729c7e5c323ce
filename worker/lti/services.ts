// Calls Qadam makes to a platform: an OAuth2 token (client_credentials with a signed JWT assertion), AGS scores, NRPS rosters.
import { SignJWT } from "jose";
import { LTI_ALG, type SigningKey } from "./keys.ts";

export interface ServicePlatform {
  id: string;
  clientId: string;
  tokenUrl: string;
}

export class ServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceError";
  }
}

/** Access tokens per platform and scope set, until a minute before they expire (per isolate). */
const tokens = new Map<string, { token: string; until: number }>();

export const forgetServiceTokens = () => tokens.clear();

/** The client assertion (RFC 7523) that authenticates Qadam to the platform's token endpoint. */
export function clientAssertion(platform: ServicePlatform, signing: SigningKey, now: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: LTI_ALG, kid: signing.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + 300)
    .setJti(crypto.randomUUID())
    .sign(signing.key);
}

export async function accessToken(platform: ServicePlatform, scope: string[], signing: SigningKey, now: number): Promise<string> {
  const key = `${platform.id} ${[...scope].sort().join(" ")}`;
  const hit = tokens.get(key);
  if (hit && hit.until > now) return hit.token;
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: await clientAssertion(platform, signing, now),
    scope: scope.join(" "),
  });
  const res = await fetch(platform.tokenUrl, { method: "POST", body, headers: { accept: "application/json" } });
  if (!res.ok) throw new ServiceError(`token endpoint answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const json = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
  if (typeof json.access_token !== "string") throw new ServiceError("token endpoint sent no access_token");
  const lifetime = typeof json.expires_in === "number" ? json.expires_in : 3600;
  tokens.set(key, { token: json.access_token, until: now + Math.max(0, lifetime - 60) * 1000 });
  return json.access_token;
}

/** The AGS scores URL of a line item: `/scores` after its path, its query kept (Moodle's line items carry one). */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/scores`;
  return url.toString();
}

export interface Score {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  timestamp: string;
}

export async function postScore(lineItemUrl: string, score: Score, token: string): Promise<void> {
  const res = await fetch(scoresUrl(lineItemUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/vnd.ims.lis.v1.score+json" },
    body: JSON.stringify({ ...score, activityProgress: "Completed", gradingProgress: "FullyGraded" }),
  });
  if (!res.ok) throw new ServiceError(`scores endpoint answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

export interface Member {
  sub: string;
  name: string;
  email: string | null;
  roles: string[];
  active: boolean;
}

/** Every member of the context, following the NRPS `Link: rel="next"` pages (at most 50 of them). */
export async function fetchMembers(membershipsUrl: string, token: string): Promise<Member[]> {
  const members: Member[] = [];
  let next: string | null = membershipsUrl;
  for (let page = 0; next && page < 50; page++) {
    const res: Response = await fetch(next, {
      headers: { authorization: `Bearer ${token}`, accept: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" },
    });
    if (!res.ok) throw new ServiceError(`memberships endpoint answered ${res.status}`);
    const body = (await res.json()) as { members?: Record<string, unknown>[] };
    for (const m of body.members ?? []) {
      if (typeof m.user_id !== "string") continue;
      const given = [m.given_name, m.family_name].filter((s) => typeof s === "string").join(" ");
      members.push({
        sub: m.user_id,
        name: (typeof m.name === "string" && m.name) || given || "LMS user",
        email: typeof m.email === "string" ? m.email : null,
        roles: Array.isArray(m.roles) ? m.roles.filter((r): r is string => typeof r === "string") : [],
        active: m.status === undefined || m.status === "Active",
      });
    }
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;
  }
  return members;
}
