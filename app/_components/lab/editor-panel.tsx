"use client";
// Editing what is selected: a connection's weight; a neuron's bias, its activation or its whole
// layer's, and the network's structure around it (within the format's limits: buttons at a limit
// are disabled); the input values. Every change is an Edit for the lab (applyEdit + history).
import { activationLabel } from "@/lib/i18n";
import { inputName, neuronName, sourceName } from "@/lib/lab/names";
import { ACTIVATION_IDS, type ActivationId } from "@/lib/network/activations";
import { LIMITS } from "@/lib/network/schema";
import { useLocale } from "@/app/_i18n/locale-provider";
import { ActivationIcon } from "./activation-icon";
import { ParamControl } from "./param-control";
import type { Selection } from "./selection";
import type { Lab } from "./use-lab";
import styles from "./lab.module.css";

export interface EditorPanelProps {
  lab: Lab;
  selection: Selection;
  onSelect(selection: Selection): void;
}

function isActivationId(value: string): value is ActivationId {
  return (ACTIVATION_IDS as readonly string[]).includes(value);
}

export function EditorPanel({ lab, selection, onSelect }: EditorPanelProps) {
  const { t } = useLocale();
  const { network, inputValues } = lab.state;
  const release = () => lab.seal();

  return (
    <section className={styles.card} aria-labelledby="editor-title" data-testid="editor">
      <h2 id="editor-title" className={styles.cardTitle}>
        {t("editor.title")}
      </h2>
      {selection === null && <p className={styles.muted}>{t("editor.nothing")}</p>}
      {selection?.kind === "edge" && <EdgeEditor lab={lab} selection={selection} release={release} />}
      {selection?.kind === "neuron" && (
        <NeuronEditor lab={lab} layer={selection.layer} neuron={selection.neuron} onSelect={onSelect} />
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
              disabled={network.inputs.length <= LIMITS.inputs.min}
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
        {network.inputs.map((name, k) => (
          <div key={k} className={selection?.kind === "input" && selection.input === k ? styles.highlight : undefined}>
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
            />
          </div>
        ))}
        <div className={styles.buttonRow}>
          <button
            type="button"
            className={styles.button}
            disabled={network.inputs.length >= LIMITS.inputs.max}
            onClick={() => lab.edit({ type: "addInput" })}
          >
            {t("editor.addInput")}
          </button>
        </div>
      </fieldset>

      <p className={styles.limits}>{t("editor.limits")}</p>
      {lab.refusal && (
        <p className={styles.refusal} role="alert">
          {t("lab.refused", { message: lab.refusal.message })}
        </p>
      )}
    </section>
  );
}

function EdgeEditor({
  lab,
  selection,
  release,
}: {
  lab: Lab;
  selection: { layer: number; neuron: number; from: number };
  release(): void;
}) {
  const { t } = useLocale();
  const { network } = lab.state;
  const { layer, neuron, from } = selection;
  const weight = network.layers[layer]?.neurons[neuron]?.weights[from] ?? 0;
  const label = t("editor.weight", { from: sourceName(network, layer, from), to: neuronName(network, layer, neuron) });
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
            continuous ? { key: `weight:${layer}:${neuron}:${from}` } : {},
          )
        }
        onRelease={release}
      />
    </div>
  );
}

function NeuronEditor({
  lab,
  layer,
  neuron,
  onSelect,
}: {
  lab: Lab;
  layer: number;
  neuron: number;
  onSelect(selection: Selection): void;
}) {
  const { t, locale } = useLocale();
  const { network } = lab.state;
  const layerSpec = network.layers[layer];
  const spec = layerSpec?.neurons[neuron];
  if (!layerSpec || !spec) return null;
  const name = neuronName(network, layer, neuron);
  const neuronSelectId = `activation-${layer}-${neuron}`;
  const layerSelectId = `layer-activation-${layer}`;

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
          lab.edit({ type: "setBias", layer, neuron, value }, continuous ? { key: `bias:${layer}:${neuron}` } : {})
        }
        onRelease={() => lab.seal()}
      />

      <div className={styles.selectRow}>
        <label htmlFor={neuronSelectId}>{t("editor.neuronActivation", { name })}</label>
        <div className={styles.selectWithIcon}>
          <ActivationIcon id={spec.activation ?? layerSpec.activation} />
          <select
            id={neuronSelectId}
            className={styles.select}
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
      </div>

      <div className={styles.selectRow}>
        <label htmlFor={layerSelectId}>{t("editor.layerActivation")}</label>
        <select
          id={layerSelectId}
          className={styles.select}
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
          disabled={layerSpec.neurons.length >= LIMITS.neurons.max}
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
          disabled={layerSpec.neurons.length <= LIMITS.neurons.min}
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
          disabled={network.layers.length >= LIMITS.layers.max}
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
          disabled={network.layers.length <= LIMITS.layers.min}
          onClick={() => {
            lab.edit({ type: "removeLayer", layer });
            onSelect(null);
          }}
        >
          {t("editor.removeLayer")}
        </button>
      </div>
    </div>
  );
}
