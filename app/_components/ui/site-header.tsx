"use client";
// The bar at the top of every page: the app's name (a link home) and the language switch.
import Link from "next/link";
import { LanguageSwitch } from "@/app/_i18n/language-switch";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./site.module.css";

export function SiteHeader({ back }: { back?: boolean }) {
  const t = useT("site");
  return (
    <header className={styles.bar}>
      {back ? (
        <Link href="/" className={styles.home}>
          <span aria-hidden="true">← </span>
          {t("lesson.home")}
        </Link>
      ) : (
        <span className={styles.brand}>{t("app.name")}</span>
      )}
      <LanguageSwitch />
    </header>
  );
}
