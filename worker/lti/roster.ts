// NRPS: the LMS course's learners into the Qadam class the course is linked to.
import type { Db } from "../../db/client.ts";
import { importRoster, platformById, rosterSource } from "../../db/queries/lti.ts";
import { conflict } from "../problem.ts";
import { qadamRole, scopes } from "./claims.ts";
import type { SigningKey } from "./keys.ts";
import { lockedPassword } from "./secrets.ts";
import { accessToken, fetchMembers, ServiceError } from "./services.ts";

export async function syncRoster(db: Db, classId: string, signing: SigningKey, now: number) {
  const source = await rosterSource(db, classId);
  const platform = source && (await platformById(db, source.platformId));
  if (!source?.membershipsUrl || !platform) {
    throw conflict(
      "This class has no LMS roster: it is not linked to an LMS course, or no launch has carried the roster service yet.",
      "no_roster",
    );
  }
  let members: Awaited<ReturnType<typeof fetchMembers>>;
  try {
    const token = await accessToken(platform, [scopes.memberships], signing, now);
    members = await fetchMembers(source.membershipsUrl, token);
  } catch (error) {
    if (error instanceof ServiceError || error instanceof TypeError)
      throw conflict(`The LMS did not give the roster: ${error.message}`, "roster_unavailable");
    throw error;
  }
  const learners = members.filter((m) => m.active && qadamRole(m.roles) === "student");
  const result = await importRoster(db, platform.id, classId, learners, lockedPassword, now);
  return { ...result, skipped: members.length - learners.length };
}
