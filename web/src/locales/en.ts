// English UI strings.
import type { Dictionary } from "../i18n.ts";

export const en: Dictionary = {
  app: {
    name: "Qadam",
    tagline: "Step by step to knowledge",
    skip: "Skip to content",
    language: "Language",
    switchTo: "Русский",
    switchToLabel: "Переключить интерфейс на русский",
    offline: "You are offline. Answers are kept on this device and will be sent when the connection returns.",
  },
  nav: { main: "Main navigation", home: "Home", course: "Course", results: "Results", account: "Account" },
  home: {
    title: "China's high tech and Kazakhstan",
    lead: "A course of short lessons built on an analytical article about China's rise in high technology and the risks and prospects of Kazakhstan–China IT cooperation. Each lesson is a few minutes of reading and a quiz.",
    start: "Start the course",
    continue: "Continue",
    modules: "modules",
    questions: "questions",
    why: "Why Qadam",
    fast: "Fast on a weak network",
    fastText: "Light pages that open in seconds on any phone.",
    safe: "No answer is ever lost",
    safeText: "Answers are saved at once and wait on your device if the network drops.",
    honest: "Honest grades",
    honestText: "Graded on the server only, with clear partial-credit rules.",
  },
  notFound: { title: "Page not found", text: "There is no such page. Go back home.", home: "Go home" },
  common: { loading: "Loading…", error: "Could not load. Check the network and try again.", retry: "Try again" },
};
