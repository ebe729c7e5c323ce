// The countdown of a timed attempt, as plain arithmetic: the server's deadline read on the device's clock.

/** How far the server's clock is ahead of the device's (ms), from the attempt's `serverNow` and when it arrived. */
export function clockSkew(serverNowIso: string, receivedAt: number): number {
  const server = Date.parse(serverNowIso);
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

/** Milliseconds left until the deadline at device time `now`, on the server's clock. */
export function remainingMs(deadlineIso: string, skewMs: number, now: number): number {
  return Date.parse(deadlineIso) - (now + skewMs);
}

/** "4:05", "1:02:09"; never negative. Rounds up, so "0:00" appears only when time is really up. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export type TimerAlert = { kind: "left"; minutes: number } | { kind: "up" };

const THRESHOLDS_MIN = [5, 1];

/**
 * What a screen reader should hear on this tick, if anything: once when 5 and 1 minutes are left, once
 * when time is up, and on the first tick the minutes left if already under 5 (a resumed attempt). Never every second.
 */
export function timerAlert(previousMs: number | null, nowMs: number): TimerAlert | null {
  if (nowMs <= 0) return previousMs === null || previousMs > 0 ? { kind: "up" } : null;
  if (previousMs === null) {
    return nowMs <= (THRESHOLDS_MIN[0] as number) * 60_000 ? { kind: "left", minutes: Math.ceil(nowMs / 60_000) } : null;
  }
  for (const minutes of THRESHOLDS_MIN) {
    const at = minutes * 60_000;
    if (previousMs > at && nowMs <= at) return { kind: "left", minutes };
  }
  return null;
}
