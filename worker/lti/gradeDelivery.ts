// Sends queued grades to the LMS (AGS): run by the cron, and right after a submit without holding its response.
import type { Db } from "../../db/client.ts";
import { dueGradePosts, type GradePostOutcome, recordGradePosts, submittedAttemptsOf } from "../../db/queries/lti.ts";
import { attemptShare } from "../domain/gradebook.ts";
import { finalGrade } from "../domain/grades.ts";
import { scopes } from "./claims.ts";
import { parsePrivateKeySet, signingKey } from "./keys.ts";
import { gradePostBackoffMs, MAX_GRADE_POST_ATTEMPTS, SCORE_MAXIMUM } from "./messages.ts";
import { accessToken, forgetServiceTokens, postScore } from "./services.ts";

/** Sends the posts due at `now`; how many were sent and how many failed this time. */
export async function deliverGradePosts(
  db: Db,
  privateJwks: string | undefined,
  now = Date.now(),
): Promise<{ sent: number; failed: number }> {
  const due = await dueGradePosts(db, now);
  if (due.length === 0) return { sent: 0, failed: 0 };
  const keys = parsePrivateKeySet(privateJwks);
  const signing = "set" in keys ? await signingKey(privateJwks as string, keys.set) : null;
  const done = await submittedAttemptsOf(db, [...new Set(due.map((p) => p.assignmentId))], [...new Set(due.map((p) => p.userId))]);
  const outcomes: GradePostOutcome[] = [];
  for (const post of due) {
    const mine = done.filter((a) => a.assignmentId === post.assignmentId && a.userId === post.userId);
    const share = finalGrade(
      post.gradingMethod,
      mine.map((a) => ({
        status: "submitted" as const,
        share: attemptShare({ status: "submitted", ...a }),
        startedAt: a.startedAt,
        submittedAt: a.submittedAt,
      })),
    );
    const key = { lineItemId: post.lineItemId, userId: post.userId };
    // Nothing submitted (every attempt was removed since): there is no grade to send.
    if (share === null) {
      outcomes.push({ ...key, sent: true, scoreGiven: null });
      continue;
    }
    const scoreGiven = Math.round(share * SCORE_MAXIMUM * 100) / 100;
    try {
      if (!signing) throw new Error("problem" in keys ? keys.problem : "no signing key");
      const token = await accessToken(post.platform, [scopes.score], signing, now);
      // The timestamp is when Qadam sends: platforms refuse a score older than the one they hold.
      await postScore(
        post.lineItemUrl,
        { userId: post.sub, scoreGiven, scoreMaximum: SCORE_MAXIMUM, timestamp: new Date(now).toISOString() },
        token,
      );
      outcomes.push({ ...key, sent: true, scoreGiven });
    } catch (error) {
      // A revoked token is refetched on the next try.
      forgetServiceTokens();
      const attempts = post.attempts + 1;
      const failed = attempts >= MAX_GRADE_POST_ATTEMPTS;
      outcomes.push({
        ...key,
        sent: false,
        attempts,
        failed,
        error: String((error as Error).message ?? error).slice(0, 500),
        nextAttemptAt: now + gradePostBackoffMs(attempts),
      });
    }
  }
  await recordGradePosts(db, outcomes, now);
  return { sent: outcomes.filter((o) => o.sent).length, failed: outcomes.filter((o) => !o.sent).length };
}
