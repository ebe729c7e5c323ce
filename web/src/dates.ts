// Dates for people: instants shown in the browser's own time zone and UI language (the assignment form's
// datetime-local values are in localTime.ts).

/** An instant as a short date and time in the viewer's zone; the year only when it is not this year. */
export function formatDateTime(iso: string, locale: string, now = new Date(), timeZone?: string): string {
  const date = new Date(iso);
  const yearOf = (d: Date) => Number(new Intl.DateTimeFormat("en", { year: "numeric", ...(timeZone ? { timeZone } : {}) }).format(d));
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(yearOf(date) !== yearOf(now) ? { year: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** A date without the time (for "joined on"). */
export const formatDate = (iso: string, locale: string, timeZone?: string): string =>
  new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", ...(timeZone ? { timeZone } : {}) }).format(
    new Date(iso),
  );

/** "in 3 days", "2 hours ago": how far an instant is from now, in the largest unit that fits. */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), "hour");
  if (abs < 45 * 86_400) return rtf.format(Math.round(seconds / 86_400), "day");
  return rtf.format(Math.round(seconds / (30 * 86_400)), "month");
}
