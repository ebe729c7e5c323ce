// The scaling simulation's router: every organisation has one home database, chosen by load, and keeps it.
import { describe, expect, it } from "vitest";
import { ShardRouter } from "../bench/shardRouter.ts";

describe("ShardRouter", () => {
  it("places each organisation on the least-loaded database", () => {
    const router = new ShardRouter(["a", "b", "c"]);
    expect(router.place("big", 900)).toBe(0);
    expect(router.place("small-1", 100)).toBe(1);
    expect(router.place("small-2", 100)).toBe(2);
    // b and c hold 100 each, a 900: the next goes to the first of the lightest.
    expect(router.place("small-3", 100)).toBe(1);
    expect(router.dbFor("big")).toBe("a");
    expect(router.dbFor("small-3")).toBe("b");
  });

  it("keeps an organisation where it is when placed again", () => {
    const router = new ShardRouter(["a", "b"]);
    router.place("x", 10);
    router.place("y", 1);
    expect(router.place("x", 1_000)).toBe(0);
    expect(router.place("z", 1)).toBe(1);
  });

  it("with one database sends everyone there", () => {
    const router = new ShardRouter(["only"]);
    for (let i = 0; i < 5; i++) router.place(`org-${i}`, i);
    expect(router.dbFor("org-4")).toBe("only");
  });

  it("refuses an organisation it never placed", () => {
    expect(() => new ShardRouter(["a"]).dbFor("nobody")).toThrow(/no database/);
  });
});
