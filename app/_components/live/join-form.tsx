"use client";
// "Type the code": the way in for a student who has no link or QR code. Goes to /s/{CODE}.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { normalizeCode } from "@/lib/live/code";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./live.module.css";

export function JoinForm({ compact }: { compact?: boolean }) {
  const lt = useT("live");
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState(false);
  return (
    <form
      className={`${styles.form} ${compact ? styles.formCompact : ""}`}
      data-testid="join-form"
      onSubmit={(event) => {
        event.preventDefault();
        const code = normalizeCode(text);
        if (!code) {
          setError(true);
          return;
        }
        router.push(`/s/${code}`);
      }}
    >
      <label htmlFor={`${id}-code`} className={styles.fieldLabel}>
        {lt("joinForm.code")}
      </label>
      <div className={styles.fieldRow}>
        <input
          id={`${id}-code`}
          className={`${styles.textInput} ${styles.codeInput}`}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(false);
          }}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          placeholder="K7PQ2M"
          aria-invalid={error}
          aria-describedby={`${id}-hint`}
          data-testid="join-code-input"
        />
        <button type="submit" className={styles.primaryButton} data-testid="join-code-submit">
          {lt("joinForm.submit")}
        </button>
      </div>
      <p id={`${id}-hint`} className={error ? styles.error : styles.muted} role={error ? "alert" : undefined}>
        {error ? lt("joinForm.invalid") : lt("joinForm.hint")}
      </p>
    </form>
  );
}
