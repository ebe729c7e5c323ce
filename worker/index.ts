// The Worker entry: /api/* goes to the Hono app, a page path to the app shell (static files never reach here); the
// cron finalises overdue attempts, sends LTI grades and purges deleted accounts after their notice period.

import { createDb } from "../db/client.ts";
import { purgeExpiredTokens } from "../db/queries/lti.ts";
import { app } from "./app.ts";
import { finalizeOverdue, purgeDeletedAfterNotice } from "./cron.ts";
import { deliverGradePosts } from "./lti/gradeDelivery.ts";
import { servePage } from "./pages.ts";

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    isApi(new URL(request.url).pathname) ? app.fetch(request, env, ctx) : servePage(request, env.ASSETS),
  async scheduled(_controller, env, _ctx) {
    const db = createDb(env.DB);
    const closed = await finalizeOverdue(db);
    if (closed > 0) console.log(`cron: finalised ${closed} overdue attempt(s)`);
    // After finalising, so the attempts it just closed have their grades sent in the same run.
    const grades = await deliverGradePosts(db, env.LTI_PRIVATE_JWKS);
    if (grades.sent + grades.failed > 0) console.log(`cron: LTI grades sent ${grades.sent}, failed ${grades.failed}`);
    await purgeExpiredTokens(db, Date.now());
    const purged = await purgeDeletedAfterNotice(db);
    if (purged > 0) console.log(`cron: removed ${purged} deleted account(s) after their notice period`);
  },
} satisfies ExportedHandler<Env>;
