"use client";
// What a live page says about the connection and about refused actions: "Reconnecting…" (a
// banner at the top of the screen while the socket is down or joining again), "The teacher is
// offline", and a dismissible "Not applied: …" notice that goes away by itself after a while.
import { useEffect } from "react";
import type { Refusal } from "@/lib/validation";
import { useT } from "@/app/_i18n/locale-provider";
import { refusalText } from "./refusals";
import styles from "./live.module.css";

export function ConnectionBanner({
  reconnecting,
  teacherOffline,
}: {
  reconnecting: boolean;
  teacherOffline?: boolean;
}) {
  const lt = useT("live");
  if (reconnecting) {
    return (
      <div className={`${styles.banner} ${styles.bannerWarn}`} role="status" data-testid="reconnecting">
        <span className={styles.spinner} aria-hidden="true" />
        {lt("live.reconnecting")}
      </div>
    );
  }
  if (teacherOffline) {
    return (
      <div className={styles.banner} role="status" data-testid="teacher-offline">
        {lt("live.teacherOffline")}
      </div>
    );
  }
  return null;
}

const NOTICE_MS = 6000;

export function RefusalNotice({ refusal, onDismiss }: { refusal: Refusal | null; onDismiss(): void }) {
  const lt = useT("live");
  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(onDismiss, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [refusal, onDismiss]);
  if (!refusal) return null;
  return (
    <div className={`${styles.notice}`} role="alert" data-testid="refusal">
      <span>
        <strong>{lt("refused.title")}:</strong> {refusalText(lt, refusal)}
      </span>
      <button type="button" className={styles.linkButton} onClick={onDismiss}>
        {lt("live.dismiss")}
      </button>
    </div>
  );
}
