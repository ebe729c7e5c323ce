// Installs the service worker (web/src/sw.ts) and, when a new version is waiting, offers to reload into it.

/** On a first visit the shell's remaining files wait this long after the page settled, so they never compete with it. */
const FIRST_VISIT_IDLE_MS = 10_000;

/**
 * Asks the worker for the rest of the app shell (offline use) once the page is idle: at once on a return visit (the
 * worker already controls the page), after a quiet while on a first one, and not on a Save-Data connection, where
 * files come as they are used.
 */
function fillShellWhenIdle(registration: ServiceWorkerRegistration, firstVisit: boolean) {
  const connection = (navigator as { connection?: { saveData?: boolean } }).connection;
  if (connection?.saveData) return;
  const idle = (fn: () => void) => ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 0));
  const ask = () => idle(() => registration.active?.postMessage({ type: "FILL_SHELL" }));
  if (firstVisit) setTimeout(ask, FIRST_VISIT_IDLE_MS);
  else ask();
}

/** Registers /sw.js in production builds (the dev server has no sw.js, and caching would fight hot reload). */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const container = navigator.serviceWorker;
  let accepted = false;
  const accept = () => {
    accepted = true;
  };
  // The first install takes control silently; only a new version the learner accepted reloads the page.
  container.addEventListener("controllerchange", () => {
    if (accepted) location.reload();
  });
  const register = async () => {
    try {
      const firstVisit = !container.controller;
      const registration = await container.register("/sw.js", { scope: "/" });
      void container.ready.then((ready) => fillShellWhenIdle(ready, firstVisit));
      if (registration.waiting && container.controller)
        void import("./updatePrompt.tsx").then((m) => m.offerUpdate(registration.waiting as ServiceWorker, accept));
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        installing?.addEventListener("statechange", () => {
          if (installing.state === "installed" && container.controller)
            void import("./updatePrompt.tsx").then((m) => m.offerUpdate(installing, accept));
        });
      });
      // A phone keeps the app open for days: look for a new version whenever it comes back to the foreground.
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") void registration.update().catch(() => undefined);
      });
    } catch (error) {
      // Without a service worker the app still works online; nothing to tell the learner.
      console.warn("Service worker registration failed", error);
    }
  };
  // main.tsx awaits the language strings before it gets here, so `load` may already have fired.
  if (document.readyState === "complete") void register();
  else window.addEventListener("load", () => void register(), { once: true });
}
