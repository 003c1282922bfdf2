"use client";
// The neuron inspector: for the selected neuron (or the target of the selected connection) and
// the current inputs, its arithmetic term by term, the plot of its activation function with
// (z, f(z)) marked, and where its output goes. For a selected input: what it sends on.
import { ACTIVATION_NAMES, formatNumber, formatOutput } from "@/lib/format";
import { localizedRangeSentence } from "@/lib/i18n";
import { contributionText, inspectInput, inspectNeuron, layerInputs, plotZRange } from "@/lib/lab/inspector";
import { neuronName, sourceName } from "@/lib/lab/names";
import { neuronActivation } from "@/lib/network/model";
import { maskedArithmetic } from "@/lib/rounds/hiding";
import type { RowResult } from "@/lib/network/reference";
import type { Network } from "@/lib/network/schema";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { ActivationPlot } from "./activation-plot";
import { inspectedNeuron, type Selection } from "./selection";
import styles from "./lab.module.css";

export interface InspectorPanelProps {
  network: Network;
  inputValues: readonly number[];
  row: RowResult | null;
  selection: Selection;
  onSelect(selection: Selection): void;
  /** neurons whose value is hidden ("layer:index", a prediction round): shown with "?" */
  hiddenNeurons?: ReadonlySet<string> | null;
}

export function InspectorPanel({ network, inputValues, row, selection, onSelect, hiddenNeurons }: InspectorPanelProps) {
  const t = useT("lab");
  return (
    <section className={styles.card} aria-labelledby="inspector-title" data-testid="inspector">
      <h2 id="inspector-title" className={styles.cardTitle}>
        {t("inspector.title")}
      </h2>
      {selection?.kind === "input" ? (
        <InputInspector network={network} inputValues={inputValues} input={selection.input} onSelect={onSelect} />
      ) : !row ? (
        <p className={styles.muted}>{selection ? t("inspector.pending") : t("inspector.none")}</p>
      ) : (
        <NeuronInspector
          network={network}
          inputValues={inputValues}
          row={row}
          selection={selection}
          onSelect={onSelect}
          hiddenNeurons={hiddenNeurons ?? null}
        />
      )}
    </section>
  );
}

function NeuronInspector({
  network,
  inputValues,
  row,
  selection,
  onSelect,
  hiddenNeurons,
}: {
  network: Network;
  inputValues: readonly number[];
  row: RowResult;
  selection: Selection;
  onSelect(selection: Selection): void;
  hiddenNeurons: ReadonlySet<string> | null;
}) {
  const t = useT("lab");
  const { locale } = useLocale();
  const target = inspectedNeuron(selection);
  const inspection = target && inspectNeuron(network, inputValues, row, target.layer, target.neuron);
  if (!inspection) return <p className={styles.muted}>{t("inspector.none")}</p>;
  const symbol = ACTIVATION_NAMES[inspection.activation].symbol;
  if (hiddenNeurons?.has(`${inspection.layer}:${inspection.neuron}`)) {
    // a prediction round asks about this value: the parts to work it out from, no result
    const feeding = inspection.incoming.map((term, k) =>
      inspection.layer > 0 && hiddenNeurons.has(`${inspection.layer - 1}:${k}`) ? null : term.value,
    );
    const parts = maskedArithmetic(
      inspection.incoming.map((term) => term.weight),
      feeding,
      inspection.bias,
      symbol,
    );
    return (
      <div className={styles.inspector} data-testid="inspector-hidden">
        <h3 className={styles.inspectorName}>
          {t("inspector.neuron", { name: inspection.name })}
          <output className={styles.inspectorOutput} data-testid="inspector-output">
            ?
          </output>
        </h3>
        <p className={styles.arithmetic} data-testid="inspector-arithmetic">
          <span className={styles.part}>{parts[0]}</span> <span className={styles.part}>{parts[1]}</span>
        </p>
        <dl className={styles.facts}>
          <dt>{t("inspector.function")}</dt>
          <dd>
            {t(inspection.inherited ? "inspector.activation.inherited" : "inspector.activation.own", { f: symbol })}
          </dd>
        </dl>
        <p className={styles.muted}>{localizedRangeSentence(locale, inspection.activation, symbol)}</p>
      </div>
    );
  }
  const [zLo, zHi] = plotZRange(inspection.z);

  let edgeNote: string | null = null;
  if (selection?.kind === "edge") {
    const value = layerInputs(row, inputValues, selection.layer)[selection.from] ?? 0;
    const weight = inspection.incoming[selection.from]?.weight ?? 0;
    const sourceLayer = network.layers[selection.layer - 1];
    const sourceNeuron = sourceLayer?.neurons[selection.from];
    // a neuron's output is written as everywhere (0.690); an input as it was typed
    const shown =
      sourceLayer && sourceNeuron
        ? formatOutput(value, neuronActivation(sourceLayer, sourceNeuron))
        : formatNumber(value);
    const sourceHidden = hiddenNeurons?.has(`${selection.layer - 1}:${selection.from}`) ?? false;
    edgeNote = t("inspector.edge", {
      term: `${sourceName(network, selection.layer, selection.from)} · w = ${
        sourceHidden ? `? · ${formatNumber(weight)} = ?` : contributionText(shown, value, weight)
      }`,
      to: inspection.name,
    });
  }

  return (
    <div className={styles.inspector}>
      <h3 className={styles.inspectorName}>
        {t("inspector.neuron", { name: inspection.name })}
        <output className={styles.inspectorOutput} data-testid="inspector-output" data-value={inspection.a}>
          {inspection.output}
        </output>
      </h3>
      {edgeNote && (
        <p className={styles.edgeNote} data-testid="inspector-edge">
          {edgeNote}
        </p>
      )}
      {/* read out again (politely) when a change recomputes it */}
      <p className={styles.arithmetic} data-testid="inspector-arithmetic" aria-live="polite" aria-atomic="true">
        <span className={styles.part}>{inspection.arithmetic[0]}</span>{" "}
        <span className={styles.part}>{inspection.arithmetic[1]}</span>
      </p>
      <dl className={styles.facts}>
        <dt>{t("inspector.sum")}</dt>
        <dd data-testid="inspector-z">{formatNumber(inspection.z)}</dd>
        <dt>{t("inspector.function")}</dt>
        <dd>
          {t(inspection.inherited ? "inspector.activation.inherited" : "inspector.activation.own", { f: symbol })}
        </dd>
      </dl>
      <ActivationPlot
        activation={inspection.activation}
        symbol={symbol}
        z={inspection.z}
        a={inspection.a}
        output={inspection.output}
        label={t("inspector.plot", {
          f: symbol,
          lo: formatNumber(zLo),
          hi: formatNumber(zHi),
          z: formatNumber(inspection.z),
          a: inspection.output,
        })}
      />
      <p className={styles.muted}>{localizedRangeSentence(locale, inspection.activation, symbol)}</p>

      <h3 className={styles.editorHeading}>{t("inspector.goesTo")}</h3>
      {inspection.isOutput ? (
        <p data-testid="inspector-destination">
          {t("inspector.isOutput", { name: inspection.name, output: inspection.output })}
        </p>
      ) : (
        <>
          <p>{t("inspector.goesTo.text", { name: inspection.name, output: inspection.output })}</p>
          <ul className={styles.terms} data-testid="inspector-destination">
            {inspection.outgoing.map((term) => (
              <li key={`${term.layer}-${term.neuron}`}>
                <span className={styles.term}>{term.text}</span>{" "}
                <button
                  type="button"
                  className={styles.linkButton}
                  onClick={() => onSelect({ kind: "neuron", layer: term.layer, neuron: term.neuron })}
                >
                  {t("inspector.goesTo.term", { target: term.target })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function InputInspector({
  network,
  inputValues,
  input,
  onSelect,
}: {
  network: Network;
  inputValues: readonly number[];
  input: number;
  onSelect(selection: Selection): void;
}) {
  const t = useT("lab");
  const inspection = inspectInput(network, inputValues, input);
  if (!inspection) return null;
  return (
    <div className={styles.inspector}>
      <h3 className={styles.inspectorName}>
        {t("inspector.input", { name: inspection.name })}
        <output className={styles.inspectorOutput}>{formatNumber(inspection.value)}</output>
      </h3>
      <p>{t("inspector.input.text", { name: inspection.name, value: formatNumber(inspection.value) })}</p>
      <ul className={styles.terms} data-testid="inspector-destination">
        {inspection.outgoing.map((term) => (
          <li key={term.neuron}>
            <span className={styles.term}>{term.text}</span>{" "}
            <button
              type="button"
              className={styles.linkButton}
              onClick={() => onSelect({ kind: "neuron", layer: term.layer, neuron: term.neuron })}
            >
              {t("inspector.goesTo.term", { target: neuronName(network, term.layer, term.neuron) })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
