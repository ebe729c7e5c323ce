// Sending an attempt's answers: one device outbox and sender per attempt, kept for the life of the page so
// answers keep going out while the learner reads a lesson; the start page's handoff of a fresh attempt.
import type { InferResponseType } from "hono/client";
import { type ApiProblem, api } from "../../api.ts";
import { Outbox, type OutboxEntry, OutboxSender, type SenderEvents, type SendOutcome } from "../../quiz/outbox.ts";
import { patchCachedAnswer } from "../../quiz/store.ts";

export type AttemptJson = InferResponseType<(typeof api.attempts)[":id"]["$get"], 200>;

/** A save that hangs this long on a bad network counts as failed and is retried. */
const SEND_TIMEOUT_MS = 15_000;

export const storage = (): Storage => localStorage;

/** The attempt a start page just received, handed to /attempts/:id so it need not fetch it again (memory only). */
export const handoff = new Map<string, { attempt: AttemptJson; receivedAt: number }>();

export interface Channel {
  outbox: Outbox;
  sender: OutboxSender;
  /** The page showing the attempt, if any; the sender keeps delivering while the learner reads a lesson. */
  listener: SenderEvents & { signedOut?(yes: boolean): void };
}

const channels = new Map<string, Channel>();

async function sendAnswer(attemptId: string, entry: OutboxEntry, channel: Channel): Promise<SendOutcome> {
  const res = await api.attempts[":id"].answers[":questionId"].$put(
    { param: { id: attemptId, questionId: entry.questionId }, json: { answer: entry.answer, revision: entry.revision } },
    { init: { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) } },
  );
  if (res.status === 200) {
    channel.listener.signedOut?.(false);
    const body = await res.json();
    return { kind: "saved", revision: body.revision, body };
  }
  if (res.status === 409) {
    const problem = (await res.json().catch(() => null)) as ApiProblem | null;
    return { kind: "closed", reason: problem?.reason ?? "attempt_closed" };
  }
  // Signed out (expired session): keep every answer and retry; the page offers to sign in again.
  if (res.status === 401) {
    channel.listener.signedOut?.(true);
    return { kind: "retry" };
  }
  if (res.status === 400 || res.status === 404) return { kind: "rejected", status: res.status };
  return { kind: "retry" };
}

export function channelFor(attemptId: string): Channel {
  const existing = channels.get(attemptId);
  if (existing) return existing;
  const outbox = new Outbox(attemptId, storage());
  const channel = { outbox, listener: {} } as Channel;
  channel.sender = new OutboxSender(outbox, (entry) => sendAnswer(attemptId, entry, channel), {
    saved(entry, body) {
      const feedback = (body as { feedback?: unknown }).feedback ?? undefined;
      patchCachedAnswer(storage(), attemptId, entry.questionId, { answer: entry.answer, revision: entry.revision }, feedback);
      channel.listener.saved?.(entry, body);
    },
    rejected: (entry, status) => channel.listener.rejected?.(entry, status),
    closed(reason) {
      channels.delete(attemptId);
      channel.listener.closed?.(reason);
    },
    change: (state) => channel.listener.change?.(state),
  });
  window.addEventListener("online", () => {
    if (channels.get(attemptId) === channel) void channel.sender.retryNow();
  });
  channels.set(attemptId, channel);
  return channel;
}

export function closeChannel(attemptId: string) {
  channels.get(attemptId)?.sender.stop();
  channels.delete(attemptId);
}
