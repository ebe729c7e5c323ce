// The home tab's and course list's rules: what is due today, a module's status line, where to continue.
import { describe, expect, it } from "vitest";
import { continueHref, dueToday, endOfDay, moduleFacts } from "../../../web/src/progressRules.ts";

const NOW = new Date(2026, 11, 3, 10, 0).getTime(); // Thu 3 Dec 2026, 10:00 local
const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 0).toISOString();
const assignment = (id: string, module: string, dueAt: string | null, status = "not_started") => ({
  id,
  module,
  dueAt,
  progress: { status, attemptsUsed: 0, attemptsLeft: 1, openAttemptId: null, gradeShare: null } as never,
});

describe("endOfDay", () => {
  it("is the next local midnight", () => {
    expect(new Date(endOfDay(NOW)).getDate()).toBe(4);
    expect(new Date(endOfDay(NOW)).getHours()).toBe(0);
    expect(endOfDay(NOW) - NOW).toBe(14 * 3_600_000);
  });
});

describe("dueToday", () => {
  it("keeps what is due before midnight or overdue and not done, soonest first", () => {
    const list = [
      assignment("tonight", "m1", at(3, 23)),
      assignment("morning", "m2", at(3, 11)),
      assignment("tomorrow", "m3", at(4, 9)),
      assignment("open-ended", "m4", null),
      assignment("overdue", "m5", at(2, 12), "in_progress"),
      assignment("done", "m6", at(3, 12), "submitted"),
      assignment("missed", "m7", at(2, 12), "missed"),
      assignment("not-open-yet", "m8", at(3, 20), "upcoming"),
    ];
    expect(dueToday(list, NOW).map((a) => a.id)).toEqual(["overdue", "morning", "tonight"]);
  });
  it("is empty without assignments", () => expect(dueToday([], NOW)).toEqual([]));
});

describe("moduleFacts", () => {
  const progress = {
    modules: [
      { slug: "m1", readAt: at(1, 9), lastAnchor: "p-a", lastReadAt: at(1, 9), bestShare: 0.6667, submittedAttempts: 2 },
      { slug: "m2", readAt: null, lastAnchor: "p-b", lastReadAt: at(2, 9), bestShare: null, submittedAttempts: 0 },
    ],
  };
  it("says read, best score and the soonest assignment still to do", () => {
    const list = [
      assignment("later", "m1", at(9, 9)),
      assignment("sooner", "m1", at(5, 9)),
      assignment("done", "m1", at(4, 9), "submitted"),
    ];
    expect(moduleFacts("m1", progress, list)).toEqual({ read: true, bestShare: 0.6667, assigned: { id: "sooner", dueAt: at(5, 9) } });
  });
  it("puts an open-ended assignment after dated ones", () => {
    const list = [assignment("open", "m2", null), assignment("dated", "m2", at(8, 9))];
    expect(moduleFacts("m2", progress, list).assigned?.id).toBe("dated");
  });
  it("knows nothing of a module never opened, or for a visitor", () => {
    expect(moduleFacts("m3", progress, [])).toEqual({ read: false, bestShare: null, assigned: null });
    expect(moduleFacts("m1", null, [])).toEqual({ read: false, bestShare: null, assigned: null });
  });
});

describe("continueHref", () => {
  it("links to the block last on screen", () => {
    expect(continueHref({ slug: "risks", anchor: "p-x" })).toBe("/modules/risks#p-x");
    expect(continueHref({ slug: "risks", anchor: null })).toBe("/modules/risks");
    expect(continueHref(null)).toBeNull();
  });
});
