// How a catalog (one namespace of UI text) is written: English is the reference, written as
// literal strings, and every other language must have exactly its keys. `{name}` in a text marks
// a value filled in by t(); the English text alone decides which values a key takes (the types
// read them from it), and the completeness test checks every translation uses the same ones.
import type { Locale } from "../exercise/schema";

/** The languages a catalog translates English into. */
export type TranslatedLocale = Exclude<Locale, "en">;

/** A translation of the English texts `E`: every key, nothing more. */
export type Translation<E> = { readonly [K in keyof E]: string };

export type Catalog<E extends Readonly<Record<string, string>> = Readonly<Record<string, string>>> = {
  readonly en: E;
} & { readonly [L in TranslatedLocale]: Translation<E> };

/**
 * A catalog: `defineCatalog({ en: { "undo": "Undo" }, "zh-CN": { "undo": "撤销" } })`. The `const`
 * type parameter keeps the English texts as literal types, so that t() knows each key's values.
 */
export function defineCatalog<const E extends Readonly<Record<string, string>>>(
  texts: { readonly en: E } & { readonly [L in TranslatedLocale]: Translation<E> },
): Catalog<E> {
  return texts;
}

/** The placeholder names of a text: `"from {from} to {to}"` → `"from" | "to"`. */
export type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The placeholder names of a text, at run time (the same rule as the type above and t()). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}
