// The Worker entry: /api/* goes to the Hono app (static assets serve the rest); the cron finalises overdue attempts.
import { app } from "./app.ts";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
