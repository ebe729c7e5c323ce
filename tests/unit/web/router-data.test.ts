// The router's data layer (web/src/data.ts, re-exported by router.tsx) in Node against Solid's browser build: when a query's result is reused
// and when it is fetched again, what revalidate and action refetch, and useSubmission's pending/result/error.
import { createRoot, createSignal } from "solid-js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import * as router from "../../../web/src/data.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** A query over a counter, so each test sees how many fetches happened. */
function counted(name: string) {
  const calls: unknown[][] = [];
  const q = router.query(async (...args: unknown[]) => {
    calls.push(args);
    return calls.length;
  }, name);
  return { q, calls };
}

describe("query", () => {
  it("shares one fetch between calls with the same arguments for 5 s (a route's preload and its page)", async () => {
    const { q, calls } = counted("fresh");
    expect(await q("m1")).toBe(1);
    vi.setSystemTime(1_004_999);
    expect(await q("m1")).toBe(1);
    expect(await q("m2")).toBe(2);
    vi.setSystemTime(1_005_001);
    expect(await q("m1")).toBe(3);
    expect(calls).toEqual([["m1"], ["m2"], ["m1"]]);
  });

  it("keys object arguments by content, whatever the order of their keys", async () => {
    const { q, calls } = counted("keys");
    await q({ a: 1, b: 2 });
    await q({ b: 2, a: 1 });
    expect(calls).toHaveLength(1);
    expect(q.keyFor({ b: 2, a: 1 })).toBe(q.keyFor({ a: 1, b: 2 }));
  });

  it("reuses a result past 5 s while a live createAsync reads it, and fetches afresh once nobody does", async () => {
    const { q, calls } = counted("live");
    const dispose = createRoot((d) => {
      const value = router.createAsync(() => q("m1"));
      void value;
      return d;
    });
    await settle();
    vi.setSystemTime(1_060_000);
    await q("m1");
    expect(calls).toHaveLength(1);
    dispose();
    await q("m1");
    expect(calls).toHaveLength(2);
  });

  it("does not keep a failed read: the next call asks again", async () => {
    let n = 0;
    const q = router.query(async () => {
      n++;
      if (n === 1) throw new Error("offline");
      return n;
    }, "failing");
    await expect(q()).rejects.toThrow("offline");
    await settle();
    expect(await q()).toBe(2);
  });
});

describe("revalidate and action", () => {
  it("revalidate(key) refetches what a createAsync reads under that key, and only that", async () => {
    const a = counted("reva");
    const b = counted("revb");
    const seen: (number | undefined)[] = [];
    createRoot(() => {
      const va = router.createAsync(() => a.q("x"));
      const vb = router.createAsync(() => b.q("x"));
      return [va, vb];
    });
    await settle();
    await router.revalidate(a.q.keyFor("x"));
    await settle();
    seen.push(a.calls.length, b.calls.length);
    expect(seen).toEqual([2, 1]);
  });

  it("an action revalidates every query after it succeeds, and none when it fails", async () => {
    const a = counted("acta");
    createRoot(() => router.createAsync(() => a.q()));
    await settle();
    const save = router.action(async (ok: boolean) => {
      if (!ok) throw new Error("refused");
      return "saved";
    });
    await expect(save(false)).rejects.toThrow("refused");
    await settle();
    expect(a.calls).toHaveLength(1);
    expect(await save(true)).toBe("saved");
    await settle();
    expect(a.calls).toHaveLength(2);
  });
});

describe("useSubmission", () => {
  it("is pending while the call runs, then holds its result; a failure is kept and rethrown, and cleared by the next call", async () => {
    const [gate, setGate] = createSignal<() => void>(() => {});
    const submission = createRoot(() =>
      router.useSubmission(
        (ok: boolean) =>
          new Promise<string>((resolve, reject) => {
            setGate(() => () => (ok ? resolve("done") : reject(new Error("no"))));
          }),
      ),
    );
    expect(submission.pending()).toBe(false);
    const first = submission(false);
    expect(submission.pending()).toBe(true);
    gate()();
    await expect(first).rejects.toThrow("no");
    expect(submission.pending()).toBe(false);
    expect((submission.error() as Error).message).toBe("no");
    const second = submission(true);
    expect(submission.error()).toBeUndefined();
    gate()();
    expect(await second).toBe("done");
    expect(submission.result()).toBe("done");
    expect(submission.pending()).toBe(false);
  });
});
