// The router's pure parts (web/src/router.tsx): matching paths to routes, query-cache keys, search-string edits.
// Plain functions, tested in tests/unit/routing.test.ts.

export type Params = Record<string, string>;

export interface RouteShape {
  path: string;
}

export type CompiledRoute<R extends RouteShape = RouteShape> = R & {
  segments: string[];
  /** A catch-all (`*name`) route's parameter name. */
  rest?: string;
  /** Static segments outrank parameters, which outrank a catch-all. */
  score: number;
};

export function compile<R extends RouteShape>(route: R): CompiledRoute<R> {
  const [pattern = "", rest] = route.path.split("*", 2);
  const segments = pattern.split("/").filter(Boolean);
  const score = segments.reduce((sum, s) => sum * 4 + (s.startsWith(":") ? 2 : 3), 1) * (rest === undefined ? 4 : 1);
  return { ...route, segments, score, ...(rest === undefined ? {} : { rest }) };
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The route's parameters when it matches the path (case-insensitive on static segments), else null. */
export function matchRoute(route: Pick<CompiledRoute, "segments" | "rest">, pathname: string): Params | null {
  const parts = pathname.split("/").filter(Boolean);
  if (parts.length < route.segments.length || (parts.length > route.segments.length && route.rest === undefined)) return null;
  const params: Params = {};
  for (const [i, segment] of route.segments.entries()) {
    const part = parts[i] as string;
    if (segment.startsWith(":")) params[segment.slice(1)] = decode(part);
    else if (segment.toLowerCase() !== part.toLowerCase()) return null;
  }
  if (route.rest !== undefined) params[route.rest] = parts.slice(route.segments.length).map(decode).join("/");
  return params;
}

/** The best route for a path: routes are tried from the most specific (compile's score) down. */
export function pickRoute<R extends RouteShape>(
  routes: readonly CompiledRoute<R>[],
  pathname: string,
): { route: CompiledRoute<R>; params: Params } | null {
  for (const route of [...routes].sort((a, b) => b.score - a.score)) {
    const params = matchRoute(route, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** Whether a link to `href` is active at `pathname`: at or under it, or exactly at it with `end`; `current` when exactly at it. */
export function linkState(href: string, pathname: string, end = false): { active: boolean; current: boolean } {
  const path = new URL(href, "http://x").pathname.replace(/\/$/, "").toLowerCase();
  const here = decode(pathname).replace(/\/$/, "").toLowerCase();
  const current = here === path;
  return { active: end ? current : current || here.startsWith(`${path}/`), current };
}

/** The URL after changing some search parameters: undefined or "" removes one, the rest and the fragment stay. */
export function withSearch(pathname: string, search: string, hash: string, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === "") next.delete(key);
    else next.set(key, String(value));
  }
  const query = next.toString();
  return pathname + (query ? `?${query}` : "") + hash;
}

/** Arguments as a stable key: object keys sorted, so `{a, b}` and `{b, a}` share an entry. */
export const keyOf = (name: string, args: unknown[]) =>
  name +
  JSON.stringify(args, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
