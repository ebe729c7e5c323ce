// Durations and due dates at a glance, for the start page and the lesson's notice (kept out of the shell's dates.ts,
// which every page downloads).
/** "15 minutes", "15 минут": a duration in the UI language's own plural form. */
export const formatMinutes = (minutes: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long" }).format(minutes);

/** A due date as a glance: the weekday within the coming week ("Thu"), else the day and month ("12 Dec"). */
export function formatDueShort(iso: string, locale: string, now = Date.now()): string {
  const ms = new Date(iso).getTime();
  const soon = ms >= now && ms - now < 6 * 86_400_000;
  return new Intl.DateTimeFormat(locale, soon ? { weekday: "short" } : { day: "numeric", month: "short" }).format(ms);
}
