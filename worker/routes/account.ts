// Managing one's own account: name, email, password, deletion, a download of one's data; reset codes from an instructor.
import type { Context } from "hono";
import {
  acknowledgeDeparture,
  deleteAccount,
  departedStudents,
  studentClassAttempts,
  taughtClassesWithStudents,
} from "../../db/queries/accountDeletion.ts";
import { accountData } from "../../db/queries/accountExport.ts";
import {
  bumpCounters,
  bumpCountersAndFindUser,
  changeEmail,
  readSignInState,
  renameUser,
  setPasswordAndRestart,
} from "../../db/queries/accounts.ts";
import { consumeResetCode, issueResetCode } from "../../db/queries/resetCodes.ts";
import {
  AccountExport,
  ChangeEmailBody,
  ChangePasswordBody,
  DeleteAccountBody,
  DeletionPreview,
  DepartedList,
  DepartureAcknowledged,
  IssuedResetCode,
  RenameBody,
  ResetPasswordBody,
  StudentParams,
  UserEnvelope,
} from "../contract/account.ts";
import { IdParam, iso } from "../contract/common.ts";
import { ACCOUNT_PURGE_AFTER_DAYS, classesBlockingDeletion, deletedEmail, purgeAt } from "../domain/accountDeletion.ts";
import { accountExport, exportFileName } from "../domain/accountExport.ts";
import { normalizeEmail } from "../domain/email.ts";
import { checkPassword, hashPassword, passwordWeakness } from "../domain/password.ts";
import { formatResetCode, generateResetCode, hashResetCode, RESET_CODE_TTL_MS } from "../domain/resetCode.ts";
import type { AppEnv, SessionUser } from "../env.ts";
import { clientIp, counterKeys, enforceRateLimits, limitScale, refuseOverLimit, signInRefusal } from "../limits/enforce.ts";
import { clientKey, rateRules, signInCounterKeys, signInRules, signInVerdict, windowStart } from "../limits/rules.ts";
import { forgetSessionsBefore, requireUser } from "../middleware/currentUser.ts";
import { createRoute, createRouter, jsonBody, jsonContent, problems, signedIn } from "../openapi.ts";
import { badRequest, found, Problem } from "../problem.ts";
import { clearSessionCookie, newSessionCookie, publicUser } from "./session.ts";

const tags = ["Accounts"];

/**
 * Checks the signed-in user's current password before a sensitive change. Wrong tries count like failed sign-ins
 * (same counters and limits), so a borrowed session cannot be used to guess the password.
 */
async function confirmPassword(c: Context<AppEnv>, user: SessionUser, password: string): Promise<void> {
  const now = Date.now();
  const keys = signInCounterKeys(user.email, clientKey(clientIp(c.req.header.bind(c.req))));
  const { counters, user: stored } = await readSignInState(c.var.db, user.email, Object.values(keys));
  const verdict = signInVerdict(counters, keys, now, limitScale(c.env.RATE_LIMIT_SCALE));
  if (!verdict.allow) throw signInRefusal(verdict);
  if (stored && stored.id === user.id && (await checkPassword(password, stored))) return;
  const window = windowStart(now, signInRules);
  await bumpCounters(
    c.var.db,
    Object.values(keys).map((key) => ({ key, windowStart: window })),
    now,
  );
  throw badRequest("The current password is not right.", [{ path: "currentPassword", message: "is not right" }]);
}

/** The new password's strength against the account's own email, as sign-up checks it. */
function checkNewPassword(password: string, email: string) {
  const weakness = passwordWeakness(password, email);
  if (weakness) throw badRequest(`Invalid newPassword.`, [{ path: "newPassword", message: weakness }]);
}

const badResetCode = () =>
  badRequest("This code is not right, was used already or has expired. Ask your instructor for a new one.", [
    { path: "code", message: "is not right, used or expired" },
  ]);

export const accountRoutes = createRouter()
  .openapi(
    createRoute({
      method: "patch",
      path: "/me",
      operationId: "renameMe",
      tags,
      security: signedIn,
      summary: "Change my name",
      request: { body: jsonBody(RenameBody) },
      responses: { 200: jsonContent(UserEnvelope, "The account with its new name"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { name } = c.req.valid("json");
      const generation = found(await renameUser(c.var.db, user.id, name), "account");
      forgetSessionsBefore(user.id, generation);
      return c.json({ user: { ...publicUser(user), name } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/me/email",
      operationId: "changeMyEmail",
      tags,
      security: signedIn,
      summary: "Change my email (with the current password)",
      description: "A wrong current password counts as a failed sign-in (400 naming `currentPassword`; 429 past the sign-in limits).",
      request: { body: jsonBody(ChangeEmailBody) },
      responses: { 200: jsonContent(UserEnvelope, "The account with its new email"), ...problems(401, 409, 429) },
    }),
    async (c) => {
      const user = requireUser(c);
      const body = c.req.valid("json");
      await confirmPassword(c, user, body.currentPassword);
      const email = normalizeEmail(body.email);
      const result = await changeEmail(c.var.db, user.id, email);
      if (result === "taken") {
        throw new Problem(409, "Another account has this email.", {
          reason: "email_taken",
          errors: [{ path: "email", message: "is already registered" }],
        });
      }
      forgetSessionsBefore(user.id, found(result, "account"));
      return c.json({ user: { ...publicUser(user), email } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/me/password",
      operationId: "changeMyPassword",
      tags,
      security: signedIn,
      summary: "Change my password (with the current one); every other session is signed out",
      description:
        "Every session of the account ends, and this device gets a new session cookie. A wrong current password counts " +
        "as a failed sign-in (400 naming `currentPassword`; 429 past the sign-in limits).",
      request: { body: jsonBody(ChangePasswordBody) },
      responses: { 200: jsonContent(UserEnvelope, "Changed; a new session cookie is set"), ...problems(401, 429) },
    }),
    async (c) => {
      const user = requireUser(c);
      const body = c.req.valid("json");
      checkNewPassword(body.newPassword, user.email);
      await confirmPassword(c, user, body.currentPassword);
      const pw = await hashPassword(body.newPassword);
      const generation = await setPasswordAndRestart(
        c.var.db,
        user.id,
        { passwordHash: pw.hash, passwordSalt: pw.salt, passwordIterations: pw.iterations },
        await newSessionCookie(c),
      );
      forgetSessionsBefore(user.id, found(generation, "account"));
      return c.json({ user: publicUser(user) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/deletion",
      operationId: "previewMyDeletion",
      tags,
      security: signedIn,
      summary: "What deleting my account would do",
      description:
        `A student's profile, deck and attempts outside classes go at once; their attempts in a class stay in its gradebook ` +
        `until the instructor acknowledges, at most ${ACCOUNT_PURGE_AFTER_DAYS} days. An instructor cannot delete the ` +
        "account while a class of theirs has students; classes without students are deleted with it.",
      responses: { 200: jsonContent(DeletionPreview, "What would happen"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      const base = {
        role: user.role,
        purgeAfterDays: ACCOUNT_PURGE_AFTER_DAYS,
        classesWithStudents: [],
        emptyClasses: [],
        classAttempts: [],
      };
      if (user.role === "student") {
        const classAttempts = await studentClassAttempts(c.var.db, user.id);
        return c.json({ ...base, allowed: true, classAttempts }, 200);
      }
      const taught = await taughtClassesWithStudents(c.var.db, user.id);
      const blocking = classesBlockingDeletion(taught);
      return c.json(
        {
          ...base,
          allowed: blocking.length === 0,
          classesWithStudents: blocking,
          emptyClasses: taught.filter((k) => k.studentCount === 0).map(({ id, name }) => ({ id, name })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/me/delete",
      operationId: "deleteMe",
      tags,
      security: signedIn,
      summary: "Delete my account (with the current password)",
      description:
        "Signs out every session and frees the email at once. See GET /me/deletion for what is kept and for how long; " +
        "409 `classes_with_students` for an instructor whose class still has students.",
      request: { body: jsonBody(DeleteAccountBody) },
      responses: { 204: { description: "Deleted; the session cookie is cleared" }, ...problems(401, 409, 429) },
    }),
    async (c) => {
      const user = requireUser(c);
      await confirmPassword(c, user, c.req.valid("json").currentPassword);
      const now = Date.now();
      const generation = await deleteAccount(c.var.db, user.id, now, deletedEmail(user.id));
      if (generation === null) {
        const blocking = classesBlockingDeletion(await taughtClassesWithStudents(c.var.db, user.id));
        throw new Problem(409, `Your classes still have students: ${blocking.map((k) => k.name).join(", ")}. Remove them first.`, {
          reason: "classes_with_students",
        });
      }
      forgetSessionsBefore(user.id, generation);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/export",
      operationId: "exportMyData",
      tags,
      security: signedIn,
      summary: "Download my data as JSON",
      description:
        "The profile, class memberships (or classes taught), every attempt with its answers, and the deck's cards: only the " +
        "account's own rows. Questions and answer keys are not included (a key reaches a learner only through review).",
      responses: { 200: jsonContent(AccountExport, "The data, as an attachment"), ...problems(401) },
    }),
    async (c) => {
      const user = requireUser(c);
      const now = Date.now();
      const rows = found(await accountData(c.var.db, user.id), "account");
      c.header("content-disposition", `attachment; filename="${exportFileName(user.id, now)}"`);
      c.header("cache-control", "no-store");
      return c.json(accountExport(rows, now), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/classes/{id}/members/{userId}/reset-code",
      operationId: "issueResetCode",
      tags: ["Classes"],
      security: signedIn,
      summary: "Issue a one-time password reset code for a student of my class",
      description:
        "For a student who forgot their password: the instructor reads the code out to them. It works once, within 24 hours, " +
        "and replaces any earlier code for that student; only its hash is stored. 30 codes per instructor per hour (429). " +
        "404 unless the student is in this class and the class is the caller's.",
      request: { params: StudentParams },
      responses: { 201: jsonContent(IssuedResetCode, "The code, shown once"), ...problems(401, 403, 404, 429) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, userId } = c.req.valid("param");
      const now = Date.now();
      await enforceRateLimits(
        c.var.db,
        [{ key: `reset:issue:${user.id}`, rule: rateRules.resetIssuePerInstructor }],
        now,
        limitScale(c.env.RATE_LIMIT_SCALE),
      );
      const code = generateResetCode();
      const expiresAt = now + RESET_CODE_TTL_MS;
      const issued = await issueResetCode(c.var.db, {
        classId: id,
        studentId: userId,
        instructorId: user.id,
        codeHash: await hashResetCode(userId, code),
        createdAt: now,
        expiresAt,
      });
      if (!issued) throw new Problem(404, "This student is not in your class.");
      return c.json({ code: formatResetCode(code), expiresAt: iso(expiresAt) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/reset-password",
      operationId: "resetPassword",
      tags,
      summary: "Set a new password with a reset code from my instructor, and sign in",
      description:
        "Every try counts: 10 per account and 50 per client per hour (429). A wrong, used or expired code (or an unknown " +
        "email: the answer does not say which) is a 400 naming `code`. Success ends every other session of the account.",
      request: { body: jsonBody(ResetPasswordBody) },
      responses: { 200: jsonContent(UserEnvelope, "Password set; the session cookie is set"), ...problems(429) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const email = normalizeEmail(body.email);
      const now = Date.now();
      const checks = [
        { key: `reset:redeem:account:${email}`, rule: rateRules.resetRedeemPerAccount },
        { key: `reset:redeem:${clientKey(clientIp(c.req.header.bind(c.req)))}`, rule: rateRules.resetRedeemPerClient },
      ];
      const { counts, user } = await bumpCountersAndFindUser(c.var.db, counterKeys(checks, now), now, email);
      refuseOverLimit(counts, checks, now, limitScale(c.env.RATE_LIMIT_SCALE));
      if (!user || !(await consumeResetCode(c.var.db, user.id, await hashResetCode(user.id, body.code), now))) throw badResetCode();
      const pw = await hashPassword(body.newPassword);
      const generation = await setPasswordAndRestart(
        c.var.db,
        user.id,
        { passwordHash: pw.hash, passwordSalt: pw.salt, passwordIterations: pw.iterations },
        await newSessionCookie(c),
      );
      forgetSessionsBefore(user.id, found(generation, "account"));
      return c.json({ user }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/classes/{id}/departed",
      operationId: "listDepartedStudents",
      tags: ["Classes"],
      security: signedIn,
      summary: "Students of my class who deleted their accounts, whose attempts are still in the gradebook",
      description: `Their attempts leave the gradebook when the instructor acknowledges, or ${ACCOUNT_PURGE_AFTER_DAYS} days after the deletion.`,
      request: { params: IdParam },
      responses: { 200: jsonContent(DepartedList, "Departed students"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const rows = found(await departedStudents(c.var.db, c.req.valid("param").id, user.id), "class");
      return c.json(
        {
          students: rows.map((r) => ({ ...r, deletedAt: iso(r.deletedAt), removeOn: iso(purgeAt(r.deletedAt)) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/classes/{id}/departed/{userId}",
      operationId: "acknowledgeDeparture",
      tags: ["Classes"],
      security: signedIn,
      summary: "Acknowledge that a student deleted their account: their attempts leave the gradebook now",
      request: { params: StudentParams },
      responses: { 200: jsonContent(DepartureAcknowledged, "Removed"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c, "instructor");
      const { id, userId } = c.req.valid("param");
      const done = found(await acknowledgeDeparture(c.var.db, id, userId, user.id), "departed student");
      return c.json({ userId, ...done }, 200);
    },
  );
