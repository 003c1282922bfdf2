"use client";
// The join form as a page: /s, and /s/{something that is not a code}.
import { useT } from "@/app/_i18n/locale-provider";
import { SiteHeader } from "@/app/_components/ui/site-header";
import { JoinForm } from "@/app/_components/live/join-form";
import styles from "@/app/_components/live/live.module.css";

export function JoinPage({ invalid }: { invalid?: boolean }) {
  const lt = useT("live");
  return (
    <div className={`${styles.page} ${styles.studentPage}`}>
      <SiteHeader back />
      <main className={styles.screen}>
        <h1>{lt("joinForm.title")}</h1>
        <p className={invalid ? styles.error : styles.muted}>
          {invalid ? lt("joinForm.invalid") : lt("joinForm.intro")}
        </p>
        <JoinForm />
      </main>
    </div>
  );
}
