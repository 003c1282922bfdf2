"use client";
// Training in the lab: the panel's settings, the worker (use-training-client.ts), and how training
// and the lab's undo history meet:
// - while training runs, the lab shows the worker's network, one snapshot per frame; edits wait
//   (the editor says to pause first);
// - when it stops (pause, a goal reached, divergence, one step, rewind), the trained network
//   becomes one edit of the lab (undo goes back to before it; stops within a second of each other
//   are one undo step);
// - an edit while paused (a weight, an activation) is an ordinary lab edit; the next play or step
//   hands it to the trainer (same shape: the epoch and curve go on; another shape: a new run).
import { useMemo, useState } from "react";
import type { LessonTraining, TrainingVariant } from "@/lib/lessons/lesson";
import { withVariant } from "@/lib/lessons/training-setup";
import type { Network } from "@/lib/network/schema";
import { architectureOf, sameShape } from "@/lib/training/architecture";
import { addPoint, makeDataSet, removePointNear, type DataSet, type Sample } from "@/lib/training/datasets";
import type { TrainingCommand, TrainingSnapshot } from "@/lib/training/protocol";
import {
  dataSpecOf,
  settingsChange,
  SPEEDS,
  trainingSettingsSchema,
  type SpeedId,
  type TrainingSettings,
} from "@/lib/training/settings";
import { goalForPlay, neuronsWithoutGradient, sameInFloat32, type TrainingView } from "@/lib/training/view";
import type { Lab } from "../lab/use-lab";
import { useTrainingClient } from "./use-training-client";

/** A network the lesson did not set up for training starts on XOR, learning rate 0.03. */
export const DEFAULT_TRAINING: LessonTraining = {
  settings: { data: { kind: "xor", points: 200 }, options: { learningRate: 0.03 } },
  speed: "watch",
  claim: { en: "", "zh-CN": "" },
  variants: [],
};

/** Whether a network can be trained here: two inputs (the plane's x1, x2) and one output neuron. */
export function canTrainNetwork(network: Network): boolean {
  return network.inputs.length === 2 && network.layers.at(-1)?.neurons.length === 1;
}

export interface LabTraining {
  view: TrainingView;
  settings: TrainingSettings;
  speed: SpeedId;
  /** the lab as it should be shown: the worker's network while it trains */
  shownLab: Lab;
  running: boolean;
  /** the points of the data set (the worker builds the same from the same spec) */
  dataSet: DataSet | null;
  /** neurons no gradient reaches, in the network shown ("layer:index") */
  noGradient: ReadonlySet<string>;
  play(): void;
  pause(): void;
  step(): void;
  /** back to the run's initial weights, with the activations and settings as they are now */
  rewind(): void;
  /** the lesson as it opened: its network, settings and a new run */
  reset(): void;
  chooseVariant(variant: TrainingVariant): void;
  changeSettings(next: TrainingSettings): void;
  setSpeed(speed: SpeedId): void;
  /** "use my points": a click on the plane adds a point of `label`, or removes the point under it */
  clickPlane(x1: number, x2: number, label: Sample["label"], radius: number): void;
}

export function useLabTraining(
  lab: Lab,
  setup: LessonTraining,
  initialNetwork: Network,
  enabled: boolean,
): LabTraining {
  const initialSettings = useMemo(() => trainingSettingsSchema.parse(setup.settings), [setup]);
  const [settings, setSettings] = useState<TrainingSettings>(initialSettings);
  const [speed, setSpeed] = useState<SpeedId>(setup.speed);
  const [committedSeq, setCommittedSeq] = useState(0);

  const loadCommand = (network: Network, next: TrainingSettings): TrainingCommand | null => {
    const data = dataSpecOf(next.data);
    return data ? { type: "load", setup: { network, data, options: next.options } } : null;
  };

  const { view, send } = useTrainingClient(enabled, {
    onStart(start) {
      const command = loadCommand(lab.state.network, settings);
      if (command) start(command);
    },
    // a stopped run's network becomes a lab edit (one undo step); a running one is only shown
    onSnapshot(snapshot: TrainingSnapshot) {
      if (snapshot.running) return;
      if (!sameInFloat32(snapshot.network, lab.state.network)) {
        lab.edit({ type: "replaceNetwork", network: snapshot.network }, { key: "training" });
      }
      setCommittedSeq(snapshot.seq);
    },
  });

  const snapshot = view.snapshot;
  const running = snapshot?.running ?? false;
  const showsSnapshot = snapshot !== null && (running || snapshot.seq > committedSeq);
  const network = showsSnapshot ? snapshot.network : lab.state.network;
  const shownLab = useMemo<Lab>(
    () => (network === lab.state.network ? lab : { ...lab, state: { ...lab.state, network } }),
    [lab, network],
  );

  const specKey = JSON.stringify(dataSpecOf(settings.data));
  const dataSet = useMemo(() => {
    const spec = dataSpecOf(settings.data);
    return spec ? makeDataSet(spec) : null;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the spec's content, not its identity
  }, [specKey]);

  const noGradient = useMemo(
    () =>
      snapshot && (showsSnapshot || sameInFloat32(snapshot.network, lab.state.network))
        ? neuronsWithoutGradient(snapshot.flow)
        : new Set<string>(),
    [snapshot, showsSnapshot, lab.state.network],
  );

  /** Hands an edit made while paused to the trainer: true when the run can go on. */
  function syncNetwork(): boolean {
    const current = lab.state.network;
    if (!snapshot) return false;
    if (sameInFloat32(current, snapshot.network)) return true;
    if (sameShape(architectureOf(current), architectureOf(snapshot.network))) {
      send({ type: "edit", network: current });
      return true;
    }
    // a neuron or a layer more or less: a new run from this network
    const command = loadCommand(current, settings);
    if (command) send(command);
    return command !== null;
  }

  /** A new run from the same initial weights with `network`'s activations (or new settings). */
  function restart(network: Network, next: TrainingSettings): void {
    const data = dataSpecOf(next.data);
    if (!data) return;
    if (!snapshot) {
      const command = loadCommand(network, next);
      if (command) send(command);
      return;
    }
    send({ type: "restart", network, data, options: next.options });
  }

  return {
    view,
    settings,
    speed,
    shownLab,
    running,
    dataSet,
    noGradient,
    play() {
      if (!syncNetwork()) return;
      send({ type: "play", goal: goalForPlay(settings.goal, snapshot), speed: SPEEDS[speed] });
    },
    pause() {
      send({ type: "pause" });
    },
    step() {
      if (syncNetwork()) send({ type: "step" });
    },
    rewind() {
      restart(lab.state.network, settings);
    },
    reset() {
      setSettings(initialSettings);
      setSpeed(setup.speed);
      const command = loadCommand(initialNetwork, initialSettings);
      if (command) send(command);
    },
    chooseVariant(variant) {
      const network = withVariant(lab.state.network, variant);
      const next =
        variant.learningRate === undefined
          ? settings
          : { ...settings, options: { ...settings.options, learningRate: variant.learningRate } };
      setSettings(next);
      restart(network, next);
    },
    changeSettings(next) {
      const change = settingsChange(settings, next);
      setSettings(next);
      if (change.kind === "adjust" && snapshot) send({ type: "adjust", changes: change.changes });
      if (change.kind === "restart") restart(lab.state.network, next);
      if (change.kind === "goal" && running) {
        send({ type: "play", goal: goalForPlay(next.goal, snapshot), speed: SPEEDS[speed] });
      }
    },
    setSpeed(next) {
      setSpeed(next);
      if (running) send({ type: "play", goal: goalForPlay(settings.goal, snapshot), speed: SPEEDS[next] });
    },
    clickPlane(x1, x2, label, radius) {
      const points = settings.data.custom;
      const without = removePointNear(points, x1, x2, radius);
      const custom = without !== points ? without : addPoint(points, { x1, x2, label });
      if (custom === points) return;
      const next = { ...settings, data: { ...settings.data, custom: [...custom] } };
      setSettings(next);
      restart(lab.state.network, next);
    },
  };
}
