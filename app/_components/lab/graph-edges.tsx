"use client";
// The network graph's connections: each a focusable button (click, tap, Enter/Space selects it;
// dragging it changes its weight), blue solid for positive, orange dashed for negative (colour is
// never the only cue), dotted for 0, thickness for |w|; then their weight labels, above every line,
// and the name of whoever just changed a weight (everyone-edits), slid along its connection clear
// of the labels and the nodes.
import { formatNumber } from "@/lib/format";
import { edgeWidth, placeWeightLabels } from "@/lib/lab/graph-layout";
import { inputName, neuronName } from "@/lib/lab/names";
import { useT } from "@/app/_i18n/locale-provider";
import { onActivate, type GraphPartProps } from "./graph-part";
import { sameSelection, type Selection } from "./selection";
import { band, towards, type GraphEdge } from "./use-graph-layout";
import styles from "./lab.module.css";

/** Does a connection touch the selection (the selected connection, or one into or out of the selected node)? */
function touchesSelection(selection: Selection, layer: number, neuron: number, from: number): boolean {
  if (!selection) return false;
  if (selection.kind === "input") return layer === 0 && from === selection.input;
  if (selection.kind === "edge")
    return selection.layer === layer && selection.neuron === neuron && selection.from === from;
  return (
    (selection.layer === layer && selection.neuron === neuron) ||
    (selection.layer === layer - 1 && selection.neuron === from)
  );
}

function edgeClass(w: number): string | undefined {
  if (formatNumber(w) === "0") return styles.edgeZero;
  return w > 0 ? styles.edgePositive : styles.edgeNegative;
}

export function GraphEdges({
  network,
  layout,
  edges,
  selection,
  onSelect,
  drag,
  changedBy,
}: GraphPartProps & {
  edges: GraphEdge[];
  /** who just changed a weight ("layer:index:from" → their name; other keys are neurons') */
  changedBy?: ReadonlyMap<string, string> | null;
}) {
  const t = useT("lab");
  const { radius: r, font } = layout;
  /** a weight label shows when it touches the selection, or when all do (a zero weight is dotted, so unlabelled) */
  const labelShown = ({ l, j, k, w }: GraphEdge) =>
    touchesSelection(selection, l, j, k) || (layout.allWeightLabels && formatNumber(w) !== "0");
  // the selected connection's label first: it keeps its place, the others make room
  const isSelected = (e: GraphEdge) => sameSelection(selection, { kind: "edge", layer: e.l, neuron: e.j, from: e.k });
  const labelled = edges.filter(labelShown).sort((a, b) => Number(isSelected(b)) - Number(isSelected(a)));
  const tagged = changedBy
    ? edges.flatMap((e) => {
        const name = changedBy.get(`${e.l}:${e.j}:${e.k}`);
        return name === undefined ? [] : [{ ...e, name }];
      })
    : [];
  // the tags are placed after the labels: they make room for them
  const points = placeWeightLabels(layout, [
    ...labelled.map((e) => ({ from: e.from, to: e.to, source: e.k, sourceCount: e.count, text: formatNumber(e.w) })),
    // bold with a halo, beside a label with its own halo (neither is in the estimate): 6 px around;
    // beside its line if need be
    ...tagged.map((e) => ({
      from: e.from,
      to: e.to,
      source: e.k,
      sourceCount: e.count,
      text: e.name,
      pad: 4,
      beside: true,
    })),
  ]);

  return (
    <>
      {/* connections */}
      {edges.map(({ l, j, k, w, from, to }) => {
        const start = towards(from, to, r);
        const end = towards(to, from, r + 3);
        const target = { kind: "edge", layer: l, neuron: j, from: k } as const;
        const selected = sameSelection(selection, target);
        const label = t("graph.weight", {
          from: l === 0 ? inputName(network, k) : neuronName(network, l - 1, k),
          to: neuronName(network, l, j),
          value: formatNumber(w),
        });
        return (
          <g
            key={`e-${l}-${j}-${k}`}
            role="button"
            tabIndex={0}
            aria-label={label}
            aria-pressed={selected}
            className={`${styles.edge} ${selected ? styles.selected : ""}`}
            data-testid={`edge-${l}-${j}-${k}`}
            onClick={() => onSelect(target)}
            onKeyDown={onActivate(() => onSelect(target))}
            {...drag.targetProps(target, selected)}
          >
            <line x1={start.x} y1={start.y} x2={end.x} y2={end.y} className={styles.edgeHalo} />
            <line
              x1={start.x}
              y1={start.y}
              x2={end.x}
              y2={end.y}
              className={edgeClass(w)}
              strokeWidth={edgeWidth(w, layout.scale)}
            />
            {/* the tap target, 44 px across (WCAG 2.5.5) with a margin for a scaled drawing; the narrower band shows keyboard focus */}
            <path d={`M${band(start, end, 23)}Z`} className={styles.edgeTap} data-tap="44" />
            <polygon points={band(start, end, 10)} className={styles.edgeHit} />
          </g>
        );
      })}

      {/* weight labels, above every line */}
      <g aria-hidden="true">
        {labelled.map((edge, i) => {
          const p = points[i]!;
          const selected = isSelected(edge);
          return (
            <text
              key={`w-${edge.l}-${edge.j}-${edge.k}`}
              x={p.x}
              y={p.y + font.small * 0.35}
              fontSize={font.small}
              textAnchor="middle"
              className={`${styles.weightLabel} ${selected ? styles.weightLabelSelected : ""}`}
              data-testid={`weight-${edge.l}-${edge.j}-${edge.k}`}
            >
              {formatNumber(edge.w)}
            </text>
          );
        })}
        {tagged.map((edge, i) => {
          const p = points[labelled.length + i]!;
          return (
            <text
              key={`t-${edge.l}-${edge.j}-${edge.k}`}
              x={p.x}
              y={p.y + font.small * 0.35}
              fontSize={font.small}
              textAnchor="middle"
              className={styles.changedBy}
              data-testid={`edge-changed-by-${edge.l}-${edge.j}-${edge.k}`}
            >
              {edge.name}
            </text>
          );
        })}
      </g>
    </>
  );
}
