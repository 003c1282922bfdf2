"use client";
// The training panel's settings, in three groups: the data (kind, noise, points, training share,
// seed, or "my points"), learning (learning rate, batch size, loss, optimizer) and when to stop.
// Every change goes through one onChange(next settings); use-lab-training.ts decides what the run
// in progress makes of it (lib/training/settings.ts: settingsChange).
import { useId } from "react";
import { formatNumber } from "@/lib/format";
import { DATA_LIMITS } from "@/lib/training/datasets";
import { LOSS_IDS, OPTIMIZER_IDS } from "@/lib/training/options";
import { MAX_STOP_AFTER } from "@/lib/training/driver";
import { DATA_KINDS, type PointClass, type TrainingSettings } from "@/lib/training/settings";
import { useT } from "@/app/_i18n/locale-provider";
import { NumberField } from "../lab/number-field";
import { ChoiceField } from "./choice-field";
import styles from "./training.module.css";

const LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const BATCH_SIZES = [1, 2, 5, 10, 20, 50, 100, 500, 1000];
const POINT_COUNTS = [50, 100, 200, 300, 500, 1000];
const TRAIN_SHARES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** The presets, and the current value where it is none of them (a lesson's, or halved after divergence). */
function withCurrent(presets: readonly number[], current: number): number[] {
  return presets.includes(current) ? [...presets] : [...presets, current].sort((a, b) => a - b);
}

/** A count as people read it: "1 000". */
function formatCount(n: number): string {
  return formatNumber(n);
}

export interface TrainingSettingsProps {
  settings: TrainingSettings;
  onChange(next: TrainingSettings): void;
  pointClass: PointClass;
  onPointClass(label: PointClass): void;
}

export function TrainingSettingsPanel({ settings, onChange, pointClass, onPointClass }: TrainingSettingsProps) {
  const t = useT("training");
  const id = useId();
  const { data, options, goal } = settings;
  const setData = (changes: Partial<TrainingSettings["data"]>) =>
    onChange({ ...settings, data: { ...data, ...changes } });
  const setOptions = (changes: Partial<TrainingSettings["options"]>) =>
    onChange({ ...settings, options: { ...options, ...changes } });
  const setGoal = (changes: Partial<TrainingSettings["goal"]>) =>
    onChange({ ...settings, goal: { ...goal, ...changes } });
  const generated = data.kind !== "custom";

  return (
    <div className={styles.settings}>
      <fieldset className={styles.group}>
        <legend>{t("settings.data")}</legend>
        <ChoiceField
          className={styles.field}
          label={t("settings.dataset")}
          value={data.kind}
          options={DATA_KINDS}
          text={(kind) => t(`kind.${kind}`)}
          onChange={(kind) => setData({ kind })}
          testId="training-dataset"
        />
        {generated && (
          <>
            <label className={styles.field}>
              <span>
                {t("settings.noise")} <output>{formatNumber(data.noise * 100)} %</output>
              </span>
              <input
                type="range"
                min={DATA_LIMITS.noise.min}
                max={DATA_LIMITS.noise.max}
                step={0.05}
                value={data.noise}
                data-testid="training-noise"
                onChange={(e) => setData({ noise: Number(e.currentTarget.value) })}
              />
            </label>
            <ChoiceField
              className={styles.field}
              label={t("settings.points")}
              value={data.points}
              options={withCurrent(POINT_COUNTS, data.points)}
              text={formatCount}
              onChange={(points) => setData({ points })}
              testId="training-points"
            />
          </>
        )}
        <ChoiceField
          className={styles.field}
          label={t("settings.trainShare")}
          value={data.trainFraction}
          options={withCurrent(TRAIN_SHARES, data.trainFraction)}
          text={(f) => `${formatNumber(f * 100)} %`}
          onChange={(trainFraction) => setData({ trainFraction })}
          testId="training-split"
        />
        <div className={styles.field}>
          <label htmlFor={`${id}-seed`}>{t("settings.seed")}</label>
          <div className={styles.inline}>
            <NumberField
              id={`${id}-seed`}
              label={t("settings.seed")}
              value={data.seed}
              min={0}
              max={0xffffffff}
              onCommit={(seed) => Number.isInteger(seed) && setData({ seed })}
              testId="training-seed"
            />
            <button
              type="button"
              className={styles.smallButton}
              onClick={() => setData({ seed: (data.seed + 1) >>> 0 })}
            >
              {t("settings.newSeed")}
            </button>
          </div>
        </div>
        {!generated && (
          <div className={styles.myPoints}>
            <span id={`${id}-class`}>{t("settings.myPoints.class")}</span>
            <div role="radiogroup" aria-labelledby={`${id}-class`} className={styles.inline}>
              {([0, 1] as const).map((label) => (
                <label key={label} className={styles.radio}>
                  <input
                    type="radio"
                    name={`${id}-class`}
                    checked={pointClass === label}
                    onChange={() => onPointClass(label)}
                    data-testid={`training-class-${label}`}
                  />
                  {t(label === 0 ? "settings.myPoints.class0" : "settings.myPoints.class1")}
                </label>
              ))}
            </div>
            <p className={styles.note}>{t("settings.myPoints.count", { count: data.custom.length })}</p>
            <button
              type="button"
              className={styles.smallButton}
              disabled={data.custom.length === 0}
              onClick={() => setData({ custom: [] })}
            >
              {t("settings.myPoints.clear")}
            </button>
          </div>
        )}
      </fieldset>

      <fieldset className={styles.group}>
        <legend>{t("settings.learning")}</legend>
        <ChoiceField
          className={styles.field}
          label={t("settings.learningRate")}
          value={options.learningRate}
          options={withCurrent(LEARNING_RATES, options.learningRate)}
          text={String}
          onChange={(learningRate) => setOptions({ learningRate })}
          testId="training-learning-rate"
        />
        <ChoiceField
          className={styles.field}
          label={t("settings.batchSize")}
          value={options.batchSize}
          options={withCurrent(BATCH_SIZES, options.batchSize)}
          text={formatCount}
          onChange={(batchSize) => setOptions({ batchSize })}
          testId="training-batch-size"
        />
        <ChoiceField
          className={styles.field}
          label={t("settings.loss")}
          value={options.loss}
          options={LOSS_IDS}
          text={(loss) => t(`loss.${loss}`)}
          onChange={(loss) => setOptions({ loss })}
          testId="training-loss"
        />
        <ChoiceField
          className={styles.field}
          label={t("settings.optimizer")}
          value={options.optimizer}
          options={OPTIMIZER_IDS}
          text={(optimizer) => t(`optimizer.${optimizer}`)}
          onChange={(optimizer) => setOptions({ optimizer })}
          testId="training-optimizer"
        />
        <p className={styles.note}>{t("settings.restartNote")}</p>
      </fieldset>

      <fieldset className={styles.group}>
        <legend>{t("settings.stop")}</legend>
        <OptionalNumber
          label={t("settings.stopAfter")}
          value={goal.stopAfter}
          whenOn={1000}
          min={1}
          max={MAX_STOP_AFTER}
          onChange={(n) => setGoal({ stopAfter: n === null ? null : Math.round(n) })}
          testId="training-stop-after"
        />
        <OptionalNumber
          label={t("settings.targetLoss")}
          value={goal.targetLoss}
          whenOn={0.05}
          min={0.0001}
          max={1000}
          onChange={(targetLoss) => setGoal({ targetLoss })}
          testId="training-target"
        />
      </fieldset>
    </div>
  );
}

interface OptionalNumberProps {
  label: string;
  /** null: off */
  value: number | null;
  /** the value a tick of the box starts with */
  whenOn: number;
  min: number;
  max: number;
  onChange(value: number | null): void;
  /** the box is `${testId}-on`, the field `${testId}` */
  testId: string;
}

/** A number that may be off: a box to tick, then the number (a stop after N epochs, at a loss). */
function OptionalNumber({ label, value, whenOn, min, max, onChange, testId }: OptionalNumberProps) {
  return (
    <div className={styles.field}>
      <label className={styles.radio}>
        <input
          type="checkbox"
          checked={value !== null}
          data-testid={`${testId}-on`}
          onChange={(e) => onChange(e.currentTarget.checked ? whenOn : null)}
        />
        {label}
      </label>
      {value !== null && (
        <NumberField label={label} value={value} min={min} max={max} onCommit={onChange} testId={testId} />
      )}
    </div>
  );
}
