// A student's assignments as router queries: the dashboard's list, one assignment's start page, the lesson's notice.
import { api, unwrap } from "./api.ts";
import { query } from "./router.tsx";

export const getMyAssignments = query(async () => (await unwrap(await api.assignments.$get())).assignments, "myAssignments");

/** One assignment with the rules that apply to me (GET /api/assignments/:id): reading it starts nothing. */
export const getMyAssignment = query(async (id: string) => unwrap(await api.assignments[":id"].$get({ param: { id } })), "myAssignment");

export type MyAssignment = Awaited<ReturnType<typeof getMyAssignments>>[number];

/** The start page of an assignment. */
export const assignmentHref = (id: string) => `/assignments/${encodeURIComponent(id)}`;
