// Activation Lab forward-pass kernel.
//
// Plain numbers and linear memory in, numbers out. The JS side (lib/kernel) owns typed-array
// views on four regions that the kernel lays out in `prepare`:
//
//   inputs  V[nInputs * stride]     structure of arrays: input k's value in every row,
//                                   starting at inputs + k * stride values
//   layout  i32[nLayers + nNeurons] size of each layer, then each neuron's activation code
//   params  f64[...]                per layer, per neuron: its weights (one per neuron of the
//                                   layer before, or per input), then its bias
//   outputs V[2 * nNeurons * stride] neuron g (numbered across layers) has its weighted sums z
//                                   at row 2g and its outputs a at row 2g + 1
//   scratch 64 * max(nInputs, nNeurons) bytes: the fast mode's weights as float32 vectors
//
// V is f64 in the precise mode (numbers people read) and f32 in the fast mode (pictures), see
// f64.ts and f32.ts. `stride` is the row count rounded up to a multiple of 8, so the SIMD loops
// run whole vectors with no remainder loop. Rows go through all layers in tiles of TILE rows,
// so that the previous layer's outputs for the tile are still in cache (L1 or L2) when the next
// layer reads them; 1024 rows were faster than 256 or 512 in the fast mode (the work per tile,
// such as preparing the weights, is spread over more rows) and the same in the precise mode.
// Nothing is allocated after `prepare`, and calling `forward` again reuses the memory.

import { neuronF64 } from "./f64";
import { layerF32 } from "./f32";

const TILE: i32 = 1024;
const ALIGN: usize = 16;
export const PRECISE: i32 = 0;
export const FAST: i32 = 1;

let mode: i32 = PRECISE;
let valueShift: usize = 3; // log2 of the value size: 3 for f64, 2 for f32
let nInputs: i32 = 0;
let nLayers: i32 = 0;
let stride: i32 = 0;
let layoutPtr: usize = 0;
let paramsPtr: usize = 0;
let inputsPtr: usize = 0;
let outputsPtr: usize = 0;
let scratchPtr: usize = 0;

function alignUp(n: usize): usize {
  return (n + ALIGN - 1) & ~(ALIGN - 1);
}

/** Rows rounded up to the kernel's step (8). */
export function strideFor(rows: i32): i32 {
  return (rows + 7) & ~7;
}

/**
 * Lays out memory for a network and a batch of `rows` input rows in mode PRECISE or FAST,
 * growing memory if needed. Returns false if memory cannot grow. Views on memory made before
 * this call may be stale afterwards. Inputs come first, so as long as the input count, the row
 * count and the mode stay the same, input values written before stay valid.
 */
export function prepare(inputs: i32, layers: i32, neurons: i32, paramCount: i32, rows: i32, precision: i32): bool {
  mode = precision;
  valueShift = precision == FAST ? 2 : 3;
  nInputs = inputs;
  nLayers = layers;
  stride = strideFor(rows);
  inputsPtr = alignUp(__heap_base);
  layoutPtr = alignUp(inputsPtr + ((<usize>inputs * <usize>stride) << valueShift));
  paramsPtr = alignUp(layoutPtr + ((<usize>(layers + neurons)) << 2));
  outputsPtr = alignUp(paramsPtr + ((<usize>paramCount) << 3));
  scratchPtr = alignUp(outputsPtr + ((<usize>(2 * neurons) * <usize>stride) << valueShift));
  const end = scratchPtr + ((<usize>max(inputs, neurons)) << 6);
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return false;
  }
  return true;
}

export function layoutOffset(): usize {
  return layoutPtr;
}
export function paramsOffset(): usize {
  return paramsPtr;
}
export function inputsOffset(): usize {
  return inputsPtr;
}
export function outputsOffset(): usize {
  return outputsPtr;
}
export function rowStride(): i32 {
  return stride;
}
/** 1 when this build uses wasm SIMD, 0 for the scalar fallback. */
export function simd(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}

/** Runs the forward pass over the first `rows` rows (rows <= the count given to prepare). */
export function forward(rows: i32): void {
  const end = strideFor(rows);
  for (let start = 0; start < end; start += TILE) {
    forwardTile(start, min(start + TILE, end));
  }
}

function forwardTile(from: i32, to: i32): void {
  const rowBytes = (<usize>stride) << valueShift;
  let prev = inputsPtr; // row k of the previous layer is at prev + k * prevStep
  let prevStep = rowBytes;
  let prevCount = nInputs;
  let neuron = 0; // global neuron index
  let param = paramsPtr;
  for (let l = 0; l < nLayers; l++) {
    const size = load<i32>(layoutPtr + ((<usize>l) << 2));
    const firstOfLayer = neuron;
    if (mode == FAST) {
      const acts = layoutPtr + ((<usize>(nLayers + neuron)) << 2);
      const zRow = outputsPtr + <usize>(2 * neuron) * rowBytes;
      layerF32(from, to, size, acts, param, prev, prevStep, prevCount, zRow, rowBytes, scratchPtr);
      param += (<usize>size * <usize>(prevCount + 1)) << 3;
      neuron += size;
    } else {
      for (let j = 0; j < size; j++) {
        const act = load<i32>(layoutPtr + ((<usize>(nLayers + neuron)) << 2));
        const bias = load<f64>(param + ((<usize>prevCount) << 3));
        const zRow = outputsPtr + <usize>(2 * neuron) * rowBytes;
        const aRow = zRow + rowBytes;
        neuronF64(from, to, act, bias, param, prev, prevStep, prevCount, zRow, aRow);
        param += (<usize>(prevCount + 1)) << 3;
        neuron++;
      }
    }
    // the next layer reads this layer's outputs: the a rows, every second row
    prev = outputsPtr + <usize>(2 * firstOfLayer + 1) * rowBytes;
    prevStep = rowBytes << 1;
    prevCount = size;
  }
}

// Training is a module of its own (assembly/train.ts → train-simd.wasm, train-scalar.wasm): a
// page that only draws heatmaps downloads this small forward kernel and nothing else.
