// The D1 tables. camelCase here, snake_case in SQL (drizzle `casing`); times are Unix epoch milliseconds (UTC).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  type Answer,
  type AttemptRules,
  attemptStatuses,
  closeReasons,
  gradingMethods,
  type ItemDigest,
  modes,
  regradeKinds,
  reviewPolicies,
  roles,
  type SnapshotQuestion,
} from "./json.ts";

export const users = sqliteTable(
  "users",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    name: text().notNull(),
    role: text({ enum: roles }).notNull(),
    // PBKDF2 parameters are stored with the hash so they can be raised later without a reset.
    passwordHash: text().notNull(),
    passwordSalt: text().notNull(),
    passwordIterations: integer().notNull(),
    createdAt: integer().notNull(),
    // Raised by "sign out everywhere": isolates drop cached sessions read under an older generation.
    sessionGeneration: integer().notNull().default(0),
    // Set when the person deleted their account: the row (its name and class attempts) stays only until each of its
    // classes' instructors acknowledged it, or ACCOUNT_PURGE_AFTER_MS passed; the email is freed at once.
    deletedAt: integer(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_deleted_idx").on(t.deletedAt)],
);

export const passwordResetCodes = sqliteTable("password_reset_codes", {
  // One live code per account: issuing a new one replaces the old.
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  // SHA-256 of the account id and the code: the table alone cannot be used to reset anything.
  codeHash: text().notNull(),
  issuedBy: text()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: integer().notNull(),
  expiresAt: integer().notNull(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the cookie token: a leaked table cannot be replayed as cookies.
    tokenHash: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer().notNull(),
    expiresAt: integer().notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const rateLimits = sqliteTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: integer().notNull(),
  count: integer().notNull(),
  // When the key last counted (a failed sign-in): the slowdown's wait runs from it.
  lastAt: integer(),
});

export const classes = sqliteTable(
  "classes",
  {
    id: text().primaryKey(),
    instructorId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    joinCode: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [index("classes_instructor_idx").on(t.instructorId), uniqueIndex("classes_join_code_unique").on(t.joinCode)],
);

export const classMembers = sqliteTable(
  "class_members",
  {
    classId: text()
      .notNull()
      .references(() => classes.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.userId] }), index("class_members_user_idx").on(t.userId)],
);

export const assignments = sqliteTable(
  "assignments",
  {
    id: text().primaryKey(),
    classId: text()
      .notNull()
      .references(() => classes.id, { onDelete: "cascade" }),
    moduleSlug: text().notNull(),
    mode: text({ enum: modes }).notNull(),
    opensAt: integer(),
    dueAt: integer(),
    maxAttempts: integer(),
    timeLimitMinutes: integer(),
    gradingMethod: text({ enum: gradingMethods }).notNull(),
    reviewPolicy: text({ enum: reviewPolicies }).notNull(),
    // IANA zone the instructor entered the dates in, so they are shown back the way they were typed.
    timeZone: text().notNull(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [index("assignments_class_idx").on(t.classId)],
);

export const attempts = sqliteTable(
  "attempts",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleSlug: text().notNull(),
    assignmentId: text().references(() => assignments.id, { onDelete: "cascade" }),
    mode: text({ enum: modes }).notNull(),
    status: text({ enum: attemptStatuses }).notNull(),
    seed: integer().notNull(),
    // The questions exactly as served, keys included: later lesson edits never change this attempt.
    snapshot: text({ mode: "json" }).$type<SnapshotQuestion[]>().notNull(),
    // The assignment's rules when the attempt started (JSON): later edits do not rewrite history.
    rules: text({ mode: "json" }).$type<AttemptRules>().notNull(),
    startedAt: integer().notNull(),
    deadline: integer(),
    submittedAt: integer(),
    score: real(),
    maxScore: real(),
    // How it closed (db/json.ts closeReasons): the result says "time ran out" for a deadline close, which a submit
    // a moment before the deadline cannot be told from by the times alone. Null for attempts closed before it was kept.
    closeReason: text({ enum: closeReasons }),
    // `user:module:assignment` while open, null once submitted: the unique index allows one open attempt per
    // learner and target, so two taps on "Start" cannot open two.
    openKey: text(),
    // What item analysis needs of the snapshot without its texts (worker/domain/itemDigest.ts), written with it;
    // null for attempts started before it existed, whose analysis reads the snapshot.
    itemDigest: text({ mode: "json" }).$type<ItemDigest>(),
  },
  (t) => [
    uniqueIndex("attempts_open_key_unique").on(t.openKey),
    index("attempts_user_idx").on(t.userId, t.startedAt),
    // (assignment, user, status): "has this learner an open / how many submitted attempts on this assignment" is
    // answered from the index alone (without status SQLite chose the status index, a walk over every submitted
    // attempt). The trailing columns make it covering for the gradebook, whose columns sit after the ~15 KB
    // snapshot in the row: 1,000 × 8 went from ~56 ms to ~5 ms of SQL (npm run bench, docs/performance.md).
    index("attempts_assignment_idx").on(t.assignmentId, t.userId, t.status, t.score, t.maxScore, t.startedAt, t.submittedAt),
    index("attempts_open_deadline_idx").on(t.status, t.deadline),
  ],
);

export const answers = sqliteTable(
  "answers",
  {
    attemptId: text()
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    questionId: text().notNull(),
    answer: text({ mode: "json" }).$type<Answer>().notNull(),
    savedAt: integer().notNull(),
    // The client's counter per answer: a save that arrives late (after an offline queue) never overwrites a newer one.
    revision: integer().notNull().default(0),
    score: real(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

export const reviewCards = sqliteTable(
  "review_cards",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: text().notNull(),
    moduleSlug: text().notNull(),
    // The FSRS card (ts-fsrs fields) as JSON; `due` is copied out so the deck query can use an index.
    card: text({ mode: "json" }).notNull(),
    due: integer().notNull(),
    createdAt: integer().notNull().default(sql`(unixepoch() * 1000)`),
    // The assessment whose review policy gates this card's key (null: practice). Read with the assignment's current
    // rules, so an extended due date or a stricter policy holds the card back too. No foreign key: a card outlives it.
    assignmentId: text(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.questionId] }),
    index("review_cards_due_idx").on(t.userId, t.due),
    index("review_cards_assignment_idx").on(t.assignmentId),
  ],
);

export const lessonReads = sqliteTable(
  "lesson_reads",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleSlug: text().notNull(),
    // The paragraph the reader last had on screen: "continue where you left off" opens the lesson there.
    lastAnchor: text(),
    lastReadAt: integer().notNull(),
    // When the reader first reached the lesson's end; null while it is not read through.
    finishedAt: integer(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.moduleSlug] }), index("lesson_reads_recent_idx").on(t.userId, t.lastReadAt)],
);

// LTI 1.3: the platforms (LMSs) that launch Qadam, and what a launch links to what (docs/lti.md).

export const ltiPlatforms = sqliteTable(
  "lti_platforms",
  {
    id: text().primaryKey(),
    // The instructor who registered it: learners who launch before any instructor land in classes they own.
    ownerId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    issuer: text().notNull(),
    clientId: text().notNull(),
    authUrl: text().notNull(),
    tokenUrl: text().notNull(),
    jwksUrl: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [uniqueIndex("lti_platforms_issuer_client_unique").on(t.issuer, t.clientId), index("lti_platforms_owner_idx").on(t.ownerId)],
);

export const ltiDeployments = sqliteTable(
  "lti_deployments",
  {
    platformId: text()
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    deploymentId: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.deploymentId] })],
);

/**
 * Short-lived single-use secrets: an OIDC login's state (with its nonce), a deep-linking picker's token, a handoff
 * token that opens a first-party session in a new window, an instructor's dynamic registration link. Only the SHA-256
 * of the token is kept; a use deletes it.
 */
export const ltiTokens = sqliteTable(
  "lti_tokens",
  {
    tokenHash: text().primaryKey(),
    kind: text({ enum: ["state", "pick", "handoff", "registration"] }).notNull(),
    data: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
    expiresAt: integer().notNull(),
  },
  (t) => [index("lti_tokens_expires_idx").on(t.expiresAt)],
);

/** A platform's user (issuer via the platform, `sub`) and the Qadam account it signs in as. */
export const ltiUsers = sqliteTable(
  "lti_users",
  {
    platformId: text()
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    sub: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.sub] }), index("lti_users_user_idx").on(t.userId)],
);

/** An LMS course (context) and the Qadam class it is: a second launch from it finds the same class. */
export const ltiContexts = sqliteTable(
  "lti_contexts",
  {
    platformId: text()
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    contextId: text().notNull(),
    classId: text()
      .notNull()
      .references(() => classes.id, { onDelete: "cascade" }),
    // NRPS: where the roster of this context is read (from the launch's namesroleservice claim).
    membershipsUrl: text(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.contextId] }), index("lti_contexts_class_idx").on(t.classId)],
);

/** A gradebook column in the LMS (AGS line item) and the Qadam assignment whose grades go to it. */
export const ltiLineItems = sqliteTable(
  "lti_line_items",
  {
    id: text().primaryKey(),
    platformId: text()
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    assignmentId: text()
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    url: text().notNull(),
  },
  (t) => [uniqueIndex("lti_line_items_url_unique").on(t.platformId, t.url), index("lti_line_items_assignment_idx").on(t.assignmentId)],
);

/**
 * One learner's grade on one line item waiting to be sent (or sent, or given up on). A new submission sets it pending
 * again; the score is computed when it is sent, under the assignment's grading method at that moment.
 */
export const ltiGradePosts = sqliteTable(
  "lti_grade_posts",
  {
    lineItemId: text()
      .notNull()
      .references(() => ltiLineItems.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text({ enum: ["pending", "sent", "failed"] }).notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer().notNull(),
    lastError: text(),
    scoreGiven: real(),
    sentAt: integer(),
    updatedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.lineItemId, t.userId] }), index("lti_grade_posts_due_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * A student's accommodation on one assignment: more time (minutes added, or the limit multiplied), more attempts,
 * another window. Every rule read goes through effectiveRules (worker/domain/overrides.ts) with this row.
 */
export const assignmentOverrides = sqliteTable(
  "assignment_overrides",
  {
    assignmentId: text()
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    extraMinutes: integer(),
    timeFactor: real(),
    extraAttempts: integer(),
    opensAt: integer(),
    dueAt: integer(),
    setBy: text().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.userId] }), index("assignment_overrides_user_idx").on(t.userId)],
);

/**
 * Regrades of an assignment, append-only: each row is both a grading rule and its audit line (who, when, why).
 * Assignment-wide (attemptId null): accept a typed answer, full marks, or drop a question. One attempt's question:
 * `score` set by hand (the latest row for that attempt and question wins).
 */
export const regrades = sqliteTable(
  "regrades",
  {
    id: text().primaryKey(),
    assignmentId: text()
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    attemptId: text().references(() => attempts.id, { onDelete: "cascade" }),
    questionId: text().notNull(),
    kind: text({ enum: regradeKinds }).notNull(),
    /** accept: the answer to accept as typed. */
    answer: text(),
    /** score: the question's new score, 0..1. */
    score: real(),
    comment: text(),
    actorId: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [index("regrades_assignment_idx").on(t.assignmentId, t.createdAt), index("regrades_attempt_idx").on(t.attemptId)],
);
