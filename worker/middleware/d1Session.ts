// One D1 session per request (the Sessions API): with a bookmark, reads may go to a nearby replica that already has the client's writes.
import { createMiddleware } from "hono/factory";
import { createDb } from "../../db/client.ts";
import type { AppEnv } from "../env.ts";

export const BOOKMARK_HEADER = "x-d1-bookmark";

// D1 bookmarks are hex groups joined by dashes; anything else (or oversized) is ignored rather than passed to D1.
const BOOKMARK = /^[0-9a-f]+(?:-[0-9a-f]+){1,8}$/i;
const validBookmark = (value: string | undefined) => (value && value.length <= 256 && BOOKMARK.test(value) ? value : undefined);

/**
 * Starts the request's D1 session at the bookmark the client sent back from its last response, so any replica at
 * least that fresh may answer and the client still reads its own writes. Without a bookmark the session starts at
 * the primary ("first-primary"): a client that does not echo bookmarks sees exactly what it would without
 * sessions, never a replica that lags behind its last write. Every response that touched D1 returns the newest
 * bookmark in `x-d1-bookmark`.
 */
export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
  const bookmark = validBookmark(c.req.header(BOOKMARK_HEADER));
  const session = c.env.DB.withSession(bookmark ?? "first-primary");
  c.set("db", createDb(session));
  await next();
  const latest = session.getBookmark();
  if (latest) c.header(BOOKMARK_HEADER, latest);
});
