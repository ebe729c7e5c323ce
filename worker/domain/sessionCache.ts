// A small per-isolate cache of signed-in sessions, so a request with a known cookie costs no D1 round trip for it.
import type { SessionUser } from "../env.ts";
import { LruCache } from "./lru.ts";

/**
 * How long an isolate trusts a session it has read without asking D1 again. A logout in the same isolate
 * forgets it at once; a logout served by another isolate (or a row deleted by hand) takes effect here within
 * this window. The session's own expiry is always honoured exactly.
 *
 * "Sign out everywhere" raises the user's session generation. The isolate that served it refuses every cached
 * session of that user at once; another isolate does so as soon as it reads any session of that user from D1
 * (it learns the new generation), and in any case within this window.
 */
export const SESSION_CACHE_TTL_MS = 60_000;
export const SESSION_CACHE_MAX = 5_000;

interface Entry {
  user: SessionUser;
  generation: number;
}

export class SessionCache {
  private readonly entries: LruCache<Entry>;
  // The newest session generation seen per user; kept as long as a session can be cached.
  private readonly generations: LruCache<number>;
  constructor(
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    max = SESSION_CACHE_MAX,
  ) {
    this.entries = new LruCache(max);
    this.generations = new LruCache(max);
  }

  /** The cached user for a token hash, or undefined when unknown, stale, expired or from an older generation. */
  get(tokenHash: string, now: number): SessionUser | undefined {
    const entry = this.entries.get(tokenHash, now);
    if (!entry) return undefined;
    if (entry.generation < (this.generations.get(entry.user.id, now) ?? 0)) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.user;
  }

  /** Caches a session read from D1 under the user's generation at that read. */
  set(tokenHash: string, user: SessionUser, generation: number, sessionExpiresAt: number, now: number): void {
    this.noteGeneration(user.id, generation, now);
    // Trusted for the cache's window, and never past the session's own expiry.
    this.entries.set(tokenHash, { user, generation }, Math.min(now + this.ttlMs, sessionExpiresAt));
  }

  /** Records a user's session generation: cached sessions from an older one are refused from now on. */
  noteGeneration(userId: string, generation: number, now: number): void {
    const known = this.generations.get(userId, now) ?? 0;
    // Remembered as long as any session read before it could still be cached.
    this.generations.set(userId, Math.max(known, generation), now + this.ttlMs);
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  get size(): number {
    return this.entries.size;
  }
}
