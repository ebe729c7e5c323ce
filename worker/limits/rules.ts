// Rate-limit rules as plain functions: fixed windows of hits, and the sign-in throttle that counts failures.
export interface RateRule {
  limit: number;
  windowMs: number;
}

export const rateRules = {
  signupPerIp: { limit: 10, windowMs: 60 * 60 * 1000 },
  // Join codes are 6 characters: unlimited guessing would find some class's code within hours.
  joinPerUser: { limit: 20, windowMs: 60 * 60 * 1000 },
  // A reset code is read aloud to one student: a class's worth in an hour is plenty, and bounds a stolen session.
  resetIssuePerInstructor: { limit: 30, windowMs: 60 * 60 * 1000 },
  // Redeeming counts every try: per account it bounds guessing one student's code (49 bits) to a few hundred a day;
  // per client it stops one address working through many accounts, with room for a class behind one school address.
  resetRedeemPerAccount: { limit: 10, windowMs: 60 * 60 * 1000 },
  resetRedeemPerClient: { limit: 50, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateRule>;

/** Start of the window that `now` falls in. */
export const windowStart = (now: number, rule: Pick<RateRule, "windowMs">) => now - (now % rule.windowMs);

/** Seconds until the window that `now` falls in ends (for Retry-After), at least 1. */
export const retryAfterSeconds = (now: number, rule: Pick<RateRule, "windowMs">) =>
  Math.max(1, Math.ceil((windowStart(now, rule) + rule.windowMs - now) / 1000));

/**
 * Sign-in counts failed passwords only, in three counters per window (SECURITY.md, "Sign-in throttling"):
 * - per client (address) and account: the hard limit, so a guesser is stopped without touching the owner;
 * - per client, over all accounts: one address spraying many accounts;
 * - per account, over all clients: once an account is under attack, a client that has itself failed on it
 *   waits longer after each failure. A client that has not failed on the account is always heard, so the
 *   owner's right password is never refused because someone else guessed.
 */
export const signInRules = {
  windowMs: 15 * 60 * 1000,
  failuresPerClientAndAccount: 10,
  // A school behind one address has many students who mistype; spraying many accounts still stops here.
  failuresPerClient: 100,
  slowdownAfterAccountFailures: 5,
  firstWaitMs: 5_000,
  maxWaitMs: 5 * 60 * 1000,
} as const;

/**
 * Who the client is for the counters. Cloudflare's edge sets CF-Connecting-IP and overwrites any value a
 * client sends, so it is only trusted behind Cloudflare (README, deployment). Without it, every such request
 * is one client: the limits then fall back to the account alone.
 */
export const clientKey = (ip: string | undefined) => (ip ? `ip:${ip}` : "no-ip");

export const signInCounterKeys = (email: string, client: string) => ({
  clientAndAccount: `signin:fail:${client}:${email}`,
  client: `signin:fail:${client}`,
  account: `signin:fail:account:${email}`,
});

export interface CounterRow {
  key: string;
  windowStart: number;
  count: number;
  lastAt: number | null;
}

export type SignInVerdict = { allow: true } | { allow: false; reason: "client_limited" | "account_slowed"; retryAfter: number };

/** The wait a client owes after its `failures`-th failure on an account under attack: doubling, capped. */
export const slowdownWaitMs = (failures: number) =>
  Math.min(signInRules.maxWaitMs, signInRules.firstWaitMs * 2 ** Math.max(0, failures - 1));

/** Whether a sign-in may check its password now, from the counters read before it; `scale` multiplies the counts (e2e). */
export function signInVerdict(
  counters: readonly CounterRow[],
  keys: ReturnType<typeof signInCounterKeys>,
  now: number,
  scale = 1,
): SignInVerdict {
  const current = windowStart(now, signInRules);
  const row = (key: string) => counters.find((c) => c.key === key && c.windowStart === current);
  const count = (key: string) => row(key)?.count ?? 0;
  const untilWindowEnds = retryAfterSeconds(now, signInRules);
  const overLimit =
    count(keys.client) >= signInRules.failuresPerClient * scale ||
    count(keys.clientAndAccount) >= signInRules.failuresPerClientAndAccount * scale;
  if (overLimit) {
    return { allow: false, reason: "client_limited", retryAfter: untilWindowEnds };
  }
  const own = row(keys.clientAndAccount);
  if (own && count(keys.account) >= signInRules.slowdownAfterAccountFailures * scale) {
    const waitUntil = (own.lastAt ?? 0) + slowdownWaitMs(own.count);
    if (now < waitUntil) {
      return { allow: false, reason: "account_slowed", retryAfter: Math.min(untilWindowEnds, Math.ceil((waitUntil - now) / 1000)) };
    }
  }
  return { allow: true };
}
