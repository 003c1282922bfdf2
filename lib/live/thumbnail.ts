// A student's sandbox as a thumbnail for the teacher: the first output neuron over the input plane
// (x1 across, x2 up, −6 … 6 like the heatmaps), on the heatmaps' colour scale. Small (24 × 24 by
// default) and computed with the float64 reference: a class of 30 sandboxes is ~17 000 forward
// passes of a tiny network, a few milliseconds, and only the sandbox that changed is redrawn.
import { neuronScale } from "../heatmap/colour";
import { DEFAULT_HALF_WIDTH, gridPoint, symmetricRange } from "../heatmap/grid";
import { outputStats } from "../heatmap/stats";
import { neuronActivation } from "../network/model";
import type { LabState } from "../network/ops";
import { referenceForwardRow } from "../network/reference";

export const THUMBNAIL_RESOLUTION = 24;

export interface ThumbnailPicture {
  resolution: number;
  /** the first output's value at each pixel, row by row from the top (largest x2) */
  values: Float64Array;
  /** the colour scale spans −limit … limit */
  limit: number;
}

/** The picture of a 2-input lab's first output, or null when the network has not exactly 2 inputs. */
export function thumbnailPicture(lab: LabState, resolution = THUMBNAIL_RESOLUTION): ThumbnailPicture | null {
  const { network } = lab;
  if (network.inputs.length !== 2) return null;
  const last = network.layers.length - 1;
  const layer = network.layers[last];
  const neuron = layer?.neurons[0];
  if (!layer || !neuron) return null;
  const range = symmetricRange(DEFAULT_HALF_WIDTH);
  const values = new Float64Array(resolution * resolution);
  for (let row = 0; row < values.length; row++) {
    const result = referenceForwardRow(network, gridPoint(row, resolution, range));
    values[row] = result.layers[last]?.a[0] ?? Number.NaN;
  }
  const { limit } = neuronScale(neuronActivation(layer, neuron), outputStats(values));
  return { resolution, values, limit };
}

/** The network's outputs at the lab's own input values. */
export function outputsAt(lab: LabState): number[] {
  const row = referenceForwardRow(lab.network, lab.inputValues);
  return row.layers.at(-1)?.a ?? [];
}
