"use client";
// The UI language for client components: useLocale() gives the current locale and setLocale(),
// useT(namespace) the one t() (lib/i18n) bound to that locale and a namespace. The server renders in the language requestLocale() picked (so the first paint is
// right); a choice made here is remembered in localStorage and a cookie (which the server reads
// next time), `<html lang>` follows it, and a ?lang= in the address is dropped once applied.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import {
  LOCALE_COOKIE,
  LOCALE_QUERY,
  LOCALE_STORAGE_KEY,
  resolveLocale,
  translator,
  type Locale,
  type Namespace,
  type Translator,
} from "@/lib/i18n";

export interface LocaleContextValue {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

const ONE_YEAR = 60 * 60 * 24 * 365;

function remember(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage may be disabled (private mode, policies): the cookie still remembers
  }
  document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; path=/; max-age=${ONE_YEAR}; samesite=lax`;
}

function storedLocale(): Locale | null {
  try {
    return resolveLocale(localStorage.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return null;
  }
}

export function LocaleProvider({ initial, children }: { initial: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initial);

  // once: a ?lang= in the address is a choice to remember; without one, a choice stored only in
  // localStorage (the cookie expired or was cleared) still wins over the browser's language
  useEffect(() => {
    const url = new URL(window.location.href);
    const fromQuery = resolveLocale(url.searchParams.get(LOCALE_QUERY));
    if (fromQuery) {
      remember(fromQuery);
      return;
    }
    const stored = storedLocale();
    if (stored && stored !== initial) {
      remember(stored);
      // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser
      setLocaleState(stored);
    }
  }, [initial]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    remember(next);
    // the address should not switch the language back on reload
    const url = new URL(window.location.href);
    if (url.searchParams.has(LOCALE_QUERY)) {
      url.searchParams.delete(LOCALE_QUERY);
      window.history.replaceState(window.history.state, "", url);
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<LocaleContextValue>(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useLocale() needs a <LocaleProvider> above it");
  return value;
}

/** The texts of one namespace in the page's language: `const t = useT("lab"); t("lab.undo")`. */
export function useT<N extends Namespace>(namespace: N): Translator<N> {
  const { locale } = useLocale();
  return useMemo(() => translator(locale, namespace), [locale, namespace]);
}
