// A learner's own progress: the reading position of each lesson (saved as they read) and the course at a glance.
import { progressOf, recordReading } from "../../db/queries/progress.ts";
import { iso } from "../contract/common.ts";
import { Progress, ReadingBody, ReadingParams } from "../contract/progress.ts";
import { course, findModule } from "../course.ts";
import { courseProgress, lessonAnchors } from "../domain/progress.ts";
import { requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn } from "../openapi.ts";
import { badRequest, notFound } from "../problem.ts";

const tags = ["Progress"];

export const progressRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/progress",
      operationId: "getMyProgress",
      tags,
      security: signedIn,
      summary: "My progress: lessons read, where I stopped, best score per module",
      responses: { 200: jsonContent(Progress, "Progress per module and the lesson to continue"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { reads, scores } = await progressOf(c.var.db, user.id);
      const p = courseProgress(course.modules, reads, scores);
      c.header("Cache-Control", "private, no-store");
      return c.json(
        {
          modules: p.modules.map((m) => ({ ...m, readAt: iso(m.readAt), lastReadAt: iso(m.lastReadAt) })),
          lastRead: p.lastRead ? { ...p.lastRead, at: iso(p.lastRead.at) } : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/progress/lessons/{slug}",
      operationId: "saveReadingPosition",
      tags,
      security: signedIn,
      summary: "Save where I am in a lesson, and whether I reached its end",
      request: { params: ReadingParams, body: jsonBody(ReadingBody) },
      responses: { 204: { description: "Saved" }, ...problems(400, 401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug } = c.req.valid("param");
      const body = c.req.valid("json");
      const module = findModule(slug);
      if (module?.kind !== "lesson") throw notFound("lesson");
      const anchor = body.anchor ?? null;
      if (anchor !== null && !lessonAnchors(module).has(anchor)) {
        throw badRequest(`The lesson ${slug} has no block ${anchor}.`, [{ path: "anchor", message: "is not a block of this lesson" }]);
      }
      await recordReading(c.var.db, user.id, slug, anchor, body.finished === true, Date.now());
      return c.body(null, 204);
    },
  );
