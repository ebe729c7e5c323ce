// Every page path of the web app, in one list: the router renders one page per pattern (main.tsx must give each a
// component, and no other), and the Worker answers 404 for any other path (worker/pages.ts). Plain data and
// functions with no DOM, so both runtimes import it.
import { compile, matchRoute } from "./routing.ts";

export const appPaths = [
  "/",
  "/modules",
  "/modules/:slug",
  "/modules/:slug/quiz",
  "/signin",
  "/signup",
  "/account",
  "/dashboard",
  "/join/:code",
  "/classes",
  "/classes/:id",
  "/classes/:id/assignments/new",
  "/classes/:id/assignments/:assignmentId",
  "/classes/:id/gradebook",
  "/classes/:id/students/:studentId",
  "/classes/:id/items",
  // The instructor's LMS connections (LTI 1.3).
  "/lms",
  // An assignment's start page; the old start link moves on to it.
  "/assignments/:id",
  "/quiz/assignment/:assignmentId",
  "/attempts/:id",
  "/attempts/:id/result",
  "/attempts/:id/review",
  "/results",
  "/deck",
  // The deck's old path: the page moves on to /deck.
  "/review",
] as const;

export type AppPath = (typeof appPaths)[number];

const compiled = appPaths.map((path) => compile({ path }));

/** Whether the app has a page at `pathname` (a parameter matches any one non-empty segment). */
export const isAppPage = (pathname: string): boolean => compiled.some((route) => matchRoute(route, pathname) !== null);
