// The instructor area's data: router queries for classes, rosters, assignments and modules, and the actions.
import type { InferRequestType } from "hono/client";
import { api, unwrap } from "../../api.ts";
import type { NotFound } from "../../components/LoadError.tsx";
import { type Locale, t } from "../../i18n.ts";
import { action, query } from "../../router.tsx";

/** Where an instructor page sends its reader when what it shows is not theirs or not there: the class list. */
export const notFoundInClasses = (text: string, title?: string): NotFound => ({
  ...(title ? { title } : {}),
  text,
  back: { href: "/classes", label: t("classes.backToList") },
});

/** The link a student opens to join: the same origin as this page, so it works locally and deployed. */
export const joinLink = (code: string) => `${location.origin}/join/${code}`;

export const getClasses = query(async () => (await unwrap(await api.classes.$get())).classes, "classes");

export const getClass = query(async (id: string) => unwrap(await api.classes[":id"].$get({ param: { id } })), "class");

export const getClassAssignments = query(
  async (id: string) => (await unwrap(await api.classes[":id"].assignments.$get({ param: { id } }))).assignments,
  "classAssignments",
);

export const getModules = query(
  async (lang: Locale) => (await unwrap(await api.modules.$get({ query: { lang } }))).modules,
  "moduleOutline",
);

/** The course's question banks an instructor can download, with the languages each has. */
export const getQuestionBanks = query(
  async (lang: Locale) => (await unwrap(await api["question-banks"].$get({ query: { lang } }))).banks,
  "questionBanks",
);

export type ClassDetail = Awaited<ReturnType<typeof getClass>>;
export type Assignment = Awaited<ReturnType<typeof getClassAssignments>>[number];

export const createClass = action(async (name: string) => (await unwrap(await api.classes.$post({ json: { name } }))).class, "createClass");

export const rotateJoinCode = action(
  async (id: string) => (await unwrap(await api.classes[":id"]["join-code"].$post({ param: { id } }))).joinCode,
  "rotateJoinCode",
);

/** Removes a student; how many of their open attempts on the class's assignments were submitted by the removal. */
export const removeMember = action(
  async (id: string, userId: string) =>
    (await unwrap(await api.classes[":id"].members[":userId"].$delete({ param: { id, userId } }))).closedAttempts,
  "removeMember",
);

/** The rules of an assignment, all given (the API fills in what a request leaves out): POST /api/classes/:id/assignments without its module. */
export type AssignmentRules = Required<Omit<InferRequestType<(typeof api.classes)[":id"]["assignments"]["$post"]>["json"], "module">>;

export const createAssignment = action(
  async (id: string, json: AssignmentRules & { module: string }) =>
    (await unwrap(await api.classes[":id"].assignments.$post({ param: { id }, json }))).assignment,
  "createAssignment",
);

export const updateAssignment = action(
  async (id: string, assignmentId: string, json: Partial<AssignmentRules>) =>
    (await unwrap(await api.classes[":id"].assignments[":assignmentId"].$patch({ param: { id, assignmentId }, json }))).assignment,
  "updateAssignment",
);

// LMS connections (LTI 1.3): the values to paste into an LMS, the registered platforms, a class's unsent grades.
export const getLtiPlatforms = query(async () => unwrap(await api.lti.platforms.$get()), "ltiPlatforms");

export type LtiPlatformInput = InferRequestType<typeof api.lti.platforms.$post>["json"];

export const registerLtiPlatform = action(
  async (json: LtiPlatformInput) => (await unwrap(await api.lti.platforms.$post({ json }))).platform,
  "registerLtiPlatform",
);

export const createLtiRegistrationLink = action(async () => unwrap(await api.lti["registration-links"].$post()), "ltiRegistrationLink");

export const getLtiGradePosts = query(
  async (id: string) => (await unwrap(await api.lti.classes[":id"]["grade-posts"].$get({ param: { id } }))).posts,
  "ltiGradePosts",
);

export const retryLtiGradePosts = action(
  async (id: string) => (await unwrap(await api.lti.classes[":id"]["grade-posts"].retry.$post({ param: { id } }))).requeued,
  "retryLtiGradePosts",
);
