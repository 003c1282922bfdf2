// Every neuron's heatmap from one kernel batch: one row per pixel of the input plane, computed in
// the kernel's fast (float32) mode. The grid inputs are written only when the range or the
// resolution changes; an edit to the network costs one prepare() and one run().
import type { Kernel, KernelArray } from "../kernel/kernel";
import { neuronActivation } from "../network/model";
import type { Network } from "../network/schema";
import { isBoundedActivation, neuronScale, paintResampled, type NeuronScale } from "./colour";
import { fillGrid, gridRows, type PlaneRange } from "./grid";
import { outputStats, type OutputStats } from "./stats";

export interface NeuronPicture {
  scale: NeuronScale;
  /** null when the scale did not need them and they were not asked for */
  stats: OutputStats | null;
}

/** Where to paint: ImageData's pixels as a Uint32Array, `resolution` pixels a side. */
export interface PaintTarget {
  pixels: Uint32Array;
  resolution: number;
}

export class HeatmapBatch {
  private gridKey = "";
  private resolution = 0;

  /** `kernel` must be this batch's own instance: nothing else may prepare() it. */
  constructor(private readonly kernel: Kernel) {}

  /** Computes every neuron of `net` (exactly 2 inputs) at every pixel of the plane. */
  compute(net: Network, resolution: number, range: PlaneRange): void {
    const rows = gridRows(resolution);
    this.kernel.prepare(net, rows, "fast");
    const key = `${rows} ${range.min} ${range.max}`;
    if (key !== this.gridKey) {
      fillGrid(this.kernel.inputColumn(0), this.kernel.inputColumn(1), resolution, range);
      this.gridKey = key;
    }
    this.resolution = resolution;
    this.kernel.run();
  }

  /** Outputs of neuron j of layer l at every pixel; a view valid until the next compute(). */
  outputs(layer: number, neuron: number): KernelArray {
    return this.kernel.a(layer, neuron);
  }

  /** Input k (0: x1, 1: x2) at every pixel; a view valid until the next compute(). */
  input(k: number): KernelArray {
    return this.kernel.inputColumn(k);
  }

  /** Paints input k into each target, on the scale ±(largest |x| of the range). */
  paintInput(k: number, range: PlaneRange, targets: readonly PaintTarget[]): void {
    const limit = Math.max(Math.abs(range.min), Math.abs(range.max));
    for (const target of targets) {
      paintResampled(this.input(k), this.resolution, target.pixels, target.resolution, limit);
    }
  }

  /** Paints neuron j of layer l into each target and says which scale it used. */
  paintNeuron(
    net: Network,
    layer: number,
    neuron: number,
    targets: readonly PaintTarget[],
    withStats = false,
  ): NeuronPicture {
    const l = net.layers[layer];
    const n = l?.neurons[neuron];
    if (!l || !n) throw new RangeError(`no neuron ${neuron} in layer ${layer}`);
    const activation = neuronActivation(l, n);
    const values = this.outputs(layer, neuron);
    const stats = withStats || !isBoundedActivation(activation) ? outputStats(values) : null;
    const scale = neuronScale(activation, stats ?? { min: 0, max: 0, maxAbs: 0, nonFinite: 0 });
    for (const target of targets) {
      paintResampled(values, this.resolution, target.pixels, target.resolution, scale.limit);
    }
    return { scale, stats };
  }
}
