"use client";
// The rounds' text in the current language (lib/rounds/text.ts).
import { useMemo } from "react";
import { translateRounds, type RoundT } from "@/lib/rounds/text";
import { useLocale } from "@/app/_i18n/locale-provider";

export function useRoundText(): { rt: RoundT; locale: ReturnType<typeof useLocale>["locale"] } {
  const { locale } = useLocale();
  const rt = useMemo<RoundT>(() => (key, params) => translateRounds(locale, key, params), [locale]);
  return { rt, locale };
}
