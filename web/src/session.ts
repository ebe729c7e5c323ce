// The signed-in user as a router query every page shares, and the actions that change it.
import { api, unwrap } from "./api.ts";
import { createAsync, query } from "./router.tsx";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "student" | "instructor";
}

/** Who is signed in: the user, or null when nobody is (a 401 is an answer here, not a failure). */
export const getSession = query(async (): Promise<SessionUser | null> => {
  const res = await api.me.$get();
  if (res.status === 401) return null;
  return (await unwrap(res)).user;
}, "session");

/** The session for a component: undefined while loading; throws to the nearest ErrorBoundary when offline. */
export const useSession = () => createAsync(() => getSession());

// The actions that change who is signed in live with the pages that offer them (sign-in, sign-up, the account
// page), so the first load does not carry them. The router revalidates every live query when an action settles, so
// the session (and any page data that belongs to the previous user) is fetched again after each of them.

/** Where a signed-in user lands by default: students on their assignments, instructors on their classes. */
export const homeFor = (user: SessionUser) => (user.role === "instructor" ? "/classes" : "/dashboard");

/** A `next` path from the query string, only when it stays on this site (no open redirects). */
export function safeNext(next: unknown): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  return next;
}
