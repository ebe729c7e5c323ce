// What deleting an account does, as plain rules: when a departed student's class data goes, what stops an instructor.

/** A departed student's attempts stay in a class's gradebook until its instructor acknowledges, at most this long. */
export const ACCOUNT_PURGE_AFTER_DAYS = 14;
export const ACCOUNT_PURGE_AFTER_MS = ACCOUNT_PURGE_AFTER_DAYS * 24 * 60 * 60 * 1000;

/** When a student's account deleted at `deletedAt` leaves every gradebook at the latest. */
export const purgeAt = (deletedAt: number) => deletedAt + ACCOUNT_PURGE_AFTER_MS;

/**
 * What the email column holds once the account is deleted: not an address anyone can type (sign-in and sign-up
 * validate emails), unique per account, so the address is free for a new account at once.
 */
export const deletedEmail = (userId: string) => `deleted:${userId}`;

export interface TaughtClass {
  id: string;
  name: string;
  studentCount: number;
}

/**
 * An instructor's account cannot be deleted while a class of theirs has students: their results would vanish
 * without the students being asked. Classes without students go with the account. The classes in the way, or [].
 */
export const classesBlockingDeletion = (classes: readonly TaughtClass[]) => classes.filter((k) => k.studentCount > 0);
