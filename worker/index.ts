// The Worker entry: /api/* goes to the Hono app (static assets serve the rest); the cron finalises overdue attempts and purges deleted accounts.

import { createDb } from "../db/client.ts";
import { app } from "./app.ts";
import { finalizeOverdue, purgeDeletedAfterNotice } from "./cron.ts";

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, _ctx) {
    const db = createDb(env.DB);
    const closed = await finalizeOverdue(db);
    if (closed > 0) console.log(`cron: finalised ${closed} overdue attempt(s)`);
    const purged = await purgeDeletedAfterNotice(db);
    if (purged > 0) console.log(`cron: removed ${purged} deleted account(s) after their notice period`);
  },
} satisfies ExportedHandler<Env>;
