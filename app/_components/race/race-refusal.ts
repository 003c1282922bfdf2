// A race refusal in the page's language (the server's message is English and for developers).
import type { Translator } from "@/lib/i18n/translate";
import type { Refusal } from "@/lib/validation";

const KNOWN = new Set([
  "race_running",
  "invalid_race",
  "no_such_race",
  "race_stopped",
  "not_entered",
  "too_fast",
  "invalid_entry",
] as const);
type Known = typeof KNOWN extends Set<infer K> ? K : never;

export function raceRefusalText(t: Translator<"race">, refusal: Refusal): string {
  const code = refusal.code as Known;
  return KNOWN.has(code) ? t(`refusal.${code}`) : t("refusal.other", { code: refusal.code });
}
