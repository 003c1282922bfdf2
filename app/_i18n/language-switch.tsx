"use client";
// English / 中文: two buttons, the current one pressed. Each is labelled in its own language.
import { UI_LOCALES } from "@/lib/i18n";
import { useLocale, useT } from "./locale-provider";
import styles from "./language-switch.module.css";

export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT("site");
  return (
    <div className={styles.switch} role="group" aria-label={t("lang.label")}>
      {UI_LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className={styles.option}
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
        >
          {t(`lang.${option}`)}
        </button>
      ))}
    </div>
  );
}
