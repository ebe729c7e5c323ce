// The app's router and data layer: the part of @solidjs/router's API this app uses, in ≈ 2 KB gzipped
// instead of ≈ 7 KB (a fifth of a student's 35 KB first load; see docs/performance.md).
//
// Same names and meanings as @solidjs/router, so pages read the same: <Router root>/<Route path component preload>,
// <A> (active class and aria-current), useNavigate/useLocation/useParams/useSearchParams, and
// query/createAsync/revalidate/action/useAction with the router's cache rules: a query's result is reused while a
// live createAsync reads it, for 5 s after it was fetched (so a route's preload and its page share one request), and
// on back/forward; otherwise each navigation fetches afresh. Navigations run in a transition, so the old page stays
// on screen until the new one's code and data have arrived. Fragment links on the same page are left to the
// browser (it scrolls and moves focus, which the skip link needs); popstate keeps the location in step.
import {
  type Accessor,
  type Component,
  children,
  createMemo,
  createRoot,
  createSignal,
  type JSX,
  onCleanup,
  Show,
  startTransition,
  untrack,
} from "solid-js";
import { type Intent, navigation } from "./data.ts";
import { type CompiledRoute, compile, linkState, type Params, pickRoute, withSearch } from "./routing.ts";

export { action, createAsync, query, revalidate, type Submission, useAction, useSubmission } from "./data.ts";
export type { Intent, Params };

export interface Location<S = Record<string, unknown>> {
  pathname: string;
  search: string;
  hash: string;
  /** The search parameters as an object (a repeated key keeps its last value). */
  query: Params;
  /** What `navigate(to, { state })` attached to this history entry. */
  state: S | null;
}

export interface RoutePreloadFuncArgs {
  params: Params;
  location: Location;
  intent: Intent;
}

export interface RouteSectionProps {
  children?: JSX.Element;
}

export interface NavigateOptions {
  replace?: boolean;
  /** Scroll to the fragment's element, else to the top, once the new page is on screen (default true). */
  scroll?: boolean;
  state?: Record<string, unknown>;
}

interface RouteDefinition {
  path: string;
  component: Component;
  preload?: (args: RoutePreloadFuncArgs) => void;
}

// ---- Location ------------------------------------------------------------------------------------------------

function readLocation(): Location {
  const { pathname, search, hash } = window.location;
  const query: Params = {};
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  return { pathname, search, hash, query, state: (history.state as { usr?: Location["state"] } | null)?.usr ?? null };
}

const [location, setLocation] = createSignal(readLocation());

function update(next: Intent, scroll: boolean): Promise<void> {
  navigation.intent = next;
  return startTransition(() => setLocation(readLocation())).then(() => {
    navigation.intent = "navigate";
    if (!scroll) return;
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
  });
}

// ---- Leaving ---------------------------------------------------------------------------------------------------

/** Asked before the app moves to another URL (its path, search and hash); false keeps the learner where they are. */
export type LeaveGuard = (to: string) => boolean;
const guards = new Set<LeaveGuard>();
const allowed = (to: string) => [...guards].every((guard) => guard(to));

/** Registers a guard for the life of the calling component (a timed attempt asks before the learner leaves it). */
export function useLeaveGuard(guard: LeaveGuard): void {
  guards.add(guard);
  onCleanup(() => guards.delete(guard));
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const href = url.pathname + url.search + url.hash;
  if (!allowed(href)) return;
  const { pathname, search, hash } = window.location;
  // Following a link to where we already are adds no history entry (the router did not either).
  if (href === pathname + search + hash && options.state === undefined) return;
  history[options.replace ? "replaceState" : "pushState"]({ usr: options.state ?? null }, "", href);
  void update("navigate", options.scroll ?? true);
}

export const useNavigate = () => navigate;

/**
 * One memo per piece of the location, made once in a root of its own: a reader reruns only when its own piece
 * changes (moving to ?q=3 does not disturb what reads the path, the hash or another parameter).
 */
const memos = new Map<string, Accessor<unknown>>();
function piece<T>(key: string, read: () => T): T {
  let memo = memos.get(key);
  if (!memo) {
    memo = createRoot(() => createMemo(read));
    memos.set(key, memo);
  }
  return memo() as T;
}

/** The current location; its fields are reactive. */
export function useLocation<S = Record<string, unknown>>(): Location<S> {
  return {
    get pathname() {
      return piece("pathname", () => location().pathname);
    },
    get search() {
      return piece("search", () => location().search);
    },
    get hash() {
      return piece("hash", () => location().hash);
    },
    get query() {
      return new Proxy({} as Params, { get: (_target, key) => (typeof key === "string" ? searchParam(key) : undefined) });
    },
    get state() {
      return piece("state", () => location().state) as S | null;
    },
  };
}

const searchParam = (key: string) => piece(`?${key}`, () => location().query[key]);

/** A link that leaves the page to the browser: another origin or window, a download, `rel="external"`, a modified click. */
function routedLink(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return null;
  const a = (event.target as Element | null)?.closest?.("a");
  if (!a?.hasAttribute("href") || a.hasAttribute("download") || /\bexternal\b/.test(a.rel)) return null;
  if (a.target && a.target !== "_self") return null;
  const url = new URL(a.href);
  if (url.origin !== window.location.origin) return null;
  // Only the fragment changes: the browser scrolls and focuses the target; popstate tells us.
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return null;
  return a;
}

// ---- Routes ----------------------------------------------------------------------------------------------------

/** Declares a route inside <Router>; it renders nothing itself. */
export function Route(props: RouteDefinition): JSX.Element {
  return props as unknown as JSX.Element;
}

const [routes, setRoutes] = createSignal<CompiledRoute<RouteDefinition>[]>([]);
const matched = createRoot(() => createMemo(() => pickRoute(routes(), location().pathname)));

/** The current route's parameters (decoded); each one reactive on its own. */
export function useParams<T extends Params = Params>(): T {
  return new Proxy({} as T, {
    get: (_target, key) => (typeof key === "string" ? piece(`:${key}`, () => matched()?.params[key]) : undefined),
  });
}

export function useSearchParams<T extends Record<string, string | undefined> = Params>(): [
  Partial<T>,
  (changes: Partial<Record<keyof T, string | undefined>>, options?: NavigateOptions) => void,
] {
  const search = new Proxy({} as Partial<T>, { get: (_target, key) => (typeof key === "string" ? searchParam(key) : undefined) });
  const set = (changes: Partial<Record<keyof T, string | undefined>>, options?: NavigateOptions) => {
    const { pathname, search: now, hash } = untrack(location);
    navigate(withSearch(pathname, now, hash, changes as Record<string, string | undefined>), { scroll: false, ...options });
  };
  return [search, set];
}

export function Router(props: { root: Component<RouteSectionProps>; children: JSX.Element }): JSX.Element {
  setRoutes((children(() => props.children).toArray() as unknown as RouteDefinition[]).map(compile));
  // Start the route's data as soon as it matches, alongside its page's code.
  createMemo(() => {
    const match = matched();
    if (match?.route.preload)
      untrack(() => match.route.preload?.({ params: match.params, location: location(), intent: navigation.intent }));
  });
  const route = createMemo(() => matched()?.route);

  const onClick = (event: MouseEvent) => {
    const a = routedLink(event);
    if (!a) return;
    event.preventDefault();
    const url = new URL(a.href);
    navigate(url.pathname + url.search + url.hash, { replace: a.hasAttribute("replace") });
  };
  const onPopState = () => {
    const { pathname, search, hash } = window.location;
    if (allowed(pathname + search + hash)) return void update("native", false);
    // Back or forward was refused: put the page's own URL back (history cannot be cancelled, only undone).
    const here = untrack(location);
    history.pushState({ usr: here.state }, "", here.pathname + here.search + here.hash);
  };
  document.addEventListener("click", onClick);
  window.addEventListener("popstate", onPopState);
  onCleanup(() => {
    document.removeEventListener("click", onClick);
    window.removeEventListener("popstate", onPopState);
  });

  return (
    <props.root>
      <Show when={route()} keyed>
        {(r) => <r.component />}
      </Show>
    </props.root>
  );
}

/** Moves on to `href` in place of this history entry, keeping the query and fragment: an old path that links and bookmarks still use. */
export function Navigate(props: { href: string }): JSX.Element {
  const { search, hash } = untrack(location);
  queueMicrotask(() => navigate(props.href + search + hash, { replace: true }));
  return null;
}

/** A link to a route of this app, `active` (and aria-current) when the location is at or under it. */
export function A(props: {
  href: string;
  class?: string;
  activeClass?: string;
  end?: boolean;
  classList?: Record<string, boolean>;
  rel?: string;
  "aria-label"?: string;
  /** Overrides the automatic `page` (a quiz grid marks its current `step`). */
  "aria-current"?: "page" | "step" | undefined;
  children?: JSX.Element;
}) {
  const state = createMemo(() => linkState(props.href, location().pathname, props.end));
  // The attributes one by one, not `{...rest}`: an element spread would pull Solid's spread runtime into the shell.
  return (
    <a
      href={props.href}
      classList={{ ...(props.class ? { [props.class]: true } : {}), [props.activeClass ?? "active"]: state().active, ...props.classList }}
      rel={props.rel}
      aria-label={props["aria-label"]}
      aria-current={"aria-current" in props ? props["aria-current"] : state().current ? "page" : undefined}
    >
      {props.children}
    </a>
  );
}
