"use client";
// A neuron's activation function drawn over z ∈ [−6, 6], with no point marked: the phone shows the
// curve the student reads f(z) from, never where their own z lands (that is theirs to find).
import { ACTIVATION_FUNCTIONS, type ActivationId } from "@/lib/network/activations";
import styles from "./network-activity.module.css";

const W = 240;
const H = 120;
const PAD = 12;
const Z = 6;

export function ActivationCurve({ activation, label }: { activation: ActivationId; label: string }) {
  const f = ACTIVATION_FUNCTIONS[activation];
  const zs = Array.from({ length: 97 }, (_, i) => -Z + (i * 2 * Z) / 96);
  const values = zs.map(f);
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  const x = (z: number) => PAD + ((z + Z) / (2 * Z)) * (W - 2 * PAD);
  const y = (v: number) => H - PAD - ((v - lo) / (hi - lo)) * (H - 2 * PAD);
  const path = zs.map((z, i) => `${i === 0 ? "M" : "L"}${x(z).toFixed(1)},${y(values[i]!).toFixed(1)}`).join(" ");
  return (
    <svg className={styles.curve} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="bnet-curve">
      <line x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} className={styles.axis} />
      <line x1={x(0)} x2={x(0)} y1={PAD} y2={H - PAD} className={styles.axis} />
      <text x={W - PAD} y={y(0) - 4} textAnchor="end" className={styles.axisText}>
        z
      </text>
      <text x={x(0) + 4} y={PAD + 8} className={styles.axisText}>
        f(z)
      </text>
      <path d={path} className={styles.curveLine} />
    </svg>
  );
}
