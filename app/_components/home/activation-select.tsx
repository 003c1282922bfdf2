// The activation function menu: every id of the network format, by its readable name.
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { activationLabel } from "@/lib/i18n";
import { ACTIVATION_IDS, type ActivationId } from "@/lib/network/activations";
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
  const t = useT("lab");
  const { locale } = useLocale();
  return (
    <div className={styles.select}>
      <label htmlFor={id}>
        {t("neuron.activation")} <span className={styles.symbol}>f</span>
      </label>
      <select
        id={id}
        value={value}
        aria-label={t("neuron.activation.aria")}
        onChange={(event) => {
          const next = event.currentTarget.value;
          if (isActivationId(next)) onChange(next);
        }}
      >
        {ACTIVATION_IDS.map((activation) => (
          <option key={activation} value={activation}>
            {activationLabel(locale, activation)}
          </option>
        ))}
      </select>
    </div>
  );
}
