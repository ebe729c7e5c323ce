import { readFileSync } from "node:fs";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { serviceWorker } from "./scripts/sw-plugin.ts";

// A student's first load is counted against a 35 KB budget (docs/performance.md). Left alone, the bundler makes a
// chunk for every set of pages sharing a module, so a quiz link fetched 18 small files and paid gzip's per-file
// cost on each. Two groups instead: the shell every page needs (framework, router, strings loader, API client,
// layout and the pieces most pages share) and the quiz kit (question views, answer outbox, attempt store) that the
// quiz, result, review and deck pages share. Page modules and string sets stay separate, loaded when visited.
// solid-js/store stays out of the shell: only instructor pages use it; so does the home page, which no other page needs.
const SHELL =
  /node_modules[\\/](solid-js[\\/](?!store[\\/])|@solid-primitives[\\/])|web[\\/]src[\\/](main\.tsx|router\.tsx|data\.ts|routing\.ts|i18n\.ts|api\.ts|session\.ts|course\.ts|dueCount\.ts|problem\.ts|dates\.ts|format\.ts|components[\\/](Icon|Gate|LoadError|Layout)\.tsx)$/;
const QUIZ_KIT = /web[\\/]src[\\/](quiz[\\/]|pages[\\/]quiz[\\/]channel\.ts$)/;
// Showing an answer (the review, the result, the deck's verdict) needs only the question model and the answer view:
// a chunk of their own, so a review does not download the whole kit for answering.
const ANSWER_VIEW = /web[\\/]src[\\/]quiz[\\/](AnswerView\.tsx|model\.ts|units\.ts|words\.ts)$/;
// Answering (the question inputs, the countdown) is shared by the quiz and the deck, not the result page; the rest of
// the kit (outbox, attempt store, problem screen) by the quiz and the result, not the deck.
const ANSWERING = /web[\\/]src[\\/]quiz[\\/](Questions\.tsx|Countdown\.tsx|countdown\.ts)$/;

/** The course build (lessons/build.ts): lesson requests name it, so the Worker can let them be cached as immutable. */
function courseVersion(): string {
  try {
    return (JSON.parse(readFileSync("lessons/.build/course.json", "utf8")) as { version: string }).version;
  } catch {
    return ""; // not built yet (a bare `vite` run): lessons are then fetched unversioned, cached for minutes
  }
}

export default defineConfig({
  root: "web",
  define: { __COURSE_VERSION__: JSON.stringify(courseVersion()) },
  // sw.js precaches the student's app shell; the manifest and icons come from web/public.
  plugins: [solid(), serviceWorker({ source: "web/src/sw.ts", publicFiles: ["/icon.svg", "/manifest.webmanifest"] })],
  // The manifest (dist/.vite/manifest.json) lets `npm run bench` walk what each route downloads.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "shell", test: SHELL, priority: 3 },
            { name: "answer-view", test: ANSWER_VIEW, priority: 2 },
            { name: "answering", test: ANSWERING, priority: 2 },
            { name: "quiz-kit", test: QUIZ_KIT, priority: 1 },
          ],
        },
      },
    },
  },
  server: { port: 5173, proxy: { "/api": "http://localhost:8787" } },
});
