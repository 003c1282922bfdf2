"use client";
// Where the network graph draws everything: the width its box has (followed as it resizes), the
// layout for that width (lib/lab/graph-layout: node positions, radius, font sizes) and every
// connection with its two ends. Pure geometry helpers for the parts are here too.
import { useEffect, useRef, useState } from "react";
import { layoutGraph, type Point } from "@/lib/lab/graph-layout";
import type { Network } from "@/lib/network/schema";

/** One connection: weight `k` (value `w`) of neuron `j` in layer `l`, drawn from `from` to `to`. */
export interface GraphEdge {
  l: number;
  j: number;
  k: number;
  w: number;
  from: Point;
  to: Point;
  /** how many weights the neuron has (where its weight labels go) */
  count: number;
}

/** The graph's box (to measure and to find nodes in), its layout and its connections. */
export function useGraphLayout(network: Network) {
  const [ref, width] = useWidth(720);
  const layout = layoutGraph(
    { inputs: network.inputs.length, layers: network.layers.map((layer) => layer.neurons.length) },
    width,
  );
  const sourcePoint = (layer: number, from: number): Point | undefined =>
    layer === 0 ? layout.inputs[from] : layout.layers[layer - 1]?.[from];
  const edges = network.layers.flatMap((layerSpec, l) =>
    layerSpec.neurons.flatMap((neuron, j) =>
      neuron.weights.flatMap((w, k): GraphEdge[] => {
        const from = sourcePoint(l, k);
        const to = layout.layers[l]?.[j];
        return from && to ? [{ l, j, k, w, from, to, count: neuron.weights.length }] : [];
      }),
    ),
  );
  return { ref, layout, edges };
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

/** The point where a line from `from` to `to` leaves a circle of radius r around `from`. */
export function towards(from: Point, to: Point, r: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / length) * r, y: from.y + (dy / length) * r };
}

/** A band `half` wide on each side of a segment: the connection's hit area (it has a real box, unlike a horizontal line). */
export function band(a: Point, b: Point, half: number): string {
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
export function fitFont(text: string, size: number, r: number): number {
  return Math.min(size, (1.7 * r) / (0.6 * Math.max(1, text.length)));
}
