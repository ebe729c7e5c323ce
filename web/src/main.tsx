// The web app's entry: the router and its pages; instructor pages are split out and loaded lazily.
import { Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { render } from "solid-js/web";
import { Layout } from "./components/Layout.tsx";
import { Home } from "./pages/Home.tsx";
import Lesson, { preloadLesson } from "./pages/Lesson.tsx";
import Outline, { preloadOutline } from "./pages/Outline.tsx";
import "./styles.css";

const NotFound = lazy(() => import("./pages/NotFound.tsx"));

render(
  () => (
    <Router root={Layout}>
      <Route path="/" component={Home} />
      <Route path="/modules" component={Outline} preload={preloadOutline} />
      <Route path="/modules/:slug" component={Lesson} preload={preloadLesson} />
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  document.getElementById("root") as HTMLElement,
);
