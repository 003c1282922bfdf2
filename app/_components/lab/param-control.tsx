"use client";
// One number of the network (a weight, a bias, an input value): a slider to drag (−5…5, or
// ±100 when widened or when the value is already outside ±5) and a field for exact values. A
// drag is one undo step: the slider's changes share a key, and releasing it seals the step.
import { useId, useState } from "react";
import { formatNumber } from "@/lib/format";
import { useT } from "@/app/_i18n/locale-provider";
import { NumberField } from "./number-field";
import styles from "./lab.module.css";

const NARROW = 5;
const WIDE = 100;

export interface ParamControlProps {
  /** visible label, also the base of the accessible names */
  label: string;
  value: number;
  /** what the number field accepts (the format's limits) */
  min: number;
  max: number;
  /** continuous: part of a drag; false for an exact value typed in */
  onChange(value: number, continuous: boolean): void;
  /** the drag ended */
  onRelease(): void;
  testId?: string;
  /** may not be changed now (live sessions); the value still shows */
  disabled?: boolean;
  /** said under the control when disabled (e.g. "Locked by the teacher.") */
  disabledReason?: string | null;
}

export function ParamControl({
  label,
  value,
  min,
  max,
  onChange,
  onRelease,
  testId,
  disabled,
  disabledReason,
}: ParamControlProps) {
  const t = useT("lab");
  const id = useId();
  const [widened, setWidened] = useState(false);
  const wide = widened || Math.abs(value) > NARROW;
  const range = Math.min(wide ? WIDE : NARROW, max);
  const step = wide ? 0.1 : 0.05;
  return (
    <div className={styles.param}>
      <div className={styles.paramHead}>
        <label htmlFor={`${id}-field`} className={styles.paramLabel}>
          {label}
        </label>
        <NumberField
          id={`${id}-field`}
          label={t("editor.field", { what: label })}
          value={value}
          min={min}
          max={max}
          onCommit={(next) => onChange(next, false)}
          testId={testId ? `${testId}-field` : undefined}
          disabled={disabled}
        />
      </div>
      <div className={styles.paramSlider}>
        <span aria-hidden="true" className={styles.rangeEnd}>
          {formatNumber(-range)}
        </span>
        <input
          type="range"
          min={-range}
          max={range}
          step={step}
          value={value}
          aria-label={t("editor.slider", { what: label })}
          aria-valuetext={formatNumber(value)}
          data-testid={testId ? `${testId}-slider` : undefined}
          disabled={disabled}
          onChange={(event) => {
            const next = event.currentTarget.valueAsNumber;
            if (Number.isFinite(next)) onChange(next, true);
          }}
          onPointerUp={onRelease}
          onBlur={onRelease}
        />
        <span aria-hidden="true" className={styles.rangeEnd}>
          {formatNumber(range)}
        </span>
      </div>
      <label className={styles.wideToggle}>
        <input
          type="checkbox"
          checked={wide}
          disabled={Math.abs(value) > NARROW}
          onChange={(event) => setWidened(event.currentTarget.checked)}
        />{" "}
        {t("editor.wide")}
      </label>
      {disabled && disabledReason && (
        <p className={styles.hint} data-testid={testId ? `${testId}-reason` : undefined}>
          {disabledReason}
        </p>
      )}
    </div>
  );
}
