// "Download my data": the user's own rows (db/queries/accountExport.ts) as the export's wire shape.
import type { Answer } from "../../db/json.ts";
import type { AccountExport } from "../contract/account.ts";
import { iso } from "../contract/common.ts";

export interface AccountRows {
  user: { id: string; email: string; name: string; role: "student" | "instructor"; createdAt: number };
  memberships: { classId: string; className: string; instructorName: string; joinedAt: number }[];
  taught: { id: string; name: string; joinCode: string; createdAt: number }[];
  attempts: {
    id: string;
    moduleSlug: string;
    assignmentId: string | null;
    mode: "practice" | "assessment";
    status: "open" | "submitted";
    startedAt: number;
    deadline: number | null;
    submittedAt: number | null;
    score: number | null;
    maxScore: number | null;
  }[];
  answers: { attemptId: string; questionId: string; answer: Answer; savedAt: number }[];
  cards: { questionId: string; moduleSlug: string; due: number; card: unknown }[];
}

/** The export: answers nested in their attempts; an attempt's result only once it is submitted (as its summary shows it). */
export function accountExport(rows: AccountRows, now: number): AccountExport {
  const answersOf = new Map<string, AccountRows["answers"]>();
  for (const a of rows.answers) answersOf.set(a.attemptId, [...(answersOf.get(a.attemptId) ?? []), a]);
  return {
    exportedAt: iso(now),
    profile: { ...rows.user, createdAt: iso(rows.user.createdAt) },
    memberships: rows.memberships.map((m) => ({ ...m, joinedAt: iso(m.joinedAt) })),
    classesTaught: rows.taught.map((k) => ({ ...k, createdAt: iso(k.createdAt) })),
    attempts: rows.attempts.map((a) => ({
      id: a.id,
      module: a.moduleSlug,
      assignmentId: a.assignmentId,
      mode: a.mode,
      status: a.status,
      startedAt: iso(a.startedAt),
      deadline: iso(a.deadline),
      submittedAt: iso(a.submittedAt),
      result: a.status === "submitted" && a.score !== null && a.maxScore !== null ? { score: a.score, maxScore: a.maxScore } : null,
      answers: (answersOf.get(a.id) ?? []).map((x) => ({ questionId: x.questionId, answer: x.answer, savedAt: iso(x.savedAt) })),
    })),
    deckCards: rows.cards.map((c) => ({
      questionId: c.questionId,
      module: c.moduleSlug,
      due: iso(c.due),
      card: (c.card ?? {}) as Record<string, unknown>,
    })),
  };
}

/** The download's file name: the account's id and the day, e.g. qadam-data-…-2026-12-03.json. */
export const exportFileName = (userId: string, now: number) => `qadam-data-${userId}-${iso(now).slice(0, 10)}.json`;
