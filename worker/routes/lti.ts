// Qadam as an LTI 1.3 tool: keys, platform registration, OIDC login and launch, deep linking, grades back, roster.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { findSessionUser, insertSession } from "../../db/queries/accounts.ts";
import { insertAssignment } from "../../db/queries/assignments.ts";
import { insertClass, ownedClass } from "../../db/queries/classes.ts";
import {
  acceptDeployment,
  addDeployments,
  assignmentInClass,
  classForContext,
  insertPlatform,
  joinClass,
  linkLineItem,
  platformById,
  platformsByIssuer,
  platformsOf,
  retryFailedGradePosts,
  unsentGradePosts,
  userForSub,
} from "../../db/queries/lti.ts";
import { CreateAssignmentBody } from "../contract/assignments.ts";
import { IdParam, iso } from "../contract/common.ts";
import { moduleTitle } from "../course.ts";
import { generateJoinCode } from "../domain/joinCode.ts";
import { hashSessionToken, newSessionToken } from "../domain/sessionToken.ts";
import type { AppEnv } from "../env.ts";
import { type Launch, LaunchRefused, readLaunch } from "../lti/claims.ts";
import {
  AddDeploymentBody,
  GradePostList,
  PlatformEnvelope,
  PlatformList,
  PublicJwks,
  RegisterPlatformBody,
  RegistrationLink,
  RetryResult,
  RosterResult,
  ToolValues,
} from "../lti/contract.ts";
import { parsePrivateKeySet, publicKeySet, signingKey } from "../lti/keys.ts";
import { deepLinkingResponse } from "../lti/messages.ts";
import { autoPostPage, landingPage, messagePage, pickerPage } from "../lti/pages.ts";
import { canvasConfiguration, registerWithPlatform, toolRegistration } from "../lti/registration.ts";
import { htmlPage, originOf, refuse } from "../lti/respond.ts";
import { syncRoster } from "../lti/roster.ts";
import { consumeToken, issueToken, lockedPassword, peekTokenForUse } from "../lti/secrets.ts";
import { ServiceError } from "../lti/services.ts";
import { verifyPlatformToken } from "../lti/verify.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, ProblemSchema, problems, signedIn, z } from "../openapi.ts";
import { conflict, found, Problem } from "../problem.ts";
import { startSession } from "./session.ts";

const tags = ["LTI"];
const LoginParams = z.object({
  iss: z.string(),
  login_hint: z.string(),
  target_link_uri: z.string(),
  lti_message_hint: z.string().optional(),
  client_id: z.string().optional(),
  lti_deployment_id: z.string().optional(),
});
export const LTI_COOKIE = "qadam_lti";
const STATE_TTL_MS = 10 * 60_000;
const PICK_TTL_MS = 60 * 60_000;
const HANDOFF_TTL_MS = 10 * 60_000;
const LTI_SESSION_TTL_MS = 12 * 60 * 60_000;
const REGISTRATION_LINK_TTL_MS = 7 * 24 * 60 * 60_000;

/** What an LMS administrator pastes into the LMS, for this Worker's origin. */
export function toolValues(origin: string) {
  const launch = `${origin}/api/lti/launch`;
  return {
    toolUrl: launch,
    initiateLoginUrl: `${origin}/api/lti/login`,
    redirectUrls: [launch],
    jwksUrl: `${origin}/api/lti/jwks`,
    deepLinkingUrl: launch,
  };
}

const originOfRequest = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/** Qadam's key set from the secret, or the 503 that names the setting. */
function keySet(c: Context<AppEnv>) {
  const parsed = parsePrivateKeySet(c.env.LTI_PRIVATE_JWKS);
  if ("problem" in parsed) throw new Problem(503, parsed.problem, { reason: "lti_keys_missing" });
  return parsed.set;
}

const platformView = (p: Awaited<ReturnType<typeof platformsOf>>[number]) => ({
  id: p.id,
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  authUrl: p.authUrl,
  tokenUrl: p.tokenUrl,
  jwksUrl: p.jwksUrl,
  deploymentIds: p.deploymentIds,
  createdAt: iso(p.createdAt),
});

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** Form fields (POST) or query parameters (GET) of a browser request, as strings; null for a body that is not a form. */
async function browserParams(c: Context<AppEnv>): Promise<Record<string, string> | null> {
  if (c.req.method === "POST" && !FORM_TYPES.some((t) => (c.req.header("content-type") ?? "").startsWith(t))) return null;
  const raw = c.req.method === "POST" ? await c.req.parseBody().catch(() => ({})) : c.req.query();
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
}

const TOP_LEVEL: string[] = [];

const notAForm = (c: Context<AppEnv>) => refuse(c, 415, "LTI messages are HTML form posts (application/x-www-form-urlencoded).");

/** The LTI session cookie: third-party inside the LMS frame, so SameSite=None and Partitioned (CHIPS), LTI paths only. */
async function startLtiSession(c: Context<AppEnv>, userId: string, now: number) {
  const token = newSessionToken();
  await insertSession(c.var.db, { tokenHash: await hashSessionToken(token), userId, createdAt: now, expiresAt: now + LTI_SESSION_TTL_MS });
  setCookie(c, LTI_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "None",
    partitioned: true,
    path: "/api/lti",
    maxAge: LTI_SESSION_TTL_MS / 1000,
  });
}

export const ltiRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/lti/jwks",
      operationId: "getLtiJwks",
      tags,
      summary: "Qadam's public signing keys (JWKS) for LMS platforms",
      description:
        "Every key of LTI_PRIVATE_JWKS, public half only; the newest signs, the older ones stay published so a rotation has overlap.",
      responses: { 200: jsonContent(PublicJwks, "The key set"), ...problems(503) },
    }),
    (c) => {
      c.header("cache-control", "public, max-age=300");
      return c.json(
        publicKeySet(keySet(c)) as { keys: { kty: string; kid: string; n: string; e: string; alg: string; use: string }[] },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/lti/tool",
      operationId: "getLtiToolValues",
      tags,
      summary: "The URLs to paste into an LMS when adding Qadam as an LTI 1.3 tool",
      responses: { 200: jsonContent(ToolValues, "The values for this server") },
    }),
    (c) => c.json(toolValues(originOfRequest(c)), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/lti/canvas.json",
      operationId: "getLtiCanvasConfiguration",
      tags,
      summary: "Qadam's configuration for a Canvas LTI 1.3 developer key (Enter URL / Paste JSON)",
      responses: { 200: jsonContent(z.record(z.string(), z.unknown()).openapi("CanvasLtiConfiguration"), "The JSON Canvas reads") },
    }),
    (c) => {
      const origin = originOfRequest(c);
      return c.json(canvasConfiguration(origin, toolValues(origin)) as Record<string, unknown>, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/lti/platforms",
      operationId: "registerLtiPlatform",
      tags,
      security: signedIn,
      summary: "Register an LMS (platform) that may launch Qadam",
      description:
        "The values come from the LMS's tool registration screen (docs/lti.md). The answer repeats Qadam's own values to paste back.",
      request: { body: jsonBody(RegisterPlatformBody) },
      responses: { 201: jsonContent(PlatformEnvelope, "Registered"), ...problems(401, 409) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { deploymentIds, ...body } = c.req.valid("json");
      const row = await insertPlatform(c.var.db, { ...body, ownerId: user.id }, [...new Set(deploymentIds)]);
      if (!row) throw conflict("This issuer and client id are already registered.", "platform_registered");
      return c.json(
        { platform: platformView({ ...row, deploymentIds: [...new Set(deploymentIds)].sort() }), tool: toolValues(originOfRequest(c)) },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/lti/platforms",
      operationId: "listLtiPlatforms",
      tags,
      security: signedIn,
      summary: "The platforms this instructor registered, with Qadam's values to paste",
      responses: { 200: jsonContent(PlatformList, "The platforms"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const platforms = await platformsOf(c.var.db, user.id);
      return c.json({ platforms: platforms.map(platformView), tool: toolValues(originOfRequest(c)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/lti/registration-links",
      operationId: "createLtiRegistrationLink",
      tags,
      security: signedIn,
      summary: "A personal LTI Dynamic Registration URL to paste into the LMS (one use, 7 days)",
      description:
        "The LMS opens the URL with its openid_configuration and registration_token; Qadam registers itself and the platform " +
        "becomes this instructor's, with no values to copy by hand.",
      responses: { 201: jsonContent(RegistrationLink, "The link"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const now = Date.now();
      const token = await issueToken(c.var.db, "registration", { userId: user.id }, REGISTRATION_LINK_TTL_MS, now);
      return c.json({ url: `${originOfRequest(c)}/api/lti/register?qadam=${token}`, expiresAt: iso(now + REGISTRATION_LINK_TTL_MS) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/lti/platforms/{id}/deployments",
      operationId: "addLtiDeployment",
      tags,
      security: signedIn,
      summary: "Allow one more deployment id of a registered platform",
      request: { params: IdParam, body: jsonBody(AddDeploymentBody) },
      responses: { 204: { description: "Added (or already there)" }, ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const platform = await platformById(c.var.db, c.req.valid("param").id);
      if (!platform || platform.ownerId !== user.id) throw found(null, "platform");
      await addDeployments(c.var.db, platform.id, [c.req.valid("json").deploymentId]);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/lti/classes/{id}/grade-posts",
      operationId: "listLtiGradePosts",
      tags,
      security: signedIn,
      summary: "Grades of the class not yet accepted by the LMS (pending retries and failures)",
      request: { params: IdParam },
      responses: { 200: jsonContent(GradePostList, "The unsent posts, newest first"), ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const k = found(await ownedClass(c.var.db, c.req.valid("param").id, user.id), "class");
      const rows = await unsentGradePosts(c.var.db, k.id);
      return c.json(
        {
          posts: rows.map((r) => ({
            assignmentId: r.assignmentId,
            module: r.moduleSlug,
            studentId: r.userId,
            studentName: r.userName,
            status: r.status === "failed" ? ("failed" as const) : ("pending" as const),
            attempts: r.attempts,
            lastError: r.lastError,
            nextAttemptAt: r.status === "failed" ? null : iso(r.nextAttemptAt),
            updatedAt: iso(r.updatedAt),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/lti/classes/{id}/grade-posts/retry",
      operationId: "retryLtiGradePosts",
      tags,
      security: signedIn,
      summary: "Send the class's failed grade posts again (at the next cron run, within 5 minutes)",
      request: { params: IdParam },
      responses: { 200: jsonContent(RetryResult, "How many were queued again"), ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const k = found(await ownedClass(c.var.db, c.req.valid("param").id, user.id), "class");
      return c.json({ requeued: await retryFailedGradePosts(c.var.db, k.id, Date.now()) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/lti/classes/{id}/roster",
      operationId: "syncLtiRoster",
      tags,
      security: signedIn,
      summary: "Pull the LMS course's roster into the class (NRPS 2.0)",
      description:
        "Reads the context's memberships from the platform (the URL its launches carried) and adds every active learner to " +
        "the class, creating their Qadam accounts as a first launch would. 409 `no_roster` when the class is not an LMS course " +
        "or no launch has carried the roster service yet.",
      request: { params: IdParam },
      responses: { 200: jsonContent(RosterResult, "What the pull did"), ...problems(401, 404, 409, 503) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const k = found(await ownedClass(c.var.db, c.req.valid("param").id, user.id), "class");
      const set = keySet(c);
      return c.json(await syncRoster(c.var.db, k.id, await signingKey(c.env.LTI_PRIVATE_JWKS, set), Date.now()), 200);
    },
  )
  // The browser endpoints below answer HTML (or redirects) to the LMS and its frame; ltiBrowserRoutes documents them.
  .on(["GET", "POST"], "/lti/login", async (c) => {
    const p = await browserParams(c);
    if (!p) return notAForm(c);
    const missing = ["iss", "login_hint", "target_link_uri"].filter((name) => !p[name]);
    if (missing.length) {
      const fields = missing.map((name) => (c.req.method === "GET" ? `query.${name}` : name));
      return refuse(c, 400, `The login request has no ${missing.join(", ")}: start the launch from the LMS.`, undefined, fields);
    }
    const found = await platformsByIssuer(c.var.db, p.iss as string, p.client_id ?? null);
    if (found.length === 0) {
      return refuse(c, 404, `No LMS with issuer ${p.iss}${p.client_id ? ` and client id ${p.client_id}` : ""} is registered in Qadam.`);
    }
    if (found.length > 1)
      return refuse(c, 400, "Several registrations share this issuer: the LMS must send client_id with the login.", undefined, [
        "client_id",
      ]);
    const platform = found[0] as NonNullable<(typeof found)[0]>;
    const origin = originOfRequest(c);
    if (originOf(p.target_link_uri as string) !== origin) {
      return refuse(c, 400, `The target_link_uri is not a Qadam URL on ${origin}.`, undefined, [
        c.req.method === "GET" ? "query.target_link_uri" : "target_link_uri",
      ]);
    }
    const now = Date.now();
    const nonce = newSessionToken();
    const state = await issueToken(c.var.db, "state", { platformId: platform.id, nonce }, STATE_TTL_MS, now);
    const auth = new URL(platform.authUrl);
    const query: Record<string, string> = {
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: platform.clientId,
      redirect_uri: toolValues(origin).toolUrl,
      login_hint: p.login_hint as string,
      state,
      nonce,
      ...(p.lti_message_hint ? { lti_message_hint: p.lti_message_hint } : {}),
    };
    for (const [k, v] of Object.entries(query)) auth.searchParams.set(k, v);
    c.header("cache-control", "no-store");
    return c.redirect(auth.toString(), 302);
  })
  .post("/lti/launch", async (c) => {
    const p = await browserParams(c);
    if (!p) return notAForm(c);
    if (!p.id_token || !p.state) {
      const fields = ["id_token", "state"].filter((name) => !p[name]);
      return refuse(c, 400, "The launch has no id_token or no state: start it from the LMS.", undefined, fields);
    }
    const now = Date.now();
    const state = await consumeToken(c.var.db, "state", p.state, now);
    if (!state) return refuse(c, 401, "This launch's sign-in is unknown, already used or expired (10 minutes): launch again from the LMS.");
    const platform = await platformById(c.var.db, state.platformId as string);
    if (!platform) return refuse(c, 404, "The LMS this launch started from is no longer registered in Qadam.");
    let launch: Launch;
    try {
      const payload = await verifyPlatformToken(p.id_token, platform, now);
      launch = readLaunch(payload, { clientId: platform.clientId, nonce: state.nonce as string, now });
    } catch (error) {
      if (error instanceof LaunchRefused) return refuse(c, 401, error.reason);
      throw error;
    }
    if (!(await acceptDeployment(c.var.db, platform.id, launch.deploymentId))) {
      return refuse(
        c,
        403,
        `Deployment ${launch.deploymentId} of this LMS is not registered in Qadam: add it to the platform's deployment ids.`,
      );
    }
    // The LMS page that frames Qadam posted this launch: its Origin (a school's own domain on Canvas) may frame the answer.
    const frameAncestors = [originOf(c.req.header("origin") ?? ""), originOf(platform.issuer)].filter((o): o is string => o !== null);
    const frame = { frameAncestors: [...new Set(frameAncestors)] };
    if (launch.messageType === "LtiDeepLinkingRequest" && launch.role !== "instructor") {
      return refuse(c, 403, "Only an instructor of the course can add Qadam activities.");
    }
    if (!launch.context)
      return refuse(c, 400, "The launch has no course (context claim): Qadam activities live in a course.", undefined, ["id_token"]);
    const user = await userForSub(c.var.db, platform.id, launch, lockedPassword);
    const k = await classForContext(
      c.var.db,
      platform.id,
      { ...launch.context, membershipsUrl: launch.membershipsUrl },
      launch.role === "instructor" ? user.id : platform.ownerId,
      (instructorId, name) => insertClass(c.var.db, instructorId, name, generateJoinCode),
    );
    if (!k) return refuse(c, 409, "Qadam could not create a class for this course; launch again.");
    if (launch.role === "student") await joinClass(c.var.db, k.classId, user.id);
    const origin = originOfRequest(c);

    if (launch.deepLink) {
      const pick = await issueToken(
        c.var.db,
        "pick",
        {
          userId: user.id,
          platformId: platform.id,
          classId: k.classId,
          deploymentId: launch.deploymentId,
          frameAncestors: frame.frameAncestors,
          ...launch.deepLink,
        },
        PICK_TTL_MS,
        now,
      );
      await startLtiSession(c, user.id, now);
      return htmlPage(c, 200, (nonce) => pickerPage({ token: pick, action: `${origin}/api/lti/deep-link`, error: null }, nonce), frame);
    }

    let target = launch.role === "instructor" && k.instructorId === user.id ? `/classes/${k.classId}` : "/dashboard";
    if (launch.assignmentId) {
      const assignment = await assignmentInClass(c.var.db, launch.assignmentId, k.classId);
      if (!assignment) {
        return refuse(
          c,
          404,
          "This activity's Qadam assignment is not in this course's class (was the course copied?): add the activity again with 'Select content'.",
        );
      }
      if (launch.lineItemUrl) await linkLineItem(c.var.db, platform.id, assignment.id, launch.lineItemUrl);
      if (launch.role === "student") target = `/quiz/assignment/${assignment.id}`;
    }
    const handoff = await issueToken(c.var.db, "handoff", { userId: user.id, target }, HANDOFF_TTL_MS, now);
    await startLtiSession(c, user.id, now);
    const action = target.startsWith("/quiz/") ? "Start in Qadam" : "Open Qadam";
    return htmlPage(
      c,
      200,
      (nonce) =>
        landingPage(
          { name: launch.name, place: launch.context?.title ?? "Qadam", handoffUrl: `${origin}/api/lti/handoff?token=${handoff}`, action },
          nonce,
        ),
      frame,
    );
  })
  .get("/lti/register", async (c) => {
    const q = c.req.query();
    if (!q.qadam || !q.openid_configuration) {
      return refuse(
        c,
        400,
        "Open this URL from the LMS's tool registration (it adds openid_configuration), with the qadam link from Qadam.",
      );
    }
    const now = Date.now();
    const link = await peekTokenForUse(c.var.db, "registration", q.qadam, now);
    if (!link) return refuse(c, 401, "This registration link was already used or has expired: make a new one in Qadam (LMS connections).");
    const origin = originOfRequest(c);
    let registered: Awaited<ReturnType<typeof registerWithPlatform>>;
    try {
      registered = await registerWithPlatform(
        q.openid_configuration,
        q.registration_token ?? null,
        toolRegistration(origin, toolValues(origin)),
      );
    } catch (error) {
      if (error instanceof ServiceError || error instanceof TypeError) return refuse(c, 409, `Registration failed: ${error.message}`);
      throw error;
    }
    const { deploymentId, ...platform } = registered;
    const row = await insertPlatform(c.var.db, { ...platform, ownerId: link.data.userId as string }, deploymentId ? [deploymentId] : []);
    if (!row) return refuse(c, 409, "Qadam is already registered with this LMS under the client id it answered.");
    await link.spend();
    // The LMS closes its registration window when told to (LTI Dynamic Registration 1.0, section 3.6).
    const close =
      'window.addEventListener("load",function(){(window.opener||window.parent).postMessage({subject:"org.imsglobal.lti.close"},"*");});';
    return htmlPage(
      c,
      200,
      (nonce) =>
        messagePage(
          "Qadam is registered",
          `Qadam is now a tool of ${platform.issuer} (client id ${platform.clientId}). You can close this window.`,
          nonce,
          close,
        ),
      { frameAncestors: [originOf(platform.issuer), originOf(q.openid_configuration)].filter((o): o is string => o !== null) },
    );
  })
  .get("/lti/handoff", async (c) => {
    const token = c.req.query("token");
    // A top-level page (a new window), never framed.
    if (!token) return refuse(c, 400, "The link has no token: launch the activity again from your course.", TOP_LEVEL, ["query.token"]);
    const data = await consumeToken(c.var.db, "handoff", token, Date.now());
    if (!data) return refuse(c, 401, "This link was already used or has expired: launch the activity again from your course.", TOP_LEVEL);
    // A top-level page: the normal first-party session (SameSite=Lax), as if the person had signed in here.
    await startSession(c, data.userId as string);
    return c.redirect(data.target as string, 303);
  })
  .post("/lti/deep-link", async (c) => {
    const p = await browserParams(c);
    if (!p) return notAForm(c);
    const origin = originOfRequest(c);
    const number = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : Number(v));
    const body = CreateAssignmentBody.safeParse({
      module: p.module,
      mode: p.mode,
      maxAttempts: number(p.maxAttempts),
      timeLimitMinutes: number(p.timeLimitMinutes),
      gradingMethod: p.gradingMethod,
      reviewPolicy: p.reviewPolicy,
      timeZone: "UTC",
    });
    if (!body.success) {
      const why = body.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
      // The token is not used up by a mistake in the form: the instructor corrects it and sends again.
      if (!p.token) return refuse(c, 400, "The picker form has no token: open it again from the LMS.", undefined, ["token"]);
      // Framed like the refusal page: it holds nothing the token does not already grant to whoever has it.
      return htmlPage(
        c,
        400,
        (nonce) => pickerPage({ token: p.token as string, action: `${origin}/api/lti/deep-link`, error: why }, nonce),
        {
          frameAncestors: ["https:", "http:"],
        },
      );
    }
    const now = Date.now();
    const pick = await consumeToken(c.var.db, "pick", p.token ?? "", now);
    if (!pick) return refuse(c, 401, "This picker has expired or was already used: choose 'Select content' in the LMS again.");
    // When the frame kept the LTI cookie, it must be the person whose launch opened the picker.
    const ltiToken = getCookie(c, LTI_COOKIE);
    const framed = ltiToken ? await findSessionUser(c.var.db, await hashSessionToken(ltiToken), now) : null;
    if (framed && framed.id !== pick.userId)
      return refuse(c, 403, "This picker was opened by another LMS user than the one signed in to this frame.");
    const platform = await platformById(c.var.db, pick.platformId as string);
    if (!platform) return refuse(c, 404, "The LMS is no longer registered in Qadam.");
    const set = parsePrivateKeySet(c.env.LTI_PRIVATE_JWKS);
    if ("problem" in set) return refuse(c, 503, set.problem);
    const rules = body.data;
    const assignment = await insertAssignment(c.var.db, {
      id: crypto.randomUUID(),
      classId: pick.classId as string,
      moduleSlug: rules.module,
      mode: rules.mode,
      opensAt: null,
      dueAt: null,
      maxAttempts: rules.maxAttempts ?? null,
      timeLimitMinutes: rules.timeLimitMinutes ?? null,
      gradingMethod: rules.gradingMethod,
      reviewPolicy: rules.reviewPolicy,
      timeZone: rules.timeZone,
      createdAt: now,
      updatedAt: now,
    });
    const title = `Qadam: ${moduleTitle(rules.module).en}`;
    const jwt = await deepLinkingResponse(
      {
        issuer: platform.issuer,
        clientId: platform.clientId,
        deploymentId: pick.deploymentId as string,
        data: (pick.data as string | null) ?? null,
      },
      { assignmentId: assignment.id, title, launchUrl: toolValues(origin).toolUrl, graded: rules.mode === "assessment" },
      await signingKey(c.env.LTI_PRIVATE_JWKS, set.set),
      now,
    );
    const returnUrl = pick.returnUrl as string;
    return htmlPage(c, 200, (nonce) => autoPostPage(returnUrl, { JWT: jwt }, nonce), {
      frameAncestors: [...new Set([...((pick.frameAncestors as string[] | undefined) ?? []), originOf(returnUrl) as string])],
      formAction: [originOf(returnUrl) as string],
    });
  });

const htmlAnswer = (description: string) => ({ description, content: { "text/html": { schema: z.string() } } });
const refusal = {
  description: "Refused: an HTML page saying why, or problem+json when the request accepts JSON and not HTML",
  content: { "text/html": { schema: z.string() }, "application/problem+json": { schema: ProblemSchema } },
};
const formBody = (schema: z.ZodType) => ({ required: true, content: { "application/x-www-form-urlencoded": { schema } } });

/** The browser endpoints, for the API document: the LMS posts forms to them and they answer HTML or redirects. */
export const ltiBrowserRoutes = [
  ...(["get", "post"] as const).map((method) =>
    createRoute({
      method,
      path: "/lti/login",
      operationId: method === "get" ? "ltiLoginGet" : "ltiLoginPost",
      tags,
      security: [],
      summary: "OIDC third-party initiated login (the LMS's first step of a launch)",
      description: "Stores a single-use state and nonce (10 minutes) and redirects to the platform's OIDC authentication URL.",
      ...(method === "get" ? { request: { query: LoginParams } } : { request: { body: formBody(LoginParams) } }),
      responses: {
        302: { description: "To the platform's authentication URL" },
        400: refusal,
        404: refusal,
        ...(method === "post" ? { 415: refusal } : {}),
      },
    }),
  ),
  createRoute({
    method: "post",
    path: "/lti/launch",
    operationId: "ltiLaunch",
    tags,
    security: [],
    summary: "LTI 1.3 launch (resource link or deep linking request): the redirect URI",
    description:
      "Verifies the id_token (platform JWKS, aud, azp, exp, iat, nonce, deployment, message type, version), signs the " +
      "person in (LTI session cookie: SameSite=None; Secure; Partitioned; Path=/api/lti) and answers the page the LMS frames: " +
      "the landing with an 'open in a new window' link, or the activity picker for a deep linking request.",
    request: { body: formBody(z.object({ id_token: z.string(), state: z.string() })) },
    responses: {
      200: htmlAnswer("The landing page or the activity picker"),
      400: refusal,
      401: refusal,
      403: refusal,
      404: refusal,
      409: refusal,
      415: refusal,
    },
  }),
  createRoute({
    method: "get",
    path: "/lti/register",
    operationId: "ltiDynamicRegistration",
    tags,
    security: [],
    summary: "LTI Dynamic Registration 1.0: the LMS opens this with its OpenID configuration",
    description: "Use the personal URL from POST /lti/registration-links; the LMS adds openid_configuration and registration_token.",
    request: { query: z.object({ qadam: z.string(), openid_configuration: z.string(), registration_token: z.string().optional() }) },
    responses: { 200: htmlAnswer("Registered; the page asks the LMS to close it"), 400: refusal, 401: refusal, 409: refusal },
  }),
  createRoute({
    method: "get",
    path: "/lti/handoff",
    operationId: "ltiHandoff",
    tags,
    security: [],
    summary: "Exchange a launch's one-time link for a first-party session (the 'open in a new window' path)",
    request: { query: z.object({ token: z.string() }) },
    responses: { 303: { description: "Signed in; to the activity in Qadam" }, 400: refusal, 401: refusal },
  }),
  createRoute({
    method: "post",
    path: "/lti/deep-link",
    operationId: "ltiDeepLinkPick",
    tags,
    security: [],
    summary: "The activity picker's form: creates the assignment and returns the signed LtiDeepLinkingResponse to the LMS",
    request: {
      body: formBody(
        z.object({
          token: z.string(),
          module: z.string(),
          mode: z.enum(["assessment", "practice"]),
          maxAttempts: z.string().optional(),
          timeLimitMinutes: z.string().optional(),
          gradingMethod: z.enum(["best", "last", "average"]),
          reviewPolicy: z.enum(["after_submit", "after_due", "never"]),
        }),
      ),
    },
    responses: {
      200: htmlAnswer("A form that posts the JWT to the platform's deep_link_return_url"),
      400: refusal,
      401: refusal,
      403: refusal,
      404: refusal,
      415: refusal,
      503: refusal,
    },
  }),
];
