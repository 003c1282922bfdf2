"use client";
// Heatmaps of a 2-input network over the input plane (x1 across, x2 up): a large one for each
// output neuron, with axes, a legend and the current input marked, and a small one for every
// neuron, arranged by layer like TensorFlow Playground; click (or Enter/Space) selects a neuron.
//
// Speed: every neuron's picture comes from ONE batch of the wasm kernel in fast (float32) mode,
// one row per pixel (128 × 128 by default), on a kernel instance of this component's own (see
// lib/heatmap/kernel.ts). The grid inputs are written once per range/resolution; a network edit
// costs one prepare() + run() and a repaint (colours + putImageData) of only the pictures the
// edit changed (lib/heatmap/versions.ts). Edits are coalesced into one requestAnimationFrame, and
// the painting happens outside React: React renders the canvases and their captions (and skips
// the small pictures' grid on weight edits), the frame loop fills them.
import { memo, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ACTIVATION_NAMES, formatNumber } from "@/lib/format";
import { HeatmapBatch, type NeuronPicture } from "@/lib/heatmap/batch";
import { legendGradient, type NeuronScale } from "@/lib/heatmap/colour";
import {
  clampResolution,
  DEFAULT_HALF_WIDTH,
  planePosition,
  RANGE_PRESETS,
  SMALL_RESOLUTION,
  symmetricRange,
  type PlaneRange,
} from "@/lib/heatmap/grid";
import { loadBrowserKernelForPictures } from "@/lib/heatmap/kernel";
import { pictureId, PictureVersions } from "@/lib/heatmap/versions";
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

/** How long one repaint took: kernel (prepare + run) and painting (colours + putImageData). */
export interface HeatmapFrameTiming {
  computeMs: number;
  paintMs: number;
  totalMs: number;
  /** pixels per picture = rows of the batch */
  rows: number;
}

export interface HeatmapsProps {
  network: Network;
  /** the current input (x1, x2), marked on the output heatmaps */
  inputValues: readonly number[];
  selected?: HeatmapSelection | null;
  onSelect?: (selection: HeatmapSelection) => void;
  locale: Locale;
  /** pixels per side of every picture, 8 … 256 (default 128) */
  resolution?: number;
  /** the plane starts as −h … h on both axes (default 6); the range control changes it */
  initialHalfWidth?: number;
  /** called after every repaint, for measurements */
  onFrame?: (timing: HeatmapFrameTiming) => void;
}

/** "Inputs", "Hidden layer 2", "Output layer": the network graph's names, as headings. */
function layerHeading(locale: Locale, net: Network, layer: number | "inputs"): string {
  const text = layer === "inputs" ? t(locale, "lab", "graph.inputs") : layerLabel(locale, net, layer);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function Heatmaps(props: HeatmapsProps) {
  if (props.network.inputs.length !== 2) {
    return (
      <section
        className={styles.heatmaps}
        aria-label={t(props.locale, "heatmaps", "heatmaps.title")}
        data-testid="heatmaps"
      >
        <p className={styles.note} data-testid="heatmaps-note">
          {t(props.locale, "heatmaps", "heatmaps.needTwoInputs", { n: props.network.inputs.length })}
        </p>
      </section>
    );
  }
  return <HeatmapsView {...props} />;
}

/**
 * Where the count goes in the "not a number" caption: the caption is rendered in the page's
 * language with this in place of the count, and the frame loop, which knows the count, puts it in.
 */
const NAN_COUNT = "{n}";

type Status = { kind: "loading" } | { kind: "ready" } | { kind: "error"; message: string };

function HeatmapsView({
  network,
  inputValues,
  selected = null,
  onSelect,
  locale,
  resolution: resolutionProp,
  initialHalfWidth = DEFAULT_HALF_WIDTH,
  onFrame,
}: HeatmapsProps) {
  const ht = translator(locale, "heatmaps");
  const resolution = clampResolution(resolutionProp);
  const [halfWidth, setHalfWidth] = useState(initialHalfWidth);
  const [status, setStatus] = useState<Status>({ kind: "loading" });
  const rootRef = useRef<HTMLElement>(null);
  const batchRef = useRef<HeatmapBatch | null>(null);
  const frameRef = useRef(0);
  const paintedRef = useRef(0);
  const failedRef = useRef(false);
  const latestRef = useRef<{
    network: Network;
    resolution: number;
    range: PlaneRange;
    onFrame: HeatmapsProps["onFrame"];
  } | null>(null);
  const imagesRef = useRef({
    resolution: 0,
    entries: new Map<string, { image: ImageData; pixels: Uint32Array }>(),
  });
  const versionsRef = useRef(new PictureVersions());
  // a stable callback for the memoised tiles, so a parent's inline onSelect does not re-render them
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);
  const select = useCallback((selection: HeatmapSelection) => onSelectRef.current?.(selection), []);
  const radioName = useId();

  /** One repaint: the batch, then every canvas and caption, straight into the DOM. */
  const draw = useCallback(() => {
    frameRef.current = 0;
    const batch = batchRef.current;
    const root = rootRef.current;
    const latest = latestRef.current;
    if (!batch || !root || !latest) return;
    const { network: net, resolution: res, range } = latest;

    // canvases grouped by what they show ("0:3": neuron 3 of layer 0, "in:0": input x1) and by
    // size, keeping only those whose picture changed since they were painted
    const versions = versionsRef.current.update(net, `${res} ${range.min} ${range.max}`);
    const small = Math.min(res, SMALL_RESOLUTION);
    const stale = new Map<string, { resolution: number; canvases: HTMLCanvasElement[] }[]>();
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
    if (stale.size === 0) return; // nothing on screen changed

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

    const images = imagesRef.current;
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
    for (const element of root.querySelectorAll<HTMLElement>("[data-scale-of]")) {
      const picture = pictures.get(element.dataset.scaleOf!);
      if (picture) updateScaleText(element, picture);
    }
    const painted = performance.now();

    root.dataset.frames = String(++paintedRef.current);
    latest.onFrame?.({
      computeMs: computed - start,
      paintMs: painted - computed,
      totalMs: painted - start,
      rows: res * res,
    });
  }, []);

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
      frameRef.current = 0;
      batchRef.current = null;
    };
  }, []);

  // every change asks for a repaint; several changes within one frame cost one repaint
  useEffect(() => {
    latestRef.current = { network, resolution, range: symmetricRange(halfWidth), onFrame };
    if (status.kind === "ready" && frameRef.current === 0) frameRef.current = requestAnimationFrame(draw);
  }, [network, resolution, halfWidth, onFrame, status, draw]);

  const range = symmetricRange(halfWidth);
  const low = formatNumber(range.min);
  const high = formatNumber(range.max);
  const last = network.layers.length - 1;
  const outputs = network.layers[last]?.neurons ?? [];
  const [x1Name = "x1", x2Name = "x2"] = network.inputs;
  const x1 = inputValues[0] ?? 0;
  const x2 = inputValues[1] ?? 0;
  const marker = planePosition(x1, x2, range);
  const pointText = `${x1Name} = ${formatNumber(x1)}${ht("heatmaps.list")}${x2Name} = ${formatNumber(x2)}`;
  return (
    <section
      ref={rootRef}
      className={styles.heatmaps}
      aria-label={ht("heatmaps.title")}
      data-testid="heatmaps"
      data-status={status.kind}
      data-resolution={resolution}
    >
      <fieldset className={styles.rangeControl}>
        <legend>{ht("heatmaps.range")}</legend>
        {RANGE_PRESETS.map((h) => (
          <label key={h} className={styles.rangeOption}>
            <input type="radio" name={radioName} value={h} checked={halfWidth === h} onChange={() => setHalfWidth(h)} />
            <span>
              {formatNumber(-h)} … {formatNumber(h)}
            </span>
          </label>
        ))}
      </fieldset>

      <div className={styles.body}>
        <div className={styles.main}>
          <div className={styles.outputs}>
            {outputs.map((_, j) => {
              const id = pictureId(last, j);
              const name = neuronName(network, last, j);
              return (
                <figure key={id} className={styles.plot} data-testid={`heatmap-output-${j}`}>
                  <figcaption className={styles.plotTitle}>{ht("heatmaps.output", { name })}</figcaption>
                  <div className={styles.plotGrid}>
                    <span className={styles.axisNameY}>{x2Name}</span>
                    <div className={styles.ticksY} aria-hidden="true">
                      <span>{high}</span>
                      <span>0</span>
                      <span>{low}</span>
                    </div>
                    <div className={styles.canvasBox}>
                      <HeatmapCanvas
                        resolution={resolution}
                        size="large"
                        label={ht("heatmaps.canvasLabel", { name, low, high })}
                        picture={id}
                        testId={`heatmap-canvas-output-${j}`}
                      />
                      {marker.inside ? (
                        <span
                          className={styles.marker}
                          style={{ left: `${marker.left * 100}%`, top: `${marker.top * 100}%` }}
                          data-testid="heatmap-marker"
                          aria-hidden="true"
                        />
                      ) : null}
                    </div>
                    <div className={styles.ticksX} aria-hidden="true">
                      <span>{low}</span>
                      <span>0</span>
                      <span>{high}</span>
                    </div>
                    <span className={styles.axisNameX}>{x1Name}</span>
                  </div>
                  <div className={styles.legend} data-scale-of={id}>
                    <span className={styles.srOnly}>{ht("heatmaps.scale")}</span>
                    <span className={styles.legendBar} data-part="bar" />
                    <span className={styles.legendTicks} aria-hidden="true">
                      <span data-part="low" />
                      <span data-part="zero" />
                      <span data-part="high" />
                    </span>
                    <span className={styles.stats} data-testid={`heatmap-stats-${j}`}>
                      {ht("heatmaps.onPlane")} <span data-part="min" /> {ht("heatmaps.to")} <span data-part="max" />{" "}
                      <span data-part="nan" data-label={ht("heatmaps.notANumber", { n: NAN_COUNT })} />
                    </span>
                  </div>
                </figure>
              );
            })}
          </div>
          <p className={styles.key}>{ht("heatmaps.colourKey")}</p>
          <p className={styles.markerNote} data-testid="heatmap-marker-note">
            {ht(marker.inside ? "heatmaps.marker" : "heatmaps.markerOutside", { point: pointText })}
          </p>
          {status.kind === "loading" ? <p className={styles.note}>{t(locale, "lab", "kernel.loading")}</p> : null}
          {status.kind === "error" ? (
            <p className={styles.note} role="alert">
              {ht("heatmaps.error", { message: status.message })}
            </p>
          ) : null}
        </div>
        <NeuronGrid
          network={network}
          layoutKey={tileLayoutKey(network)}
          selected={selected}
          onSelect={onSelect ? select : undefined}
          locale={locale}
          resolution={Math.min(resolution, SMALL_RESOLUTION)}
          low={low}
          high={high}
        />
      </div>
    </section>
  );
}

/** What the tiles show, as a string: the grid re-renders only when it changes (not on every edit). */
function tileLayoutKey(net: Network): string {
  return JSON.stringify([
    net.inputs,
    net.layers.map((layer) => layer.neurons.map((neuron) => [neuron.label ?? "", neuronActivation(layer, neuron)])),
  ]);
}

interface NeuronGridProps {
  network: Network;
  layoutKey: string;
  selected: HeatmapSelection | null;
  onSelect: HeatmapsProps["onSelect"];
  locale: Locale;
  /** pixels per side of the small pictures */
  resolution: number;
  /** the plane's range, for the pictures' labels */
  low: string;
  high: string;
}

/**
 * Every neuron's small picture, by layer, inputs first. Memoised on the layout: a weight edit
 * changes no tile, so dragging a slider does not re-render them (Heatmaps repaints the canvases).
 */
const NeuronGrid = memo(
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
