// Seeded randomness for serving quizzes: an attempt stores one seed and can rebuild exactly what it served.

/** A source of floats in [0, 1), like Math.random but reproducible. */
export type Rng = () => number;

/**
 * mulberry32: a tiny 32-bit PRNG. Not cryptographic, and it need not be: the seed itself comes from
 * crypto.getRandomValues and never leaves the server, so a learner cannot predict an order.
 * Seeds are taken modulo 2^32 (`seed >>> 0`), the range `randomSeed()` produces.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates: every order equally likely; returns a new array and leaves `list` alone. */
export function shuffle<T>(list: readonly T[], rng: Rng): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** A fresh unsigned 32-bit seed from the platform's CSPRNG (Web Crypto, so it runs in workerd and Node). */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] as number;
}
