// Email addresses as account names.

/** Normalised email: trimmed and lower-cased, so one person cannot hold two accounts by case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
