"use client";
// Every neuron's small heatmap, by layer, inputs first, like TensorFlow Playground; click (or
// Enter/Space) selects a neuron, arrow keys move between them. The frame loop paints the canvases.
import { memo, useRef, type KeyboardEvent } from "react";
import { ACTIVATION_NAMES } from "@/lib/format";
import { pictureId } from "@/lib/heatmap/versions";
import { layerLabel, t, translator, type Locale } from "@/lib/i18n";
import { neuronName } from "@/lib/lab/names";
import { neuronActivation } from "@/lib/network/model";
import type { Network } from "@/lib/network/schema";
import { HeatmapCanvas } from "./heatmap-canvas";
import styles from "./heatmaps.module.css";

export interface HeatmapSelection {
  layer: number;
  neuron: number;
}

/** "Inputs", "Hidden layer 2", "Output layer": the network graph's names, as headings. */
function layerHeading(locale: Locale, net: Network, layer: number | "inputs"): string {
  const text = layer === "inputs" ? t(locale, "lab", "graph.inputs") : layerLabel(locale, net, layer);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the tiles show, as a string: the grid re-renders only when it changes (not on every edit). */
export function tileLayoutKey(net: Network): string {
  return JSON.stringify([
    net.inputs,
    net.layers.map((layer) => layer.neurons.map((neuron) => [neuron.label ?? "", neuronActivation(layer, neuron)])),
  ]);
}

interface NeuronGridProps {
  network: Network;
  layoutKey: string;
  selected: HeatmapSelection | null;
  onSelect?: (selection: HeatmapSelection) => void;
  locale: Locale;
  /** pixels per side of the small pictures */
  resolution: number;
  /** the plane's range, for the pictures' labels */
  low: string;
  high: string;
}

/**
 * Every neuron's small picture, by layer, inputs first. Memoised on the layout: a weight edit
 * changes no tile, so dragging a slider does not re-render them (the frame loop repaints the canvases).
 */
export const NeuronGrid = memo(
  function NeuronGrid({ network, selected, onSelect, locale, resolution, low, high }: NeuronGridProps) {
    const ht = translator(locale, "heatmaps");
    const gridRef = useRef<HTMLDivElement>(null);
    const last = network.layers.length - 1;
    // the one neuron reachable with Tab (roving tabindex): the selected one, else the first
    const focusable =
      selected && network.layers[selected.layer]?.neurons[selected.neuron] ? selected : { layer: 0, neuron: 0 };

    const onTileKey = (event: KeyboardEvent<HTMLDivElement>) => {
      const tile = (event.target as HTMLElement).closest<HTMLElement>("[data-tile]");
      if (!tile) return;
      let l = Number(tile.dataset.layer);
      let j = Number(tile.dataset.neuron);
      if (event.key === "ArrowUp") j--;
      else if (event.key === "ArrowDown") j++;
      else if (event.key === "ArrowLeft") l--;
      else if (event.key === "ArrowRight") l++;
      else if (event.key === "Home") j = 0;
      else if (event.key === "End") j = Number.MAX_SAFE_INTEGER;
      else return;
      event.preventDefault();
      l = Math.min(Math.max(l, 0), last);
      const size = network.layers[l]?.neurons.length ?? 1;
      j = Math.min(Math.max(j, 0), size - 1);
      gridRef.current?.querySelector<HTMLElement>(`[data-tile][data-layer="${l}"][data-neuron="${j}"]`)?.focus();
    };

    return (
      <div className={styles.neurons}>
        <h3 className={styles.neuronsTitle}>{ht("heatmaps.allNeurons")}</h3>
        {onSelect ? <p className={styles.hint}>{ht("heatmaps.allNeuronsHint")}</p> : null}
        <div
          ref={gridRef}
          className={styles.network}
          onKeyDown={onSelect ? onTileKey : undefined}
          data-testid="heatmap-neurons"
        >
          <div className={styles.layer}>
            <h4 className={styles.layerTitle}>{layerHeading(locale, network, "inputs")}</h4>
            {network.inputs.map((name, k) => (
              <div key={k} className={styles.tile}>
                <HeatmapCanvas
                  resolution={resolution}
                  size="small"
                  label={ht("heatmaps.inputLabel", { name })}
                  picture={`in:${k}`}
                />
                <span className={styles.tileName} title={name}>
                  {name}
                </span>
              </div>
            ))}
          </div>
          {network.layers.map((layer, l) => (
            <div key={l} className={styles.layer}>
              <h4 className={styles.layerTitle}>{layerHeading(locale, network, l)}</h4>
              {layer.neurons.map((neuron, j) => {
                const id = pictureId(l, j);
                const name = neuronName(network, l, j);
                const activation = ACTIVATION_NAMES[neuronActivation(layer, neuron)].symbol;
                const isSelected = selected?.layer === l && selected.neuron === j;
                const content = (
                  <>
                    <HeatmapCanvas
                      resolution={resolution}
                      size="small"
                      label={ht("heatmaps.canvasLabel", { name, low, high })}
                      picture={id}
                      testId={`heatmap-canvas-${l}-${j}`}
                    />
                    <span className={styles.tileName} title={name}>
                      {name}
                    </span>
                    <span className={styles.tileScale} data-scale-of={id} aria-hidden="true">
                      {activation} <span data-part="range" />
                    </span>
                  </>
                );
                return onSelect ? (
                  <button
                    key={id}
                    type="button"
                    className={isSelected ? `${styles.tile} ${styles.tileSelected}` : styles.tile}
                    aria-pressed={isSelected}
                    aria-label={ht("heatmaps.tileLabel", { name, layer: layerHeading(locale, network, l), activation })}
                    tabIndex={focusable.layer === l && focusable.neuron === j ? 0 : -1}
                    data-tile=""
                    data-layer={l}
                    data-neuron={j}
                    data-testid={`heatmap-tile-${l}-${j}`}
                    onClick={() => onSelect({ layer: l, neuron: j })}
                  >
                    {content}
                  </button>
                ) : (
                  <div
                    key={id}
                    className={isSelected ? `${styles.tile} ${styles.tileSelected}` : styles.tile}
                    data-testid={`heatmap-tile-${l}-${j}`}
                  >
                    {content}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    );
  },
  (a, b) =>
    a.layoutKey === b.layoutKey &&
    a.selected?.layer === b.selected?.layer &&
    a.selected?.neuron === b.selected?.neuron &&
    a.onSelect === b.onSelect &&
    a.locale === b.locale &&
    a.resolution === b.resolution &&
    a.low === b.low &&
    a.high === b.high,
);
