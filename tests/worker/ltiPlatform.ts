// A test LMS for the LTI suites: its own RS256 key pair, JWKS, token, scores and memberships endpoints, reached by
// the Worker's outbound fetch (intercepted here), and helpers that walk a browser through login and launch.

import { exports } from "cloudflare:workers";
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, jwtVerify, SignJWT } from "jose";
import { vi } from "vitest";
import { call, ORIGIN } from "./helpers.ts";

export const LMS = "https://lms.test";
const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

type Key = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

export interface ScorePost {
  url: string;
  auth: string | null;
  body: Record<string, unknown>;
}

export class TestPlatform {
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId = "dep-1";
  key!: Key;
  kid = "lms-key-1";
  jwks: { keys: Record<string, unknown>[] } = { keys: [] };
  scores: ScorePost[] = [];
  tokenRequests: URLSearchParams[] = [];
  /** When set, the scores endpoint answers this status. */
  scoresStatus = 200;
  members: Record<string, unknown>[] = [];
  /** Dynamic registration: what Qadam posted, and whether the answer names a deployment. */
  registrations: Record<string, unknown>[] = [];
  answersDeployment = true;
  /** The issuer its OpenID configuration names (another site's, to play an impostor). */
  configIssuer: string | null = null;

  constructor(readonly name: string) {
    this.issuer = `${LMS}/${name}`;
    this.clientId = `qadam-${name}`;
  }

  async init() {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    this.key = privateKey;
    this.jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: this.kid, alg: "RS256", use: "sig" }] };
    return this;
  }

  get urls() {
    return {
      authUrl: `${this.issuer}/auth`,
      tokenUrl: `${this.issuer}/token`,
      jwksUrl: `${this.issuer}/jwks`,
      lineItem: (n: string) => `${this.issuer}/lineitems/${n}/lineitem?type_id=7`,
      memberships: `${this.issuer}/memberships`,
    };
  }

  registration() {
    const { authUrl, tokenUrl, jwksUrl } = this.urls;
    return {
      name: `LMS ${this.name}`,
      issuer: this.issuer,
      clientId: this.clientId,
      authUrl,
      tokenUrl,
      jwksUrl,
      deploymentIds: [this.deploymentId],
    };
  }

  /** An id_token as this platform would sign it; `claims` override or (undefined) remove the defaults. */
  idToken(claims: Record<string, unknown>, opts: { key?: Key; kid?: string | null; now?: number } = {}): Promise<string> {
    const now = Math.floor((opts.now ?? Date.now()) / 1000);
    const payload: Record<string, unknown> = {
      iss: this.issuer,
      aud: this.clientId,
      sub: "learner-1",
      iat: now,
      exp: now + 300,
      name: "Aigerim Nurlanova",
      [`${LTI}message_type`]: "LtiResourceLinkRequest",
      [`${LTI}version`]: "1.3.0",
      [`${LTI}deployment_id`]: this.deploymentId,
      [`${LTI}target_link_uri`]: `${ORIGIN}/api/lti/launch`,
      [`${LTI}roles`]: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
      [`${LTI}context`]: { id: "course-1", title: "IT cooperation 101" },
      [`${LTI}resource_link`]: { id: "link-1" },
      ...claims,
    };
    for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
    const header = opts.kid === null ? { alg: "RS256" } : { alg: "RS256", kid: opts.kid ?? this.kid };
    return new SignJWT(payload as JWTPayload).setProtectedHeader(header).sign(opts.key ?? this.key);
  }

  /** The platform's side of the outbound calls; null for a URL that is not this platform's. */
  async handle(request: Request, qadamJwks: () => Promise<{ keys: Record<string, unknown>[] }>): Promise<Response | null> {
    const url = new URL(request.url);
    if (!request.url.startsWith(`${this.issuer}/`)) return null;
    if (url.pathname.endsWith("/jwks")) return Response.json(this.jwks);
    if (url.pathname.endsWith("/.well-known/openid-configuration")) {
      if (request.headers.get("authorization") !== "Bearer reg-token") return new Response("bad registration token", { status: 401 });
      return Response.json({
        issuer: this.configIssuer ?? this.issuer,
        authorization_endpoint: this.urls.authUrl,
        token_endpoint: this.urls.tokenUrl,
        jwks_uri: this.urls.jwksUrl,
        registration_endpoint: `${this.issuer}/register`,
        "https://purl.imsglobal.org/spec/lti-platform-configuration": { product_family_code: "moodle", version: "4.5" },
      });
    }
    if (url.pathname.endsWith("/register") && request.method === "POST") {
      if (request.headers.get("authorization") !== "Bearer reg-token") return new Response("bad registration token", { status: 401 });
      const body = (await request.json()) as Record<string, unknown>;
      this.registrations.push(body);
      return Response.json({
        ...body,
        client_id: this.clientId,
        "https://purl.imsglobal.org/spec/lti-tool-configuration": {
          ...(body["https://purl.imsglobal.org/spec/lti-tool-configuration"] as object),
          ...(this.answersDeployment ? { deployment_id: this.deploymentId } : {}),
        },
      });
    }
    if (url.pathname.endsWith("/token")) {
      const form = new URLSearchParams(await request.text());
      this.tokenRequests.push(form);
      // A real platform checks the assertion with the tool's published keys: so does this one.
      try {
        await jwtVerify(form.get("client_assertion") ?? "", createLocalJWKSet((await qadamJwks()) as never), {
          issuer: this.clientId,
          subject: this.clientId,
          audience: this.urls.tokenUrl,
        });
      } catch {
        return Response.json({ error: "invalid_client" }, { status: 401 });
      }
      return Response.json({
        access_token: `token-${this.tokenRequests.length}`,
        token_type: "Bearer",
        expires_in: 3600,
        scope: form.get("scope"),
      });
    }
    if (url.pathname.endsWith("/scores") && request.method === "POST") {
      this.scores.push({
        url: request.url,
        auth: request.headers.get("authorization"),
        body: (await request.json()) as Record<string, unknown>,
      });
      return new Response(this.scoresStatus === 200 ? "" : "gradebook locked", { status: this.scoresStatus });
    }
    if (url.pathname.endsWith("/memberships")) {
      if (!request.headers.get("authorization")?.startsWith("Bearer ")) return new Response("no token", { status: 401 });
      return Response.json({ id: this.urls.memberships, context: { id: "course-1" }, members: this.members });
    }
    return new Response("not found", { status: 404 });
  }
}

/** Routes the Worker's outbound fetch to the test platforms; anything else is refused as a network error would be. */
export function interceptOutbound(platforms: TestPlatform[]) {
  const qadamJwks = async () => (await (await call("/api/lti/jwks")).json()) as { keys: Record<string, unknown>[] };
  return vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    for (const platform of platforms) {
      const answer = await platform.handle(request, qadamJwks);
      if (answer) return answer;
    }
    throw new TypeError(`outbound fetch to ${request.url} is not allowed in tests`);
  });
}

/** A browser request that does not follow redirects (call() lets the Worker's fetch follow them). */
export function browser(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers["content-type"] ??= "application/x-www-form-urlencoded";
  if (init.method === "POST") headers.origin ??= ORIGIN;
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, { method: init.method ?? "GET", body: init.body ?? null, headers, redirect: "manual" }),
  );
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Step 1 of a launch: the LMS's login initiation; returns the state and nonce Qadam put in the redirect. */
export async function login(platform: TestPlatform, extra: Record<string, string> = {}) {
  const res = await browser("/api/lti/login", {
    method: "POST",
    body: form({
      iss: platform.issuer,
      login_hint: "hint",
      target_link_uri: `${ORIGIN}/api/lti/launch`,
      client_id: platform.clientId,
      ...extra,
    }),
    headers: { origin: LMS },
  });
  if (res.status !== 302) throw new Error(`login: ${res.status} ${await res.text()}`);
  const location = new URL(res.headers.get("location") ?? "");
  return { location, state: location.searchParams.get("state") ?? "", nonce: location.searchParams.get("nonce") ?? "" };
}

/** Step 2: the platform's form post of the id_token to the redirect URI. */
export const launch = (fields: { id_token: string; state: string }, accept = "text/html") =>
  browser("/api/lti/launch", { method: "POST", body: form(fields), headers: { origin: LMS, accept } });

/** Login then launch with `claims` (the nonce filled in from the login unless given). */
export async function loginAndLaunch(
  platform: TestPlatform,
  claims: Record<string, unknown> = {},
  opts: Parameters<TestPlatform["idToken"]>[1] = {},
) {
  const { state, nonce } = await login(platform);
  const id_token = await platform.idToken({ nonce, ...claims }, opts);
  return { res: await launch({ id_token, state }), state, id_token };
}

/** The value of a hidden or link field in an LTI page. */
export function fieldOf(page: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no field ${name} in the page`);
  return (m[1] as string).replaceAll("&amp;", "&");
}
