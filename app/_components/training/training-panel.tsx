"use client";
// The lesson page's training card: the lesson's claim, the choices it compares, the controls
// and where the run is, what happened (a stop, divergence with a way back, a refusal, neurons no
// gradient reaches), the loss chart, and the settings. Everything it does goes through
// use-lab-training.ts; this only lays it out.
import { useState } from "react";
import { ACTIVATION_NAMES, formatNumber } from "@/lib/format";
import type { LessonTraining, TrainingVariant } from "@/lib/lessons/lesson";
import type { Network } from "@/lib/network/schema";
import type { RunOptions } from "@/lib/training/protocol";
import type { PointClass } from "@/lib/training/settings";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { LossChart } from "./loss-chart";
import { lossText, TrainingControls } from "./training-controls";
import { TrainingSettingsPanel } from "./training-settings";
import type { LabTraining } from "./use-lab-training";
import styles from "./training.module.css";

export interface TrainingPanelProps {
  training: LabTraining;
  setup: LessonTraining;
  /** the choice of class for "my points" clicks (held by the lab view, which also draws the points) */
  pointClass: PointClass;
  onPointClass(label: PointClass): void;
}

/** Whether the network uses the variant's activations and learning rate. */
function isChosen(variant: TrainingVariant, network: Network, options: RunOptions): boolean {
  const activations = variant.activations ?? [];
  return (
    activations.every((a, l) => network.layers[l]?.activation === a) &&
    (variant.learningRate === undefined || variant.learningRate === options.learningRate)
  );
}

export function TrainingPanel({ training, setup, pointClass, onPointClass }: TrainingPanelProps) {
  const t = useT("training");
  const { locale } = useLocale();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { view, settings, running } = training;
  const snapshot = view.snapshot;
  const network = training.shownLab.state.network;

  /** "tanh → sigmoid · learning rate 0.1": what a run was, for the chart's legend */
  const runLabel = (net: Network, options: RunOptions) =>
    `${net.layers.map((layer) => ACTIVATION_NAMES[layer.activation].symbol).join(" → ")} · ${t("label.rate", {
      rate: String(options.learningRate),
    })}`;

  const noData = settings.data.kind === "custom" && settings.data.custom.length === 0;
  const stuck = training.noGradient.size;
  const neurons = network.layers.reduce((sum, layer) => sum + layer.neurons.length, 0);
  const lastGood = snapshot?.epoch ?? 0;
  const lowerRate = Number((settings.options.learningRate / 10).toPrecision(2));

  return (
    <section className={styles.panel} aria-labelledby="training-title" data-testid="training-panel">
      <div className={styles.head}>
        <h2 id="training-title" className={styles.title}>
          {t("panel.title")}
        </h2>
        <p className={styles.build}>
          {view.status === "ready" && view.build
            ? t("panel.build", { build: view.build })
            : view.status === "loading"
              ? t("panel.loading")
              : null}
        </p>
      </div>
      {view.status === "failed" && (
        <p className={styles.error} role="alert">
          {t("panel.failed", { message: view.failure ?? "" })}
        </p>
      )}

      {setup.claim[locale] && (
        <p className={styles.claim} data-testid="training-claim">
          <strong>{t("panel.claim")}: </strong>
          {setup.claim[locale]}
        </p>
      )}

      {setup.variants.length > 0 && (
        <div className={styles.compare}>
          <span id="training-compare">{t("panel.compare")}</span>
          <div className={styles.inline} role="group" aria-labelledby="training-compare">
            {setup.variants.map((variant) => (
              <button
                key={variant.id}
                type="button"
                className={styles.button}
                aria-pressed={isChosen(variant, network, settings.options)}
                disabled={view.status !== "ready" || noData}
                onClick={() => training.chooseVariant(variant)}
                data-testid={`training-variant-${variant.id}`}
              >
                {variant.label[locale]}
              </button>
            ))}
          </div>
          <p className={styles.note}>{t("panel.compare.hint")}</p>
        </div>
      )}

      <TrainingControls
        snapshot={snapshot}
        running={running}
        disabled={view.status !== "ready" || noData || !snapshot}
        speed={training.speed}
        onSpeed={training.setSpeed}
        onPlay={training.play}
        onPause={training.pause}
        onStep={training.step}
        onRewind={training.rewind}
        onReset={training.reset}
      />

      <div aria-live="polite" className={styles.messages}>
        {noData && <p className={styles.note}>{t("message.noPoints")}</p>}
        {snapshot?.stopped === "diverged" && (
          <div className={styles.warning} role="alert" data-testid="training-diverged">
            <p>
              {t("message.diverged", {
                epoch: formatNumber(snapshot.divergedAt ?? lastGood + 1),
                last: formatNumber(lastGood),
              })}
            </p>
            <div className={styles.inline}>
              <button
                type="button"
                className={styles.button}
                data-testid="training-lower-rate"
                onClick={() => {
                  training.changeSettings({ ...settings, options: { ...settings.options, learningRate: lowerRate } });
                  training.play();
                }}
              >
                {t("message.lowerRate", { rate: String(lowerRate) })}
              </button>
              <button type="button" className={styles.button} onClick={training.rewind}>
                {t("message.rewind")}
              </button>
            </div>
          </div>
        )}
        {snapshot?.stopped === "epochs" && !running && (
          <p className={styles.note} data-testid="training-stopped">
            {t("message.stoppedEpochs", { epoch: formatNumber(snapshot.epoch) })}
          </p>
        )}
        {snapshot?.stopped === "target" && !running && (
          <p className={styles.note} data-testid="training-stopped">
            {t("message.stoppedTarget", {
              epoch: formatNumber(snapshot.epoch),
              loss: lossText(snapshot.latest.testLoss ?? snapshot.latest.trainLoss),
            })}
          </p>
        )}
        {view.refusal && (
          <p className={styles.error} role="alert" data-testid="training-refusal">
            {t("message.refused", { message: view.refusal.message })}
          </p>
        )}
        {stuck > 0 && (
          <p className={styles.note} data-testid="training-no-gradient">
            {t("message.noGradient", { count: stuck, total: neurons })}
          </p>
        )}
      </div>

      <LossChart
        curve={snapshot?.curve ?? null}
        previous={
          view.previous
            ? { curve: view.previous.curve, label: runLabel(view.previous.network, view.previous.options) }
            : null
        }
        mark={setup.mark ? { loss: setup.mark.loss, label: setup.mark.label[locale] } : undefined}
        exposeCurve={!running}
      />

      <details
        className={styles.settingsBox}
        open={settingsOpen}
        onToggle={(e) => setSettingsOpen(e.currentTarget.open)}
      >
        <summary>
          {t("settings.data")} · {t("settings.learning")} · {t("settings.stop")}
        </summary>
        {settingsOpen && (
          <TrainingSettingsPanel
            settings={settings}
            onChange={training.changeSettings}
            pointClass={pointClass}
            onPointClass={onPointClass}
          />
        )}
      </details>
    </section>
  );
}
