// The web app's pages: a path that is no static file reaches the Worker (wrangler.toml: not_found_handling = "none").
// A path of the app (web/src/appRoutes.ts, the list the router renders) gets the app shell with 200; any other gets
// the same shell, which draws the not-found page, with 404, so links, crawlers and tools see a missing page as one.
import { isAppPage } from "../web/src/appRoutes.ts";

/** Request headers that may turn the shell into a 304 or a partial answer: a 404 always carries the whole page. */
const CONDITIONAL = ["if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range", "range"];

export async function servePage(request: Request, assets: Fetcher): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") return new Response(null, { status: 405, headers: { allow: "GET, HEAD" } });
  const url = new URL(request.url);
  const known = isAppPage(url.pathname);
  const headers = new Headers(request.headers);
  if (!known) for (const name of CONDITIONAL) headers.delete(name);
  const shell = await assets.fetch(new Request(new URL("/", url), { method: request.method, headers }));
  if (known || !shell.ok) return shell;
  const notFound = new Response(shell.body, { status: 404, statusText: "Not Found", headers: shell.headers });
  // A cache must not serve this answer for the app's shell, nor keep it as if it were the shell.
  notFound.headers.delete("etag");
  notFound.headers.set("cache-control", "no-cache");
  return notFound;
}
