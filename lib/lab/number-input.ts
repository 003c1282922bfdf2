// Reading a number a person typed: "0.5", "-2", "−0.25" (the real minus sign, as the page
// writes it), ".5", "1e-3", "0,5" (a decimal comma). Anything else is refused with a reason the
// page turns into a message. Pure: the number field and the tests share it.

export type NumberParse =
  | { ok: true; value: number }
  | { ok: false; reason: "empty" | "not_a_number" }
  | { ok: false; reason: "too_small" | "too_large"; min: number; max: number };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function parseNumberInput(text: string, min: number, max: number): NumberParse {
  let clean = text
    .trim()
    .replace(/\s+/g, "")
    .replace(/[\u2212\u2012\u2013\uff0d]/g, "-")
    // full-width digits, point and comma (typed with a Chinese input method)
    .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/[\uff0e\u3002]/g, ".")
    .replace(/\uff0c/g, ",")
    .replace(/\uff0b/g, "+");
  if (clean === "") return { ok: false, reason: "empty" };
  // a decimal comma, as many countries write it ("0,5", "-1,25"); "1,000" is ambiguous and refused
  if (/^[+-]?(\d*,\d{1,2}|0?,\d+)$/.test(clean)) clean = clean.replace(",", ".");
  if (!NUMBER.test(clean)) return { ok: false, reason: "not_a_number" };
  const value = Number(clean);
  if (!Number.isFinite(value)) return { ok: false, reason: "not_a_number" };
  if (value < min) return { ok: false, reason: "too_small", min, max };
  if (value > max) return { ok: false, reason: "too_large", min, max };
  // -0 would print as "-0" in the field
  return { ok: true, value: value === 0 ? 0 : value };
}

/** A number as the field shows it: plain ASCII, up to 6 decimals, no float noise ("0.30000000000000004" → "0.3"). */
export function numberFieldText(value: number): string {
  if (!Number.isFinite(value)) return "";
  const text = value.toFixed(6).replace(/\.?0+$/, "");
  return text === "-0" ? "0" : text;
}
