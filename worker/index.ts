// The Worker entry: /api/* goes to the Hono app, a page path to the app shell (static files never reach here); the
// cron finalises overdue attempts.

import { createDb } from "../db/client.ts";
import { app } from "./app.ts";
import { finalizeOverdue } from "./cron.ts";
import { servePage } from "./pages.ts";

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    isApi(new URL(request.url).pathname) ? app.fetch(request, env, ctx) : servePage(request, env.ASSETS),
  async scheduled(_controller, env, _ctx) {
    const closed = await finalizeOverdue(createDb(env.DB));
    if (closed > 0) console.log(`cron: finalised ${closed} overdue attempt(s)`);
  },
} satisfies ExportedHandler<Env>;
