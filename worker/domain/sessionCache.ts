// A small per-isolate cache of signed-in sessions, so a request with a known cookie costs no D1 round trip for it.
import type { SessionUser } from "../env.ts";

/**
 * How long an isolate trusts a session it has read without asking D1 again. A logout in the same isolate
 * forgets it at once; a logout served by another isolate (or a row deleted by hand) takes effect here within
 * this window. The session's own expiry is always honoured exactly.
 */
export const SESSION_CACHE_TTL_MS = 60_000;
export const SESSION_CACHE_MAX = 5_000;

interface Entry {
  user: SessionUser;
  sessionExpiresAt: number;
  cachedUntil: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly max = SESSION_CACHE_MAX,
  ) {}

  /** The cached user for a token hash, or undefined when unknown, stale or expired. */
  get(tokenHash: string, now: number): SessionUser | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now >= entry.cachedUntil || now >= entry.sessionExpiresAt) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    // Re-inserting keeps the Map in least-recently-used order, so eviction drops the coldest session.
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    return entry.user;
  }

  set(tokenHash: string, user: SessionUser, sessionExpiresAt: number, now: number): void {
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { user, sessionExpiresAt, cachedUntil: now + this.ttlMs });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  get size(): number {
    return this.entries.size;
  }
}
