// Nickname rules: students join without an account, so the name is all we have. It is shown to
// the whole class (rendered as text, never as HTML), so it is cleaned and checked here.
import { refuse as refusal, type Refusal } from "../validation";

/** Every nickname refusal is `invalid_nickname` about the field `name`. */
const refuse = (message: string) => refusal("invalid_nickname", message, "name");

export const NICKNAME_MAX = 24;

// A short list of words no class wants on the projector (English and Chinese). It is a speed
// bump, not a moderation system: the teacher can remove a student at any time.
const BLOCKED = [
  "fuck",
  "shit",
  "bitch",
  "cunt",
  "dick",
  "nigger",
  "faggot",
  "whore",
  "slut",
  "asshole",
  "傻逼",
  "傻屄",
  "操你",
  "草泥马",
  "婊子",
  "妈的",
  "贱人",
  "去死",
];

export type NicknameResult = { ok: true; name: string } | { ok: false; error: Refusal };

/** Trims, folds white space, drops control and invisible characters, checks length and words. */
export function cleanNickname(raw: unknown): NicknameResult {
  if (typeof raw !== "string") return refuse("a nickname is text");
  const name = raw
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
  if (name.length === 0) return refuse("please choose a nickname");
  if ([...name].length > NICKNAME_MAX) return refuse(`a nickname has at most ${NICKNAME_MAX} characters`);
  const folded = name.toLowerCase().replace(/[\s._\-*]/gu, "");
  if (BLOCKED.some((word) => folded.includes(word))) return refuse("please choose another nickname");
  return { ok: true, name };
}

/** `name`, or `name 2`, `name 3`… so that every participant's name is distinct. */
export function distinctName(name: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} ${n}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
