// The JS side of the wasm kernel: packs a network into the kernel's memory, exposes typed-array
// views on its inputs and outputs, and offers a convenience forward() that returns plain rows.
// The memory layout is documented in assembly/kernel.ts.
import { activationCode } from "../network/activations";
import { neuronActivation, neuronCount, parameterCount } from "../network/model";
import type { RowResult } from "../network/reference";
import type { Network } from "../network/schema";

export type KernelBuild = "simd" | "scalar";

/**
 * "precise": float64 values, within ~1e-12 of the reference: numbers people read.
 * "fast": float32 values and a rational tanh (within 3.4e-7), ~5× faster: pictures (heatmaps),
 * where 6 digits are plenty.
 */
export type Precision = "precise" | "fast";
const PRECISION_CODE: Record<Precision, number> = { precise: 0, fast: 1 };

/** A column of values in kernel memory: Float64Array when precise, Float32Array when fast. */
export type KernelArray = Float64Array | Float32Array;

/** What the forward module exports (kernel-*.wasm, see assembly/kernel.ts). */
export interface KernelExports {
  memory: WebAssembly.Memory;
  prepare(inputs: number, layers: number, neurons: number, paramCount: number, rows: number, precision: number): number;
  layoutOffset(): number;
  paramsOffset(): number;
  inputsOffset(): number;
  outputsOffset(): number;
  rowStride(): number;
  simd(): number;
  forward(rows: number): void;
}

/** Every name of KernelExports: the loader checks the module has them. */
export const KERNEL_EXPORTS = [
  "memory",
  "prepare",
  "layoutOffset",
  "paramsOffset",
  "inputsOffset",
  "outputsOffset",
  "rowStride",
  "simd",
  "forward",
] as const satisfies readonly (keyof KernelExports)[];

export class KernelMemoryError extends Error {}

export class Kernel {
  private rows = 0;
  private mode: Precision = "precise";
  private layerSizes: number[] = [];
  private firstNeuron: number[] = [];

  constructor(
    private readonly wasm: KernelExports,
    readonly build: KernelBuild,
  ) {}

  /** Rows the last prepare() made room for. */
  get rowCount(): number {
    return this.rows;
  }

  /**
   * Lays out memory for `net` and `rows` input rows and writes its weights, biases and
   * activations. Input columns written before stay valid while the input count, the row count
   * and the precision are unchanged, so an edit to a weight costs only this call and run().
   */
  prepare(net: Network, rows: number, precision: Precision = "precise"): void {
    const neurons = neuronCount(net);
    const code = PRECISION_CODE[precision];
    const ok = this.wasm.prepare(net.inputs.length, net.layers.length, neurons, parameterCount(net), rows, code);
    if (!ok) throw new KernelMemoryError(`the kernel cannot allocate memory for ${rows} rows`);
    this.rows = rows;
    this.mode = precision;
    this.layerSizes = net.layers.map((layer) => layer.neurons.length);
    this.firstNeuron = [];
    let g = 0;
    for (const size of this.layerSizes) {
      this.firstNeuron.push(g);
      g += size;
    }

    const layout = new Int32Array(this.wasm.memory.buffer, this.wasm.layoutOffset(), net.layers.length + neurons);
    const params = new Float64Array(this.wasm.memory.buffer, this.wasm.paramsOffset(), parameterCount(net));
    let li = net.layers.length;
    let p = 0;
    net.layers.forEach((layer, l) => {
      layout[l] = layer.neurons.length;
      for (const neuron of layer.neurons) {
        layout[li++] = activationCode(neuronActivation(layer, neuron));
        params.set(neuron.weights, p);
        p += neuron.weights.length;
        params[p++] = neuron.bias;
      }
    });
  }

  /** View of input k's value in every row: write the batch here before run(). */
  inputColumn(k: number): KernelArray {
    return this.view(this.wasm.inputsOffset(), k);
  }

  /** Computes every neuron's z and a for the first `rows` rows. */
  run(rows: number = this.rows): void {
    if (rows > this.rows) throw new RangeError(`run(${rows}) after prepare(…, ${this.rows})`);
    this.wasm.forward(rows);
  }

  /** Global index of neuron j of layer l (neurons are numbered across layers). */
  neuronIndex(layer: number, neuron: number): number {
    return (this.firstNeuron[layer] ?? 0) + neuron;
  }

  /** View of a neuron's weighted sums over the batch, valid until the next prepare(). */
  z(layer: number, neuron: number): KernelArray {
    return this.outputRow(2 * this.neuronIndex(layer, neuron));
  }

  /** View of a neuron's outputs over the batch, valid until the next prepare(). */
  a(layer: number, neuron: number): KernelArray {
    return this.outputRow(2 * this.neuronIndex(layer, neuron) + 1);
  }

  private outputRow(row: number): KernelArray {
    return this.view(this.wasm.outputsOffset(), row);
  }

  /** Row `index` of a region of rows `rowStride()` values apart. */
  private view(offset: number, index: number): KernelArray {
    const stride = this.wasm.rowStride();
    const buffer = this.wasm.memory.buffer;
    return this.mode === "fast"
      ? new Float32Array(buffer, offset + index * stride * 4, this.rows)
      : new Float64Array(buffer, offset + index * stride * 8, this.rows);
  }

  /**
   * Precise forward pass of plain rows, kept in kernel memory: read it with z() and a() (valid
   * until the next prepare()).
   */
  runRows(net: Network, rows: readonly (readonly number[])[]): void {
    this.prepare(net, rows.length);
    for (let k = 0; k < net.inputs.length; k++) {
      const column = this.inputColumn(k);
      rows.forEach((row, r) => (column[r] = row[k] ?? 0));
    }
    this.run();
  }

  /** Precise forward pass of plain rows, as plain arrays: the shape /api/forward answers with. */
  forward(net: Network, rows: readonly (readonly number[])[]): RowResult[] {
    this.runRows(net, rows);
    const z = this.layerSizes.map((size, l) => Array.from({ length: size }, (_, j) => this.z(l, j)));
    const a = this.layerSizes.map((size, l) => Array.from({ length: size }, (_, j) => this.a(l, j)));
    return rows.map((_, r) => ({
      layers: this.layerSizes.map((size, l) => ({
        z: Array.from({ length: size }, (_, j) => z[l]![j]![r]!),
        a: Array.from({ length: size }, (_, j) => a[l]![j]![r]!),
      })),
    }));
  }
}
