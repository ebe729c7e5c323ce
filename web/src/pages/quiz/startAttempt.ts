// Starting (or resuming) an attempt with POST /api/attempts, for the practice link and an assignment's start page:
// the attempt is cached on the device and handed to /attempts/:id, so that page draws it without a second request.
// Without network, an attempt this device already opened goes on from its cache.
import { type ApiProblem, api } from "../../api.ts";
import { formatDateTime } from "../../dates.ts";
import { loadStrings, locale, t } from "../../i18n.ts";
import { cacheAttempt, openAttemptFor, rememberStart, type StartRef } from "../../quiz/store.ts";
import { type AttemptJson, handoff, storage } from "./channel.ts";

// These messages' strings arrive with this code (see i18n.ts).
await loadStrings("quiz");

export type StartFailure =
  | { kind: "offline" }
  | { kind: "signin" }
  | { kind: "instructor" }
  | { kind: "notFound" }
  | { kind: "conflict"; reason: string; detail: string; reopensAt: string | null }
  | { kind: "error"; detail: string };

function startFailure(status: number, problem: ApiProblem | null): StartFailure {
  if (status === 401) return { kind: "signin" };
  if (status === 403) return { kind: "instructor" };
  if (status === 404) return { kind: "notFound" };
  if (status === 409)
    return { kind: "conflict", reason: problem?.reason ?? "", detail: problem?.detail ?? "", reopensAt: problem?.reopensAt ?? null };
  return { kind: "error", detail: problem?.detail ?? `HTTP ${status}` };
}

export function conflictMessage(reason: string, detail: string, reopensAt: string | null): string {
  if (reason === "practice_paused")
    return reopensAt ? t("quiz.practicePausedUntil", { date: formatDateTime(reopensAt, locale()) }) : t("quiz.practicePaused");
  if (reason === "not_open_yet") {
    const at = /\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(detail)?.[0];
    return at ? t("quiz.notOpenYetAt", { date: formatDateTime(at, locale()) }) : t("quiz.notOpenYet");
  }
  if (reason === "past_due") return t("quiz.pastDue");
  if (reason === "attempt_limit") return t("quiz.attemptLimit");
  return detail || t("form.failed");
}

/** A failed start in the learner's words. */
export function startFailureText(f: StartFailure): string {
  switch (f.kind) {
    case "conflict":
      return conflictMessage(f.reason, f.detail, f.reopensAt);
    case "offline":
      return t("quiz.offlineStart");
    case "notFound":
      return t("quiz.notFound");
    case "signin":
      return t("quiz.signIn");
    case "instructor":
      return t("quiz.instructor");
    case "error":
      return f.detail;
  }
}

/** The id of the attempt to show (new, resumed, or this device's cached one when offline), or why there is none. */
export async function startAttempt(
  start: StartRef,
  body: { module: string } | { assignmentId: string },
): Promise<{ id: string } | { failure: StartFailure }> {
  // The attempt page's code downloads while the server starts the attempt.
  void import("./QuizAttempt.tsx");
  let res: Awaited<ReturnType<typeof api.attempts.$post>>;
  try {
    res = await api.attempts.$post({ json: body });
  } catch {
    const id = openAttemptFor(storage(), start);
    return id ? { id } : { failure: { kind: "offline" } };
  }
  if (res.status === 200 || res.status === 201) {
    const attempt = (await res.json()) as AttemptJson;
    const receivedAt = Date.now();
    cacheAttempt(storage(), attempt, receivedAt);
    rememberStart(storage(), start, attempt.id);
    handoff.set(attempt.id, { attempt, receivedAt });
    return { id: attempt.id };
  }
  return { failure: startFailure(res.status, (await res.json().catch(() => null)) as ApiProblem | null) };
}
