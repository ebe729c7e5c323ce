// Qadam as an LTI 1.3 tool, driven by a test LMS: registration, login → launch, deep linking, grades back, roster,
// and every way a launch is refused.
import { createExecutionContext, createScheduledController, env } from "cloudflare:test";
import { createLocalJWKSet, generateKeyPair, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, SnapshotQuestion } from "../../worker/domain/serve.ts";
import worker from "../../worker/index.ts";
import { answerFromKey } from "../shared/answers.ts";
import { api, call, expectProblem, json, ORIGIN, sessionCookie, signUp, type TestUser } from "./helpers.ts";
import { browser, fieldOf, form, interceptOutbound, LMS, launch, login, loginAndLaunch, TestPlatform } from "./ltiPlatform.ts";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

/** The body of a typed client's 2xx answer (an error answer fails the test with its text). */
async function ok<R extends { status: number; ok: boolean; json(): Promise<unknown>; text(): Promise<string> }>(res: R) {
  if (!res.ok) throw new Error(`expected a 2xx, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as Awaited<ReturnType<Extract<R, { status: 200 | 201 }>["json"]>>;
}
const INSTRUCTOR_ROLE = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"];

const platform = new TestPlatform("moodle");
const other = new TestPlatform("canvas");
const dynamic = new TestPlatform("dynamic");
const dynamicNoDeployment = new TestPlatform("dynamic-later");
const impostor = new TestPlatform("impostor");
let owner: TestUser;
let spy: ReturnType<typeof interceptOutbound>;

beforeAll(async () => {
  await platform.init();
  await other.init();
  await dynamic.init();
  await dynamicNoDeployment.init();
  dynamicNoDeployment.answersDeployment = false;
  impostor.configIssuer = "https://school.example";
  spy = interceptOutbound([platform, other, dynamic, dynamicNoDeployment, impostor]);
  owner = await signUp("instructor", "Platform owner");
  for (const p of [platform, other]) {
    const res = await api(owner).lti.platforms.$post({ json: p.registration() });
    expect(res.status).toBe(201);
  }
});
afterAll(() => spy.mockRestore());

const runCron = () =>
  worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" }), env, createExecutionContext());

/** Follows a landing page's one-time link: the first-party session cookie and where it leads. */
async function handoff(page: string) {
  const href = /href="([^"]*\/api\/lti\/handoff\?token=[^"]*)"/.exec(page)?.[1];
  if (!href) throw new Error("no handoff link in the landing page");
  const url = new URL(href.replaceAll("&amp;", "&"));
  const res = await browser(url.pathname + url.search);
  return { res, cookie: res.status === 303 ? sessionCookie(res) : "" };
}

/** Waits for `check` to hold: what the Worker does after its response (waitUntil) lands a little later. */
async function until(check: () => Promise<boolean> | boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function rowCount(sqlText: string, ...params: unknown[]) {
  return (
    (
      await env.DB.prepare(sqlText)
        .bind(...params)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}

describe("GET /api/lti/jwks", () => {
  it("publishes the public half of every key, and never a private member", async () => {
    const res = await call("/api/lti/jwks");
    expect(res.status).toBe(200);
    const { keys } = await json<{ keys: Record<string, unknown>[] }>(res);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", kid: "test-key", alg: "RS256", use: "sig" });
    for (const member of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(member);
  });
});

describe("GET /api/lti/canvas.json", () => {
  it("gives Canvas the login, launch and key URLs, the AGS and NRPS scopes and the deep linking placements", async () => {
    const config = await json<Record<string, unknown>>(await call("/api/lti/canvas.json"));
    expect(config).toMatchObject({
      oidc_initiation_url: `${ORIGIN}/api/lti/login`,
      target_link_uri: `${ORIGIN}/api/lti/launch`,
      public_jwk_url: `${ORIGIN}/api/lti/jwks`,
    });
    expect(config.scopes).toContain("https://purl.imsglobal.org/spec/lti-ags/scope/score");
    expect(config.scopes).toContain("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");
    const [ext] = config.extensions as { settings: { placements: { placement: string; message_type: string }[] } }[];
    expect(ext?.settings.placements.map((p) => `${p.placement}:${p.message_type}`)).toEqual([
      "assignment_selection:LtiDeepLinkingRequest",
      "link_selection:LtiDeepLinkingRequest",
    ]);
  });
});

describe("POST /api/lti/platforms", () => {
  it("registers a platform and answers the values to paste into the LMS", async () => {
    const p = new TestPlatform("sakai");
    const teacher = await signUp("instructor");
    const body = await ok(await api(teacher).lti.platforms.$post({ json: p.registration() }));
    expect(body.platform).toMatchObject({ issuer: p.issuer, clientId: p.clientId, deploymentIds: ["dep-1"] });
    expect(body.tool).toEqual({
      toolUrl: `${ORIGIN}/api/lti/launch`,
      initiateLoginUrl: `${ORIGIN}/api/lti/login`,
      redirectUrls: [`${ORIGIN}/api/lti/launch`],
      jwksUrl: `${ORIGIN}/api/lti/jwks`,
      deepLinkingUrl: `${ORIGIN}/api/lti/launch`,
    });
    const list = await ok(await api(teacher).lti.platforms.$get());
    expect(list.platforms.map((x) => x.issuer)).toEqual([p.issuer]);
    await expectProblem(await api(teacher).lti.platforms.$post({ json: p.registration() }), 409);
  });

  it("names each bad field, and refuses students", async () => {
    const teacher = await signUp("instructor");
    const bad = { ...platform.registration(), issuer: "lms.test", jwksUrl: "javascript:alert(1)", deploymentIds: [] };
    const problem = await expectProblem(await api(teacher).lti.platforms.$post({ json: bad }), 400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["deploymentIds", "issuer", "jwksUrl"]);
    await expectProblem(await api(await signUp("student")).lti.platforms.$post({ json: platform.registration() }), 403);
  });
});

describe("GET|POST /api/lti/login", () => {
  it("redirects to the platform's auth URL with a state and nonce", async () => {
    const { location, state, nonce } = await login(platform, { lti_message_hint: "msg-7" });
    expect(location.origin + location.pathname).toBe(platform.urls.authUrl);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: platform.clientId,
      redirect_uri: `${ORIGIN}/api/lti/launch`,
      login_hint: "hint",
      lti_message_hint: "msg-7",
    });
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses an unknown issuer, a foreign target and missing parameters with a page that says why", async () => {
    const unknown = await browser(
      `/api/lti/login?${form({ iss: "https://elsewhere.test", login_hint: "x", target_link_uri: `${ORIGIN}/api/lti/launch` })}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("text/html");
    expect(await unknown.text()).toContain("No LMS with issuer https://elsewhere.test");
    const foreign = await browser(
      `/api/lti/login?${form({ iss: platform.issuer, login_hint: "x", target_link_uri: "https://evil.test/" })}`,
    );
    expect(foreign.status).toBe(400);
    const missing = await call("/api/lti/login", { headers: { accept: "application/json" } });
    const problem = await expectProblem(missing, 400);
    expect(problem.detail).toContain("iss, login_hint, target_link_uri");
  });
});

describe("POST /api/lti/launch (resource link)", () => {
  it("signs a learner in, makes the course a class they belong to, and frames only for the LMS", async () => {
    const { res } = await loginAndLaunch(platform, { sub: "learner-frame" });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Signed in to Qadam as <strong>Aigerim Nurlanova</strong>");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^qadam_lti=/);
    expect(cookie).toContain("SameSite=None");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Partitioned");
    expect(cookie).toContain("Path=/api/lti");
    expect(res.headers.get("content-security-policy")).toContain(`frame-ancestors ${LMS}`);
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect(res.headers.get("x-qadam-frameable")).toBeNull();
    // The rest of the API keeps its strict frame policy.
    const health = await call("/api/health");
    expect(health.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(health.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");

    const { res: opened, cookie: session } = await handoff(page);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe("/dashboard");
    expect(opened.headers.get("set-cookie")).toContain("SameSite=Lax");
    const me = await ok(await api(session).me.$get());
    expect(me.user).toMatchObject({ name: "Aigerim Nurlanova", role: "student" });
    const classes = await ok(await api(session).classes.$get());
    expect(classes.classes.map((k) => k.name)).toEqual(["IT cooperation 101"]);
    // The link works once.
    expect((await handoff(page)).res.status).toBe(401);
  });

  it("finds the same user and the same class on a second launch", async () => {
    const count = () => rowCount("SELECT count(*) AS n FROM lti_contexts WHERE context_id = 'course-2'");
    const users = () => rowCount("SELECT count(*) AS n FROM lti_users WHERE sub = 'learner-twice'");
    const context = { [`${LTI}context`]: { id: "course-2", title: "Course two" } };
    const first = await loginAndLaunch(platform, { sub: "learner-twice", ...context });
    const second = await loginAndLaunch(platform, { sub: "learner-twice", ...context });
    expect([first.res.status, second.res.status]).toEqual([200, 200]);
    expect(await count()).toBe(1);
    expect(await users()).toBe(1);
    expect(await rowCount("SELECT count(*) AS n FROM classes WHERE name = 'Course two'")).toBe(1);
  });

  it("gives an instructor the course's class and sends them to it", async () => {
    const { res } = await loginAndLaunch(platform, {
      sub: "teacher-1",
      name: "Daniyar Teacher",
      [`${LTI}roles`]: INSTRUCTOR_ROLE,
      [`${LTI}context`]: { id: "course-3", title: "Course three" },
    });
    const { res: opened, cookie } = await handoff(await res.text());
    const me = await ok(await api(cookie).me.$get());
    expect(me.user.role).toBe("instructor");
    const classes = await ok(await api(cookie).classes.$get());
    const k = classes.classes.find((x) => x.name === "Course three");
    expect(opened.headers.get("location")).toBe(`/classes/${k?.id}`);
  });
});

describe("POST /api/lti/launch refusals", () => {
  const refusedWith = async (res: Response, status: number, text: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain(text);
  };

  it("a bad signature", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const { res } = await loginAndLaunch(platform, {}, { key: privateKey });
    await refusedWith(res, 401, "signature does not verify");
  });

  it("a token for another tool (wrong aud)", async () => {
    const { res } = await loginAndLaunch(platform, { aud: "someone-else" });
    await refusedWith(res, 401, "aud is not Qadam");
  });

  it("several audiences without azp, and an azp that is not Qadam", async () => {
    await refusedWith((await loginAndLaunch(platform, { aud: [platform.clientId, "x"] })).res, 401, "no azp");
    await refusedWith((await loginAndLaunch(platform, { aud: [platform.clientId, "x"], azp: "x" })).res, 401, "azp is not Qadam");
  });

  it("a replayed launch (state and nonce used once)", async () => {
    const { res, state, id_token } = await loginAndLaunch(platform, { sub: "learner-replay" });
    expect(res.status).toBe(200);
    await refusedWith(await launch({ id_token, state }), 401, "already used or expired");
  });

  it("a nonce that is not the login's", async () => {
    const { state } = await login(platform);
    const id_token = await platform.idToken({ nonce: "not-the-one" });
    await refusedWith(await launch({ id_token, state }), 401, "nonce is not the one");
  });

  it("an expired token, and one issued in the future", async () => {
    await refusedWith((await loginAndLaunch(platform, {}, { now: Date.now() - 2 * 60 * 60_000 })).res, 401, "expired");
    const soon = Math.floor(Date.now() / 1000) + 600;
    await refusedWith((await loginAndLaunch(platform, { iat: soon, exp: soon + 300 })).res, 401, "iat");
  });

  it("an unknown deployment", async () => {
    await refusedWith((await loginAndLaunch(platform, { [`${LTI}deployment_id`]: "dep-9" })).res, 403, "Deployment dep-9");
  });

  it("a message type or version Qadam does not take", async () => {
    await refusedWith(
      (await loginAndLaunch(platform, { [`${LTI}message_type`]: "LtiSubmissionReviewRequest" })).res,
      401,
      "LtiSubmissionReviewRequest",
    );
    await refusedWith((await loginAndLaunch(platform, { [`${LTI}version`]: "1.1" })).res, 401, "version must be 1.3.0");
  });

  it("a token without a kid, or with a kid the platform does not publish", async () => {
    await refusedWith((await loginAndLaunch(platform, {}, { kid: null })).res, 401, "has no kid");
    await refusedWith((await loginAndLaunch(platform, {}, { kid: "lms-key-404" })).res, 401, "no key with kid");
  });

  it("a token naming another issuer than the platform the login started with", async () => {
    const { state, nonce } = await login(platform);
    await refusedWith(
      await launch({ id_token: await platform.idToken({ nonce, iss: other.issuer }), state }),
      401,
      "iss is not this platform",
    );
    // Another registered platform's key does not sign for this one, even under the same kid.
    const second = await login(platform);
    await refusedWith(
      await launch({
        id_token: await other.idToken({ nonce: second.nonce, iss: platform.issuer, aud: platform.clientId }),
        state: second.state,
      }),
      401,
      "signature",
    );
  });

  it("garbage, a missing state, and a student asking for deep linking", async () => {
    const { state } = await login(platform);
    await refusedWith(await launch({ id_token: "not.a.jwt", state }), 401, "not a well-formed JWT");
    await refusedWith(await launch({ id_token: "x", state: "" }), 400, "no id_token or no state");
    const json = await browser("/api/lti/launch", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", origin: LMS },
    });
    await refusedWith(json, 415, "HTML form posts");
    const dl = await loginAndLaunch(platform, {
      [`${LTI}message_type`]: "LtiDeepLinkingRequest",
      "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": { deep_link_return_url: `${platform.issuer}/dl` },
    });
    await refusedWith(dl.res, 403, "Only an instructor");
  });

  it("answers problem+json to a client that asks for JSON", async () => {
    const { state, nonce } = await login(platform);
    const id_token = await platform.idToken({ nonce, aud: "someone-else" });
    const problem = await expectProblem(await launch({ id_token, state }, "application/json"), 401);
    expect(problem.reason).toBe("lti_refused");
    expect(problem.detail).toContain("aud");
  });
});

/** The correct answer to every question of an attempt, from the snapshot in D1 (tests only). */
async function answerAllCorrectly(cookie: string, attemptId: string) {
  const row = await env.DB.prepare("SELECT snapshot FROM attempts WHERE id = ?").bind(attemptId).first<{ snapshot: string }>();
  for (const q of JSON.parse(row?.snapshot ?? "[]") as SnapshotQuestion[]) {
    const answer: Answer = answerFromKey(q.key);
    const res = await api(cookie).attempts[":id"].answers[":questionId"].$put({
      param: { id: attemptId, questionId: q.served.id },
      json: { answer },
    });
    expect(res.status).toBe(200);
  }
}

async function takeQuiz(cookie: string, assignmentId: string, correct: boolean) {
  const started = await api(cookie).attempts.$post({ json: { assignmentId } });
  expect(started.status).toBe(201);
  const attempt = (await started.json()) as { id: string };
  if (correct) await answerAllCorrectly(cookie, attempt.id);
  expect((await api(cookie).attempts[":id"].submit.$post({ param: { id: attempt.id } })).status).toBe(200);
}

describe("deep linking → launch → submit → grade in the LMS", () => {
  const dlSettings = (returnUrl: string) => ({
    [`${LTI}message_type`]: "LtiDeepLinkingRequest",
    [`${LTI}roles`]: INSTRUCTOR_ROLE,
    [`${LTI}resource_link`]: undefined,
    [`${LTI}context`]: { id: "course-dl", title: "Deep linked course" },
    sub: "teacher-dl",
    "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": { deep_link_return_url: returnUrl, data: "opaque-42" },
  });
  let assignmentId = "";

  it("the instructor picks a module and rules; Qadam answers a signed LtiDeepLinkingResponse with a line item", async () => {
    const returnUrl = `${platform.issuer}/deep-link-return`;
    const { res } = await loginAndLaunch(platform, dlSettings(returnUrl));
    expect(res.status).toBe(200);
    const picker = await res.text();
    expect(picker).toContain("Add a Qadam activity");
    const token = fieldOf(picker, "token");
    const pick = (fields: Record<string, string>) => browser("/api/lti/deep-link", { method: "POST", body: form({ token, ...fields }) });
    const rules = {
      module: "achievements-2019",
      mode: "assessment",
      maxAttempts: "2",
      timeLimitMinutes: "",
      gradingMethod: "best",
      reviewPolicy: "after_submit",
    };

    // A mistake in the form shows the picker again with the reason, and the token still works.
    const wrong = await pick({ ...rules, module: "no-such-module" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("module must be the slug of a module");

    const done = await pick(rules);
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain(`action="${returnUrl}"`);
    expect(done.headers.get("content-security-policy")).toContain(`form-action ${LMS}`);
    const jwt = fieldOf(page, "JWT");
    const keys = createLocalJWKSet((await json(await call("/api/lti/jwks"))) as never);
    const { payload, protectedHeader } = await jwtVerify(jwt, keys, { issuer: platform.clientId, audience: platform.issuer });
    expect(protectedHeader.kid).toBe("test-key");
    expect(payload[`${LTI}message_type`]).toBe("LtiDeepLinkingResponse");
    expect(payload[`${LTI}deployment_id`]).toBe("dep-1");
    expect(payload["https://purl.imsglobal.org/spec/lti-dl/claim/data"]).toBe("opaque-42");
    const [item] = payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as Record<string, unknown>[];
    assignmentId = ((item as Record<string, unknown>).custom as { qadam_assignment: string }).qadam_assignment;
    expect(item).toMatchObject({
      type: "ltiResourceLink",
      url: `${ORIGIN}/api/lti/launch`,
      lineItem: { scoreMaximum: 100, resourceId: assignmentId },
    });
    const row = await env.DB.prepare("SELECT mode, max_attempts, grading_method FROM assignments WHERE id = ?").bind(assignmentId).first();
    expect(row).toEqual({ mode: "assessment", max_attempts: 2, grading_method: "best" });
    // The picker's token is single use.
    expect((await pick(rules)).status).toBe(401);
  });

  it("a learner's launch opens the assignment; the grade under the method reaches the line item from the cron", async () => {
    const lineItem = platform.urls.lineItem("1");
    const { res } = await loginAndLaunch(platform, {
      sub: "learner-graded",
      [`${LTI}context`]: { id: "course-dl", title: "Deep linked course" },
      [`${LTI}custom`]: { qadam_assignment: assignmentId },
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        lineitem: lineItem,
      },
    });
    const { res: opened, cookie } = await handoff(await res.text());
    expect(opened.headers.get("location")).toBe(`/quiz/assignment/${assignmentId}`);

    platform.scores = [];
    await takeQuiz(cookie, assignmentId, true);
    // Sent right after the submit's response, without waiting for the cron.
    await until(() => platform.scores.length === 1, "the grade post");
    const [sent] = platform.scores;
    expect(sent?.url).toBe(`${platform.issuer}/lineitems/1/lineitem/scores?type_id=7`);
    expect(sent?.auth).toMatch(/^Bearer token-/);
    expect(sent?.body).toMatchObject({
      userId: "learner-graded",
      scoreGiven: 100,
      scoreMaximum: 100,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    });
    expect(platform.tokenRequests.at(-1)?.get("scope")).toBe("https://purl.imsglobal.org/spec/lti-ags/scope/score");

    await until(
      async () => (await rowCount("SELECT count(*) AS n FROM lti_grade_posts WHERE status = 'sent'")) === 1,
      "the post marked sent",
    );

    // A worse second attempt: the best counts, so 100 is sent again, with the cached token.
    const tokens = platform.tokenRequests.length;
    await takeQuiz(cookie, assignmentId, false);
    await until(() => platform.scores.length === 2, "the second grade post");
    expect(platform.scores.map((s) => s.body.scoreGiven)).toEqual([100, 100]);
    expect(platform.tokenRequests.length).toBe(tokens);
    // Nothing is left for the cron to send again.
    await until(
      async () => (await rowCount("SELECT count(*) AS n FROM lti_grade_posts WHERE status = 'pending'")) === 0,
      "the queue to empty",
    );
    await runCron();
    expect(platform.scores).toHaveLength(2);
  });

  it("a post the LMS refuses is retried with backoff, then shown to the instructor as failed", async () => {
    const { res } = await loginAndLaunch(platform, {
      sub: "learner-unlucky",
      name: "Unlucky Learner",
      [`${LTI}context`]: { id: "course-dl", title: "Deep linked course" },
      [`${LTI}custom`]: { qadam_assignment: assignmentId },
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": { lineitem: platform.urls.lineItem("1") },
    });
    const { cookie } = await handoff(await res.text());
    platform.scoresStatus = 500;
    try {
      await takeQuiz(cookie, assignmentId, true);
      const tries = () =>
        rowCount(
          "SELECT attempts AS n FROM lti_grade_posts gp JOIN lti_users lu ON lu.user_id = gp.user_id WHERE lu.sub = 'learner-unlucky'",
        );
      await until(async () => (await tries()) === 1, "the first failed send");
      // Not due again for a minute: the cron leaves it alone.
      await runCron();
      const post = await env.DB.prepare(
        "SELECT status, attempts, last_error, next_attempt_at FROM lti_grade_posts gp JOIN lti_users lu ON lu.user_id = gp.user_id WHERE lu.sub = 'learner-unlucky'",
      ).first<{
        status: string;
        attempts: number;
        last_error: string;
        next_attempt_at: number;
      }>();
      expect(post).toMatchObject({ status: "pending", attempts: 1 });
      expect(post?.last_error).toContain("500");
      expect(post?.next_attempt_at).toBeGreaterThan(Date.now() + 50_000);

      const teacherRes = await loginAndLaunch(platform, {
        sub: "teacher-dl",
        [`${LTI}roles`]: INSTRUCTOR_ROLE,
        [`${LTI}context`]: { id: "course-dl", title: "Deep linked course" },
      });
      const { cookie: teacher } = await handoff(await teacherRes.res.text());
      const classId = (
        await env.DB.prepare("SELECT class_id AS id FROM assignments a JOIN classes c ON c.id = a.class_id WHERE a.id = ?")
          .bind(assignmentId)
          .first<{ id: string }>()
      )?.id as string;
      const listed = await ok(await api(teacher).lti.classes[":id"]["grade-posts"].$get({ param: { id: classId } }));
      expect(listed.posts).toEqual([expect.objectContaining({ studentName: "Unlucky Learner", status: "pending", attempts: 1 })]);

      // Seven more failures and it stops trying.
      await env.DB.prepare("UPDATE lti_grade_posts SET attempts = 7, next_attempt_at = 0 WHERE status = 'pending'").run();
      await runCron();
      const failed = await ok(await api(teacher).lti.classes[":id"]["grade-posts"].$get({ param: { id: classId } }));
      expect(failed.posts[0]).toMatchObject({ status: "failed", attempts: 8, nextAttemptAt: null });
      // Another instructor sees nothing of this class.
      await expectProblem(await api(owner).lti.classes[":id"]["grade-posts"].$get({ param: { id: classId } }), 404);

      platform.scoresStatus = 200;
      const retried = await ok(await api(teacher).lti.classes[":id"]["grade-posts"].retry.$post({ param: { id: classId } }));
      expect(retried.requeued).toBe(1);
      await runCron();
      expect((await ok(await api(teacher).lti.classes[":id"]["grade-posts"].$get({ param: { id: classId } }))).posts).toEqual([]);
    } finally {
      platform.scoresStatus = 200;
    }
  });
});

describe("POST /api/lti/classes/{id}/roster (NRPS)", () => {
  it("adds the LMS course's active learners to the class, once", async () => {
    const { res } = await loginAndLaunch(other, {
      sub: "canvas-teacher",
      [`${LTI}roles`]: INSTRUCTOR_ROLE,
      [`${LTI}context`]: { id: "canvas-course", title: "Canvas course" },
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
        context_memberships_url: other.urls.memberships,
        service_versions: ["2.0"],
      },
    });
    const { cookie } = await handoff(await res.text());
    const classes = await ok(await api(cookie).classes.$get());
    const classId = classes.classes.find((k) => k.name === "Canvas course")?.id as string;
    other.members = [
      { user_id: "c-1", name: "First Learner", roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"], status: "Active" },
      {
        user_id: "c-2",
        given_name: "Second",
        family_name: "Learner",
        roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
      },
      { user_id: "c-3", name: "Gone Learner", roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"], status: "Inactive" },
      { user_id: "canvas-teacher", name: "Teacher", roles: INSTRUCTOR_ROLE, status: "Active" },
    ];
    const sync = () => api(cookie).lti.classes[":id"].roster.$post({ param: { id: classId } });
    expect(await ok(await sync())).toEqual({ added: 2, alreadyMembers: 0, skipped: 2 });
    expect(await ok(await sync())).toEqual({ added: 0, alreadyMembers: 2, skipped: 2 });
    const k = await ok(await api(cookie).classes[":id"].$get({ param: { id: classId } }));
    expect((k.members ?? []).map((m) => m.name).sort()).toEqual(["First Learner", "Second Learner"]);
    // The same person launching later is the account the roster created.
    const later = await loginAndLaunch(other, { sub: "c-1", [`${LTI}context`]: { id: "canvas-course", title: "Canvas course" } });
    expect(later.res.status).toBe(200);
    expect(await rowCount("SELECT count(*) AS n FROM lti_users WHERE sub = 'c-1'")).toBe(1);
  });

  it("answers 409 for a class that is not an LMS course", async () => {
    const teacher = await signUp("instructor");
    const k = await ok(await api(teacher).classes.$post({ json: { name: "Plain class" } }));
    const problem = await expectProblem(await api(teacher).lti.classes[":id"].roster.$post({ param: { id: k.class.id } }), 409);
    expect(problem.reason).toBe("no_roster");
  });
});

describe("LTI Dynamic Registration (GET /api/lti/register)", () => {
  const configuration = (p: TestPlatform) => `${p.issuer}/.well-known/openid-configuration`;
  async function registrationLink(teacher: TestUser) {
    const link = await ok(await api(teacher).lti["registration-links"].$post());
    const url = new URL(link.url);
    expect(url.pathname).toBe("/api/lti/register");
    return url;
  }
  const open = (url: URL, p: TestPlatform, token = "reg-token", config = configuration(p)) =>
    browser(`${url.pathname}${url.search}&${form({ openid_configuration: config, registration_token: token })}`);

  it("registers Qadam with the LMS from its OpenID configuration; the platform is the instructor's and launches work", async () => {
    const teacher = await signUp("instructor");
    const url = await registrationLink(teacher);

    // A wrong registration token fails without spending the link.
    const refused = await open(url, dynamic, "wrong");
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Registration failed");

    const res = await open(url, dynamic);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Qadam is registered");
    expect(page).toContain("org.imsglobal.lti.close");
    expect(res.headers.get("content-security-policy")).toContain(`frame-ancestors ${LMS}`);
    expect(dynamic.registrations.at(-1)).toMatchObject({
      initiate_login_uri: `${ORIGIN}/api/lti/login`,
      redirect_uris: [`${ORIGIN}/api/lti/launch`],
      jwks_uri: `${ORIGIN}/api/lti/jwks`,
      token_endpoint_auth_method: "private_key_jwt",
      "https://purl.imsglobal.org/spec/lti-tool-configuration": { target_link_uri: `${ORIGIN}/api/lti/launch` },
    });
    expect(String(dynamic.registrations.at(-1)?.scope)).toContain("https://purl.imsglobal.org/spec/lti-ags/scope/score");

    const list = await ok(await api(teacher).lti.platforms.$get());
    expect(list.platforms).toEqual([
      expect.objectContaining({
        issuer: dynamic.issuer,
        clientId: dynamic.clientId,
        authUrl: dynamic.urls.authUrl,
        deploymentIds: ["dep-1"],
      }),
    ]);
    expect((await loginAndLaunch(dynamic, { sub: "dyn-learner" })).res.status).toBe(200);
    // The link is spent.
    expect((await open(url, dynamic)).status).toBe(401);
  });

  it("refuses a configuration that is not under the issuer it names", async () => {
    const url = await registrationLink(await signUp("instructor"));
    const res = await open(
      url,
      dynamic,
      "reg-token",
      `${LMS}/elsewhere/.well-known/openid-configuration?x=${encodeURIComponent(configuration(dynamic))}`,
    );
    expect(res.status).toBe(409);
  });

  it("without a deployment id in the answer, the first signed launch names the deployment and others are refused", async () => {
    const url = await registrationLink(await signUp("instructor"));
    expect((await open(url, dynamicNoDeployment)).status).toBe(200);
    expect((await loginAndLaunch(dynamicNoDeployment, { sub: "first", [`${LTI}deployment_id`]: "dep-7" })).res.status).toBe(200);
    expect((await loginAndLaunch(dynamicNoDeployment, { sub: "second", [`${LTI}deployment_id`]: "dep-7" })).res.status).toBe(200);
    expect((await loginAndLaunch(dynamicNoDeployment, { sub: "third", [`${LTI}deployment_id`]: "dep-8" })).res.status).toBe(403);
  });
});
