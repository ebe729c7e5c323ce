// Fixed-window rate limits: how many attempts a key (an IP, an account) may make per window.
export interface RateRule {
  limit: number;
  windowMs: number;
}

export const rateRules = {
  signupPerIp: { limit: 10, windowMs: 60 * 60 * 1000 },
  loginPerIp: { limit: 30, windowMs: 10 * 60 * 1000 },
  loginPerAccount: { limit: 10, windowMs: 10 * 60 * 1000 },
  // Join codes are 6 characters: unlimited guessing would find some class's code within hours.
  joinPerUser: { limit: 20, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateRule>;

/** Start of the window that `now` falls in. */
export const windowStart = (now: number, rule: RateRule) => now - (now % rule.windowMs);

/** Seconds until the window that `now` falls in ends (for Retry-After), at least 1. */
export const retryAfterSeconds = (now: number, rule: RateRule) =>
  Math.max(1, Math.ceil((windowStart(now, rule) + rule.windowMs - now) / 1000));
