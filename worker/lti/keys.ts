// Qadam's own LTI signing keys: a JSON key set in the LTI_PRIVATE_JWKS secret; the newest signs, all are published.
import { importJWK, type JWK } from "jose";

export const LTI_ALG = "RS256";

export interface PrivateKeySet {
  keys: JWK[];
}

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

/** The members of an RSA JWK that are secret: never published. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** The key set as stored in the secret, or null with the reason it cannot be used. */
export function parsePrivateKeySet(raw: string | undefined): { set: PrivateKeySet } | { problem: string } {
  if (!raw) return { problem: "LTI_PRIVATE_JWKS is not set: run `npm run lti:keys` (dev) or `wrangler secret put LTI_PRIVATE_JWKS`." };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { problem: "LTI_PRIVATE_JWKS is not JSON." };
  }
  const keys = (value as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) return { problem: "LTI_PRIVATE_JWKS has no keys." };
  for (const k of keys as JWK[]) {
    if (k.kty !== "RSA" || typeof k.kid !== "string" || typeof k.d !== "string") {
      return { problem: "Every key in LTI_PRIVATE_JWKS must be a private RSA JWK with a kid." };
    }
  }
  return { set: { keys: keys as JWK[] } };
}

/** What /lti/jwks publishes: every key's public half, so tokens signed by the previous key still verify after a rotation. */
export function publicKeySet(set: PrivateKeySet): { keys: JWK[] } {
  return {
    keys: set.keys.map((k) => {
      const pub: JWK = { ...k, alg: LTI_ALG, use: "sig" };
      for (const member of PRIVATE_MEMBERS) delete pub[member];
      return pub;
    }),
  };
}

// Importing a key is slow enough to keep per isolate; the secret's text is the cache key, so a rotation takes effect.
let cached: { raw: string; signing: Promise<SigningKey> } | null = null;

/** The newest key (the last in the set), imported for signing. */
export function signingKey(raw: string, set: PrivateKeySet): Promise<SigningKey> {
  if (cached?.raw !== raw) {
    const newest = set.keys.at(-1) as JWK;
    cached = {
      raw,
      signing: importJWK({ ...newest, alg: LTI_ALG }, LTI_ALG).then((key) => ({ kid: newest.kid as string, key: key as CryptoKey })),
    };
  }
  return cached.signing;
}
