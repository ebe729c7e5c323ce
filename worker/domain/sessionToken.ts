// Session tokens: 256 random bits for the cookie; only their SHA-256 is ever stored.
import { sha256Hex, toBase64Url } from "./encoding.ts";

export const SESSION_COOKIE = "qadam_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export const newSessionToken = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
export const hashSessionToken = (token: string) => sha256Hex(token);
