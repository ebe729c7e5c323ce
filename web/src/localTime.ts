// The instructor's date fields: datetime-local values in the browser's zone, and the zone's name. Only the assignment
// form needs them, so they stay out of dates.ts, which every page loads.

/** The browser's IANA time zone, the one `<input type="datetime-local">` values are meant in. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Asia/Almaty (GMT+5)": the zone's name with its current offset, so nobody has to guess. */
export function zoneLabel(locale: string, zone = browserTimeZone(), at = new Date()): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return offset ? `${zone} (${offset})` : zone;
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
