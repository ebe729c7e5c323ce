// How long until a deck card comes back ("10 min", "3 days"), for the rating buttons (pages/Deck.tsx). Kept out of
// dates.ts, which every page loads, since only the deck needs it.

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
