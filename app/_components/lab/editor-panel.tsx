"use client";
// Editing what is selected: a connection's weight; a neuron's bias, its activation or its whole
// layer's, and the network's structure around it (within the format's limits: buttons at a limit
// are disabled); the input values. Every change is an Edit for the lab (applyEdit + history).
import type { ReactNode } from "react";
import { paramKey } from "@/lib/lab/param-drag";
import { activationLabel } from "@/lib/i18n";
import { inputName, neuronName, sourceName } from "@/lib/lab/names";
import { ACTIVATION_IDS, type ActivationId } from "@/lib/network/activations";
import type { Edit } from "@/lib/network/ops";
import { LIMITS } from "@/lib/network/schema";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { ActivationIcon } from "./activation-icon";
import { ParamControl } from "./param-control";
import type { Selection } from "./selection";
import type { Lab } from "./use-lab";
import styles from "./lab.module.css";

export interface EditorPanelProps {
  lab: Lab;
  selection: Selection;
  onSelect(selection: Selection): void;
  /**
   * Live sessions: why `edit` may not be made now ("Locked by the teacher."), or null when it may.
   * Its control is disabled and says why. Without it everything is editable.
   */
  blocked?: (edit: Edit) => string | null;
  /** Live sessions: one reason shown at the top (e.g. "The teacher is driving"); not repeated per control. */
  notice?: string | null;
  /**
   * Live sessions: while `notice` blocks the whole editor, its controls fold away behind one line
   * (a phone shows the lesson first, not a long panel of controls nobody may use).
   */
  fold?: boolean;
}

/** Why `edit` is blocked, and the text to show by its control (none when the notice says it already). */
function blockOf(blocked: EditorPanelProps["blocked"], notice: string | null | undefined, edit: Edit) {
  const reason = blocked?.(edit) ?? null;
  return { disabled: reason !== null, reason: reason !== null && reason !== notice ? reason : null };
}

function isActivationId(value: string): value is ActivationId {
  return (ACTIVATION_IDS as readonly string[]).includes(value);
}

export function EditorPanel({ lab, selection, onSelect, blocked, notice, fold = false }: EditorPanelProps) {
  const t = useT("lab");
  const { network, inputValues } = lab.state;
  const release = () => lab.seal();
  const block = (edit: Edit) => blockOf(blocked, notice, edit);
  const addInput = block({ type: "addInput" });

  return (
    <section className={styles.card} aria-labelledby="editor-title" data-testid="editor">
      <h2 id="editor-title" className={styles.cardTitle}>
        {t("editor.title")}
      </h2>
      {notice && (
        <p className={styles.hint} data-testid="editor-notice">
          {notice}
        </p>
      )}
      <Folded folded={fold && Boolean(notice)} label={t("editor.folded")}>
        {selection === null && <p className={styles.muted}>{t("editor.nothing")}</p>}
        {selection?.kind === "edge" && <EdgeEditor lab={lab} selection={selection} release={release} block={block} />}
        {selection?.kind === "neuron" && (
          <NeuronEditor lab={lab} layer={selection.layer} neuron={selection.neuron} onSelect={onSelect} block={block} />
        )}
        {selection?.kind === "input" && (
          <div className={styles.editorGroup}>
            <h3 className={styles.editorHeading}>
              {t("inspector.input", { name: inputName(network, selection.input) })}
            </h3>
            <div className={styles.buttonRow}>
              <button
                type="button"
                className={styles.button}
                disabled={
                  network.inputs.length <= LIMITS.inputs.min ||
                  block({ type: "removeInput", input: selection.input }).disabled
                }
                onClick={() => {
                  lab.edit({ type: "removeInput", input: selection.input });
                  onSelect(null);
                }}
              >
                {t("editor.removeInput")}
              </button>
            </div>
          </div>
        )}

        <fieldset className={styles.inputs}>
          <legend className={styles.editorHeading}>{t("editor.inputs")}</legend>
          {network.inputs.map((name, k) => {
            const { disabled, reason } = block({ type: "setInputValue", input: k, value: inputValues[k] ?? 0 });
            return (
              <div
                key={k}
                className={selection?.kind === "input" && selection.input === k ? styles.highlight : undefined}
              >
                <ParamControl
                  label={t("editor.input", { name })}
                  value={inputValues[k] ?? 0}
                  min={LIMITS.inputValue.min}
                  max={LIMITS.inputValue.max}
                  testId={`input-control-${k}`}
                  onChange={(value, continuous) =>
                    lab.edit({ type: "setInputValue", input: k, value }, continuous ? { key: `input:${k}` } : {})
                  }
                  onRelease={release}
                  disabled={disabled}
                  disabledReason={reason}
                />
              </div>
            );
          })}
          <div className={styles.buttonRow}>
            <button
              type="button"
              className={styles.button}
              disabled={network.inputs.length >= LIMITS.inputs.max || addInput.disabled}
              onClick={() => lab.edit({ type: "addInput" })}
            >
              {t("editor.addInput")}
            </button>
          </div>
          {addInput.reason && <p className={styles.hint}>{addInput.reason}</p>}
        </fieldset>

        <p className={styles.limits}>{t("editor.limits")}</p>
        {lab.refusal && (
          <p className={styles.refusal} role="alert">
            {t("lab.refused", { message: lab.refusal.message })}
          </p>
        )}
      </Folded>
    </section>
  );
}

/** The editor's controls, behind a closed "Show the controls" while nothing may be edited. */
function Folded({ folded, label, children }: { folded: boolean; label: string; children: ReactNode }) {
  if (!folded) return <>{children}</>;
  return (
    <details className={styles.editorFold} data-testid="editor-folded">
      <summary>{label}</summary>
      {children}
    </details>
  );
}

type Block = (edit: Edit) => { disabled: boolean; reason: string | null };

function EdgeEditor({
  lab,
  selection,
  release,
  block,
}: {
  lab: Lab;
  selection: { layer: number; neuron: number; from: number };
  release(): void;
  block: Block;
}) {
  const t = useT("lab");
  const { network } = lab.state;
  const { layer, neuron, from } = selection;
  const weight = network.layers[layer]?.neurons[neuron]?.weights[from] ?? 0;
  const label = t("editor.weight", { from: sourceName(network, layer, from), to: neuronName(network, layer, neuron) });
  const { disabled, reason } = block({ type: "setWeight", layer, neuron, from, value: weight });
  return (
    <div className={styles.editorGroup}>
      <ParamControl
        key={`w-${layer}-${neuron}-${from}`}
        label={label}
        value={weight}
        min={LIMITS.param.min}
        max={LIMITS.param.max}
        testId="weight-control"
        onChange={(value, continuous) =>
          lab.edit(
            { type: "setWeight", layer, neuron, from, value },
            continuous ? { key: paramKey({ kind: "edge", layer, neuron, from }) } : {},
          )
        }
        onRelease={release}
        disabled={disabled}
        disabledReason={reason}
      />
    </div>
  );
}

function NeuronEditor({
  lab,
  layer,
  neuron,
  onSelect,
  block,
}: {
  lab: Lab;
  layer: number;
  neuron: number;
  onSelect(selection: Selection): void;
  block: Block;
}) {
  const t = useT("lab");
  const { locale } = useLocale();
  const { network } = lab.state;
  const layerSpec = network.layers[layer];
  const spec = layerSpec?.neurons[neuron];
  if (!layerSpec || !spec) return null;
  const name = neuronName(network, layer, neuron);
  const neuronSelectId = `activation-${layer}-${neuron}`;
  const layerSelectId = `layer-activation-${layer}`;
  const bias = block({ type: "setBias", layer, neuron, value: spec.bias });
  const activation = block({ type: "setActivation", layer, neuron, activation: spec.activation ?? null });
  const layerActivation = block({ type: "setLayerActivation", layer, activation: layerSpec.activation });
  const addNeuron = block({ type: "addNeuron", layer });
  const removeNeuron = block({ type: "removeNeuron", layer, neuron });
  const addLayer = block({ type: "addLayer", at: layer + 1 });
  const removeLayer = block({ type: "removeLayer", layer });
  const structureReason = addNeuron.reason ?? removeNeuron.reason ?? addLayer.reason ?? removeLayer.reason;

  return (
    <div className={styles.editorGroup}>
      <h3 className={styles.editorHeading}>{t("inspector.neuron", { name })}</h3>
      <ParamControl
        key={`b-${layer}-${neuron}`}
        label={t("editor.bias", { name })}
        value={spec.bias}
        min={LIMITS.param.min}
        max={LIMITS.param.max}
        testId="bias-control"
        onChange={(value, continuous) =>
          lab.edit(
            { type: "setBias", layer, neuron, value },
            continuous ? { key: paramKey({ kind: "neuron", layer, neuron }) } : {},
          )
        }
        onRelease={() => lab.seal()}
        disabled={bias.disabled}
        disabledReason={bias.reason}
      />

      <div className={styles.selectRow}>
        <label htmlFor={neuronSelectId}>{t("editor.neuronActivation", { name })}</label>
        <div className={styles.selectWithIcon}>
          <ActivationIcon id={spec.activation ?? layerSpec.activation} />
          <select
            id={neuronSelectId}
            className={styles.select}
            disabled={activation.disabled}
            value={spec.activation ?? ""}
            onChange={(event) => {
              const value = event.currentTarget.value;
              lab.edit({ type: "setActivation", layer, neuron, activation: isActivationId(value) ? value : null });
            }}
          >
            <option value="">
              {t("editor.layerDefault", { name: activationLabel(locale, layerSpec.activation) })}
            </option>
            {ACTIVATION_IDS.map((id) => (
              <option key={id} value={id}>
                {activationLabel(locale, id)}
              </option>
            ))}
          </select>
        </div>
        {activation.reason && <span className={styles.hint}>{activation.reason}</span>}
      </div>

      <div className={styles.selectRow}>
        <label htmlFor={layerSelectId}>{t("editor.layerActivation")}</label>
        <select
          id={layerSelectId}
          className={styles.select}
          disabled={layerActivation.disabled}
          value={layerSpec.activation}
          aria-describedby={`${layerSelectId}-hint`}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isActivationId(value)) {
              lab.edit({ type: "setLayerActivation", layer, activation: value, clearOverrides: true });
            }
          }}
        >
          {ACTIVATION_IDS.map((id) => (
            <option key={id} value={id}>
              {activationLabel(locale, id)}
            </option>
          ))}
        </select>
        <span id={`${layerSelectId}-hint`} className={styles.hint}>
          {t("editor.layerActivation.hint")}
        </span>
      </div>

      <h3 className={styles.editorHeading}>{t("editor.structure")}</h3>
      <div className={styles.buttonRow}>
        <button
          type="button"
          className={styles.button}
          disabled={layerSpec.neurons.length >= LIMITS.neurons.max || addNeuron.disabled}
          onClick={() => {
            lab.edit({ type: "addNeuron", layer });
            onSelect({ kind: "neuron", layer, neuron: layerSpec.neurons.length });
          }}
        >
          {t("editor.addNeuron")}
        </button>
        <button
          type="button"
          className={styles.button}
          disabled={layerSpec.neurons.length <= LIMITS.neurons.min || removeNeuron.disabled}
          onClick={() => {
            lab.edit({ type: "removeNeuron", layer, neuron });
            onSelect({ kind: "neuron", layer, neuron: Math.max(0, neuron - 1) });
          }}
        >
          {t("editor.removeNeuron")}
        </button>
        <button
          type="button"
          className={styles.button}
          disabled={network.layers.length >= LIMITS.layers.max || addLayer.disabled}
          onClick={() => {
            lab.edit({ type: "addLayer", at: layer + 1 });
            onSelect({ kind: "neuron", layer: layer + 1, neuron: 0 });
          }}
        >
          {t("editor.addLayer")}
        </button>
        <button
          type="button"
          className={styles.button}
          disabled={network.layers.length <= LIMITS.layers.min || removeLayer.disabled}
          onClick={() => {
            lab.edit({ type: "removeLayer", layer });
            onSelect(null);
          }}
        >
          {t("editor.removeLayer")}
        </button>
      </div>
      {structureReason && <p className={styles.hint}>{structureReason}</p>}
    </div>
  );
}
