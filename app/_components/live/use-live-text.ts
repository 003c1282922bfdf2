"use client";
// The live pages' text in the current language (lib/i18n/live.ts), next to the main dictionary's t().
import { useMemo } from "react";
import { translateLive, type LiveMessageKey } from "@/lib/i18n/live";
import { useLocale } from "@/app/_i18n/locale-provider";

export type LiveT = (key: LiveMessageKey, params?: Record<string, string | number>) => string;

export function useLiveText() {
  const { locale, t } = useLocale();
  const lt = useMemo<LiveT>(() => (key, params) => translateLive(locale, key, params), [locale]);
  return { lt, t, locale };
}
