"use client";
// Play / pause, one step, rewind, reset and the speed, then where the run is: the epoch, epochs
// per second, training and test loss with their accuracies. The status carries the exact numbers
// in data attributes (data-epoch, data-test-loss…) for tests.
import { formatNumber } from "@/lib/format";
import { SPEED_IDS, type SpeedId } from "@/lib/training/settings";
import type { TrainingSnapshot } from "@/lib/training/protocol";
import { useT } from "@/app/_i18n/locale-provider";
import { ToolButton } from "../ui/tool-button";
import { ChoiceField } from "./choice-field";
import styles from "./training.module.css";

export interface TrainingControlsProps {
  snapshot: TrainingSnapshot | null;
  running: boolean;
  /** nothing to train yet (the module loads, no points): play and step are off */
  disabled: boolean;
  speed: SpeedId;
  onSpeed(speed: SpeedId): void;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onRewind(): void;
  onReset(): void;
}

/** A loss as people read it: four decimals, fewer when they are zeros. */
export function lossText(loss: number): string {
  return formatNumber(loss, 4);
}

function percent(fraction: number): string {
  return `${formatNumber(fraction * 100, 1)} %`;
}

export function TrainingControls(props: TrainingControlsProps) {
  const { snapshot, running, disabled, speed } = props;
  const t = useT("training");
  const latest = snapshot?.latest ?? null;
  const none = t("status.none");
  return (
    <>
      <div className={styles.controls} role="toolbar" aria-label={t("controls.label")}>
        {running ? (
          <ToolButton className={styles.playButton} onClick={props.onPause} testId="training-pause" icon="❚❚">
            {t("controls.pause")}
          </ToolButton>
        ) : (
          <ToolButton
            className={styles.playButton}
            onClick={props.onPlay}
            disabled={disabled}
            testId="training-play"
            icon="▶"
          >
            {t("controls.play")}
          </ToolButton>
        )}
        <ToolButton
          className={styles.button}
          onClick={props.onStep}
          disabled={disabled || running}
          title={t("controls.step.hint")}
          testId="training-step"
        >
          {t("controls.step")}
        </ToolButton>
        <ToolButton
          className={styles.button}
          onClick={props.onRewind}
          disabled={disabled}
          title={t("controls.rewind.hint")}
          testId="training-rewind"
          icon="↺"
        >
          {t("controls.rewind")}
        </ToolButton>
        <ToolButton
          className={styles.button}
          onClick={props.onReset}
          title={t("controls.reset.hint")}
          testId="training-reset"
        >
          {t("controls.reset")}
        </ToolButton>
        <ChoiceField
          className={styles.speed}
          label={t("controls.speed")}
          value={speed}
          options={SPEED_IDS}
          text={(id) => t(`speed.${id}`)}
          onChange={props.onSpeed}
          testId="training-speed"
        />
      </div>

      <dl
        className={styles.status}
        data-testid="training-status"
        data-epoch={snapshot?.epoch ?? 0}
        data-running={running}
        data-state={snapshot?.state ?? "loading"}
        data-stopped={snapshot?.stopped ?? ""}
        data-train-loss={latest?.trainLoss}
        data-test-loss={latest?.testLoss ?? undefined}
        data-epochs-per-second={snapshot?.epochsPerSecond ?? undefined}
      >
        <div>
          <dt>{t("status.epoch")}</dt>
          <dd data-testid="training-epoch">{formatNumber(snapshot?.epoch ?? 0)}</dd>
          {snapshot?.epochsPerSecond != null && (
            <dd className={styles.rate} data-testid="training-rate">
              {t("status.rate", { rate: formatNumber(Math.round(snapshot.epochsPerSecond)) })}
            </dd>
          )}
        </div>
        <div>
          <dt>{t("status.trainLoss")}</dt>
          <dd data-testid="training-train-loss">{latest ? lossText(latest.trainLoss) : none}</dd>
          <dd className={styles.accuracy}>
            {t("status.trainAccuracy")} {latest ? percent(latest.trainAccuracy) : none}
          </dd>
        </div>
        <div>
          <dt>{t("status.testLoss")}</dt>
          <dd data-testid="training-test-loss">{latest?.testLoss != null ? lossText(latest.testLoss) : none}</dd>
          <dd className={styles.accuracy}>
            {t("status.testAccuracy")} {latest?.testAccuracy != null ? percent(latest.testAccuracy) : none}
          </dd>
        </div>
      </dl>
    </>
  );
}
