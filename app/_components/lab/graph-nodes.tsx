"use client";
// The network graph's nodes: the inputs (name and value), then each layer's neurons (name, output
// computed by the kernel, activation icon, bias). Each is a focusable button: click, tap, or
// Enter/Space selects it, arrow keys move between them; dragging a neuron changes its bias.
import type { KeyboardEvent, RefObject } from "react";
import { ACTIVATION_NAMES, formatNumber, formatOutput } from "@/lib/format";
import { activationLabel, layerLabel } from "@/lib/i18n";
import { isOutputLayer, neuronName } from "@/lib/lab/names";
import { neuronActivation } from "@/lib/network/model";
import type { RowResult } from "@/lib/network/reference";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { activationIconPath } from "./activation-icon";
import { onActivate, type GraphPartProps } from "./graph-part";
import type { NeuronOverlays } from "./overlays";
import { sameSelection, type Selection } from "./selection";
import { fitFont } from "./use-graph-layout";
import styles from "./lab.module.css";

/** The test id of a node: column 0 holds the inputs, column l + 1 the neurons of layer l. */
function nodeId(column: number, index: number): string {
  return column === 0 ? `input-${index}` : `neuron-${column - 1}-${index}`;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

export interface GraphNodesProps extends GraphPartProps {
  inputValues: readonly number[];
  /** the kernel's forward pass for the current inputs, or null while it loads */
  row: RowResult | null;
  /** what is drawn over the neurons: "?", a padlock, a name tag, a dashed ring (overlays.ts) */
  overlays: NeuronOverlays;
  /** the graph's box, where arrow keys look for the next node */
  boxRef: RefObject<HTMLElement | null>;
}

export function GraphNodes({
  network,
  layout,
  selection,
  onSelect,
  drag,
  inputValues,
  row,
  overlays: { hidden: hiddenNeurons, locked: lockedNeurons, changedBy, noGradient },
  boxRef,
}: GraphNodesProps) {
  const t = useT("lab");
  const { locale } = useLocale();
  const { radius: r, font } = layout;
  const sizes = [network.inputs.length, ...network.layers.map((layer) => layer.neurons.length)];

  /** Arrow keys on a node move the focus: up and down in its column, left and right to the next column. */
  const moveFocus = (column: number, index: number) => (event: KeyboardEvent) => {
    const step = ARROWS[event.key];
    if (!step) return;
    event.preventDefault();
    const c = Math.min(sizes.length - 1, Math.max(0, column + step[0]));
    const i = Math.min((sizes[c] ?? 1) - 1, Math.max(0, index + step[1]));
    boxRef.current?.querySelector<SVGGElement>(`[data-testid="${nodeId(c, i)}"]`)?.focus();
  };

  return (
    <>
      {/* inputs */}
      {network.inputs.map((name, k) => {
        const p = layout.inputs[k];
        if (!p) return null;
        const value = inputValues[k] ?? 0;
        const target: Selection = { kind: "input", input: k };
        const selected = sameSelection(selection, target);
        return (
          <g
            key={`i-${k}`}
            role="button"
            tabIndex={0}
            aria-label={t("graph.input", { name, value: formatNumber(value) })}
            aria-pressed={selected}
            className={`${styles.node} ${selected ? styles.selected : ""}`}
            data-testid={`input-${k}`}
            onClick={() => onSelect(target)}
            onKeyDown={(event) => {
              onActivate(() => onSelect(target))(event);
              moveFocus(0, k)(event);
            }}
          >
            <rect
              x={p.x - r - 5}
              y={p.y - r - 5}
              width={2 * r + 10}
              height={2 * r + 10}
              rx={12}
              className={styles.focusRing}
            />
            <rect x={p.x - r} y={p.y - r} width={2 * r} height={2 * r} rx={8} className={styles.inputNode} />
            <text x={p.x} y={p.y - r - 8} fontSize={font.label} textAnchor="middle" className={styles.nodeName}>
              {name}
            </text>
            <text
              x={p.x}
              y={p.y + font.value * 0.36}
              fontSize={fitFont(formatNumber(value), font.value, r)}
              textAnchor="middle"
              className={styles.nodeValue}
              data-testid={`input-value-${k}`}
            >
              {formatNumber(value)}
            </text>
          </g>
        );
      })}

      {/* neurons */}
      {network.layers.map((layerSpec, l) =>
        layerSpec.neurons.map((neuron, j) => {
          const p = layout.layers[l]?.[j];
          if (!p) return null;
          const activation = neuronActivation(layerSpec, neuron);
          const a = row?.layers[l]?.a[j];
          const hidden = hiddenNeurons?.has(`${l}:${j}`) ?? false;
          const output = hidden ? "?" : a === undefined ? null : formatOutput(a, activation);
          const name = neuronName(network, l, j);
          const target = { kind: "neuron", layer: l, neuron: j } as const;
          const selected = sameSelection(selection, target);
          const output_ = isOutputLayer(network, l);
          const icon = { w: Math.round(r * 0.8), h: Math.round(r * 0.34) };
          const biasText = t("graph.bias", { value: formatNumber(neuron.bias) });
          const stuck = noGradient?.has(`${l}:${j}`) ?? false;
          const locked = lockedNeurons?.has(`${l}:${j}`) ?? false;
          const changer = changedBy?.get(`${l}:${j}`);
          const description = t("graph.neuron", {
            layer: layerLabel(locale, network, l),
            name,
            output: output ?? t("graph.pending"),
            activation: activationLabel(locale, activation),
            bias: formatNumber(neuron.bias),
          });
          return (
            <g
              key={`n-${l}-${j}`}
              role="button"
              tabIndex={0}
              aria-label={
                (stuck ? t("graph.noGradient", { neuron: description }) : description) +
                (locked ? t("graph.lockedSuffix") : "")
              }
              data-locked={locked || undefined}
              aria-pressed={selected}
              className={`${styles.node} ${selected ? styles.selected : ""}`}
              data-testid={`neuron-${l}-${j}`}
              data-no-gradient={stuck || undefined}
              onClick={() => onSelect(target)}
              onKeyDown={(event) => {
                onActivate(() => onSelect(target))(event);
                moveFocus(l + 1, j)(event);
              }}
              {...drag.targetProps(target, selected)}
            >
              <circle cx={p.x} cy={p.y} r={r + 6} className={styles.focusRing} />
              {output_ && (
                <line
                  x1={p.x + r}
                  y1={p.y}
                  x2={p.x + r + Math.round(22 * layout.scale)}
                  y2={p.y}
                  className={styles.outputArrow}
                  markerEnd="url(#lab-arrow)"
                />
              )}
              <circle cx={p.x} cy={p.y} r={r} className={output_ ? styles.outputNode : styles.neuronNode} />
              {stuck && <circle cx={p.x} cy={p.y} r={r + 5} className={styles.noGradientRing} />}
              {locked && (
                // a padlock at the circle's upper right: locked by the teacher
                <g
                  transform={`translate(${p.x + r * 0.55} ${p.y - r - 2}) scale(${(r * 0.6) / 16})`}
                  className={styles.nodeLock}
                  data-testid={`neuron-lock-${l}-${j}`}
                >
                  <rect x="2.5" y="7" width="11" height="8" rx="1.5" />
                  <path d="M5 7V4.5a3 3 0 0 1 6 0V7" fill="none" strokeWidth="1.8" />
                </g>
              )}
              <text x={p.x} y={p.y - r - 8} fontSize={font.label} textAnchor="middle" className={styles.nodeName}>
                {name}
              </text>
              <text
                x={p.x}
                y={p.y + font.value * 0.6}
                fontSize={fitFont(output ?? "…", font.value, r)}
                textAnchor="middle"
                className={styles.nodeValue}
                data-testid={`neuron-value-${l}-${j}`}
                data-hidden={hidden || undefined}
              >
                {output ?? t("graph.pending")}
              </text>
              <path
                d={activationIconPath(activation, icon.w, icon.h)}
                transform={`translate(${p.x - icon.w / 2} ${p.y - r * 0.72})`}
                className={styles.nodeIcon}
              />
              <text
                // the output column's line ends at the edge: centred, a long one ("linear · b =
                // −0.45") would be cut off there
                x={output_ ? layout.width - 4 : p.x}
                y={p.y + r + font.small + 5}
                fontSize={font.small}
                textAnchor={output_ ? "end" : "middle"}
                className={styles.nodeDetail}
              >
                {layout.compact ? biasText : `${ACTIVATION_NAMES[activation].symbol} · ${biasText}`}
              </text>
              {changer && (
                // who just changed this neuron (everyone-edits), for a few seconds
                <text
                  x={p.x}
                  y={p.y + r + font.small * 2 + 10}
                  fontSize={font.small}
                  textAnchor="middle"
                  className={styles.changedBy}
                  data-testid={`neuron-changed-by-${l}-${j}`}
                >
                  {changer}
                </text>
              )}
            </g>
          );
        }),
      )}
    </>
  );
}
