// Classes: an instructor creates them and shares a join code; students join; the roster is the instructor's.
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type ClassRow, ownedClass, visibleClass } from "../../db/queries/classes.ts";
import { classes, classMembers, users } from "../../db/schema.ts";
import { generateJoinCode, isJoinCode, normalizeJoinCode } from "../domain/joinCode.ts";
import { enforceRateLimits, limitScale } from "../limits/enforce.ts";
import { rateRules } from "../limits/rules.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn, z } from "../openapi.ts";
import { Problem } from "../problem.ts";
import { IdParam, iso } from "../schemas.ts";

const ClassSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    joinCode: z.string().nullable().openapi({ description: "Only for the class's instructor" }),
    instructorName: z.string(),
    memberCount: z.number().int().nullable().openapi({ description: "Only for the class's instructor" }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("ClassSummary");

const Member = z
  .object({ id: z.string(), name: z.string(), email: z.string(), joinedAt: z.string().openapi({ format: "date-time" }) })
  .openapi("ClassMember");

const ClassDetail = z.object({ class: ClassSummary, members: z.array(Member).nullable() }).openapi("ClassDetail");
const ClassEnvelope = z.object({ class: ClassSummary }).openapi("ClassEnvelope");

const CreateClassBody = z
  .object({ name: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters") })
  .openapi("CreateClassRequest");
const JoinBody = z
  .object({
    code: z
      .string()
      .max(32, "must be at most 32 characters")
      .transform(normalizeJoinCode)
      .refine(isJoinCode, "must be the 6-character join code your instructor gave you"),
  })
  .openapi("JoinClassRequest");
const MemberParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
  userId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "userId", in: "path" } }),
});

const tags = ["Classes"];

/**
 * A class as the API shows it. Only its instructor sees the join code and the member count, so a
 * member count (the instructor's view) is what reveals the code; students pass none.
 */
function classSummary(k: ClassRow, instructorName: string, memberCount: number | null = null): z.infer<typeof ClassSummary> {
  return {
    id: k.id,
    name: k.name,
    joinCode: memberCount === null ? null : k.joinCode,
    instructorName,
    memberCount,
    createdAt: iso(k.createdAt),
  };
}

/** Inserts the class with a fresh join code, retrying on the rare collision. */
async function insertClass(db: Db, instructorId: string, name: string) {
  for (let i = 0; i < 5; i++) {
    const row = { id: crypto.randomUUID(), instructorId, name, joinCode: generateJoinCode(), createdAt: Date.now() };
    const done = await db.insert(classes).values(row).onConflictDoNothing({ target: classes.joinCode }).returning();
    if (done[0]) return done[0];
  }
  throw new Error("could not find a free join code");
}

export const classRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/classes",
      tags,
      security: signedIn,
      summary: "Create a class (instructors)",
      request: { body: jsonBody(CreateClassBody) },
      responses: { 201: jsonContent(ClassEnvelope, "The new class with its join code"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const row = await insertClass(c.var.db, user.id, c.req.valid("json").name);
      return c.json(
        {
          class: classSummary(row, user.name, 0),
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes",
      tags,
      security: signedIn,
      summary: "My classes: the ones I teach, or the ones I joined",
      responses: { 200: jsonContent(z.object({ classes: z.array(ClassSummary) }).openapi("ClassList"), "Classes"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      const db = c.var.db;
      if (user.role === "instructor") {
        const rows = await db
          .select({ c: classes, memberCount: count(classMembers.userId) })
          .from(classes)
          .leftJoin(classMembers, eq(classMembers.classId, classes.id))
          .where(eq(classes.instructorId, user.id))
          .groupBy(classes.id)
          .orderBy(asc(classes.createdAt));
        return c.json(
          {
            classes: rows.map(({ c: k, memberCount }) => classSummary(k, user.name, memberCount)),
          },
          200,
        );
      }
      const rows = await db
        .select({ c: classes, instructorName: users.name })
        .from(classMembers)
        .innerJoin(classes, eq(classes.id, classMembers.classId))
        .innerJoin(users, eq(users.id, classes.instructorId))
        .where(eq(classMembers.userId, user.id))
        .orderBy(asc(classMembers.joinedAt));
      return c.json(
        {
          classes: rows.map(({ c: k, instructorName }) => classSummary(k, instructorName)),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/classes/join",
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
      const found = await db
        .select({ c: classes, instructorName: users.name })
        .from(classes)
        .innerJoin(users, eq(users.id, classes.instructorId))
        .where(eq(classes.joinCode, code))
        .get();
      if (!found)
        throw new Problem(404, "No class has this code. Check it with your instructor.", {
          errors: [{ path: "code", message: "no class has this code" }],
        });
      await db.insert(classMembers).values({ classId: found.c.id, userId: user.id, joinedAt: Date.now() }).onConflictDoNothing();
      return c.json({ class: classSummary(found.c, found.instructorName) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}",
      tags,
      security: signedIn,
      summary: "One class; its instructor also gets the roster and join code",
      request: { params: IdParam },
      responses: { 200: jsonContent(ClassDetail, "The class"), ...problems(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const db = c.var.db;
      const k = await visibleClass(db, c.req.valid("param").id, user);
      if (user.role !== "instructor") {
        const teacher = await db.select({ name: users.name }).from(users).where(eq(users.id, k.instructorId)).get();
        return c.json(
          {
            class: classSummary(k, teacher?.name ?? ""),
            members: null,
          },
          200,
        );
      }
      const members = await db
        .select({ id: users.id, name: users.name, email: users.email, joinedAt: classMembers.joinedAt })
        .from(classMembers)
        .innerJoin(users, eq(users.id, classMembers.userId))
        .where(eq(classMembers.classId, k.id))
        .orderBy(sql`${users.name} COLLATE NOCASE`);
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
      tags,
      security: signedIn,
      summary: "Rotate the join code: the old one stops working",
      request: { params: IdParam },
      responses: { 200: jsonContent(z.object({ joinCode: z.string() }).openapi("JoinCode"), "The new code"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const k = await ownedClass(c.var.db, c.req.valid("param").id, user.id);
      for (let i = 0; i < 5; i++) {
        const joinCode = generateJoinCode();
        try {
          await c.var.db.update(classes).set({ joinCode }).where(eq(classes.id, k.id));
          return c.json({ joinCode }, 200);
        } catch (error) {
          // The unique index refused a code already in use: draw another.
          if (!String(error).includes("UNIQUE")) throw error;
        }
      }
      throw new Error("could not find a free join code");
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/classes/{id}/members/{userId}",
      tags,
      security: signedIn,
      summary: "Remove a student from the class (their attempts are kept)",
      request: { params: MemberParams },
      responses: { 204: { description: "Removed" }, ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, userId } = c.req.valid("param");
      const k = await ownedClass(c.var.db, id, user.id);
      const removed = await c.var.db
        .delete(classMembers)
        .where(and(eq(classMembers.classId, k.id), eq(classMembers.userId, userId)))
        .returning({ userId: classMembers.userId });
      if (removed.length === 0) throw new Problem(404, "This student is not in the class.");
      return c.body(null, 204);
    },
  );
