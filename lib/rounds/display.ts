// How a round's values are written on screen and in the report: an output with 3 decimals (a
// step's 0 or 1 as it is), a weighted sum with at most 3, fires as 0/1, a choice as its text in the
// reader's language. Pure.
import type { LocalizedText, Locale, RoundKind } from "../exercise/schema";
import { formatFixed, formatNumber, MINUS } from "../format";

/** A text in `locale`, else the other language. */
export function localized(text: LocalizedText | null | undefined, locale: Locale): string {
  if (!text) return "";
  return text[locale] ?? text.en ?? text["zh-CN"] ?? "";
}

/** A value of a round (the truth or an answer) as shown. */
export function formatRoundValue(
  kind: RoundKind,
  value: number,
  options: { choices?: readonly LocalizedText[] | null; locale?: Locale } = {},
): string {
  switch (kind) {
    case "choice":
      return localized(options.choices?.[value], options.locale ?? "en") || String(value + 1);
    case "fires":
      return formatNumber(value);
    case "z":
      return formatNumber(value);
    default:
      return formatFixed(value);
  }
}

/** An error with its sign: "+0.012", "−0.25", "−0.0004" (small ones with 4 decimals), "0". */
export function formatError(error: number): string {
  const text = formatNumber(error, Math.abs(error) < 0.01 ? 4 : 3);
  return text === "0" || text.startsWith(MINUS) ? text : `+${text}`;
}
