// A student's accommodation on an assignment and the rules it makes: the one place an assignment's rules meet an override.
import type { AttemptRules, Localized } from "../../db/json.ts";
import { attemptDeadline } from "./attempts.ts";
import { utcToLocal } from "./time.ts";

/** What an instructor may change for one student (null: as the assignment says). */
export interface Override {
  extraMinutes: number | null;
  /** The time limit multiplied by this (e.g. 1.5), before extraMinutes are added. */
  timeFactor: number | null;
  extraAttempts: number | null;
  opensAt: number | null;
  dueAt: number | null;
}

/** The rule fields an override changes; a reader passes the ones it has (the deck only the due date, say). */
export interface OverridableRules {
  opensAt: number | null;
  dueAt: number | null;
  maxAttempts: number | null;
  timeLimitMinutes: number | null;
}

/** A timed limit with the accommodation: multiplied (rounded up to a whole minute), then extended. */
export function accommodatedLimit(limit: number | null, o: Pick<Override, "extraMinutes" | "timeFactor">): number | null {
  if (limit === null) return null;
  return Math.ceil(limit * (o.timeFactor ?? 1)) + (o.extraMinutes ?? 0);
}

/**
 * The rules a student works under: the assignment's, with their override applied to each field the caller read.
 * Every read of an assignment's rules for a student (start, deadline, review, deck, practice pause, dashboard,
 * gradebook) passes through here, or through SQL that mirrors it (db/queries/deck.ts `keyHidden`).
 */
export function effectiveRules<T extends Partial<OverridableRules>>(rules: T, o: Override | null | undefined): T {
  if (!o) return rules;
  const out = { ...rules };
  if ("opensAt" in rules && o.opensAt !== null) out.opensAt = o.opensAt;
  if ("dueAt" in rules && o.dueAt !== null) out.dueAt = o.dueAt;
  if ("maxAttempts" in rules && rules.maxAttempts != null) out.maxAttempts = rules.maxAttempts + (o.extraAttempts ?? 0);
  if ("timeLimitMinutes" in rules && rules.timeLimitMinutes !== undefined)
    out.timeLimitMinutes = accommodatedLimit(rules.timeLimitMinutes, o);
  return out;
}

/** What a student (and the gradebook) is told about an accommodation. */
export interface Accommodation extends Override {
  /** One short line in each language, e.g. "+15 min, 1 more attempt, due 2026-12-11 18:00". */
  summary: Localized;
}

const plural = (n: number, one: string, few: string, many: string) => {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
};

/** The accommodation as a short line in both languages, dates in the assignment's time zone; null without one. */
export function describeAccommodation(o: Override | null | undefined, timeZone: string): Accommodation | null {
  if (!o) return null;
  const when = (ms: number) => utcToLocal(ms, timeZone).replace("T", " ");
  const ru: string[] = [];
  const en: string[] = [];
  if (o.timeFactor !== null) {
    ru.push(`время ×${o.timeFactor}`);
    en.push(`time ×${o.timeFactor}`);
  }
  if (o.extraMinutes !== null) {
    ru.push(`+${o.extraMinutes} мин`);
    en.push(`+${o.extraMinutes} min`);
  }
  if (o.extraAttempts !== null) {
    const n = o.extraAttempts;
    ru.push(`+${n} ${plural(n, "попытка", "попытки", "попыток")}`);
    en.push(`+${n} ${n === 1 ? "attempt" : "attempts"}`);
  }
  if (o.opensAt !== null) {
    ru.push(`открывается ${when(o.opensAt)}`);
    en.push(`opens ${when(o.opensAt)}`);
  }
  if (o.dueAt !== null) {
    ru.push(`срок ${when(o.dueAt)}`);
    en.push(`due ${when(o.dueAt)}`);
  }
  return { ...o, summary: { ru: ru.join(", "), en: en.join(", ") } };
}

/** An override row that changes nothing is not kept. */
export const isEmptyOverride = (o: Override) => Object.values(o).every((v) => v === null);

/**
 * An open attempt's rules and deadline once a student's override changes (or goes): it applies at once, from the
 * attempt's own start, to the assignment's current rules.
 */
export function rescheduleOpen(
  open: { id: string; startedAt: number; rules: AttemptRules },
  assignment: OverridableRules & { mode: AttemptRules["mode"] },
  o: Override | null,
) {
  const eff = effectiveRules(
    {
      opensAt: assignment.opensAt,
      dueAt: assignment.dueAt,
      maxAttempts: assignment.maxAttempts,
      timeLimitMinutes: assignment.timeLimitMinutes,
    },
    o,
  );
  const rules: AttemptRules = {
    ...open.rules,
    dueAt: eff.dueAt,
    maxAttempts: eff.maxAttempts,
    timeLimitMinutes: assignment.mode === "assessment" ? eff.timeLimitMinutes : null,
  };
  return { id: open.id, rules, deadline: attemptDeadline(open.startedAt, rules) };
}
