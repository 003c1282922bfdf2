"use client";
// Heatmaps of a 2-input network over the input plane (x1 across, x2 up): a large one for each
// output neuron, with axes, a legend and the current input marked, and a small one for every
// neuron, arranged by layer like TensorFlow Playground; click (or Enter/Space) selects a neuron.
//
// Speed: the painting happens outside React, in one frame loop (use-heatmap-frames.ts: one batch
// of the wasm kernel for every picture, one row per pixel, 128 × 128 by default; only the pictures
// an edit changed are repainted). React renders the canvases and their captions, and skips the
// small pictures' grid (neuron-grid.tsx) on weight edits; the frame loop fills them.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { formatNumber } from "@/lib/format";
import {
  clampResolution,
  DEFAULT_HALF_WIDTH,
  planePosition,
  RANGE_PRESETS,
  SMALL_RESOLUTION,
  symmetricRange,
  type PlaneRange,
} from "@/lib/heatmap/grid";
import { pictureId } from "@/lib/heatmap/versions";
import { t, translator, type Locale } from "@/lib/i18n";
import { neuronName } from "@/lib/lab/names";
import type { Network } from "@/lib/network/schema";
import { HeatmapCanvas } from "./heatmap-canvas";
import { NeuronGrid, tileLayoutKey, type HeatmapSelection } from "./neuron-grid";
import { NAN_COUNT, useHeatmapFrames, type HeatmapFrameTiming } from "./use-heatmap-frames";
import styles from "./heatmaps.module.css";

export type { HeatmapSelection } from "./neuron-grid";
export type { HeatmapFrameTiming } from "./use-heatmap-frames";

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
  /** drawn over each output picture, given the plane's range (a training data set's points) */
  outputOverlay?: (range: PlaneRange) => ReactNode;
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

function HeatmapsView({
  network,
  inputValues,
  selected = null,
  onSelect,
  locale,
  resolution: resolutionProp,
  initialHalfWidth = DEFAULT_HALF_WIDTH,
  onFrame,
  outputOverlay,
}: HeatmapsProps) {
  const ht = translator(locale, "heatmaps");
  const resolution = clampResolution(resolutionProp);
  const [halfWidth, setHalfWidth] = useState(initialHalfWidth);
  const { rootRef, status } = useHeatmapFrames({ network, resolution, halfWidth, onFrame });
  // a stable callback for the memoised tiles, so a parent's inline onSelect does not re-render them
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);
  const select = useCallback((selection: HeatmapSelection) => onSelectRef.current?.(selection), []);
  const radioName = useId();

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
                      {outputOverlay?.(range)}
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
