// Class join codes: easy to read aloud and type on a phone, so no 0/O, 1/I/L or other look-alikes.
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 6;

export function generateJoinCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const alphabet = JOIN_CODE_ALPHABET;
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of the alphabet size).
  const limit = 256 - (256 % alphabet.length);
  let code = "";
  while (code.length < JOIN_CODE_LENGTH) {
    for (const byte of random(JOIN_CODE_LENGTH * 2)) {
      if (byte < limit && code.length < JOIN_CODE_LENGTH) code += alphabet[byte % alphabet.length];
    }
  }
  return code;
}

/** What a person types: any case, with spaces or dashes in between. */
export const normalizeJoinCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, "");

export const isJoinCode = (code: string) => code.length === JOIN_CODE_LENGTH && [...code].every((ch) => JOIN_CODE_ALPHABET.includes(ch));
