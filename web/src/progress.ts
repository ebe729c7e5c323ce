// The learner's progress for the home tab and the course list: reading and best scores (the rules that read them,
// with the assignments of assignments.ts, are in progressRules.ts).
import { api, unwrap } from "./api.ts";
import { query } from "./router.tsx";

export const getProgress = query(async () => unwrap(await api.progress.$get()), "progress");

export type Progress = Awaited<ReturnType<typeof getProgress>>;

export * from "./progressRules.ts";
