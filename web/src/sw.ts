// The service worker: precaches the app shell, keeps opened lessons and recent results for offline use, and updates cleanly.
// Built by the `qadam-service-worker` plugin in vite.config.ts into dist/sw.js, which fills in the two constants below.

/** The build's precache list (URLs of the shell: "/", the student's JS and CSS, the icon and manifest). */
declare const __QADAM_PRECACHE__: string[];
/** A hash of that list and this file: a new build is a new worker with new caches. */
declare const __QADAM_VERSION__: string;

// The web project's DOM types have no service worker scope; these are the few parts of it used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface ServiceWorkerScope {
  readonly location: Location;
  readonly registration: { readonly active: unknown };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  addEventListener(type: "message", listener: (event: ExtendableMessageEvent) => void): void;
}

const sw = self as unknown as ServiceWorkerScope;
const PRECACHE = __QADAM_PRECACHE__;
const PREFIX = "qadam-";
const SHELL_CACHE = `${PREFIX}shell-${__QADAM_VERSION__}`;
// API data is tied to the build too: a new version may read a new response shape, so its cache starts empty.
const DATA_CACHE = `${PREFIX}data-${__QADAM_VERSION__}`;
/** On a slow network, results fall back to the copy on the device after this long (the network answer still refreshes it). */
const NETWORK_TIMEOUT_MS = 4000;

const precached = new Set(PRECACHE.map((path) => new URL(path, sw.location.href).href));

/**
 * Puts the shell's files in the cache. `onlyIfCached`: take only what the browser's HTTP cache already holds (what
 * the page just loaded) and download nothing; the rest follows when the page is idle (fillShell). The files are
 * content-hashed and immutable, so a copy from the HTTP cache is exactly this build's; "/" revalidates as usual.
 */
async function fillShell(onlyIfCached: boolean): Promise<void> {
  const cache = await caches.open(SHELL_CACHE);
  const have = new Set((await cache.keys()).map((r) => r.url));
  await Promise.all(
    PRECACHE.map(async (path) => {
      const url = new URL(path, sw.location.href).href;
      if (have.has(url)) return;
      try {
        const res = await fetch(new Request(url, onlyIfCached ? { cache: "only-if-cached", mode: "same-origin" } : {}));
        if (res.ok) await cache.put(url, res);
      } catch {
        // Not in the HTTP cache (or offline): fetched on first use, or by the next fillShell.
      }
    }),
  );
}

sw.addEventListener("install", (event) => {
  // A first visit downloads the app once: the worker keeps what the page already loaded, and the page asks for the
  // rest once it is idle. An update (a worker already active) fetches the new build now, through the HTTP cache, so
  // files that did not change are not downloaded again.
  const firstInstall = !sw.registration.active;
  event.waitUntil(fillShell(firstInstall));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== SHELL_CACHE && name !== DATA_CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

// The page asks a waiting worker to take over once the learner chose to reload, and, once idle, to fetch the rest
// of the shell for offline use (web/src/pwa.tsx).
sw.addEventListener("message", (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === "SKIP_WAITING") void sw.skipWaiting();
  if (type === "FILL_SHELL") event.waitUntil(fillShell(false));
});

/** Lessons and the outline: read from the device at once, refreshed in the background. */
const isLessonData = (path: string) => path === "/api/modules" || path.startsWith("/api/modules/");

/**
 * Lessons are kept under their URL without the course build (`v`): after an app update the lesson read last week
 * still opens offline, and is refreshed in the background when the network is there.
 */
function lessonKey(url: URL): string {
  const key = new URL(url);
  key.searchParams.delete("v");
  return key.href;
}

/** The learner's own recent results: fresh when the network answers, the last copy when it does not. */
const isResultsData = (path: string) =>
  path === "/api/me" || path === "/api/attempts" || path === "/api/assignments" || /^\/api\/attempts\/[^/]+\/review$/.test(path);

/** Requests that change who is signed in (or delete the account): the cached data belonged to the previous session. */
const changesSession = (path: string) => path.startsWith("/api/auth/") || path === "/api/me/delete" || path === "/api/me/password";

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;

  if (request.method !== "GET") {
    // Never cached; only watched, to forget the previous person's data on sign-in, sign-up and sign-out.
    if (changesSession(url.pathname)) event.respondWith(forgetDataAfter(fetch(request)));
    return;
  }
  if (url.pathname.startsWith("/api/")) {
    if (isLessonData(url.pathname)) event.respondWith(staleWhileRevalidate(event, request, lessonKey(url)));
    else if (isResultsData(url.pathname)) event.respondWith(networkFirst(event, request, url.pathname === "/api/me"));
    return;
  }
  if (request.mode === "navigate" && !/\.[a-z0-9]+$/i.test(url.pathname)) {
    event.respondWith(appShell(request));
    return;
  }
  if (precached.has(url.href)) event.respondWith(cacheFirst(request));
});

async function forgetDataAfter(response: Promise<Response>): Promise<Response> {
  const res = await response;
  if (res.ok) await caches.delete(DATA_CACHE);
  return res;
}

/** Every page of the single-page app is the same shell; the router draws the page. */
async function appShell(request: Request): Promise<Response> {
  const cached = await caches.match("/", { cacheName: SHELL_CACHE });
  if (cached) return cached;
  return fetch(request);
}

/** A shell file from the cache; one not there yet (the shell is still filling) is fetched and kept. */
async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) {
    const copy = res.clone();
    void caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy));
  }
  return res;
}

async function store(request: Request | string, response: Response): Promise<void> {
  // Only whole, successful answers are worth keeping (a 304 reaches us as the browser cache's 200).
  if (response.status !== 200) return;
  const cache = await caches.open(DATA_CACHE);
  await cache.put(request, response);
}

async function staleWhileRevalidate(event: FetchEvent, request: Request, key: string = request.url): Promise<Response> {
  const cached = await caches.match(key, { cacheName: DATA_CACHE });
  const fresh = fetch(request).then(async (response) => {
    await store(key, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

async function networkFirst(event: FetchEvent, request: Request, isSession: boolean): Promise<Response> {
  const fresh = fetch(request).then(async (response) => {
    // A session that ended must not live on in the cache: forget its data (it is no longer this person's).
    if (isSession && response.status === 401) await caches.delete(DATA_CACHE);
    else await store(request, response.clone());
    return response;
  });
  event.waitUntil(fresh.catch(() => undefined));
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), NETWORK_TIMEOUT_MS));
  try {
    const first = await Promise.race([fresh, timeout]);
    if (first) return first;
    // Slow network: the copy on the device if there is one, else keep waiting.
    return (await caches.match(request, { cacheName: DATA_CACHE })) ?? (await fresh);
  } catch (error) {
    const cached = await caches.match(request, { cacheName: DATA_CACHE });
    if (cached) return cached;
    throw error;
  }
}

export {};
