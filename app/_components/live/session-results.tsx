"use client";
// What the teacher's page offers once the session has ended: the report, both CSV files, keeping
// what the class built, and "My classes" where the session is found again later. The key is the
// teacher key this browser keeps for the session (it is kept after the end for this).
import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import type { LabState } from "@/lib/network/ops";
import { loadTeacherKey } from "@/lib/live/storage";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { downloadReportCsv, type ReportTable } from "../rounds/report-download";
import { SaveSessionExercise } from "./save-session-exercise";
import styles from "./live.module.css";

const noSubscription = () => () => {};

export function SessionResults({ code, shared, title }: { code: string; shared: LabState | null; title: string }) {
  const ct = useT("classes");
  const { locale } = useLocale();
  const key = useSyncExternalStore(
    noSubscription,
    () => loadTeacherKey(code),
    () => null,
  );
  const [error, setError] = useState<string | null>(null);
  const download = (table: ReportTable) => {
    if (!key) return;
    setError(null);
    downloadReportCsv(code, key, table, locale).catch((failure: unknown) =>
      setError(ct("ended.csvError", { message: failure instanceof Error ? failure.message : String(failure) })),
    );
  };

  return (
    <div className={styles.results} data-testid="session-results">
      <section className={styles.panel} aria-labelledby="results-title">
        <h2 id="results-title" className={styles.panelTitle}>
          {ct("ended.results")}
        </h2>
        {!key && <p className={styles.muted}>{ct("ended.noKey")}</p>}
        <div className={styles.buttonRow}>
          <Link href={`/report/${code}`} className={styles.primaryButton} data-testid="ended-report">
            {ct("ended.report")}
          </Link>
          <button
            type="button"
            className={styles.secondaryButton}
            disabled={!key}
            onClick={() => download("answers")}
            data-testid="ended-csv-answers"
          >
            {ct("ended.csvAnswers")}
          </button>
          <button
            type="button"
            className={styles.secondaryButton}
            disabled={!key}
            onClick={() => download("students")}
            data-testid="ended-csv-students"
          >
            {ct("ended.csvStudents")}
          </button>
        </div>
        {error && (
          <p className={styles.error} role="alert">
            {error}
          </p>
        )}
        <p className={styles.muted}>
          {ct("ended.later")}{" "}
          <Link href="/classes" data-testid="ended-classes">
            {ct("classes.link")}
          </Link>
        </p>
      </section>
      {key && <SaveSessionExercise code={code} shared={shared} title={title} />}
    </div>
  );
}
