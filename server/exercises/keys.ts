// Edit keys: 32 random bytes (base64url) handed out once when an exercise is created; only their
// SHA-256 is stored, and a key is checked in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function newEditKey(): string {
  return randomBytes(32).toString("base64url");
}

export function hashEditKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("base64url");
}

/** Whether `key` is the key whose hash is `hash`; false for a missing key. */
export function editKeyMatches(key: string | undefined, hash: string): boolean {
  if (!key) return false;
  const given = Buffer.from(hashEditKey(key));
  const stored = Buffer.from(hash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}
