// Names for a saved exercise: a slug for its URL (`relu-dead-neurons-k3m7q`: the title in kebab
// case plus a random suffix) and a short code to read out or type (`K7QX3M`). Both avoid
// look-alike characters (0/O, 1/I/L) and never equal a built-in lesson's slug.
import { randomInt } from "node:crypto";
import { kebab } from "../../lib/api/exercises";
import { lessonBySlug } from "../../lib/lessons";

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 6;
const SUFFIX_ALPHABET = CODE_ALPHABET.toLowerCase();
const SUFFIX_LENGTH = 5;

function randomString(alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

export function newShortCode(): string {
  return randomString(CODE_ALPHABET, CODE_LENGTH);
}

/** Whether `text` could be a short code (any case): codes are looked up case-insensitively. */
export function looksLikeCode(text: string): boolean {
  return text.length === CODE_LENGTH && [...text.toUpperCase()].every((c) => CODE_ALPHABET.includes(c));
}

export function newSlug(title: string): string {
  for (;;) {
    const slug = `${kebab(title) || "exercise"}-${randomString(SUFFIX_ALPHABET, SUFFIX_LENGTH)}`;
    if (!lessonBySlug(slug)) return slug;
  }
}
