// GET /api/health: liveness and the running version.
import { version } from "../../package.json";
import { createRoute, createRouter, jsonContent, z } from "../openapi.ts";

const Health = z.object({ ok: z.literal(true), version: z.string() }).openapi("Health");

export const health = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    operationId: "getHealth",
    tags: ["System"],
    summary: "Liveness and version",
    responses: { 200: jsonContent(Health, "The Worker is up") },
  }),
  (c) => c.json({ ok: true as const, version }, 200),
);
