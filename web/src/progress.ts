// The learner's progress for the home tab and the course list: their assignments, reading and best scores
// (the rules that read them are in progressRules.ts).
import { api, unwrap } from "./api.ts";
import { query } from "./router.tsx";

export const getMyAssignments = query(async () => (await unwrap(await api.assignments.$get())).assignments, "myAssignments");
export const getProgress = query(async () => unwrap(await api.progress.$get()), "progress");

export type StudentAssignment = Awaited<ReturnType<typeof getMyAssignments>>[number];
export type Progress = Awaited<ReturnType<typeof getProgress>>;

export * from "./progressRules.ts";
