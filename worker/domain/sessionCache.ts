// A small per-isolate cache of signed-in sessions, so a request with a known cookie costs no D1 round trip for it.
import type { SessionUser } from "../env.ts";
import { LruCache } from "./lru.ts";

/**
 * How long an isolate trusts a session it has read without asking D1 again. A logout in the same isolate
 * forgets it at once; a logout served by another isolate (or a row deleted by hand) takes effect here within
 * this window. The session's own expiry is always honoured exactly.
 */
export const SESSION_CACHE_TTL_MS = 60_000;
export const SESSION_CACHE_MAX = 5_000;

export class SessionCache {
  private readonly entries: LruCache<SessionUser>;
  constructor(
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    max = SESSION_CACHE_MAX,
  ) {
    this.entries = new LruCache(max);
  }

  /** The cached user for a token hash, or undefined when unknown, stale or expired. */
  get(tokenHash: string, now: number): SessionUser | undefined {
    return this.entries.get(tokenHash, now);
  }

  set(tokenHash: string, user: SessionUser, sessionExpiresAt: number, now: number): void {
    // Trusted for the cache's window, and never past the session's own expiry.
    this.entries.set(tokenHash, user, Math.min(now + this.ttlMs, sessionExpiresAt));
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  get size(): number {
    return this.entries.size;
  }
}
