// Wall-clock times in a learner's or instructor's time zone ↔ UTC instants, safe across daylight saving.

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Offset of `zone` from UTC at the instant `utcMs`, in minutes (Asia/Almaty → +300). */
export function zoneOffsetMinutes(utcMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant of a wall-clock time (`2026-03-29T02:30`) in `zone`.
 * A time skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30); a time that happens
 * twice at fall-back resolves to the first occurrence. Returns null for a malformed or impossible date.
 */
export function localToUtc(local: string, zone: string): number | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  // Try the offsets in force just before and just after; the earliest candidate that maps back wins.
  const offsets = [...new Set([zoneOffsetMinutes(wall - 86_400_000, zone), zoneOffsetMinutes(wall + 86_400_000, zone)])];
  const candidates = offsets
    .map((off) => wall - off * 60_000)
    .filter((utc) => utc + zoneOffsetMinutes(utc, zone) * 60_000 === wall)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  // In a gap no instant shows this wall time; reading it with the smaller (pre-gap) offset lands the
  // gap's length later on the clock, e.g. 02:30 → 03:30.
  return wall - Math.min(...offsets) * 60_000;
}

/** Parses an instant given either with an explicit offset (ISO 8601) or as wall-clock time in `zone`. */
export function parseInstant(value: string, zone: string): number | null {
  if (WITH_OFFSET.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  return localToUtc(value, zone);
}

/** The wall-clock `YYYY-MM-DDTHH:mm` of an instant in `zone` (what a datetime-local input shows). */
export function utcToLocal(utcMs: number, zone: string): string {
  return new Date(utcMs + zoneOffsetMinutes(utcMs, zone) * 60_000).toISOString().slice(0, 16);
}
