// The signed-in user as a router query every page shares, and the actions that change it.
import { api, unwrap } from "./api.ts";
import { action, createAsync, query } from "./router.tsx";

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

// The router revalidates every live query when an action settles, so the session (and any page data
// that belongs to the previous user) is fetched again after each of these.
export const signIn = action(
  async (json: { email: string; password: string }) => (await unwrap(await api.auth.login.$post({ json }))).user,
  "signIn",
);

export const signUp = action(
  async (json: { email: string; password: string; name: string; role: SessionUser["role"] }) =>
    (await unwrap(await api.auth.signup.$post({ json }))).user,
  "signUp",
);

export const signOut = action(async () => {
  const res = await api.auth.logout.$post();
  // Typed as always 204, but a refused write (403) or an outage still answers with a problem.
  if (!res.ok) await unwrap(res);
}, "signOut");

export const signOutEverywhere = action(async () => {
  const res = await api.auth["logout-all"].$post();
  if (!res.ok) await unwrap(res);
}, "signOutEverywhere");

/** Where a signed-in user lands by default: students on their assignments, instructors on their classes. */
export const homeFor = (user: SessionUser) => (user.role === "instructor" ? "/classes" : "/dashboard");

/** A `next` path from the query string, only when it stays on this site (no open redirects). */
export function safeNext(next: unknown): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  return next;
}
