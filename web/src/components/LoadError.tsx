// What a page shows when its data did not load: a not-found message, or what happened with a way to try again.
import { ErrorBoundary, type JSX, Show, Suspense } from "solid-js";
import { ApiError } from "../api.ts";
import { t } from "../i18n.ts";
import { problemMessage } from "../problem.ts";
import { A } from "../router.tsx";

/** What a page says when the thing it shows does not exist (a 404), and where it sends the reader instead. */
export interface NotFound {
  title?: string;
  text: string;
  /** Default: back to the course outline. */
  back?: { href: string; label: string };
}

export function LoadError(props: { error: unknown; retry: () => void; notFound?: NotFound | undefined }) {
  const missing = () => props.notFound && props.error instanceof ApiError && props.error.problem.status === 404;
  return (
    <Show
      when={!missing()}
      fallback={
        <div class="load-error" role="alert">
          <Show when={props.notFound?.title}>
            <h1>{props.notFound?.title}</h1>
          </Show>
          <p>{props.notFound?.text}</p>
          <A href={props.notFound?.back?.href ?? "/modules"} class="button">
            {props.notFound?.back?.label ?? t("course.backToOutline")}
          </A>
        </div>
      }
    >
      <div class="card load-error" role="alert">
        <p>{props.error instanceof ApiError ? problemMessage(props.error) : t("common.error")}</p>
        <button type="button" class="button block" onClick={() => props.retry()}>
          {t("common.retry")}
        </button>
      </div>
    </Show>
  );
}

/** A placeholder while data loads, announced politely to screen readers. */
export function Loading() {
  return (
    <p class="loading" role="status" aria-live="polite">
      {t("common.loading")}
    </p>
  );
}

/**
 * A page's data, told well in every state: a placeholder while it loads, then the children; on failure what
 * happened and a retry (`retry` revalidates the queries that failed, then the children render again), or the
 * `notFound` message for a 404.
 */
export function LoadBoundary(props: { retry: () => unknown; notFound?: NotFound; children: JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <LoadError
          error={error}
          notFound={props.notFound}
          retry={async () => {
            await props.retry();
            reset();
          }}
        />
      )}
    >
      <Suspense fallback={<Loading />}>{props.children}</Suspense>
    </ErrorBoundary>
  );
}
