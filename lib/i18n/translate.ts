// The one translate function of the UI: t(locale, namespace, key, params). Typed from the English
// catalogs: an unknown namespace or key, a missing or an unknown value is a compile error.
// Pure, so the server (page titles, app/_i18n/server.ts), the browser (useT) and tests share it.
import type { Locale } from "../exercise/schema";
import { CATALOGS } from "./catalogs";
import type { Placeholders } from "./define";

export type Namespace = keyof typeof CATALOGS;
type English<N extends Namespace> = (typeof CATALOGS)[N]["en"];
export type MessageKey<N extends Namespace> = keyof English<N> & string;

/** The values a key takes, by placeholder name; `[]` for a text without placeholders. */
export type MessageArgs<N extends Namespace, K extends MessageKey<N>> = [Placeholders<English<N>[K]>] extends [never]
  ? []
  : [params: { readonly [P in Placeholders<English<N>[K]>]: string | number }];

/** t() with the locale and the namespace given: what components call. */
export type Translator<N extends Namespace> = <K extends MessageKey<N>>(key: K, ...args: MessageArgs<N, K>) => string;

/** The text of `key` in `locale`, with every `{name}` filled in from `params` (once: values are not read again). */
export function t<N extends Namespace, K extends MessageKey<N>>(
  locale: Locale,
  namespace: N,
  key: K,
  ...[params]: MessageArgs<N, K>
): string {
  const texts: Readonly<Record<string, string>> = CATALOGS[namespace][locale];
  const template = texts[key] ?? key;
  if (!params) return template;
  const values: Readonly<Record<string, string | number>> = params;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  );
}

/** t() bound to a language and a namespace. */
export function translator<N extends Namespace>(locale: Locale, namespace: N): Translator<N> {
  return (key, ...args) => t(locale, namespace, key, ...args);
}

/** Is `key` a key of `namespace`? For keys that come from data (a lesson's slug). */
export function hasMessage<N extends Namespace>(namespace: N, key: string): key is MessageKey<N> {
  return Object.hasOwn(CATALOGS[namespace].en, key);
}
