// The per-isolate session cache: hits within the window, honours session expiry exactly, forgets on logout, stays bounded.
import { describe, expect, it } from "vitest";
import { SessionCache } from "../../worker/domain/sessionCache.ts";
import type { SessionUser } from "../../worker/env.ts";

const user = (id: string): SessionUser => ({ id, email: `${id}@example.test`, name: id, role: "student" });

describe("SessionCache", () => {
  it("returns a session it was given until the window closes", () => {
    const cache = new SessionCache(1_000, 10);
    cache.set("h1", user("a"), 1_000_000, 0);
    expect(cache.get("h1", 999)).toEqual(user("a"));
    expect(cache.get("h1", 1_000)).toBeUndefined();
    // A miss drops the stale entry.
    expect(cache.size).toBe(0);
  });

  it("never serves a session past its own expiry, even inside the window", () => {
    const cache = new SessionCache(60_000, 10);
    cache.set("h1", user("a"), 500, 0);
    expect(cache.get("h1", 499)).toEqual(user("a"));
    expect(cache.get("h1", 500)).toBeUndefined();
  });

  it("forgets a deleted session at once", () => {
    const cache = new SessionCache();
    cache.set("h1", user("a"), 10_000, 0);
    cache.delete("h1");
    expect(cache.get("h1", 1)).toBeUndefined();
  });

  it("does not mix up tokens", () => {
    const cache = new SessionCache();
    cache.set("h1", user("a"), 10_000, 0);
    expect(cache.get("h2", 1)).toBeUndefined();
  });

  it("evicts the least recently used session beyond its size", () => {
    const cache = new SessionCache(60_000, 2);
    cache.set("h1", user("a"), 10_000, 0);
    cache.set("h2", user("b"), 10_000, 0);
    expect(cache.get("h1", 1)).toEqual(user("a"));
    cache.set("h3", user("c"), 10_000, 2);
    expect(cache.size).toBe(2);
    expect(cache.get("h2", 3)).toBeUndefined();
    expect(cache.get("h1", 3)).toEqual(user("a"));
    expect(cache.get("h3", 3)).toEqual(user("c"));
  });

  it("a second set refreshes the window and the user", () => {
    const cache = new SessionCache(1_000, 10);
    cache.set("h1", user("a"), 100_000, 0);
    cache.set("h1", { ...user("a"), name: "renamed" }, 100_000, 900);
    expect(cache.get("h1", 1_500)?.name).toBe("renamed");
  });
});
