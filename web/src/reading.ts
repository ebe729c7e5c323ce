// Saving where a signed-in learner is in a lesson: the block on screen after they stop scrolling, when they leave,
// and once when the lesson's end comes into view. Each save is one small PUT; nothing is sent if nothing changed.
import { api } from "./api.ts";

export interface ReadingState {
  anchor: string | null;
  finished: boolean;
}

/** What to send, given what the server has and what is on screen now; null when there is nothing new. */
export function readingUpdate(saved: ReadingState, now: ReadingState): { anchor?: string; finished?: true } | null {
  const anchorChanged = now.anchor !== null && now.anchor !== saved.anchor;
  const newlyFinished = now.finished && !saved.finished;
  if (!anchorChanged && !newlyFinished) return null;
  return { ...(anchorChanged && now.anchor !== null ? { anchor: now.anchor } : {}), ...(newlyFinished ? { finished: true } : {}) };
}

/** After the reader stops scrolling for this long, the position is saved. */
export const SETTLE_MS = 2500;

/**
 * Watches the page while a lesson is open. `topAnchor` reads the block at the top of the screen; `end` is the element
 * whose appearance means the lesson is read through. Returns the function that stops watching (and saves once more).
 */
export function trackReading(slug: string, topAnchor: () => string | undefined, end: Element | null): () => void {
  const saved: ReadingState = { anchor: null, finished: false };
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const save = () => {
    clearTimeout(timer);
    const body = readingUpdate(saved, { anchor: topAnchor() ?? null, finished });
    if (!body) return;
    Object.assign(saved, { anchor: body.anchor ?? saved.anchor, finished: saved.finished || body.finished === true });
    // keepalive: a save started as the tab goes away still reaches the server. A failure only loses a bookmark.
    void api.progress.lessons[":slug"].$put({ param: { slug }, json: body }, { init: { keepalive: true } }).catch(() => undefined);
  };
  const onScroll = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SETTLE_MS);
  };
  const onHide = () => {
    if (document.visibilityState === "hidden") save();
  };
  const observer =
    end && "IntersectionObserver" in window
      ? new IntersectionObserver((entries) => {
          if (entries.some((e) => e.isIntersecting) && !finished) {
            finished = true;
            save();
          }
        })
      : undefined;
  if (end) observer?.observe(end);
  window.addEventListener("scroll", onScroll, { passive: true });
  document.addEventListener("visibilitychange", onHide);
  return () => {
    window.removeEventListener("scroll", onScroll);
    document.removeEventListener("visibilitychange", onHide);
    observer?.disconnect();
    save();
  };
}
