// Classes: an instructor creates them and shares a join code; students join; the roster is the instructor's.

import { finalizeAttempt, removeMemberAndOpenAttempts } from "../../db/queries/attempts.ts";
import {
  addMember,
  type ClassRow,
  classByJoinCode,
  classRoster,
  insertClass,
  joinedClasses,
  ownedClass,
  setJoinCode,
  taughtClasses,
  userName,
  visibleClass,
} from "../../db/queries/classes.ts";
import {
  ClassDetail,
  ClassEnvelope,
  ClassList,
  type ClassSummary,
  CreateClassBody,
  JoinBody,
  JoinCode,
  MemberParams,
  MemberRemoved,
} from "../contract/classes.ts";
import { IdParam, iso } from "../contract/common.ts";
import { attemptClose, isOverdue } from "../domain/attempts.ts";
import { generateJoinCode } from "../domain/joinCode.ts";
import { regradeRules } from "../domain/regrade.ts";
import { enforceRateLimits, limitScale } from "../limits/enforce.ts";
import { rateRules } from "../limits/rules.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn } from "../openapi.ts";
import { found, Problem } from "../problem.ts";

const tags = ["Classes"];

/**
 * A class as the API shows it. Only its instructor sees the join code and the member count, so a
 * member count (the instructor's view) is what reveals the code; students pass none.
 */
function classSummary(k: ClassRow, instructorName: string, memberCount: number | null = null): ClassSummary {
  return {
    id: k.id,
    name: k.name,
    joinCode: memberCount === null ? null : k.joinCode,
    instructorName,
    memberCount,
    createdAt: iso(k.createdAt),
  };
}

const noFreeJoinCode = () => new Error("could not find a free join code");

export const classRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/classes",
      operationId: "createClass",
      tags,
      security: signedIn,
      summary: "Create a class (instructors)",
      request: { body: jsonBody(CreateClassBody) },
      responses: { 201: jsonContent(ClassEnvelope, "The new class with its join code"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const row = await insertClass(c.var.db, user.id, c.req.valid("json").name, generateJoinCode);
      if (!row) throw noFreeJoinCode();
      return c.json({ class: classSummary(row, user.name, 0) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes",
      operationId: "listClasses",
      tags,
      security: signedIn,
      summary: "My classes: the ones I teach, or the ones I joined",
      responses: { 200: jsonContent(ClassList, "Classes"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      if (user.role === "instructor") {
        const rows = await taughtClasses(c.var.db, user.id);
        return c.json({ classes: rows.map(({ c: k, memberCount }) => classSummary(k, user.name, memberCount)) }, 200);
      }
      const rows = await joinedClasses(c.var.db, user.id);
      return c.json({ classes: rows.map(({ c: k, instructorName }) => classSummary(k, instructorName)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/classes/join",
      operationId: "joinClass",
      tags,
      security: signedIn,
      summary: "Join a class by its code (students); joining twice is harmless",
      request: { body: jsonBody(JoinBody) },
      responses: { 200: jsonContent(ClassEnvelope, "The class joined"), ...problems(400, 401, 403, 404, 429) },
    }),
    async (c) => {
      const user = requireUser(c, "student");
      const { code } = c.req.valid("json");
      const db = c.var.db;
      await enforceRateLimits(
        db,
        [{ key: `join:user:${user.id}`, rule: rateRules.joinPerUser }],
        Date.now(),
        limitScale(c.env.RATE_LIMIT_SCALE),
      );
      const joined = await classByJoinCode(db, code);
      if (!joined)
        throw new Problem(404, "No class has this code. Check it with your instructor.", {
          errors: [{ path: "code", message: "no class has this code" }],
        });
      await addMember(db, joined.c.id, user.id, Date.now());
      return c.json({ class: classSummary(joined.c, joined.instructorName) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}",
      operationId: "getClass",
      tags,
      security: signedIn,
      summary: "One class; its instructor also gets the roster and join code",
      request: { params: IdParam },
      responses: { 200: jsonContent(ClassDetail, "The class"), ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const db = c.var.db;
      const k = found(await visibleClass(db, c.req.valid("param").id, user), "class");
      if (user.role !== "instructor") {
        return c.json({ class: classSummary(k, (await userName(db, k.instructorId)) ?? ""), members: null }, 200);
      }
      const members = await classRoster(db, k.id);
      return c.json(
        {
          class: classSummary(k, user.name, members.length),
          members: members.map((m) => ({ ...m, joinedAt: iso(m.joinedAt) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/classes/{id}/join-code",
      operationId: "rotateJoinCode",
      tags,
      security: signedIn,
      summary: "Rotate the join code: the old one stops working",
      request: { params: IdParam },
      responses: { 200: jsonContent(JoinCode, "The new code"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const k = found(await ownedClass(c.var.db, c.req.valid("param").id, user.id), "class");
      for (let i = 0; i < 5; i++) {
        // A code already in use is refused by the unique index: draw another.
        const joinCode = generateJoinCode();
        if (await setJoinCode(c.var.db, k.id, joinCode)) return c.json({ joinCode }, 200);
      }
      throw noFreeJoinCode();
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/classes/{id}/members/{userId}",
      operationId: "removeClassMember",
      tags,
      security: signedIn,
      summary: "Remove a student from the class (their attempts are kept, their overrides removed)",
      description:
        "An attempt the student has open on one of the class's assignments is submitted at once, graded with the answers " +
        "saved until the removal; from then on it takes no answer and no submit.",
      request: { params: MemberParams },
      responses: { 200: jsonContent(MemberRemoved, "Removed"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, userId } = c.req.valid("param");
      const db = c.var.db;
      const k = found(await ownedClass(db, id, user.id), "class");
      const now = Date.now();
      const { removed, open } = await removeMemberAndOpenAttempts(db, k.id, userId);
      if (!removed) throw new Problem(404, "This student is not in the class.");
      // Graded as of the removal, or as of its deadline when that passed first (as a submit would grade it).
      const closed = await Promise.all(
        open.map((o) => {
          const at = isOverdue(o.attempt.deadline, now) ? (o.attempt.deadline as number) : now;
          return finalizeAttempt(
            db,
            o.attempt,
            attemptClose(o.attempt, o.answers, at, regradeRules(o.regrades, o.attempt.id), "removed"),
            at,
          );
        }),
      );
      return c.json({ userId, closedAttempts: closed.filter(Boolean).length }, 200);
    },
  );
