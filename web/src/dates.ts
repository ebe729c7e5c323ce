// Dates for people: instants shown in the browser's own time zone and UI language, and datetime-local values.

/** The browser's IANA time zone, the one `<input type="datetime-local">` values are meant in. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Asia/Almaty (GMT+5)": the zone's name with its current offset, so nobody has to guess. */
export function zoneLabel(locale: string, zone = browserTimeZone(), at = new Date()): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return offset ? `${zone} (${offset})` : zone;
}

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

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as the `YYYY-MM-DDTHH:mm` a datetime-local input shows, in the browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a datetime-local value names in the browser's zone (null when empty or malformed). */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/**
 * "10 min", "3 days", "2 months": a span of time in the largest unit that fits, rounded, the way a rating button
 * says when its card comes back. Minutes and hours are short (they sit on small buttons), days and longer in words.
 */
export function formatInterval(seconds: number, locale: string): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  const unit = (value: number, name: "minute" | "hour" | "day" | "month" | "year", display: "short" | "long") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: display, maximumFractionDigits: 0 }).format(value);
  if (minutes < 60) return unit(minutes, "minute", "short");
  const hours = Math.round(seconds / 3600);
  if (hours < 24) return unit(hours, "hour", "short");
  const days = Math.round(seconds / 86_400);
  if (days < 30) return unit(days, "day", "long");
  if (days < 365) return unit(Math.round(days / 30.4), "month", "long");
  return unit(Math.round(days / 365), "year", "long");
}
