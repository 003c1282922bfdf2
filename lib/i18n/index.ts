// The UI's languages: English and Simplified Chinese. Pure: the one translate function t() over
// the catalogs (./translate.ts, ./catalogs/), and the rules that pick a language from a query
// string, a cookie or a browser's Accept-Language. The React side (LocaleProvider, useLocale,
// useT, persistence) lives in app/_i18n/.
import type { Locale } from "../exercise/schema";
import { isOutputLayer } from "../lab/names";
import type { ActivationId } from "../network/activations";
import { ACTIVATION_RANGES } from "../network/activations";
import type { Network } from "../network/schema";
import { hasMessage, t } from "./translate";

export type { Locale } from "../exercise/schema";
export {
  hasMessage,
  t,
  translator,
  type MessageArgs,
  type MessageKey,
  type Namespace,
  type Translator,
} from "./translate";

export const UI_LOCALES = ["en", "zh-CN"] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = "en";
/** The cookie (read by the server to render in the right language) and localStorage key. */
export const LOCALE_COOKIE = "activation-lab-locale";
export const LOCALE_STORAGE_KEY = "activation-lab-locale";
/** The query parameter that sets the language: `?lang=zh-CN`. */
export const LOCALE_QUERY = "lang";

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
  return t(locale, "lab", `activation.${id}`);
}

/** One line on the range of a function, like lib/format's rangeSentence, in `locale`. */
export function localizedRangeSentence(locale: Locale, id: ActivationId, symbol: string): string {
  return t(locale, "lab", "range.sentence", {
    f: symbol,
    range: ACTIVATION_RANGES[id],
    note: t(locale, "lab", `range.${id}`),
  });
}

/** A layer's name on screen: "hidden layer 2", "output layer"; short: "hidden 2", "output". */
export function layerLabel(locale: Locale, network: Network, layer: number, short = false): string {
  if (isOutputLayer(network, layer)) return t(locale, "lab", short ? "graph.outputLayer.short" : "graph.outputLayer");
  return t(locale, "lab", short ? "graph.hidden.short" : "graph.hidden", { n: layer + 1 });
}

/** A lesson's line in the lesson list: its own (catalogs/lessons.ts), else its description's first sentence. */
export function lessonSummary(locale: Locale, slug: string, description: string): string {
  return hasMessage("lessons", slug) ? t(locale, "lessons", slug) : firstSentence(description);
}

/** The first sentence of a text (English or Chinese punctuation). */
export function firstSentence(text: string): string {
  const match = /^.*?[.。!?！？](?=\s|$)/su.exec(text.trim());
  return (match ? match[0] : text).trim();
}
