"use client";
// The network as an SVG graph, drawn 1:1 in CSS pixels at the width it is given: its layout
// (use-graph-layout.ts), the connections (graph-edges.tsx), the inputs and neurons
// (graph-nodes.tsx), and the drag layer (use-graph-drag.ts) that changes a weight or a bias when a
// connection or a neuron is dragged up or down. Every node and connection is a focusable button.
import type { RowResult } from "@/lib/network/reference";
import type { Network } from "@/lib/network/schema";
import { layerLabel } from "@/lib/i18n";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { GraphEdges } from "./graph-edges";
import { GraphNodes } from "./graph-nodes";
import { NO_OVERLAYS, type NeuronOverlays } from "./overlays";
import type { Selection } from "./selection";
import { useGraphDrag, type GraphDrag } from "./use-graph-drag";
import { useGraphLayout } from "./use-graph-layout";
import styles from "./lab.module.css";

export interface NetworkGraphProps {
  network: Network;
  inputValues: readonly number[];
  /** the kernel's forward pass for the current inputs, or null while it loads */
  row: RowResult | null;
  selection: Selection;
  onSelect(selection: Selection): void;
  /** what is drawn over the neurons: hidden values, locks, name tags, no gradient (overlays.ts) */
  overlays?: NeuronOverlays;
  /** dragging a connection or a neuron vertically changes its weight or bias; absent: no dragging */
  drag?: GraphDrag | null;
}

export function NetworkGraph({
  network,
  inputValues,
  row,
  selection,
  onSelect,
  overlays = NO_OVERLAYS,
  drag,
}: NetworkGraphProps) {
  const t = useT("lab");
  const { locale } = useLocale();
  const { ref, layout, edges } = useGraphLayout(network);
  const dragLayer = useGraphDrag({ drag, network, selection, onSelect, boxRef: ref });
  const { dragging } = dragLayer;
  const parts = { network, layout, selection, onSelect, drag: dragLayer };

  const description = t("graph.aria", {
    inputs: network.inputs.length,
    layers: network.layers
      .map((layer, l) => `${layerLabel(locale, network, l)} (${layer.neurons.length})`)
      .join(t("graph.layerList")),
  });

  return (
    <div ref={ref} className={styles.graphBox}>
      <svg
        className={styles.graph}
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label={description}
        data-testid="network-graph"
        data-dragging={dragging || undefined}
        style={dragging ? { cursor: "ns-resize", userSelect: "none", WebkitUserSelect: "none" } : undefined}
        {...dragLayer.svgProps}
        onKeyDown={(event) => {
          if (event.key === "Escape") onSelect(null);
        }}
      >
        {/* column captions */}
        <g aria-hidden="true">
          {layout.columns.map((x, c) => (
            <text
              key={c}
              x={x}
              y={layout.captionY}
              className={styles.caption}
              fontSize={layout.font.small}
              textAnchor="middle"
            >
              {c === 0 ? t("graph.inputs") : layerLabel(locale, network, c - 1, layout.compact)}
            </text>
          ))}
        </g>

        <GraphEdges {...parts} edges={edges} changedBy={overlays.changedBy} />
        <GraphNodes {...parts} inputValues={inputValues} row={row} overlays={overlays} boxRef={ref} />
        <defs>
          <marker id="lab-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHead} />
          </marker>
        </defs>
      </svg>
    </div>
  );
}
