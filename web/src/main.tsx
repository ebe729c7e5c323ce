// The web app's entry: the router and its pages; instructor pages are split out and loaded lazily.
import { type Component, lazy } from "solid-js";
import { render } from "solid-js/web";
import type { AppPath } from "./appRoutes.ts";
import { Layout } from "./components/Layout.tsx";
import { preloadLesson, preloadOutline } from "./course.ts";
import { loadLocale, locale } from "./i18n.ts";
import { Navigate, Route, type RoutePreloadFuncArgs, Router } from "./router.tsx";
import "./styles/index.css";

// The home page stays out of the code every other page loads; on "/" it is fetched alongside the strings (below).
const Home = lazy(() => import("./pages/Home.tsx").then((m) => ({ default: m.Home })));
// The course reader: its data starts loading with the route (preload) while the page code arrives.
const Outline = lazy(() => import("./pages/Outline.tsx"));
const Lesson = lazy(() => import("./pages/Lesson.tsx"));
const NotFound = lazy(() => import("./pages/NotFound.tsx"));
// The learner's attempts, one attempt's review and the spaced-repetition deck: fetched when visited, and precached for offline use.
const MyAttempts = lazy(() => import("./pages/MyAttempts.tsx"));
const AttemptReview = lazy(() => import("./pages/AttemptReview.tsx"));
const Deck = lazy(() => import("./pages/Deck.tsx"));
/** The deck was at /review before "review" came to mean one attempt's review. */
const OldDeckPath = () => <Navigate href="/deck" />;
// Accounts and the student's pages: small, but only fetched when visited.
const SignIn = lazy(() => import("./pages/SignIn.tsx"));
const SignUp = lazy(() => import("./pages/SignUp.tsx"));
const Account = lazy(() => import("./pages/Account.tsx"));
const Dashboard = lazy(() => import("./pages/Dashboard.tsx"));
const Join = lazy(() => import("./pages/Join.tsx"));
// An assignment's start page: its rules in words before anything starts.
const AssignmentPage = lazy(() => import("./pages/AssignmentPage.tsx"));
// Taking a quiz: start or resume, then the attempt and its result, fetched when visited.
// Starting practice fetches the attempt page's code while it asks the server (startAttempt.ts), so the attempt page
// stays out of the start's first load and the start stays out of the attempt page's.
const PracticeStart = lazy(() => import("./pages/quiz/QuizStart.tsx").then((m) => ({ default: m.PracticeStart })));
const AssignmentStart = lazy(() => import("./pages/quiz/QuizStart.tsx").then((m) => ({ default: m.AssignmentStart })));
const QuizAttempt = lazy(() => import("./pages/quiz/QuizAttempt.tsx"));
const QuizResult = lazy(() => import("./pages/QuizResult.tsx"));
// The instructor area: students never download it.
const Classes = lazy(() => import("./pages/instructor/Classes.tsx"));
const ClassDetail = lazy(() => import("./pages/instructor/ClassDetail.tsx"));
const AssignmentForm = lazy(() => import("./pages/instructor/AssignmentForm.tsx"));
// The gradebook, one student's attempts, item analysis.
const Gradebook = lazy(() => import("./pages/instructor/Gradebook.tsx"));
const StudentDetail = lazy(() => import("./pages/instructor/StudentDetail.tsx"));
const ItemAnalysis = lazy(() => import("./pages/instructor/ItemAnalysis.tsx"));
// Connecting an LMS (LTI 1.3): Moodle, Canvas.
const LmsConnections = lazy(() => import("./pages/instructor/LmsConnections.tsx"));

// The first frame is drawn in the learner's language: its strings load before anything renders.
if (location.pathname === "/") void Home.preload();
await loadLocale(locale());

/**
 * One page per path of the shared list (appRoutes.ts, which the Worker reads too): the type makes it every path, and
 * no other. Only the type is imported, so the paths reach the bundle once, as these keys.
 */
const pages: Record<AppPath, { component: Component; preload?: (args: RoutePreloadFuncArgs) => void }> = {
  "/": { component: Home },
  "/modules": { component: Outline, preload: preloadOutline },
  "/modules/:slug": { component: Lesson, preload: preloadLesson },
  "/signin": { component: SignIn },
  "/signup": { component: SignUp },
  "/account": { component: Account },
  "/dashboard": { component: Dashboard },
  "/join/:code": { component: Join },
  "/classes": { component: Classes },
  "/classes/:id": { component: ClassDetail },
  "/classes/:id/assignments/new": { component: AssignmentForm },
  "/classes/:id/assignments/:assignmentId": { component: AssignmentForm },
  "/classes/:id/gradebook": { component: Gradebook },
  "/classes/:id/students/:studentId": { component: StudentDetail },
  "/classes/:id/items": { component: ItemAnalysis },
  "/lms": { component: LmsConnections },
  "/modules/:slug/quiz": { component: PracticeStart },
  "/assignments/:id": { component: AssignmentPage },
  "/quiz/assignment/:assignmentId": { component: AssignmentStart },
  "/attempts/:id": { component: QuizAttempt },
  "/attempts/:id/result": { component: QuizResult },
  "/results": { component: MyAttempts },
  "/attempts/:id/review": { component: AttemptReview },
  "/deck": { component: Deck },
  "/review": { component: OldDeckPath },
};

render(
  () => (
    <Router root={Layout}>
      {Object.entries(pages).map(([path, page]) => (
        <Route path={path} component={page.component} preload={page.preload} />
      ))}
      {/* Any other path: the Worker answers it with this page and a 404 status. */}
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  document.getElementById("root") as HTMLElement,
);

// The service worker is no part of the first frame: its installer is fetched once the page is drawn.
void import("./pwa.ts").then((m) => m.registerServiceWorker());
