// The Worker entry: /api/* goes to the Hono app (static assets serve the rest); the cron finalises overdue attempts.

import { createDb } from "../db/client.ts";
import { app } from "./app.ts";
import { finalizeOverdue } from "./cron.ts";

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, _ctx) {
    const closed = await finalizeOverdue(createDb(env.DB));
    if (closed > 0) console.log(`cron: finalised ${closed} overdue attempt(s)`);
  },
} satisfies ExportedHandler<Env>;
