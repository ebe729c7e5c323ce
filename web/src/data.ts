// The router's data layer: cached reads (query), async values for rendering (createAsync), revalidation, actions and
// their submission state, with @solidjs/router's cache rules (see router.tsx). No DOM here: tests/unit/web/router-data.test.ts
// runs it in Node.
import {
  type Accessor,
  batch,
  createResource,
  createRoot,
  createSignal,
  getListener,
  onCleanup,
  type Setter,
  startTransition,
} from "solid-js";
import { keyOf } from "./routing.ts";

export type Intent = "initial" | "navigate" | "native" | "preload";

/** Why the location last changed (router.tsx keeps it): back/forward ("native") may reuse any cached query result. */
export const navigation: { intent: Intent } = { intent: "initial" };

/** How long a result fetched for one reader (a preload, say) is reused by the next. */
const FRESH_MS = 5_000;
/** Results nobody reads are dropped after this long. */
const KEEP_MS = 180_000;

interface Entry {
  at: number;
  value: Promise<unknown>;
  readers: number;
  version: Accessor<number>;
  bump: Setter<number>;
}
const cache = new Map<string, Entry>();

setInterval(() => {
  const now = Date.now();
  for (const [key, entry] of cache) if (entry.readers === 0 && now - entry.at > KEEP_MS) cache.delete(key);
}, 300_000);

export type Query<A extends unknown[], R> = ((...args: A) => Promise<R>) & { key: string; keyFor: (...args: A) => string };

/** A cached read: calls with the same arguments share one request while it is fresh or in use. */
export function query<A extends unknown[], R>(fn: (...args: A) => Promise<R>, name: string): Query<A, R> {
  const cached = (...args: A): Promise<R> => {
    const key = keyOf(name, args);
    let entry = cache.get(key);
    const reuse = entry && entry.at > 0 && (entry.readers > 0 || navigation.intent === "native" || Date.now() - entry.at < FRESH_MS);
    if (!entry || !reuse) {
      const value = fn(...args);
      // A failed read is not kept: the next read (a retry) asks again.
      value.catch(() => {
        if (cache.get(key)?.value === value) (cache.get(key) as Entry).at = 0;
      });
      if (entry) Object.assign(entry, { at: Date.now(), value });
      else {
        const [version, bump] = createRoot(() => createSignal(0));
        entry = { at: Date.now(), value, readers: 0, version, bump };
        cache.set(key, entry);
      }
    }
    const live = entry as Entry;
    if (getListener()) {
      // Read inside a createAsync: counted as in use until that computation reruns or goes away,
      // and rerun when the entry is revalidated.
      live.readers++;
      onCleanup(() => live.readers--);
      live.version();
    }
    return live.value as Promise<R>;
  };
  return Object.assign(cached, { key: name, keyFor: (...args: A) => keyOf(name, args) });
}

/** Fetches the matching entries again (all of them without keys): every createAsync reading one reruns, in a transition. */
export function revalidate(keys?: string | string[]): Promise<void> {
  const list = keys === undefined ? undefined : Array.isArray(keys) ? keys : [keys];
  const matching = [...cache].filter(([key]) => !list || list.some((k) => key.startsWith(k)));
  for (const [, entry] of matching) entry.at = 0;
  return startTransition(() =>
    batch(() => {
      for (const [, entry] of matching) entry.bump((v) => v + 1);
    }),
  );
}

/** An async value for rendering: suspends the nearest <Suspense> while loading, throws to the <ErrorBoundary> on failure. */
export function createAsync<T>(fn: () => Promise<T>): Accessor<T | undefined> & { latest: T | undefined } {
  const [resource] = createResource(
    () => ({ promise: fn() }),
    ({ promise }) => promise,
  );
  const read = () => resource();
  return Object.defineProperty(read, "latest", { get: () => resource.latest }) as Accessor<T | undefined> & { latest: T | undefined };
}

/** A change on the server; after it succeeds every query is revalidated, so the screen shows the new state. */
export function action<A extends unknown[], R>(fn: (...args: A) => Promise<R>, _name?: string): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const result = await fn(...args);
    await revalidate();
    return result;
  };
}

export const useAction = <A extends unknown[], R>(act: (...args: A) => Promise<R>) => act;

/** A call of an action with its state for the view: `pending()` while it runs, then its `result()` or its `error()`. */
export type Submission<A extends unknown[], R> = ((...args: A) => Promise<R>) & {
  pending: Accessor<boolean>;
  result: Accessor<R | undefined>;
  error: Accessor<unknown>;
};

/**
 * Wraps an action (or any async call) so a page need not keep its pending flag by hand. Calling it clears the last
 * error, runs the call and returns (or throws) what it does, so the page still reacts to success and failure itself.
 */
export function useSubmission<A extends unknown[], R>(act: (...args: A) => Promise<R>): Submission<A, R> {
  const [pending, setPending] = createSignal(false);
  const [result, setResult] = createSignal<R>();
  const [error, setError] = createSignal<unknown>();
  const run = async (...args: A) => {
    batch(() => {
      setPending(true);
      setError(undefined);
    });
    try {
      const value = await act(...args);
      setResult(() => value);
      return value;
    } catch (e) {
      setError(() => e);
      throw e;
    } finally {
      setPending(false);
    }
  };
  return Object.assign(run, { pending, result, error });
}
