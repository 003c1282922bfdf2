"use client";
// Import: an exercise file chosen or pasted, checked here with the exercise schema (a refusal
// names the field), then saved as a new exercise with POST /api/exercises.
import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { parseExerciseText, type CreatedExercise } from "@/lib/api/exercises";
import type { Exercise } from "@/lib/exercise/schema";
import { useT } from "@/app/_i18n/locale-provider";
import { ApiFailure, saveNewExercise } from "./exercise-actions-api";
import styles from "./exercise-actions.module.css";

export interface ImportExerciseProps {
  onImported(created: CreatedExercise, exercise: Exercise): void;
  onCancel?(): void;
}

export function ImportExercise({ onImported, onCancel }: ImportExerciseProps) {
  const t = useT("library");
  const id = useId();
  const [text, setText] = useState("");
  const [unlisted, setUnlisted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const content = await file.text();
    setText(content);
    const parsed = parseExerciseText(content);
    setError(parsed.ok ? null : t("import.invalid", { message: parsed.error.message }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError(t("import.empty"));
      return;
    }
    const parsed = parseExerciseText(text);
    if (!parsed.ok) {
      setError(t("import.invalid", { message: parsed.error.message }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await saveNewExercise(parsed.value, { visibility: unlisted ? "unlisted" : "public" });
      setText("");
      onImported(created, parsed.value);
    } catch (failure) {
      const message = failure instanceof ApiFailure || failure instanceof Error ? failure.message : String(failure);
      setError(t("actions.error.other", { message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby={`${id}-heading`} data-testid="import-form">
      <h3 id={`${id}-heading`}>{t("import.heading")}</h3>
      <p className={styles.note}>{t("import.intro")}</p>
      <label className={styles.field}>
        {t("import.file")}
        <input
          type="file"
          accept=".json,application/json"
          className={styles.input}
          onChange={chooseFile}
          data-testid="import-file"
        />
      </label>
      <label className={styles.field}>
        {t("import.paste")}
        <textarea
          className={`${styles.textarea} ${styles.code}`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          spellCheck={false}
          rows={6}
          data-testid="import-text"
        />
      </label>
      <label className={styles.check}>
        <input type="checkbox" checked={unlisted} onChange={(event) => setUnlisted(event.target.checked)} />
        {t("actions.form.unlisted")}
      </label>
      {error && (
        <p role="alert" className={styles.error} data-testid="import-error">
          {error}
        </p>
      )}
      <div className={styles.row}>
        <button type="submit" className={styles.primary} disabled={busy} data-testid="import-submit">
          {busy ? t("actions.working") : t("import.submit")}
        </button>
        {onCancel && (
          <button type="button" className={styles.button} onClick={onCancel}>
            {t("actions.form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
