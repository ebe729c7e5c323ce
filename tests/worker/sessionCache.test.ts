// The per-isolate session cache: hits within the window, honours session expiry exactly, forgets on logout, stays bounded.
import { describe, expect, it } from "vitest";
import { SessionCache } from "../../worker/domain/sessionCache.ts";
import type { SessionUser } from "../../worker/env.ts";

const user = (id: string): SessionUser => ({ id, email: `${id}@example.test`, name: id, role: "student" });

describe("SessionCache", () => {
  it("returns a session it was given until the window closes", () => {
    const cache = new SessionCache(1_000, 10);
    cache.set("h1", user("a"), 0, 1_000_000, 0);
    expect(cache.get("h1", 999)).toEqual(user("a"));
    expect(cache.get("h1", 1_000)).toBeUndefined();
    // A miss drops the stale entry.
    expect(cache.size).toBe(0);
  });

  it("never serves a session past its own expiry, even inside the window", () => {
    const cache = new SessionCache(60_000, 10);
    cache.set("h1", user("a"), 0, 500, 0);
    expect(cache.get("h1", 499)).toEqual(user("a"));
    expect(cache.get("h1", 500)).toBeUndefined();
  });

  it("forgets a deleted session at once", () => {
    const cache = new SessionCache();
    cache.set("h1", user("a"), 0, 10_000, 0);
    cache.delete("h1");
    expect(cache.get("h1", 1)).toBeUndefined();
  });

  it("does not mix up tokens", () => {
    const cache = new SessionCache();
    cache.set("h1", user("a"), 0, 10_000, 0);
    expect(cache.get("h2", 1)).toBeUndefined();
  });

  it("evicts the least recently used session beyond its size", () => {
    const cache = new SessionCache(60_000, 2);
    cache.set("h1", user("a"), 0, 10_000, 0);
    cache.set("h2", user("b"), 0, 10_000, 0);
    expect(cache.get("h1", 1)).toEqual(user("a"));
    cache.set("h3", user("c"), 0, 10_000, 2);
    expect(cache.size).toBe(2);
    expect(cache.get("h2", 3)).toBeUndefined();
    expect(cache.get("h1", 3)).toEqual(user("a"));
    expect(cache.get("h3", 3)).toEqual(user("c"));
  });

  it("a second set refreshes the window and the user", () => {
    const cache = new SessionCache(1_000, 10);
    cache.set("h1", user("a"), 0, 100_000, 0);
    cache.set("h1", { ...user("a"), name: "renamed" }, 0, 100_000, 900);
    expect(cache.get("h1", 1_500)?.name).toBe("renamed");
  });

  it("refuses a cached session from before the user's newest session generation (sign out everywhere)", () => {
    const cache = new SessionCache(60_000, 10);
    cache.set("h1", user("a"), 0, 100_000, 0);
    cache.set("h2", user("a"), 0, 100_000, 0);
    cache.set("h3", user("b"), 0, 100_000, 0);
    cache.noteGeneration("a", 1, 10);
    expect(cache.get("h1", 11)).toBeUndefined();
    expect(cache.get("h2", 11)).toBeUndefined();
    expect(cache.get("h3", 11)).toEqual(user("b"));
  });

  it("learns a newer generation from any session of the user read from D1 (another isolate's sign-out everywhere)", () => {
    const cache = new SessionCache(60_000, 10);
    cache.set("old", user("a"), 0, 100_000, 0);
    // A new sign-in after the sign-out everywhere is read here with the raised generation.
    cache.set("new", user("a"), 1, 100_000, 5);
    expect(cache.get("old", 6)).toBeUndefined();
    expect(cache.get("new", 6)).toEqual(user("a"));
    // An older generation noted later never lowers it.
    cache.noteGeneration("a", 0, 7);
    expect(cache.get("new", 8)).toEqual(user("a"));
  });
});
