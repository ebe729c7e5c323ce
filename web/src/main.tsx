// The web app's entry: the router and its pages; instructor pages are split out and loaded lazily.
import { lazy } from "solid-js";
import { render } from "solid-js/web";
import { Layout } from "./components/Layout.tsx";
import { preloadLesson, preloadOutline } from "./course.ts";
import { loadLocale, locale } from "./i18n.ts";
import { Home } from "./pages/Home.tsx";
import { registerServiceWorker } from "./pwa.tsx";
import { Navigate, Route, Router } from "./router.tsx";
import "./styles/index.css";

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
// Taking a quiz: start or resume, then the attempt and its result, fetched when visited.
const PracticeStart = lazy(() => import("./pages/quiz/index.ts").then((m) => ({ default: m.PracticeStart })));
const AssignmentStart = lazy(() => import("./pages/quiz/index.ts").then((m) => ({ default: m.AssignmentStart })));
const QuizAttempt = lazy(() => import("./pages/quiz/index.ts"));
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
await loadLocale(locale());

render(
  () => (
    <Router root={Layout}>
      <Route path="/" component={Home} />
      <Route path="/modules" component={Outline} preload={preloadOutline} />
      <Route path="/modules/:slug" component={Lesson} preload={preloadLesson} />
      <Route path="/signin" component={SignIn} />
      <Route path="/signup" component={SignUp} />
      <Route path="/account" component={Account} />
      <Route path="/dashboard" component={Dashboard} />
      <Route path="/join/:code" component={Join} />
      <Route path="/classes" component={Classes} />
      <Route path="/classes/:id" component={ClassDetail} />
      <Route path="/classes/:id/assignments/new" component={AssignmentForm} />
      <Route path="/classes/:id/assignments/:assignmentId" component={AssignmentForm} />
      <Route path="/classes/:id/gradebook" component={Gradebook} />
      <Route path="/classes/:id/students/:studentId" component={StudentDetail} />
      <Route path="/classes/:id/items" component={ItemAnalysis} />
      <Route path="/lms" component={LmsConnections} />
      <Route path="/modules/:slug/quiz" component={PracticeStart} />
      <Route path="/quiz/assignment/:assignmentId" component={AssignmentStart} />
      <Route path="/attempts/:id" component={QuizAttempt} />
      <Route path="/attempts/:id/result" component={QuizResult} />
      <Route path="/results" component={MyAttempts} />
      <Route path="/attempts/:id/review" component={AttemptReview} />
      <Route path="/deck" component={Deck} />
      <Route path="/review" component={OldDeckPath} />
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  document.getElementById("root") as HTMLElement,
);

registerServiceWorker();
