// Random codes, keys and tokens for live sessions, and how they are stored (only as hashes).
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { CODE_ALPHABET, CODE_LENGTH } from "../../lib/session/protocol";

/** A join code: 6 characters from an alphabet without look-alikes (31⁶ ≈ 887 million codes). */
export function newSessionCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** 32 random bytes, base64url: teacher keys and resume tokens. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A participant id: 12 random bytes, base64url (16 characters). Public, not a secret. */
export function newParticipantId(): string {
  return randomBytes(12).toString("base64url");
}

/** sha256, base64url: what the database keeps instead of a secret. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("base64url");
}

/** Does `secret` hash to `hash`? Constant-time in the hash. */
export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}
