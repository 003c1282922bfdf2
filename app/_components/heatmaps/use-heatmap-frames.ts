"use client";
// The heatmaps' frame loop, outside React: the component renders the canvases and their captions
// (each canvas names its picture in data-picture, each caption its picture in data-scale-of),
// and this hook fills them. Every neuron's picture comes from ONE batch of the wasm kernel in fast
// (float32) mode on a kernel instance of its own (lib/heatmap/kernel.ts); a network edit costs one
// prepare() + run() and a repaint (colours + putImageData) of only the pictures the edit changed
// (lib/heatmap/versions.ts). Changes are coalesced into one requestAnimationFrame.
//
// While changes stream in frame after frame (a network training, a slider dragged), a frame
// repaints the output's pictures and at most HIDDEN_PER_FRAME of the others, those painted longest
// ago first: the small pictures of a large network take turns (2-8-8-1: each at least every third
// repaint), so a frame's painting stays short. When the stream stops, one more repaint paints all
// that is left.
import { useCallback, useEffect, useRef, useState } from "react";
import { formatNumber } from "@/lib/format";
import { HeatmapBatch, type NeuronPicture } from "@/lib/heatmap/batch";
import { legendGradient, type NeuronScale } from "@/lib/heatmap/colour";
import { SMALL_RESOLUTION, symmetricRange, type PlaneRange } from "@/lib/heatmap/grid";
import { loadBrowserKernelForPictures } from "@/lib/heatmap/kernel";
import { pictureId, PictureVersions } from "@/lib/heatmap/versions";
import type { Network } from "@/lib/network/schema";

/** How long one repaint took: kernel (prepare + run) and painting (colours + putImageData). */
export interface HeatmapFrameTiming {
  computeMs: number;
  paintMs: number;
  totalMs: number;
  /** pixels per picture = rows of the batch */
  rows: number;
}

export type HeatmapStatus = { kind: "loading" } | { kind: "ready" } | { kind: "error"; message: string };

/**
 * Where the count goes in the "not a number" caption: the caption is rendered in the page's
 * language with this in place of the count (its data-label), and the frame loop puts the count in.
 */
export const NAN_COUNT = "{n}";

export interface HeatmapFramesInput {
  network: Network;
  /** pixels per side of the large pictures (the small ones use at most SMALL_RESOLUTION) */
  resolution: number;
  /** the plane is −halfWidth … halfWidth on both axes */
  halfWidth: number;
  /** called after every repaint, for measurements */
  onFrame?: (timing: HeatmapFrameTiming) => void;
}

/** The painted images, reused from frame to frame: one per picture and size. */
interface ImageCache {
  resolution: number;
  entries: Map<string, { image: ImageData; pixels: Uint32Array }>;
}

/** Hidden neurons' pictures repainted per frame while changes stream in (the output's: always). */
export const HIDDEN_PER_FRAME = 6;
/** Changes this close after the last repaint are a stream (a training's snapshots, a drag). */
const STREAM_MS = 100;

/** Canvases of one picture at one size. */
type CanvasGroup = { resolution: number; canvases: HTMLCanvasElement[] };

/**
 * Paints the canvases and captions under `rootRef` whenever the network, the resolution or the
 * range change, and says whether the kernel is loading, ready or failed.
 */
export function useHeatmapFrames({ network, resolution, halfWidth, onFrame }: HeatmapFramesInput) {
  const [status, setStatus] = useState<HeatmapStatus>({ kind: "loading" });
  const rootRef = useRef<HTMLElement>(null);
  const batchRef = useRef<HeatmapBatch | null>(null);
  const frameRef = useRef(0);
  const paintedRef = useRef(0);
  const failedRef = useRef(false);
  const latestRef = useRef<{
    network: Network;
    resolution: number;
    range: PlaneRange;
    onFrame: HeatmapFramesInput["onFrame"];
  } | null>(null);
  const imagesRef = useRef<ImageCache>({ resolution: 0, entries: new Map() });
  const versionsRef = useRef(new PictureVersions());
  /** a change arrived since the last repaint (else a repaint only catches up) */
  const changedRef = useRef(false);
  const lastDrawRef = useRef(-Infinity);
  /** when each picture was last painted (repaint count), for taking turns */
  const paintedAtRef = useRef(new Map<string, number>());
  const catchUpRef = useRef(0);
  /** the repaint, for the catch-up timer (set once the callback exists) */
  const drawRef = useRef<() => void>(() => {});

  /** One repaint: the batch, then every canvas and caption, straight into the DOM. */
  const draw = useCallback(() => {
    frameRef.current = 0;
    const batch = batchRef.current;
    const root = rootRef.current;
    const latest = latestRef.current;
    if (!batch || !root || !latest) return;
    const { network: net, resolution: res, range } = latest;

    const versions = versionsRef.current.update(net, `${res} ${range.min} ${range.max}`);
    const allStale = staleCanvases(root, versions, res);
    if (allStale.size === 0) return; // nothing on screen changed
    const now = performance.now();
    const streaming = changedRef.current && now - lastDrawRef.current < STREAM_MS;
    changedRef.current = false;
    lastDrawRef.current = now;
    const paintedAt = paintedAtRef.current;
    const stale = streaming ? takeTurns(allStale, net.layers.length - 1, paintedAt) : allStale;
    // the pictures left for later: the next change's repaint, or one when the stream has stopped
    window.clearTimeout(catchUpRef.current);
    if (stale.size < allStale.size) {
      catchUpRef.current = window.setTimeout(() => {
        if (frameRef.current === 0) frameRef.current = requestAnimationFrame(() => drawRef.current());
      }, STREAM_MS);
    }

    const start = performance.now();
    try {
      batch.compute(net, res, range);
    } catch (error) {
      failedRef.current = true;
      setStatus({ kind: "error", message: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (failedRef.current) {
      failedRef.current = false;
      setStatus({ kind: "ready" });
    }
    const computed = performance.now();
    const pictures = paintStale(batch, net, range, stale, versions, imagesRef.current, res);
    for (const element of root.querySelectorAll<HTMLElement>("[data-scale-of]")) {
      const picture = pictures.get(element.dataset.scaleOf!);
      if (picture) updateScaleText(element, picture);
    }
    const painted = performance.now();

    root.dataset.frames = String(++paintedRef.current);
    for (const id of stale.keys()) paintedAt.set(id, paintedRef.current);
    latest.onFrame?.({
      computeMs: computed - start,
      paintMs: painted - computed,
      totalMs: painted - start,
      rows: res * res,
    });
  }, []);

  useEffect(() => {
    drawRef.current = draw;
  }, [draw]);

  // this component's own kernel instance
  useEffect(() => {
    let alive = true;
    loadBrowserKernelForPictures().then(
      (kernel) => {
        if (!alive) return;
        batchRef.current = new HeatmapBatch(kernel);
        setStatus({ kind: "ready" });
      },
      (error: unknown) =>
        alive && setStatus({ kind: "error", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      alive = false;
      cancelAnimationFrame(frameRef.current);
      window.clearTimeout(catchUpRef.current);
      frameRef.current = 0;
      batchRef.current = null;
    };
  }, []);

  // every change asks for a repaint; several changes within one frame cost one repaint
  useEffect(() => {
    latestRef.current = { network, resolution, range: symmetricRange(halfWidth), onFrame };
    changedRef.current = true;
    if (status.kind === "ready" && frameRef.current === 0) frameRef.current = requestAnimationFrame(draw);
  }, [network, resolution, halfWidth, onFrame, status, draw]);

  return { rootRef, status };
}

/**
 * The canvases whose picture changed since they were painted, grouped by what they show ("0:3":
 * neuron 3 of layer 0, "in:0": input x1) and by size.
 */
function staleCanvases(root: HTMLElement, versions: ReadonlyMap<string, number>, res: number) {
  const small = Math.min(res, SMALL_RESOLUTION);
  const stale = new Map<string, CanvasGroup[]>();
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>("canvas[data-picture]")) {
    const size = canvas.dataset.size === "small" ? small : res;
    if (canvas.width !== size) continue; // not re-rendered yet for a new resolution
    const id = canvas.dataset.picture!;
    const version = versions.get(id);
    if (version === undefined || canvas.dataset.version === String(version)) continue;
    const list = stale.get(id) ?? [];
    stale.set(id, list);
    const group = list.find((g) => g.resolution === size);
    if (group) group.canvases.push(canvas);
    else list.push({ resolution: size, canvases: [canvas] });
  }
  return stale;
}

/**
 * The stale pictures to paint in a frame while changes stream in: the inputs' and the output
 * layer's, and the HIDDEN_PER_FRAME hidden ones painted longest ago (never painted: first).
 */
function takeTurns(
  stale: ReadonlyMap<string, CanvasGroup[]>,
  outputLayer: number,
  paintedAt: ReadonlyMap<string, number>,
): Map<string, CanvasGroup[]> {
  const now = new Map<string, CanvasGroup[]>();
  const hidden: string[] = [];
  for (const [id, groups] of stale) {
    const layer = id.startsWith("in:") ? -1 : Number(id.slice(0, id.indexOf(":")));
    if (layer < 0 || layer === outputLayer) now.set(id, groups);
    else hidden.push(id);
  }
  hidden.sort((a, b) => (paintedAt.get(a) ?? -1) - (paintedAt.get(b) ?? -1));
  for (const id of hidden.slice(0, HIDDEN_PER_FRAME)) now.set(id, stale.get(id)!);
  return now;
}

/** Paints the stale canvases from the computed batch; returns each painted neuron's scale and stats. */
function paintStale(
  batch: HeatmapBatch,
  net: Network,
  range: PlaneRange,
  stale: ReadonlyMap<string, CanvasGroup[]>,
  versions: ReadonlyMap<string, number>,
  images: ImageCache,
  res: number,
): Map<string, NeuronPicture> {
  if (images.resolution !== res) images.entries.clear();
  images.resolution = res;
  const targetsOf = (id: string) =>
    (stale.get(id) ?? []).map(({ resolution: size, canvases }) => {
      const cacheKey = `${id}@${size}`;
      let entry = images.entries.get(cacheKey);
      if (!entry) {
        const image = new ImageData(size, size);
        entry = { image, pixels: new Uint32Array(image.data.buffer) };
        images.entries.set(cacheKey, entry);
      }
      return { ...entry, resolution: size, canvases };
    });
  const put = (id: string, targets: ReturnType<typeof targetsOf>) => {
    const version = String(versions.get(id));
    for (const target of targets) {
      for (const canvas of target.canvases) {
        canvas.getContext("2d")?.putImageData(target.image, 0, 0);
        canvas.dataset.version = version;
      }
    }
  };

  for (let k = 0; k < 2; k++) {
    const id = `in:${k}`;
    const targets = targetsOf(id);
    if (targets.length === 0) continue;
    batch.paintInput(k, range, targets);
    put(id, targets);
  }
  const pictures = new Map<string, NeuronPicture>();
  const last = net.layers.length - 1;
  net.layers.forEach((_, l) => {
    net.layers[l]!.neurons.forEach((_, j) => {
      const id = pictureId(l, j);
      const targets = targetsOf(id);
      if (targets.length === 0) return;
      pictures.set(id, batch.paintNeuron(net, l, j, targets, l === last));
      put(id, targets);
    });
  });
  return pictures;
}

/** Sets an element's text only when it changes (no needless DOM mutations while dragging). */
function setText(element: Element | null, text: string): void {
  if (element && element.textContent !== text) element.textContent = text;
}

/** Fills the captions of one picture's scale (legend, tile caption, stats) after a repaint. */
function updateScaleText(element: HTMLElement, { scale, stats }: NeuronPicture): void {
  const part = (name: string) => element.querySelector<HTMLElement>(`[data-part="${name}"]`);
  setText(part("range"), rangeText(scale));
  setText(part("low"), formatNumber(scale.low));
  setText(part("zero"), scale.low < 0 ? "0" : "");
  setText(part("high"), formatNumber(scale.high));
  const bar = part("bar");
  if (bar) {
    const gradient = legendGradient(scale);
    if (bar.dataset.gradient !== gradient) {
      bar.dataset.gradient = gradient;
      bar.style.background = gradient;
    }
  }
  if (stats) {
    setText(part("min"), formatNumber(stats.min));
    setText(part("max"), formatNumber(stats.max));
    const nan = part("nan");
    if (nan)
      setText(nan, stats.nonFinite > 0 ? (nan.dataset.label ?? "").replace(NAN_COUNT, String(stats.nonFinite)) : "");
  }
}

/** A tile's scale in short: "0…1", "−1…1", "0…5". */
function rangeText(scale: NeuronScale): string {
  return `${formatNumber(scale.low)}…${formatNumber(scale.high)}`;
}
