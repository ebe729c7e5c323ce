// The data export's presenter (worker/domain/accountExport.ts) as a plain function: rows in, the wire shape out.
import { describe, expect, it } from "vitest";
import { type AccountRows, accountExport, exportFileName } from "../../worker/domain/accountExport.ts";

describe("the data export", () => {
  const at = Date.UTC(2026, 11, 3, 12);
  const rows: AccountRows = {
    user: { id: "u1", email: "a@b.kz", name: "Асель", role: "student", createdAt: at },
    memberships: [{ classId: "k1", className: "10 A", instructorName: "Teacher", joinedAt: at }],
    taught: [],
    attempts: [
      {
        id: "t1",
        moduleSlug: "risks",
        assignmentId: "a1",
        mode: "assessment",
        status: "open",
        startedAt: at,
        deadline: null,
        submittedAt: null,
        score: 2,
        maxScore: 10,
      },
      {
        id: "t2",
        moduleSlug: "risks",
        assignmentId: null,
        mode: "practice",
        status: "submitted",
        startedAt: at,
        deadline: at + 60_000,
        submittedAt: at + 1,
        score: 3,
        maxScore: 4,
      },
    ],
    answers: [
      { attemptId: "t2", questionId: "q2", answer: ["x", "y"], savedAt: at },
      { attemptId: "t1", questionId: "q1", answer: true, savedAt: at },
      { attemptId: "t2", questionId: "q3", answer: "3,18", savedAt: at + 5 },
    ],
    cards: [{ questionId: "q2", moduleSlug: "risks", due: at, card: { stability: 1.5 } }],
  };

  it("nests each answer in its attempt and writes instants in ISO 8601", () => {
    const out = accountExport(rows, at);
    expect(out.exportedAt).toBe("2026-12-03T12:00:00.000Z");
    expect(out.profile).toEqual({ id: "u1", email: "a@b.kz", name: "Асель", role: "student", createdAt: "2026-12-03T12:00:00.000Z" });
    expect(out.attempts.map((a) => a.answers.map((x) => x.questionId))).toEqual([["q1"], ["q2", "q3"]]);
    expect(out.attempts[1]?.deadline).toBe("2026-12-03T12:01:00.000Z");
    expect(out.deckCards).toEqual([{ questionId: "q2", module: "risks", due: "2026-12-03T12:00:00.000Z", card: { stability: 1.5 } }]);
  });

  it("shows a result only once the attempt is submitted, as the attempt's own summary does", () => {
    const [open, submitted] = accountExport(rows, at).attempts;
    expect(open).toMatchObject({ status: "open", result: null });
    expect(submitted).toMatchObject({ status: "submitted", result: { score: 3, maxScore: 4 } });
  });

  it("names the file after the account and the day", () => {
    expect(exportFileName("u1", at)).toBe("qadam-data-u1-2026-12-03.json");
  });
});
