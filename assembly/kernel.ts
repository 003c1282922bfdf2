// Activation Lab forward-pass kernel.
//
// Plain numbers and linear memory in, numbers out. The JS side (lib/kernel) owns typed-array
// views on four regions that the kernel lays out after `prepare`:
//
//   inputs  f64[nInputs * stride]     structure of arrays: input k's values for every row at
//                                     inputs + k * stride
//   layout  i32[nLayers + nNeurons]   size of each layer, then each neuron's activation id
//   params  f64[...]                  per layer, per neuron: its weights (one per neuron of the
//                                     layer before, or per input), then its bias
//   outputs f64[2 * nNeurons * stride] neuron g (numbered across layers) has its weighted sums z
//                                     at row 2g and its outputs a at row 2g + 1
//
// `stride` is the row count rounded up to a multiple of 4, so the SIMD build can process two
// 2-lane vectors (4 rows) per step without a remainder loop. Rows are processed in tiles of
// TILE so that the previous layer's outputs for the tile are still in L1 when the next layer
// reads them. Nothing is allocated after `prepare`: calling `forward` again with new params
// or inputs reuses the same memory.

import { activateScalar, activateVector } from "./activations";

const TILE: i32 = 256;
const ALIGN: usize = 16;

let nInputs: i32 = 0;
let nLayers: i32 = 0;
let nNeurons: i32 = 0;
let stride: i32 = 0;
let layoutPtr: usize = 0;
let paramsPtr: usize = 0;
let inputsPtr: usize = 0;
let outputsPtr: usize = 0;

function alignUp(n: usize): usize {
  return (n + ALIGN - 1) & ~(ALIGN - 1);
}

/** Rows rounded up to the kernel's step (4). */
export function strideFor(rows: i32): i32 {
  return (rows + 3) & ~3;
}

/**
 * Lays out memory for a network and a batch of `rows` input rows, growing memory if needed.
 * Returns false if the memory cannot grow. Views on memory made before this call may be stale.
 */
export function prepare(inputs: i32, layers: i32, neurons: i32, paramCount: i32, rows: i32): bool {
  nInputs = inputs;
  nLayers = layers;
  nNeurons = neurons;
  stride = strideFor(rows);
  // inputs first: editing hidden layers does not move them, so a grid written once stays put
  inputsPtr = alignUp(__heap_base);
  layoutPtr = alignUp(inputsPtr + ((<usize>inputs * <usize>stride) << 3));
  paramsPtr = alignUp(layoutPtr + (<usize>(layers + neurons) << 2));
  outputsPtr = alignUp(paramsPtr + (<usize>paramCount << 3));
  const end = outputsPtr + (<usize>(2 * neurons) * <usize>stride << 3);
  const have = <usize>memory.size() << 16;
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
  const rowBytes = <usize>stride << 3;
  let prevBase = inputsPtr; // row k of the previous layer is at prevBase + k * prevStep
  let prevStep = rowBytes;
  let prevCount = nInputs;
  let neuron = 0; // global neuron index
  let param = paramsPtr;
  for (let l = 0; l < nLayers; l++) {
    const size = load<i32>(layoutPtr + (<usize>l << 2));
    const firstOfLayer = neuron;
    for (let j = 0; j < size; j++) {
      const act = load<i32>(layoutPtr + (<usize>(nLayers + neuron) << 2));
      const bias = load<f64>(param + (<usize>prevCount << 3));
      const zRow = outputsPtr + <usize>(2 * neuron) * rowBytes;
      const aRow = zRow + rowBytes;
      if (ASC_FEATURE_SIMD) {
        neuronVector(from, to, act, bias, param, prevBase, prevStep, prevCount, zRow, aRow);
      } else {
        neuronScalar(from, to, act, bias, param, prevBase, prevStep, prevCount, zRow, aRow);
      }
      param += <usize>(prevCount + 1) << 3;
      neuron++;
    }
    // the next layer reads this layer's outputs: the a rows, every second row
    prevBase = outputsPtr + <usize>(2 * firstOfLayer + 1) * rowBytes;
    prevStep = rowBytes << 1;
    prevCount = size;
  }
}

// @ts-ignore: decorator
@inline
function neuronVector(
  from: i32,
  to: i32,
  act: i32,
  bias: f64,
  weights: usize,
  prevBase: usize,
  prevStep: usize,
  prevCount: i32,
  zRow: usize,
  aRow: usize,
): void {
  const b = f64x2.splat(bias);
  for (let r = from; r < to; r += 4) {
    const offset = <usize>r << 3;
    // two independent accumulators hide the latency of add and of the activation
    let z0 = b;
    let z1 = b;
    let src = prevBase + offset;
    for (let k = 0; k < prevCount; k++) {
      const w = v128.load64_splat(weights + (<usize>k << 3));
      z0 = f64x2.add(z0, f64x2.mul(w, v128.load(src)));
      z1 = f64x2.add(z1, f64x2.mul(w, v128.load(src, 16)));
      src += prevStep;
    }
    v128.store(zRow + offset, z0);
    v128.store(zRow + offset, z1, 16);
    v128.store(aRow + offset, activateVector(act, z0));
    v128.store(aRow + offset, activateVector(act, z1), 16);
  }
}

// @ts-ignore: decorator
@inline
function neuronScalar(
  from: i32,
  to: i32,
  act: i32,
  bias: f64,
  weights: usize,
  prevBase: usize,
  prevStep: usize,
  prevCount: i32,
  zRow: usize,
  aRow: usize,
): void {
  for (let r = from; r < to; r++) {
    const offset = <usize>r << 3;
    let z = bias;
    let src = prevBase + offset;
    for (let k = 0; k < prevCount; k++) {
      z += load<f64>(weights + (<usize>k << 3)) * load<f64>(src);
      src += prevStep;
    }
    store<f64>(zRow + offset, z);
    store<f64>(aRow + offset, activateScalar(act, z));
  }
}
