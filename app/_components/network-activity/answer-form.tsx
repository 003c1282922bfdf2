"use client";
// A student's answer for their neuron, phone first: two fields a phone opens with a decimal keypad
// (inputmode="decimal"; "0,69" and "−0.5" are read as 0.69 and −0.5) for z and f(z), and — if the
// teacher switched it on — a calculator the student types their own products and sums into. Nothing
// is worked out for them.
import { useId, useState } from "react";
import { formatNumber } from "@/lib/format";
import { calculate } from "@/lib/network-activity/calculator";
import { parseAnswerText } from "@/lib/rounds/model";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./network-activity.module.css";

export function AnswerForm({
  calculator,
  sent,
  onSend,
}: {
  calculator: boolean;
  sent: boolean;
  onSend(z: number, a: number): Promise<string | null>;
}) {
  const nt = useT("network");
  const id = useId();
  const [z, setZ] = useState("");
  const [a, setA] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className={styles.form}
      data-testid="bnet-answer"
      onSubmit={(event) => {
        event.preventDefault();
        const zv = parseAnswerText(z);
        const av = parseAnswerText(a);
        if (!zv.ok || !av.ok) return setProblem(nt("student.invalid"));
        setProblem(null);
        setBusy(true);
        void onSend(zv.value, av.value).then((refusal) => {
          setBusy(false);
          setProblem(refusal);
        });
      }}
    >
      <label htmlFor={`${id}-z`} className={styles.fieldLabel}>
        {nt("student.zLabel")}
      </label>
      <input
        id={`${id}-z`}
        className={styles.numberInput}
        inputMode="decimal"
        autoComplete="off"
        value={z}
        onChange={(e) => setZ(e.currentTarget.value)}
        data-testid="bnet-z"
      />
      <label htmlFor={`${id}-a`} className={styles.fieldLabel}>
        {nt("student.aLabel")}
      </label>
      <input
        id={`${id}-a`}
        className={styles.numberInput}
        inputMode="decimal"
        autoComplete="off"
        value={a}
        onChange={(e) => setA(e.currentTarget.value)}
        data-testid="bnet-a"
      />
      <button type="submit" className={styles.primary} disabled={busy} data-testid="bnet-send">
        {sent ? nt("student.change") : nt("student.send")}
      </button>
      {problem && (
        <p className={styles.error} role="alert" data-testid="bnet-problem">
          {problem}
        </p>
      )}
      {calculator && <Calculator />}
    </form>
  );
}

function Calculator() {
  const nt = useT("network");
  const [text, setText] = useState("");
  const value = text.trim() === "" ? null : calculate(text);
  return (
    <div className={styles.calculator} data-testid="bnet-calculator-helper">
      <label className={styles.fieldLabel}>
        {nt("student.calculator")}
        <input
          className={styles.numberInput}
          value={text}
          placeholder={nt("student.calculator.hint")}
          onChange={(e) => setText(e.currentTarget.value)}
          autoComplete="off"
          data-testid="bnet-calc-input"
        />
      </label>
      {text.trim() !== "" && (
        <span data-testid="bnet-calc-result">
          {value === null
            ? nt("student.calculator.error")
            : nt("student.calculator.result", { value: formatNumber(value, 6) })}
        </span>
      )}
    </div>
  );
}
