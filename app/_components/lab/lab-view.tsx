"use client";
// The lab for one exercise, in the lab's layout (lab-layout.tsx: graph, inspector, editor,
// heatmaps, linear collapse) with what the lesson page adds: undo / redo / reset, training
// (training/lab-training.tsx: the card, and what it changes in the layout while it runs), the
// exercise's questions, and save / fork / export (library/exercise-actions.tsx). One LabState in
// an undo history (useLab); every change recomputes the forward pass with the wasm kernel at once.
import { useEffect, useMemo, useState, type RefObject } from "react";
import { formatNumber } from "@/lib/format";
import { initialInputValues, type Exercise, type Locale, type Round } from "@/lib/exercise/schema";
import type { LessonTraining } from "@/lib/lessons/lesson";
import type { LabState } from "@/lib/network/ops";
import type { Network } from "@/lib/network/schema";
import { resolvePrompt } from "@/lib/exercise/prompt";
import { neuronName } from "@/lib/lab/names";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { ExerciseActions } from "../library/exercise-actions";
import { QuestionList } from "../rounds/question-editor";
import { useLabTrainingLayout } from "../training/lab-training";
import { LabLayout } from "./lab-layout";
import type { Selection } from "./selection";
import { labDrag } from "./use-graph-drag";
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
  /** a training lesson's setup: it opens ready to train */
  training?: LessonTraining;
  /** kept up to date with the lab on the screen when it differs from the exercise's, else null */
  changedRef?: RefObject<LabState | null>;
  /** kept up to date with the questions when the editor changed them, else null */
  changedRoundsRef?: RefObject<Round[] | null>;
}

/** A question in the reader's language, about the network as it is on screen ("{h1.activation}"). */
function promptText(prompt: Exercise["rounds"][number]["prompt"], locale: Locale, network: Network): string | null {
  const text = prompt ? (prompt[locale] ?? prompt.en ?? prompt["zh-CN"]) : undefined;
  return text ? resolvePrompt(text, network) : null;
}

export function LabView({
  exercise,
  focus,
  slug,
  isBuiltIn,
  revision,
  training,
  changedRef,
  changedRoundsRef,
}: LabViewProps) {
  const t = useT("lab");
  const { locale } = useLocale();
  const initial = useMemo<LabState>(
    () => ({ network: exercise.network, inputValues: initialInputValues(exercise) }),
    [exercise],
  );
  const lab = useLab(initial);
  const trainingLayout = useLabTrainingLayout(lab, training, initial.network);
  const { running } = trainingLayout;
  // while training runs, the network shown is the trainer's
  const { network, inputValues } = trainingLayout.lab.state;

  // the questions as the editor has them (question-editor.tsx): saved with the exercise
  const [rounds, setRounds] = useState(exercise.rounds);
  // the exercise as it is now (the weights shown, trained ones too): what save, fork and export write
  const current = useMemo<Exercise>(
    () => ({ ...exercise, network, inputValues, rounds }),
    [exercise, network, inputValues, rounds],
  );

  useEffect(() => {
    if (!changedRef) return;
    const same = JSON.stringify({ network, inputValues }) === JSON.stringify(initial);
    changedRef.current = same ? null : { network, inputValues };
  }, [changedRef, network, inputValues, initial]);

  useEffect(() => {
    if (!changedRoundsRef) return;
    changedRoundsRef.current = JSON.stringify(rounds) === JSON.stringify(exercise.rounds) ? null : rounds;
  }, [changedRoundsRef, rounds, exercise.rounds]);

  const questions = rounds
    .map((round, index) => ({ round, index, prompt: promptText(round.prompt, locale, network) }))
    .filter((question) => question.prompt !== null);

  const toolbar = (
    <div className={styles.toolbar} role="toolbar" aria-label={t("lab.toolbar")}>
      <button
        type="button"
        className={styles.button}
        onClick={lab.undo}
        disabled={!lab.canUndo || running}
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
        disabled={!lab.canRedo || running}
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
        disabled={running}
        onClick={() => lab.edit({ type: "replaceNetwork", network: initial.network, inputValues: initial.inputValues })}
      >
        {t("lab.reset")}
      </button>
    </div>
  );

  const questionList = (select: (selection: Selection) => void) =>
    questions.length > 0 && (
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
                  disabled={!fits || running}
                  aria-label={t("lesson.questions.tryAria", {
                    inputs: round.inputs.map((v) => formatNumber(v)).join(", "),
                    name,
                  })}
                  onClick={() => {
                    lab.edit(round.inputs.map((value, input) => ({ type: "setInputValue" as const, input, value })));
                    select({ kind: "neuron", layer: round.neuron.layer, neuron: round.neuron.index });
                  }}
                >
                  {t("lesson.questions.try")}
                </button>
              </li>
            );
          })}
        </ol>
      </section>
    );

  return (
    <LabLayout
      lab={trainingLayout.lab}
      initialSelection={focus ? { kind: "neuron", ...focus } : null}
      title={t("lab.network")}
      titleId="network-title"
      titleExtra={toolbar}
      drag={running ? null : labDrag(lab)}
      legendDetails
      kernelStatus="always"
      editor={{
        notice: trainingLayout.editNotice,
        blocked: trainingLayout.editNotice ? () => trainingLayout.editNotice : undefined,
      }}
      overlays={{ noGradient: trainingLayout.noGradient }}
      heatmapOverlay={trainingLayout.heatmapOverlay}
      under={(_, select) => (
        <>
          {trainingLayout.panel}
          {questionList(select)}
        </>
      )}
      footer={
        <>
          <QuestionList network={network} inputValues={inputValues} rounds={rounds} onChange={setRounds} />
          <ExerciseActions exercise={current} slug={slug} isBuiltIn={isBuiltIn} revision={revision} />
        </>
      }
    />
  );
}
