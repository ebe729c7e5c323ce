// The Worker entry: /api/* goes to the Hono app (static assets serve the rest); the cron finalises overdue attempts and sends LTI grades.

import { createDb } from "../db/client.ts";
import { purgeExpiredTokens } from "../db/queries/lti.ts";
import { app } from "./app.ts";
import { finalizeOverdue } from "./cron.ts";
import { deliverGradePosts } from "./lti/gradeDelivery.ts";

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, _ctx) {
    const db = createDb(env.DB);
    const closed = await finalizeOverdue(db);
    if (closed > 0) console.log(`cron: finalised ${closed} overdue attempt(s)`);
    // After finalising, so the attempts it just closed have their grades sent in the same run.
    const grades = await deliverGradePosts(db, env.LTI_PRIVATE_JWKS);
    if (grades.sent + grades.failed > 0) console.log(`cron: LTI grades sent ${grades.sent}, failed ${grades.failed}`);
    await purgeExpiredTokens(db, Date.now());
  },
} satisfies ExportedHandler<Env>;
