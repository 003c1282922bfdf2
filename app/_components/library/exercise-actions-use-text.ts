"use client";
// The library UI's words in the language of the page's LocaleProvider.
import { useCallback } from "react";
import { useLocale } from "@/app/_i18n/locale-provider";
import type { Locale } from "@/lib/i18n";
import { libraryText, type LibraryTextKey } from "./exercise-actions-text";

/** `t(key, params)` in the page's language, and that language. */
export function useLibraryText(): {
  locale: Locale;
  t: (key: LibraryTextKey, params?: Record<string, string | number>) => string;
} {
  const { locale } = useLocale();
  const t = useCallback(
    (key: LibraryTextKey, params?: Record<string, string | number>) => libraryText(locale, key, params),
    [locale],
  );
  return { locale, t };
}
