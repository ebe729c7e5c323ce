// What a page shows when its data did not load: a not-found message, or what happened with a way to try again.
import { Show } from "solid-js";
import { ApiError } from "../api.ts";
import { t } from "../i18n.ts";
import { problemMessage } from "../problem.ts";
import { A } from "../router.tsx";

export function LoadError(props: { error: unknown; retry: () => void; notFound?: { title: string; text: string } }) {
  const missing = () => props.notFound && props.error instanceof ApiError && props.error.problem.status === 404;
  return (
    <Show
      when={!missing()}
      fallback={
        <div class="load-error" role="alert">
          <h1>{props.notFound?.title}</h1>
          <p>{props.notFound?.text}</p>
          <A href="/modules" class="button">
            {t("course.backToOutline")}
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
