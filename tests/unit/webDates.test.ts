// The web app's date helpers: datetime-local values in the browser's zone, and how instants are shown.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDateTime, formatRelative } from "../../web/src/dates.ts";
import { formatDueShort, formatMinutes } from "../../web/src/dueDates.ts";
import { formatInterval } from "../../web/src/interval.ts";
import { fromLocalInput, toLocalInput, zoneLabel } from "../../web/src/localTime.ts";

const savedTz = process.env.TZ;
const inZone = (zone: string) => {
  process.env.TZ = zone;
};

describe("datetime-local values", () => {
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it("turns an instant into the wall-clock time of the browser's zone", () => {
    inZone("Asia/Almaty");
    expect(toLocalInput("2030-06-15T13:00:00.000Z")).toBe("2030-06-15T18:00");
    inZone("Europe/London");
    expect(toLocalInput("2030-06-15T13:00:00.000Z")).toBe("2030-06-15T14:00");
    expect(toLocalInput("2030-01-15T13:00:00.000Z")).toBe("2030-01-15T13:00");
  });

  it("reads a wall-clock value back as the same instant", () => {
    for (const zone of ["Asia/Almaty", "Europe/London", "America/New_York", "Australia/Adelaide"]) {
      inZone(zone);
      for (const iso of ["2030-06-15T13:00:00.000Z", "2030-12-31T23:59:00.000Z", "2026-03-08T12:30:00.000Z"]) {
        expect(fromLocalInput(toLocalInput(iso))).toBe(Date.parse(iso));
      }
    }
  });

  it("is empty for no date and refuses malformed input", () => {
    expect(toLocalInput(null)).toBe("");
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("15.06.2030 18:00")).toBeNull();
    expect(fromLocalInput("2030-13-45T18:00")).toBeNull();
  });

  it("lands a time skipped by the spring-forward gap on a real instant", () => {
    inZone("America/New_York");
    // 02:30 does not exist on 2030-03-10 in New York; whatever the engine picks must be a valid instant near it.
    const ms = fromLocalInput("2030-03-10T02:30");
    expect(ms).not.toBeNull();
    expect(Math.abs((ms as number) - Date.parse("2030-03-10T07:30:00Z"))).toBeLessThanOrEqual(3_600_000);
  });
});

describe("showing instants", () => {
  beforeEach(() => inZone("UTC"));
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it("formats in the given zone and language, with the year only when it differs", () => {
    const now = new Date("2030-03-01T00:00:00Z");
    const en = formatDateTime("2030-06-15T13:00:00.000Z", "en-US", now, "Asia/Almaty");
    expect(en).toMatch(/Jun 15/);
    expect(en).toMatch(/06:00\sPM/);
    expect(en).not.toMatch(/2030/);
    const ru = formatDateTime("2031-06-15T13:00:00.000Z", "ru", now, "Asia/Almaty");
    expect(ru).toMatch(/15 июн/);
    expect(ru).toMatch(/18:00/);
    expect(ru).toMatch(/2031/);
  });

  it("decides 'this year' in the viewer's zone, not in UTC", () => {
    // 2030-12-31T20:00Z is already 2031 in Almaty: a 2031 date needs no year there.
    const now = new Date("2030-12-31T20:00:00Z");
    expect(formatDateTime("2031-01-05T10:00:00Z", "en-US", now, "Asia/Almaty")).not.toMatch(/2031/);
    expect(formatDateTime("2031-01-05T10:00:00Z", "en-US", now, "UTC")).toMatch(/2031/);
  });

  it("says how far away an instant is in the largest unit that fits", () => {
    const now = Date.parse("2030-06-15T12:00:00Z");
    expect(formatRelative("2030-06-18T12:00:00Z", "en", now)).toBe("in 3 days");
    expect(formatRelative("2030-06-15T10:00:00Z", "en", now)).toBe("2 hours ago");
    expect(formatRelative("2030-06-15T12:20:00Z", "en", now)).toBe("in 20 minutes");
    expect(formatRelative("2030-06-16T12:00:00Z", "ru", now)).toBe("завтра");
    expect(formatRelative("2030-10-15T12:00:00Z", "en", now)).toBe("in 4 months");
  });

  it("names the zone with its current offset", () => {
    expect(zoneLabel("en", "Asia/Almaty", new Date("2030-06-15T00:00:00Z"))).toBe("Asia/Almaty (GMT+5)");
    expect(zoneLabel("en", "Europe/London", new Date("2030-06-15T00:00:00Z"))).toBe("Europe/London (GMT+1)");
    expect(zoneLabel("en", "Europe/London", new Date("2030-01-15T00:00:00Z"))).toMatch(/^Europe\/London \(GMT(\+0)?\)$/);
  });

  it("spells durations in the UI language's plural, and due dates as a weekday within the week", () => {
    expect(formatMinutes(1, "en")).toBe("1 minute");
    expect(formatMinutes(15, "en")).toBe("15 minutes");
    expect(formatMinutes(15, "ru")).toBe("15 минут");
    expect(formatMinutes(3, "ru")).toBe("3 минуты");
    const now = Date.parse("2030-06-15T12:00:00Z"); // a Saturday
    expect(formatDueShort("2030-06-20T12:00:00Z", "en", now)).toBe("Thu");
    expect(formatDueShort("2030-07-02T12:00:00Z", "en", now)).toMatch(/^(Jul 2|2 Jul)$/);
  });
});

describe("formatInterval", () => {
  it.each([
    [30, "en", "1 min"],
    [600, "en", "10 min"],
    [600, "ru", "10 мин"],
    [2 * 3600, "en", "2 hr"],
    [86_400, "en", "1 day"],
    [3 * 86_400, "en", "3 days"],
    [3 * 86_400, "ru", "3 дня"],
    [5 * 86_400, "ru", "5 дней"],
    [21 * 86_400, "ru", "21 день"],
    [61 * 86_400, "en", "2 months"],
    [400 * 86_400, "ru", "1 год"],
  ])("%i s in %s is %s", (seconds, locale, text) => {
    expect(formatInterval(seconds, locale)).toBe(text);
  });
});
