"use client";
// What training adds to a lab's layout (lab/lab-layout.tsx), as LabLayout's props: the network to
// show (the worker's while it trains), the editor paused while it runs, the neurons no gradient
// reaches, the data set's points over the output heatmap, and the training card itself. A lesson
// with a training setup opens with the card ready; any other network of two inputs and one output
// offers "Train this network", and only then starts the worker (and downloads the training module).
import { useCallback, useState, type ReactNode } from "react";
import type { PlaneRange } from "@/lib/heatmap/grid";
import type { LessonTraining } from "@/lib/lessons/lesson";
import type { Network } from "@/lib/network/schema";
import type { PointClass } from "@/lib/training/settings";
import { useT } from "@/app/_i18n/locale-provider";
import type { Lab } from "../lab/use-lab";
import { DataPoints } from "./data-points";
import { TrainingPanel } from "./training-panel";
import { canTrainNetwork, DEFAULT_TRAINING, useLabTraining } from "./use-lab-training";
import styles from "./training.module.css";

export interface LabTrainingLayout {
  /** the lab to lay out: the worker's network while it trains */
  lab: Lab;
  running: boolean;
  /** why the editor is paused, or null */
  editNotice: string | null;
  noGradient: ReadonlySet<string> | null;
  heatmapOverlay?: (range: PlaneRange) => ReactNode;
  /** the training card (or the button that opens it); null when this network cannot train */
  panel: ReactNode;
}

export function useLabTrainingLayout(
  lab: Lab,
  setup: LessonTraining | undefined,
  initialNetwork: Network,
): LabTrainingLayout {
  const t = useT("training");
  const [open, setOpen] = useState(setup !== undefined);
  const [pointClass, setPointClass] = useState<PointClass>(1);
  const lesson = setup ?? DEFAULT_TRAINING;
  const training = useLabTraining(lab, lesson, initialNetwork, open);
  const { clickPlane } = training;
  const onPlaneClick = useCallback(
    (x1: number, x2: number, radius: number) => clickPlane(x1, x2, pointClass, radius),
    [clickPlane, pointClass],
  );

  if (!open) {
    return {
      lab,
      running: false,
      editNotice: null,
      noGradient: null,
      panel: canTrainNetwork(lab.state.network) ? (
        <div className={styles.openBox}>
          <button type="button" className={styles.button} onClick={() => setOpen(true)} data-testid="training-open">
            <span aria-hidden="true">▶ </span>
            {t("panel.open")}
          </button>
        </div>
      ) : null,
    };
  }

  const { dataSet } = training;
  const custom = training.settings.data.kind === "custom";
  return {
    lab: training.shownLab,
    running: training.running,
    editNotice: training.running ? t("panel.editNotice") : null,
    noGradient: training.noGradient,
    heatmapOverlay: dataSet
      ? (range) => (
          <DataPoints
            dataSet={dataSet}
            min={range.min}
            max={range.max}
            onPlaneClick={custom ? onPlaneClick : undefined}
          />
        )
      : custom
        ? (range) => (
            <DataPoints dataSet={{ train: [], test: [] }} min={range.min} max={range.max} onPlaneClick={onPlaneClick} />
          )
        : undefined,
    panel: <TrainingPanel training={training} setup={lesson} pointClass={pointClass} onPointClass={setPointClass} />,
  };
}
