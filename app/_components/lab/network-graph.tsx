"use client";
// The network as an SVG graph, drawn 1:1 in CSS pixels at the width it is given (lib/lab/graph-layout):
// inputs (name and value), then each layer's neurons (name, output computed by the kernel,
// activation icon, bias), and every connection with its weight: blue solid for positive,
// orange dashed for negative (colour is never the only cue), thickness for |w|.
// Every node and connection is a focusable button: click, tap, or Enter/Space selects it.
// With `drag`, pressing a connection or a neuron and moving up or down changes its weight or bias
// (lib/lab/param-drag): with a mouse or a pen at once; by touch once it is selected, so that a
// swipe across the graph still scrolls the page (only the selected one takes touch-action: none).
import {
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from "react";
import { ACTIVATION_NAMES, formatNumber, formatOutput } from "@/lib/format";
import { activationLabel, layerLabel } from "@/lib/i18n";
import { edgeWidth, layoutGraph, weightLabelDistance, weightLabelPoint, type Point } from "@/lib/lab/graph-layout";
import { inputName, isOutputLayer, neuronName } from "@/lib/lab/names";
import { dragValue, isDrag, paramEdit, paramKey, paramValue, type ParamTarget } from "@/lib/lab/param-drag";
import { neuronActivation } from "@/lib/network/model";
import type { Edit } from "@/lib/network/ops";
import type { RowResult } from "@/lib/network/reference";
import type { Network } from "@/lib/network/schema";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { activationIconPath } from "./activation-icon";
import { sameSelection, type Selection } from "./selection";
import type { Lab } from "./use-lab";
import styles from "./lab.module.css";

/** Changing weights and biases by dragging on the graph: where the values go. */
export interface GraphDrag {
  /** may `target` be changed now? (live sessions: the check its slider uses) */
  allowed(target: ParamTarget): boolean;
  /** a drag begins (before its first change) */
  start(target: ParamTarget): void;
  /** the new value during a drag: a continuous change, like a slider's */
  change(target: ParamTarget, value: number): void;
  /** the drag ended (released, cancelled): it is one undo step */
  end(): void;
}

/**
 * Dragging on the graph through a Lab's edit path, exactly as the editor's sliders do: the same
 * edits under the same continuous key, and the step sealed on release. `blocked` (live sessions):
 * the editor's check; a target it blocks does not drag.
 */
export function labDrag(lab: Lab, blocked?: ((edit: Edit) => string | null) | null): GraphDrag {
  return {
    allowed(target) {
      const value = paramValue(lab.state.network, target);
      return value !== undefined && (blocked?.(paramEdit(target, value)) ?? null) === null;
    },
    start: () => lab.seal(),
    change: (target, value) => lab.edit(paramEdit(target, value), { key: paramKey(target), gesture: true }),
    end: () => lab.seal(),
  };
}

export interface NetworkGraphProps {
  network: Network;
  inputValues: readonly number[];
  /** the kernel's forward pass for the current inputs, or null while it loads */
  row: RowResult | null;
  selection: Selection;
  onSelect(selection: Selection): void;
  /** neurons whose value is hidden ("layer:index", a prediction round): drawn with "?" */
  hiddenNeurons?: ReadonlySet<string> | null;
  /** dragging a connection or a neuron vertically changes its weight or bias; absent: no dragging */
  drag?: GraphDrag | null;
}

/** A press on a connection or a neuron that may become a drag. */
interface Press {
  pointerId: number;
  target: ParamTarget;
  x: number;
  y: number;
  start: number;
  /** moved past the slop: a drag, no longer a click */
  dragging: boolean;
  /** the value last sent */
  value: number;
  /** a finger: the page must not scroll meanwhile */
  touch: boolean;
}

/** The width the graph has, in CSS pixels, following its container. */
function useWidth(initial: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

function onActivate(select: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select();
    }
  };
}

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

/** The point where a line from `from` to `to` leaves a circle of radius r around `from`. */
function towards(from: Point, to: Point, r: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / length) * r, y: from.y + (dy / length) * r };
}

/** A band `half` wide on each side of a segment: the connection's hit area (it has a real box, unlike a horizontal line). */
function band(a: Point, b: Point, half: number): string {
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const nx = (-(b.y - a.y) / length) * half;
  const ny = ((b.x - a.x) / length) * half;
  return [
    [a.x + nx, a.y + ny],
    [b.x + nx, b.y + ny],
    [b.x - nx, b.y - ny],
    [a.x - nx, a.y - ny],
  ]
    .map(([x, y]) => `${x!.toFixed(1)},${y!.toFixed(1)}`)
    .join(" ");
}

/** The font size at which a value fits inside a node of radius r. */
function fitFont(text: string, size: number, r: number): number {
  return Math.min(size, (1.7 * r) / (0.6 * Math.max(1, text.length)));
}

export function NetworkGraph({
  network,
  inputValues,
  row,
  selection,
  onSelect,
  hiddenNeurons,
  drag,
}: NetworkGraphProps) {
  const t = useT("lab");
  const { locale } = useLocale();
  const [ref, width] = useWidth(720);
  const press = useRef<Press | null>(null);
  /** a drag is going on: the whole graph shows the ns-resize cursor and selects no text */
  const [dragging, setDragging] = useState(false);

  /** Ends the press; a drag that was going on ends as one step. */
  const release = (event: ReactPointerEvent) => {
    const current = press.current;
    if (!current || current.pointerId !== event.pointerId) return;
    press.current = null;
    if (current.dragging) {
      setDragging(false);
      drag?.end();
    }
  };
  // A touch press that may drag must not scroll the page. `touch-action: none` on the selected
  // target says so, but not every browser honours it inside an SVG (Chromium starts to scroll and
  // cancels the pointer): cancelling its touchmoves (a non-passive listener; React's are passive)
  // keeps the drag's pointer events coming. Other touches are left alone, so the page scrolls.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const hold = (event: TouchEvent) => {
      if (press.current?.touch && event.cancelable) event.preventDefault();
    };
    element.addEventListener("touchmove", hold, { passive: false });
    return () => element.removeEventListener("touchmove", hold);
  }, [ref]);
  // the graph goes away in the middle of a drag (a page change): the drag still ends
  const dragRef = useRef(drag);
  useEffect(() => {
    dragRef.current = drag;
  });
  useEffect(
    () => () => {
      if (press.current?.dragging) dragRef.current?.end();
    },
    [],
  );

  /** A press on `target` (selected or not) that may become a drag of its value. */
  const dragHandlers = (target: ParamTarget, selected: boolean) => {
    if (!drag) return {};
    return {
      onPointerDown(event: ReactPointerEvent<SVGGElement>) {
        if (!event.isPrimary || event.button !== 0) return;
        // by touch only what is already selected: a swipe elsewhere scrolls the page
        if (event.pointerType === "touch" && !selected) return;
        const start = paramValue(network, target);
        if (start === undefined || !drag.allowed(target)) return;
        press.current = {
          pointerId: event.pointerId,
          target,
          x: event.clientX,
          y: event.clientY,
          start,
          dragging: false,
          value: start,
          touch: event.pointerType === "touch",
        };
        // the moves and the release come to the svg (they bubble), wherever the pointer goes
        event.currentTarget.setPointerCapture(event.pointerId);
      },
    };
  };
  /** The pressed pointer moves: past the slop it drags, and the value follows it. */
  const onPointerMove = (event: ReactPointerEvent) => {
    const current = press.current;
    if (!current || current.pointerId !== event.pointerId || !drag) return;
    const dy = event.clientY - current.y;
    if (!current.dragging) {
      if (!isDrag(event.clientX - current.x, dy)) return;
      current.dragging = true;
      setDragging(true);
      window.getSelection()?.removeAllRanges();
      drag.start(current.target);
      if (!sameSelection(selection, current.target)) onSelect(current.target);
    }
    event.preventDefault();
    // what may be changed can change during a drag (the teacher takes over): it stops there
    if (!drag.allowed(current.target)) return;
    const value = dragValue(current.start, dy);
    if (value === current.value) return;
    current.value = value;
    drag.change(current.target, value);
  };
  /** The affordance on a selected connection or neuron that drags: the cursor, and touch to the drag. */
  const dragStyle = (target: ParamTarget, selected: boolean): CSSProperties | undefined =>
    selected && drag?.allowed(target) ? { cursor: "ns-resize", touchAction: "none" } : undefined;
  const sizes = [network.inputs.length, ...network.layers.map((layer) => layer.neurons.length)];

  /** Arrow keys on a node move the focus: up and down in its column, left and right to the next column. */
  const moveFocus = (column: number, index: number) => (event: KeyboardEvent) => {
    const step = ARROWS[event.key];
    if (!step) return;
    event.preventDefault();
    const c = Math.min(sizes.length - 1, Math.max(0, column + step[0]));
    const i = Math.min((sizes[c] ?? 1) - 1, Math.max(0, index + step[1]));
    ref.current?.querySelector<SVGGElement>(`[data-testid="${nodeId(c, i)}"]`)?.focus();
  };
  const layout = layoutGraph(
    { inputs: network.inputs.length, layers: network.layers.map((layer) => layer.neurons.length) },
    width,
  );
  const { radius: r, font } = layout;

  const isSelected = (candidate: Selection) => sameSelection(selection, candidate);
  /** does a connection touch the selection (the selected connection, or one into or out of the selected node)? */
  const touchesSelection = (layer: number, neuron: number, from: number) => {
    if (!selection) return false;
    if (selection.kind === "input") return layer === 0 && from === selection.input;
    if (selection.kind === "edge")
      return selection.layer === layer && selection.neuron === neuron && selection.from === from;
    return (
      (selection.layer === layer && selection.neuron === neuron) ||
      (selection.layer === layer - 1 && selection.neuron === from)
    );
  };
  /** a weight label shows when it touches the selection, or when all do (a zero weight is dotted, so unlabelled) */
  const labelShown = (layer: number, neuron: number, from: number, w: number) =>
    touchesSelection(layer, neuron, from) || (layout.allWeightLabels && formatNumber(w) !== "0");

  const sourcePoint = (layer: number, from: number): Point | undefined =>
    layer === 0 ? layout.inputs[from] : layout.layers[layer - 1]?.[from];

  const edges = network.layers.flatMap((layerSpec, l) =>
    layerSpec.neurons.flatMap((neuron, j) =>
      neuron.weights.map((w, k) => {
        const from = sourcePoint(l, k);
        const to = layout.layers[l]?.[j];
        return from && to ? { l, j, k, w, from, to, count: neuron.weights.length } : null;
      }),
    ),
  );

  const edgeClass = (w: number) => {
    if (formatNumber(w) === "0") return styles.edgeZero;
    return w > 0 ? styles.edgePositive : styles.edgeNegative;
  };

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
        onPointerMove={onPointerMove}
        onPointerUp={release}
        onPointerCancel={release}
        onLostPointerCapture={release}
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
              fontSize={font.small}
              textAnchor="middle"
            >
              {c === 0 ? t("graph.inputs") : layerLabel(locale, network, c - 1, layout.compact)}
            </text>
          ))}
        </g>

        {/* connections */}
        {edges.map((edge) => {
          if (!edge) return null;
          const { l, j, k, w, from, to } = edge;
          const start = towards(from, to, r);
          const end = towards(to, from, r + 3);
          const target = { kind: "edge", layer: l, neuron: j, from: k } as const;
          const selected = isSelected(target);
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
              style={dragStyle(target, selected)}
              {...dragHandlers(target, selected)}
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
              <polygon points={band(start, end, 10)} className={styles.edgeHit} />
            </g>
          );
        })}

        {/* weight labels, above every line */}
        <g aria-hidden="true">
          {edges.map((edge) => {
            if (!edge || !labelShown(edge.l, edge.j, edge.k, edge.w)) return null;
            const p = weightLabelPoint(
              edge.from,
              edge.to,
              edge.k,
              edge.count,
              weightLabelDistance(layout, edge.from, edge.to),
            );
            const selected = isSelected({ kind: "edge", layer: edge.l, neuron: edge.j, from: edge.k });
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
        </g>

        {/* inputs */}
        {network.inputs.map((name, k) => {
          const p = layout.inputs[k];
          if (!p) return null;
          const value = inputValues[k] ?? 0;
          const target: Selection = { kind: "input", input: k };
          const selected = isSelected(target);
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
            const selected = isSelected(target);
            const output_ = isOutputLayer(network, l);
            const icon = { w: Math.round(r * 0.8), h: Math.round(r * 0.34) };
            const biasText = t("graph.bias", { value: formatNumber(neuron.bias) });
            return (
              <g
                key={`n-${l}-${j}`}
                role="button"
                tabIndex={0}
                aria-label={t("graph.neuron", {
                  layer: layerLabel(locale, network, l),
                  name,
                  output: output ?? t("graph.pending"),
                  activation: activationLabel(locale, activation),
                  bias: formatNumber(neuron.bias),
                })}
                aria-pressed={selected}
                className={`${styles.node} ${selected ? styles.selected : ""}`}
                data-testid={`neuron-${l}-${j}`}
                onClick={() => onSelect(target)}
                onKeyDown={(event) => {
                  onActivate(() => onSelect(target))(event);
                  moveFocus(l + 1, j)(event);
                }}
                style={dragStyle(target, selected)}
                {...dragHandlers(target, selected)}
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
              </g>
            );
          }),
        )}
        <defs>
          <marker id="lab-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHead} />
          </marker>
        </defs>
      </svg>
    </div>
  );
}
