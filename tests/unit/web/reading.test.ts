// What a lesson page sends to save the reading position: only what changed, and "finished" once.
import { describe, expect, it } from "vitest";
import { readingUpdate } from "../../../web/src/reading.ts";

describe("readingUpdate", () => {
  const none = { anchor: null, finished: false };
  it("sends a new position", () => {
    expect(readingUpdate(none, { anchor: "p-a", finished: false })).toEqual({ anchor: "p-a" });
  });
  it("sends nothing when nothing changed, or when no block is on screen", () => {
    expect(readingUpdate({ anchor: "p-a", finished: false }, { anchor: "p-a", finished: false })).toBeNull();
    expect(readingUpdate({ anchor: "p-a", finished: false }, { anchor: null, finished: false })).toBeNull();
    expect(readingUpdate(none, none)).toBeNull();
  });
  it("sends the end once, with the position when it moved", () => {
    expect(readingUpdate({ anchor: "p-a", finished: false }, { anchor: "p-a", finished: true })).toEqual({ finished: true });
    expect(readingUpdate({ anchor: "p-a", finished: false }, { anchor: "p-z", finished: true })).toEqual({ anchor: "p-z", finished: true });
    expect(readingUpdate({ anchor: "p-z", finished: true }, { anchor: "p-z", finished: true })).toBeNull();
    expect(readingUpdate({ anchor: "p-z", finished: true }, { anchor: "p-b", finished: true })).toEqual({ anchor: "p-b" });
  });
});
