"use client";
// The lab for one exercise: the network graph, the neuron inspector, the editor, the exercise's
// questions, the heatmaps (heatmaps/heatmaps.tsx) and the linear-collapse panel (heatmaps/collapse-panel.tsx), and
// save / fork / export (library/exercise-actions.tsx). One LabState in an undo history (useLab);
// every change recomputes the forward pass with the wasm kernel (precise, float64) at once.
import { useMemo, useState } from "react";
import { formatNumber } from "@/lib/format";
import { initialInputValues, type Exercise, type Locale } from "@/lib/exercise/schema";
import type { LabState } from "@/lib/network/ops";
import { neuronName } from "@/lib/lab/names";
import { useKernel } from "@/app/_hooks/use-kernel";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { CollapsePanel } from "../heatmaps/collapse-panel";
import { ExerciseActions } from "../library/exercise-actions";
import { Heatmaps } from "../heatmaps/heatmaps";
import { EditorPanel } from "./editor-panel";
import { GraphLegend } from "./graph-legend";
import { InspectorPanel } from "./inspector-panel";
import { labDrag, NetworkGraph } from "./network-graph";
import { inspectedNeuron, validSelection, type Selection } from "./selection";
import { useLab } from "./use-lab";
import styles from "./lab.module.css";

export interface LabViewProps {
  exercise: Exercise;
  /** the neuron selected when the lab opens */
  focus?: { layer: number; neuron: number };
  /** the lesson's or saved exercise's slug (for saving, forking and sharing) */
  slug?: string;
  isBuiltIn: boolean;
  /** the revision a saved exercise was loaded at */
  revision?: number;
}

function promptText(prompt: Exercise["rounds"][number]["prompt"], locale: Locale): string | null {
  if (!prompt) return null;
  return prompt[locale] ?? prompt.en ?? prompt["zh-CN"] ?? null;
}

export function LabView({ exercise, focus, slug, isBuiltIn, revision }: LabViewProps) {
  const t = useT("lab");
  const { locale } = useLocale();
  const initial = useMemo<LabState>(
    () => ({ network: exercise.network, inputValues: initialInputValues(exercise) }),
    [exercise],
  );
  const lab = useLab(initial);
  const { network, inputValues } = lab.state;
  const [chosen, setChosen] = useState<Selection>(focus ? { kind: "neuron", ...focus } : null);
  const selection = validSelection(network, chosen);

  const kernelState = useKernel();
  const kernel = kernelState.status === "ready" ? kernelState.kernel : null;
  // the kernel's precise (float64) forward pass of the current inputs: every number shown
  const row = useMemo(() => kernel?.forward(network, [inputValues])[0] ?? null, [kernel, network, inputValues]);

  // the exercise as it is now: what save, fork and export write
  const current = useMemo<Exercise>(() => ({ ...exercise, network, inputValues }), [exercise, network, inputValues]);

  const questions = exercise.rounds
    .map((round, index) => ({ round, index, prompt: promptText(round.prompt, locale) }))
    .filter((question) => question.prompt !== null);

  return (
    <div className={styles.lab}>
      <div className={styles.labGrid}>
        <section className={`${styles.card} ${styles.networkCard}`} aria-labelledby="network-title">
          <div className={styles.networkHead}>
            <h2 id="network-title" className={styles.cardTitle}>
              {t("lab.network")}
            </h2>
            <div className={styles.toolbar} role="toolbar" aria-label={t("lab.toolbar")}>
              <button
                type="button"
                className={styles.button}
                onClick={lab.undo}
                disabled={!lab.canUndo}
                title={t("lab.undo.hint")}
                aria-keyshortcuts="Control+Z Meta+Z"
              >
                <span aria-hidden="true">↶ </span>
                {t("lab.undo")}
              </button>
              <button
                type="button"
                className={styles.button}
                onClick={lab.redo}
                disabled={!lab.canRedo}
                title={t("lab.redo.hint")}
                aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
              >
                <span aria-hidden="true">↷ </span>
                {t("lab.redo")}
              </button>
              <button
                type="button"
                className={styles.button}
                title={t("lab.reset.hint")}
                onClick={() =>
                  lab.edit({ type: "replaceNetwork", network: initial.network, inputValues: initial.inputValues })
                }
              >
                {t("lab.reset")}
              </button>
            </div>
          </div>
          <NetworkGraph
            network={network}
            inputValues={inputValues}
            row={row}
            selection={selection}
            onSelect={setChosen}
            drag={labDrag(lab)}
          />
          <GraphLegend details drag />
          <p className={styles.kernelNote} data-testid="kernel-build">
            {kernelState.status === "ready"
              ? t("kernel.ready", { build: kernelState.kernel.build })
              : kernelState.status === "error"
                ? t("kernel.error", { message: kernelState.message })
                : t("kernel.loading")}
          </p>
        </section>

        <div className={styles.side}>
          <InspectorPanel
            network={network}
            inputValues={inputValues}
            row={row}
            selection={selection}
            onSelect={setChosen}
          />
          <EditorPanel lab={lab} selection={selection} onSelect={setChosen} />
        </div>
      </div>

      {questions.length > 0 && (
        <section className={styles.card} aria-labelledby="questions-title">
          <h2 id="questions-title" className={styles.cardTitle}>
            {t("lesson.questions")}
          </h2>
          <ol className={styles.questions}>
            {questions.map(({ round, index, prompt }) => {
              const name = neuronName(network, round.neuron.layer, round.neuron.index);
              const fits = round.inputs.length === network.inputs.length;
              return (
                <li key={index}>
                  <span>{prompt}</span>{" "}
                  <button
                    type="button"
                    className={styles.linkButton}
                    disabled={!fits}
                    aria-label={t("lesson.questions.tryAria", {
                      inputs: round.inputs.map((v) => formatNumber(v)).join(", "),
                      name,
                    })}
                    onClick={() => {
                      lab.edit(round.inputs.map((value, input) => ({ type: "setInputValue" as const, input, value })));
                      setChosen({ kind: "neuron", layer: round.neuron.layer, neuron: round.neuron.index });
                    }}
                  >
                    {t("lesson.questions.try")}
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      )}

      <Heatmaps
        network={network}
        inputValues={inputValues}
        selected={inspectedNeuron(selection)}
        onSelect={(neuron) => setChosen({ kind: "neuron", ...neuron })}
        locale={locale}
      />
      <CollapsePanel network={network} locale={locale} />

      <ExerciseActions exercise={current} slug={slug} isBuiltIn={isBuiltIn} revision={revision} />
    </div>
  );
}
