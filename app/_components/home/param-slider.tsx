// One labelled range input with its current value beside it. Keyboard: arrows step by `step`,
// Home/End jump to the ends (native <input type=range> behaviour).
import type { ReactNode } from "react";
import { formatNumber } from "@/lib/format";
import styles from "./live-neuron.module.css";

export interface ParamSliderProps {
  id: string;
  /** visible label, e.g. <>w<sub>1</sub></> */
  label: ReactNode;
  /** what the parameter is, shown small after the label */
  hint: string;
  /** accessible name, containing the visible label's text, e.g. "w1 (weight of x1)" */
  ariaLabel: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange(value: number): void;
}

export function ParamSlider({ id, label, hint, ariaLabel, min, max, step, value, onChange }: ParamSliderProps) {
  return (
    <div className={styles.slider}>
      <label htmlFor={id} className={styles.sliderLabel}>
        <span className={styles.symbol}>{label}</span> <span className={styles.hint}>{hint}</span>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-label={ariaLabel}
        aria-valuetext={formatNumber(value)}
        onChange={(event) => {
          const next = event.currentTarget.valueAsNumber;
          if (Number.isFinite(next)) onChange(next);
        }}
      />
      <span className={styles.sliderValue} aria-hidden="true">
        {formatNumber(value)}
      </span>
    </div>
  );
}
