// The API: mounts one sub-app per resource under /api and turns every error into problem+json.
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { version } from "../package.json";
import { createDb } from "./db.ts";
import type { AppEnv } from "./env.ts";
import { Problem } from "./problem.ts";
import { health } from "./routes/health.ts";

const api = new OpenAPIHono<AppEnv>();

api.use(async (c, next) => {
  c.set("db", createDb(c.env.DB));
  c.set("user", null);
  await next();
});

const routes = api.route("/", health);

api.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: { title: "Qadam API", version, description: "Courses, quizzes and progress. Errors are RFC 9457 problem+json." },
});

export const app = new OpenAPIHono<AppEnv>().route("/api", api);

app.notFound((c) => new Problem(404, `No API route ${c.req.method} ${new URL(c.req.url).pathname}.`).toResponse());

app.onError((error, c) => {
  if (error instanceof Problem) return error.toResponse();
  if (error instanceof HTTPException && error.status < 500) {
    const status = ([400, 401, 403, 404, 409, 413, 415, 429] as const).find((s) => s === error.status) ?? 400;
    return new Problem(status, error.message || "Bad request").toResponse();
  }
  console.error(`${c.req.method} ${c.req.path} failed`, error);
  return new Problem(500, "Something went wrong on our side; nothing you sent was lost.").toResponse();
});

export type AppType = typeof routes;
