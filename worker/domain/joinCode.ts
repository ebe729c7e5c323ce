// Class join codes: easy to read aloud and type on a phone, so no 0/O, 1/I/L or other look-alikes.
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 6;

type RandomBytes = (n: number) => Uint8Array;
const cryptoBytes: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

/** `length` letters of JOIN_CODE_ALPHABET, each equally likely: the join code's and the reset code's letters. */
export function randomCode(length: number, random: RandomBytes = cryptoBytes): string {
  const alphabet = JOIN_CODE_ALPHABET;
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of the alphabet size).
  const limit = 256 - (256 % alphabet.length);
  let code = "";
  while (code.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < limit && code.length < length) code += alphabet[byte % alphabet.length];
    }
  }
  return code;
}

export const generateJoinCode = (random: RandomBytes = cryptoBytes) => randomCode(JOIN_CODE_LENGTH, random);

/** What a person types: any case, with spaces or dashes in between. */
export const normalizeJoinCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, "");

export const isJoinCode = (code: string) => code.length === JOIN_CODE_LENGTH && [...code].every((ch) => JOIN_CODE_ALPHABET.includes(ch));
