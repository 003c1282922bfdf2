// The activation function menu: every id of the network format, by its readable name.
import { ACTIVATION_IDS, type ActivationId } from "@/lib/network/activations";
import { ACTIVATION_NAMES } from "@/lib/format";
import styles from "./live-neuron.module.css";

export interface ActivationSelectProps {
  id: string;
  value: ActivationId;
  onChange(value: ActivationId): void;
}

function isActivationId(value: string): value is ActivationId {
  return (ACTIVATION_IDS as readonly string[]).includes(value);
}

export function ActivationSelect({ id, value, onChange }: ActivationSelectProps) {
  return (
    <div className={styles.select}>
      <label htmlFor={id}>
        Activation function <span className={styles.symbol}>f</span>
      </label>
      <select
        id={id}
        value={value}
        aria-label="activation function f"
        onChange={(event) => {
          const next = event.currentTarget.value;
          if (isActivationId(next)) onChange(next);
        }}
      >
        {ACTIVATION_IDS.map((activation) => (
          <option key={activation} value={activation}>
            {ACTIVATION_NAMES[activation].label}
          </option>
        ))}
      </select>
    </div>
  );
}
