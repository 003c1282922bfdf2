"use client";
// "My classes": every session this browser started, newest first, each with its teacher page,
// report and a way to forget it; the keys go to another device as a file (export) and come in
// from one (import). Read from localStorage after hydration, so the server's render matches.
import Link from "next/link";
import { useMemo, useState, useSyncExternalStore, type ChangeEvent } from "react";
import { classesFile, parseClassesFile, type KeptClass } from "@/lib/live/classes";
import { forgetClass, loadClasses, rememberClasses } from "@/lib/live/storage";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { SiteHeader } from "@/app/_components/ui/site-header";
import site from "@/app/_components/ui/site.module.css";
import styles from "./classes.module.css";

// the list as text (a stable snapshot), re-read when another tab or this page changes it
const changed = new Set<() => void>();
function subscribe(notify: () => void) {
  window.addEventListener("storage", notify);
  changed.add(notify);
  return () => {
    window.removeEventListener("storage", notify);
    changed.delete(notify);
  };
}
const listText = () => JSON.stringify(loadClasses());
const refresh = () => changed.forEach((notify) => notify());

export function ClassesPage() {
  const ct = useT("classes");
  const { locale } = useLocale();
  const text = useSyncExternalStore(subscribe, listText, () => null);
  const list = useMemo(() => (text === null ? null : (JSON.parse(text) as KeptClass[])), [text]);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);

  const exportFile = () => {
    const blob = new Blob([classesFile(loadClasses())], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = "activation-lab-classes.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = "";
    if (!file) return;
    const parsed = parseClassesFile(await file.text());
    if (!parsed.ok) {
      setNote({ text: ct("classes.importError", { message: parsed.error.message }), error: true });
      return;
    }
    rememberClasses(parsed.value);
    refresh();
    setNote({ text: ct("classes.imported", { n: parsed.value.length }), error: false });
  };

  const date = (at: number) =>
    at > 0
      ? new Date(at).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" })
      : ct("classes.unknownDate");

  return (
    <div className={site.page}>
      <SiteHeader back />
      <main className={styles.main}>
        <h1>{ct("classes.title")}</h1>
        <p className={styles.muted}>{ct("classes.intro")}</p>
        {list !== null && list.length === 0 && <p data-testid="classes-none">{ct("classes.none")}</p>}
        {list !== null && list.length > 0 && (
          <ul className={styles.list} data-testid="classes-list">
            {list.map((entry) => (
              <li key={entry.code} className={styles.entry} data-testid={`class-${entry.code}`}>
                <div className={styles.what}>
                  <strong>{entry.title || ct("classes.untitled", { code: entry.code })}</strong>
                  <span className={styles.muted}>
                    <span className={styles.code}>{entry.code}</span> · {date(entry.startedAt)}
                  </span>
                </div>
                <div className={styles.actions}>
                  <Link href={`/report/${entry.code}`} className={styles.primary} data-testid="class-report">
                    {ct("classes.report")}
                  </Link>
                  <Link href={`/t/${entry.code}`} className={styles.button} data-testid="class-open">
                    {ct("classes.open")}
                  </Link>
                  <button
                    type="button"
                    className={styles.button}
                    data-testid="class-forget"
                    onClick={() => {
                      if (!window.confirm(ct("classes.forget.confirm", { code: entry.code }))) return;
                      forgetClass(entry.code);
                      refresh();
                    }}
                  >
                    {ct("classes.forget")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <section className={styles.carry} aria-labelledby="carry-title">
          <h2 id="carry-title">{ct("classes.carry.title")}</h2>
          <p className={styles.muted}>{ct("classes.carry.text")}</p>
          <div className={styles.actions}>
            <button
              type="button"
              className={styles.button}
              onClick={exportFile}
              disabled={!list?.length}
              data-testid="classes-export"
            >
              {ct("classes.export")}
            </button>
            <label className={styles.button}>
              {ct("classes.import")}
              <input
                type="file"
                accept=".json,application/json"
                className={styles.file}
                onChange={(event) => void importFile(event)}
                data-testid="classes-import"
              />
            </label>
          </div>
          {note && (
            <p role={note.error ? "alert" : "status"} className={note.error ? styles.error : styles.muted}>
              {note.text}
            </p>
          )}
        </section>
      </main>
    </div>
  );
}
