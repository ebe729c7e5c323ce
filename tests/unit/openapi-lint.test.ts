// The API document as an outside integrator meets it: Redocly CLI's recommended rules pass on it, and openapi-typescript
// turns it into types whose operation names a client can call by, one typed call per route (type-checked by tsc).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const bin = (name: string) => join(root, "node_modules/.bin", name);
// No network: no telemetry, no update check.
const quiet = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

interface WorkerApp {
  request(path: string, init?: RequestInit, env?: unknown): Response | Promise<Response>;
}
// A computed specifier, so this Node project does not type-check the Worker's sources (see openapi-document.test.ts).
const appModule = "../../worker/app.ts";

async function servedDocument(): Promise<Record<string, unknown>> {
  const { app } = (await import(/* @vite-ignore */ appModule)) as { app: WorkerApp };
  const res = await app.request("/api/openapi.json", {}, { DB: { withSession: () => ({ getBookmark: () => null }) } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** These answer no client error at all (no input, no session, no write), so a 4xx would be a lie. */
const NO_CLIENT_ERROR = [
  "#/paths/~1health/get/responses",
  "#/paths/~1docs/get/responses",
  "#/paths/~1openapi.json/get/responses",
  "#/paths/~1lti~1jwks/get/responses",
  "#/paths/~1lti~1tool/get/responses",
  "#/paths/~1lti~1canvas.json/get/responses",
];
/** The LTI browser steps whose success is a redirect (to the LMS's sign-in, or into Qadam). */
const REDIRECT_ONLY = ["#/paths/~1lti~1login/get/responses", "#/paths/~1lti~1login/post/responses", "#/paths/~1lti~1handoff/get/responses"];

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer: string }[];
}

async function lint(document: unknown, dir: string): Promise<LintProblem[]> {
  const file = join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(document));
  const { stdout } = await run(bin("redocly"), ["lint", file, "--config", join(root, "redocly.yaml"), "--format", "json"], {
    env: quiet,
    cwd: dir,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  return (JSON.parse(stdout) as { problems: LintProblem[] }).problems;
}

const unexpected = (problems: LintProblem[]) =>
  problems
    .filter((p) => !(p.ruleId === "operation-4xx-response" && NO_CLIENT_ERROR.includes(p.location[0]?.pointer ?? "")))
    .filter((p) => !(p.ruleId === "operation-2xx-response" && REDIRECT_ONLY.includes(p.location[0]?.pointer ?? "")))
    .map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);

/**
 * One typed call per route, written by hand with the generated names: if an operation loses its operationId (or a
 * route its name), `operations[...]` no longer has it and tsc fails. `Same` ties each name to its path and method.
 */
const CALLS = `
import type { operations, paths } from "./api";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Params<O> = O extends { parameters: infer P } ? P : never;
type Body<O> = O extends { requestBody: { content: { "application/json": infer B } } } ? B : undefined;
type Ok<O> = O extends { responses: infer R }
  ? { [S in keyof R & (200 | 201)]: R[S] extends { content: infer C } ? C[keyof C] : never }[keyof R & (200 | 201)]
  : never;

/** A typed client call: the path's operation decides the parameters, the body and what comes back. */
declare function call<Id extends keyof operations>(
  id: Id,
  input: { params?: Partial<Params<operations[Id]>>; body?: Body<operations[Id]> },
): Promise<Ok<operations[Id]>>;
/** The operation at a path and method is the one of that name. */
declare function named<P extends keyof paths, M extends Method & keyof paths[P], Id extends keyof operations>(
  path: P, method: M, id: Id, same: Same<NonNullable<paths[P][M]>, operations[Id]>): void;

export async function everyRoute() {
  named("/health", "get", "getHealth", true);
  (await call("getHealth", {})).version satisfies string;
  named("/openapi.json", "get", "getOpenApiDocument", true);
  (await call("getOpenApiDocument", {})).openapi satisfies string;
  named("/docs", "get", "getApiReference", true);
  named("/auth/signup", "post", "signUp", true);
  (await call("signUp", { body: { email: "a@b.kz", password: "correct horse battery", name: "A", role: "student" } })).user.id satisfies string;
  named("/auth/login", "post", "signIn", true);
  (await call("signIn", { body: { email: "a@b.kz", password: "correct horse battery" } })).user.role satisfies "student" | "instructor";
  named("/auth/logout", "post", "signOut", true);
  await call("signOut", {});
  named("/auth/logout-all", "post", "signOutEverywhere", true);
  await call("signOutEverywhere", {});
  named("/me", "get", "getCurrentUser", true);
  (await call("getCurrentUser", {})).user.email satisfies string;
  named("/me", "patch", "renameMe", true);
  (await call("renameMe", { body: { name: "Асель" } })).user.name satisfies string;
  named("/me/email", "put", "changeMyEmail", true);
  (await call("changeMyEmail", { body: { email: "a@b.kz", currentPassword: "correct horse battery" } })).user.email satisfies string;
  named("/me/password", "put", "changeMyPassword", true);
  (await call("changeMyPassword", { body: { currentPassword: "correct horse battery", newPassword: "purple elephant orbit" } })).user.id satisfies string;
  named("/me/deletion", "get", "previewMyDeletion", true);
  (await call("previewMyDeletion", {})).allowed satisfies boolean;
  named("/me/delete", "post", "deleteMe", true);
  await call("deleteMe", { body: { currentPassword: "correct horse battery" } });
  named("/me/export", "get", "exportMyData", true);
  (await call("exportMyData", {})).attempts[0]?.answers satisfies unknown[] | undefined;
  named("/auth/reset-password", "post", "resetPassword", true);
  (await call("resetPassword", { body: { email: "a@b.kz", code: "K7QM4-XPA2B", newPassword: "purple elephant orbit" } })).user.id satisfies string;
  named("/classes/{id}/members/{userId}/reset-code", "post", "issueResetCode", true);
  (await call("issueResetCode", { params: { path: { id: "c", userId: "u" } } })).code satisfies string;
  named("/classes/{id}/departed", "get", "listDepartedStudents", true);
  (await call("listDepartedStudents", { params: { path: { id: "c" } } })).students[0]?.attemptCount satisfies number | undefined;
  named("/classes/{id}/departed/{userId}", "delete", "acknowledgeDeparture", true);
  (await call("acknowledgeDeparture", { params: { path: { id: "c", userId: "u" } } })).removedAttempts satisfies number;
  named("/modules", "get", "listModules", true);
  (await call("listModules", { params: { query: { lang: "en" } } })).modules[0]?.slug satisfies string | undefined;
  named("/modules/{slug}", "get", "getLesson", true);
  (await call("getLesson", { params: { path: { slug: "risks" } } })).blocks satisfies unknown[];
  named("/attempts", "post", "startAttempt", true);
  (await call("startAttempt", { body: { module: "risks" } })).questions[0]?.type satisfies string | undefined;
  named("/attempts", "get", "listAttempts", true);
  (await call("listAttempts", {})).attempts[0]?.result?.percent satisfies number | undefined;
  (await call("listAttempts", {})).attempts[0]?.result?.closeReason satisfies "submitted" | "time_up" | "removed" | null | undefined;
  named("/attempts/{id}", "get", "getAttempt", true);
  (await call("getAttempt", { params: { path: { id: "x" } } })).serverNow satisfies string;
  named("/attempts/{id}/answers/{questionId}", "put", "saveAnswer", true);
  (await call("saveAnswer", { params: { path: { id: "x", questionId: "q" } }, body: { answer: ["a", "b"], revision: 2 } })).revision satisfies number;
  named("/attempts/{id}/submit", "post", "submitAttempt", true);
  (await call("submitAttempt", { params: { path: { id: "x" } } })).attempt.status satisfies "open" | "submitted";
  named("/attempts/{id}/review", "get", "getAttemptReview", true);
  // The document types the AttemptReview component as nullable (SubmitResponse's nullable use of it leaks in).
  (await call("getAttemptReview", { params: { path: { id: "x" } } }))?.items.length satisfies number | undefined;
  named("/review/due", "get", "listDueCards", true);
  (await call("listDueCards", { params: { query: { limit: 5 } } })).cards[0]?.seed satisfies number | undefined;
  named("/review/{questionId}", "post", "gradeCard", true);
  (await call("gradeCard", { params: { path: { questionId: "q" } }, body: { answer: true, seed: 7 } })).nextDue satisfies string;
  named("/progress", "get", "getMyProgress", true);
  (await call("getMyProgress", {})).lastRead?.anchor satisfies string | null | undefined;
  named("/progress/lessons/{slug}", "put", "saveReadingPosition", true);
  await call("saveReadingPosition", { params: { path: { slug: "risks" } }, body: { anchor: "p-x", finished: true } });
  named("/classes", "post", "createClass", true);
  (await call("createClass", { body: { name: "10 A" } })).class.joinCode satisfies string | null;
  named("/classes", "get", "listClasses", true);
  (await call("listClasses", {})).classes satisfies unknown[];
  named("/classes/join", "post", "joinClass", true);
  (await call("joinClass", { body: { code: "ABC234" } })).class.name satisfies string;
  named("/classes/{id}", "get", "getClass", true);
  (await call("getClass", { params: { path: { id: "c" } } })).members satisfies unknown[] | null;
  named("/classes/{id}/join-code", "post", "rotateJoinCode", true);
  (await call("rotateJoinCode", { params: { path: { id: "c" } } })).joinCode satisfies string;
  named("/classes/{id}/members/{userId}", "delete", "removeClassMember", true);
  await call("removeClassMember", { params: { path: { id: "c", userId: "u" } } });
  // The document lists fields with a server default (gradingMethod, reviewPolicy) as required, so a client sends them.
  named("/classes/{id}/assignments", "post", "createAssignment", true);
  (await call("createAssignment", { params: { path: { id: "c" } }, body: { module: "risks", mode: "assessment", timeZone: "Asia/Almaty", gradingMethod: "best", reviewPolicy: "after_submit" } })).assignment.id satisfies string;
  named("/classes/{id}/assignments", "get", "listClassAssignments", true);
  (await call("listClassAssignments", { params: { path: { id: "c" } } })).assignments satisfies unknown[];
  named("/classes/{id}/assignments/{assignmentId}", "patch", "updateAssignment", true);
  (await call("updateAssignment", { params: { path: { id: "c", assignmentId: "a" } }, body: { maxAttempts: 2, gradingMethod: "best", reviewPolicy: "after_submit" } })).assignment.maxAttempts satisfies number | null;
  named("/assignments", "get", "listMyAssignments", true);
  (await call("listMyAssignments", {})).assignments[0]?.progress.gradeShare satisfies number | null | undefined;
  named("/assignments/{id}", "get", "getMyAssignment", true);
  (await call("getMyAssignment", { params: { path: { id: "a" } } })).effective.timeLimitMinutes satisfies number | null;
  named("/classes/{id}/gradebook", "get", "getGradebook", true);
  (await call("getGradebook", { params: { path: { id: "c" } } })).students[0]?.averageShare satisfies number | null | undefined;
  named("/classes/{id}/gradebook.csv", "get", "getGradebookCsv", true);
  (await call("getGradebookCsv", { params: { path: { id: "c" }, query: { lang: "en" } } })) satisfies string;
  named("/classes/{id}/gradebook.xlsx", "get", "getGradebookXlsx", true);
  (await call("getGradebookXlsx", { params: { path: { id: "c" }, query: { lang: "ru" } } })) satisfies string;
  named("/classes/{id}/students/{studentId}/attempts", "get", "getStudentAttempts", true);
  (await call("getStudentAttempts", { params: { path: { id: "c", studentId: "s" } } })).assignments[0]?.attempts[0]?.share satisfies number | null | undefined;
  named("/classes/{id}/assignments/{assignmentId}/overrides", "post", "setAssignmentOverrides", true);
  (await call("setAssignmentOverrides", { params: { path: { id: "c", assignmentId: "a" } }, body: { userIds: ["u"], extraAttempts: 1 } })).overrides[0]?.summary.en satisfies string | undefined;
  named("/classes/{id}/assignments/{assignmentId}/overrides/{userId}", "delete", "removeAssignmentOverride", true);
  (await call("removeAssignmentOverride", { params: { path: { id: "c", assignmentId: "a", userId: "u" } } })).removed satisfies true;
  named("/classes/{id}/assignments/{assignmentId}/regrades", "post", "regradeQuestion", true);
  (await call("regradeQuestion", { params: { path: { id: "c", assignmentId: "a" } }, body: { questionId: "m1-q03", kind: "accept", answer: "x" } })).attemptsChanged satisfies number;
  named("/classes/{id}/assignments/{assignmentId}/regrades", "get", "listRegrades", true);
  (await call("listRegrades", { params: { path: { id: "c", assignmentId: "a" } } })).regrades[0]?.by satisfies string | undefined;
  named("/classes/{id}/items", "get", "getItemAnalysis", true);
  (await call("getItemAnalysis", { params: { path: { id: "c" }, query: { assignmentId: "a" } } })).items[0]?.facility satisfies number | null | undefined;
  named("/question-banks", "get", "listQuestionBanks", true);
  (await call("listQuestionBanks", { params: { query: { lang: "kk" } } })).banks[0]?.languages satisfies ("ru" | "en" | "kk")[] | undefined;
  named("/modules/{slug}/export.xml", "get", "exportModuleMoodleXml", true);
  (await call("exportModuleMoodleXml", { params: { path: { slug: "risks" }, query: { lang: "en" } } })) satisfies string;
  named("/modules/{slug}/export.gift", "get", "exportModuleGift", true);
  (await call("exportModuleGift", { params: { path: { slug: "risks" } } })) satisfies string;
  named("/lti/jwks", "get", "getLtiJwks", true);
  (await call("getLtiJwks", {})).keys[0]?.kid satisfies string | undefined;
  named("/lti/tool", "get", "getLtiToolValues", true);
  (await call("getLtiToolValues", {})).initiateLoginUrl satisfies string;
  named("/lti/canvas.json", "get", "getLtiCanvasConfiguration", true);
  await call("getLtiCanvasConfiguration", {});
  named("/lti/platforms", "post", "registerLtiPlatform", true);
  (await call("registerLtiPlatform", { body: { name: "M", issuer: "https://m", clientId: "c", authUrl: "https://m/a", tokenUrl: "https://m/t", jwksUrl: "https://m/k", deploymentIds: ["1"] } })).tool.toolUrl satisfies string;
  named("/lti/platforms", "get", "listLtiPlatforms", true);
  (await call("listLtiPlatforms", {})).platforms[0]?.deploymentIds satisfies string[] | undefined;
  named("/lti/registration-links", "post", "createLtiRegistrationLink", true);
  (await call("createLtiRegistrationLink", {})).url satisfies string;
  named("/lti/platforms/{id}/deployments", "post", "addLtiDeployment", true);
  await call("addLtiDeployment", { params: { path: { id: "p" } }, body: { deploymentId: "2" } });
  named("/lti/classes/{id}/grade-posts", "get", "listLtiGradePosts", true);
  (await call("listLtiGradePosts", { params: { path: { id: "c" } } })).posts[0]?.status satisfies "pending" | "failed" | undefined;
  named("/lti/classes/{id}/grade-posts/retry", "post", "retryLtiGradePosts", true);
  (await call("retryLtiGradePosts", { params: { path: { id: "c" } } })).requeued satisfies number;
  named("/lti/classes/{id}/roster", "post", "syncLtiRoster", true);
  (await call("syncLtiRoster", { params: { path: { id: "c" } } })).added satisfies number;
  // The LTI browser steps: forms and redirects, called by the LMS and the browser rather than by a client.
  named("/lti/login", "get", "ltiLoginGet", true);
  named("/lti/login", "post", "ltiLoginPost", true);
  named("/lti/launch", "post", "ltiLaunch", true);
  named("/lti/register", "get", "ltiDynamicRegistration", true);
  named("/lti/handoff", "get", "ltiHandoff", true);
  named("/lti/deep-link", "post", "ltiDeepLinkPick", true);
}
`;

/** Every operation of the document, by name: what CALLS must cover. */
const operationIds = (document: Record<string, unknown>) =>
  Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
    Object.values(item).map((op) => op.operationId ?? "(unnamed)"),
  );

describe("the API document, read by outside tools", () => {
  let dir: string;
  let document: Record<string, unknown>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qadam-openapi-"));
    document = await servedDocument();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("passes Redocly's recommended rules (only the operations that answer no client error lack a 4xx)", async () => {
    expect(unexpected(await lint(document, dir))).toEqual([]);
  }, 60_000);

  it("is flagged by the same lint when an operation loses its name or security, so the check above can fail", async () => {
    const broken = structuredClone(document) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const operation = (path: string, method: string) => broken.paths[path]?.[method] as Record<string, unknown>;
    delete operation("/attempts/{id}/answers/{questionId}", "put").operationId;
    delete (broken as { security?: unknown }).security;
    delete operation("/me", "get").security;
    const rules = unexpected(await lint(broken, dir)).join("\n");
    expect(rules).toContain("operation-operationId");
    expect(rules).toContain("security-defined");
  }, 60_000);

  it("gives a typed client a usable name for every route: one call each type-checks against openapi-typescript's types", async () => {
    expect(operationIds(document).sort()).toEqual([...CALLS.matchAll(/named\("[^"]+", "\w+", "(\w+)"/g)].map((m) => m[1]).sort());
    const spec = join(dir, "openapi.json");
    await writeFile(spec, JSON.stringify(document));
    await run(bin("openapi-typescript"), [spec, "--output", join(dir, "api.ts")], { env: quiet });
    await writeFile(join(dir, "calls.ts"), CALLS);
    const tsc = ["--noEmit", "--strict", "--target", "ES2022", "--module", "ESNext", "--moduleResolution", "Bundler", "--skipLibCheck"];
    const result = await run(bin("tsc"), [...tsc, join(dir, "calls.ts")], { cwd: dir }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe("");
  }, 120_000);
});
