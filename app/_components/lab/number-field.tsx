"use client";
// A text field for an exact number ("0.5", "−2", "1e-3"): it applies on Enter or when focus
// leaves, reverts on Escape, and says clearly what is wrong with anything else, leaving the
// value unchanged. Parsing is lib/lab/number-input's.
import { useId, useState } from "react";
import { formatNumber } from "@/lib/format";
import { numberFieldText, parseNumberInput } from "@/lib/lab/number-input";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./lab.module.css";

export interface NumberFieldProps {
  id?: string;
  /** accessible name */
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit(value: number): void;
  testId?: string;
  /** read-only for now (a live session where this may not be changed) */
  disabled?: boolean;
}

export function NumberField({ id, label, value, min, max, onCommit, testId, disabled }: NumberFieldProps) {
  const t = useT("lab");
  const errorId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function apply() {
    if (draft === null) return;
    const parsed = parseNumberInput(draft, min, max);
    if (parsed.ok) {
      setDraft(null);
      setError(null);
      if (parsed.value !== value) onCommit(parsed.value);
      return;
    }
    if (parsed.reason === "empty") setError(t("number.empty"));
    else if (parsed.reason === "not_a_number") setError(t("number.nan", { text: draft.trim() }));
    else setError(t("number.range", { min: formatNumber(min), max: formatNumber(max) }));
  }

  return (
    <div className={styles.numberField}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        className={styles.numberInput}
        aria-label={label}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        data-testid={testId}
        disabled={disabled}
        value={disabled ? numberFieldText(value) : (draft ?? numberFieldText(value))}
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            apply();
          } else if (event.key === "Escape" && draft !== null) {
            event.preventDefault();
            event.stopPropagation();
            setDraft(null);
            setError(null);
          }
        }}
        onBlur={apply}
      />
      {error && (
        <p id={errorId} className={styles.fieldError} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
