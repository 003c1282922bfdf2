// The UI's languages: English and Simplified Chinese. Pure: the dictionaries, translate(), and
// the rules that pick a language from a query string, a cookie or a browser's Accept-Language.
// The React side (context, useLocale, persistence) lives in app/_i18n/.
import type { Locale } from "../exercise/schema";
import type { ActivationId } from "../network/activations";
import { ACTIVATION_RANGES } from "../network/activations";
import { en, type MessageKey, type Messages } from "./en";
import { zhCN } from "./zh-CN";

export type { Locale } from "../exercise/schema";
export type { MessageKey, Messages } from "./en";

export const UI_LOCALES = ["en", "zh-CN"] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = "en";
/** The cookie (read by the server to render in the right language) and localStorage key. */
export const LOCALE_COOKIE = "activation-lab-locale";
export const LOCALE_STORAGE_KEY = "activation-lab-locale";
/** The query parameter that sets the language: `?lang=zh-CN`. */
export const LOCALE_QUERY = "lang";

export const DICTIONARIES: Record<Locale, Messages> = { en, "zh-CN": zhCN };

export type MessageParams = Record<string, string | number>;

/** The text of `key` in `locale`, with `{name}` placeholders filled in from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[locale][key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** A supported locale from a loosely written tag: "zh-CN", "zh", "zh-Hans", "ZH_cn" → "zh-CN"; "en-GB" → "en". */
export function resolveLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const tag = value.trim().toLowerCase().replace("_", "-");
  if (tag === "zh" || tag.startsWith("zh-")) {
    // traditional Chinese (Taiwan, Hong Kong) is not offered; simplified is closer than English
    return "zh-CN";
  }
  if (tag === "en" || tag.startsWith("en-")) return "en";
  return null;
}

/** The first supported language of an Accept-Language header, by quality. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = resolveLocale(tag);
    if (locale) return locale;
  }
  return null;
}

/** The language to render in: an explicit ?lang= wins, then the remembered choice, then the browser's. */
export function pickLocale(sources: {
  query?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  return (
    resolveLocale(sources.query) ??
    resolveLocale(sources.cookie) ??
    localeFromAcceptLanguage(sources.acceptLanguage) ??
    DEFAULT_LOCALE
  );
}

/** An activation function's name for menus: "Linear (identity)", "线性（恒等）". */
export function activationLabel(locale: Locale, id: ActivationId): string {
  return translate(locale, `activation.${id}`);
}

/** One line on the range of a function, like lib/format's rangeSentence, in `locale`. */
export function localizedRangeSentence(locale: Locale, id: ActivationId, symbol: string): string {
  return translate(locale, "range.sentence", {
    f: symbol,
    range: ACTIVATION_RANGES[id],
    note: translate(locale, `range.${id}`),
  });
}
