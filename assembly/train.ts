// Activation Lab training kernel: mini-batch gradient descent in float32 (fast mode, for the UI).
//
// The JS side (lib/training/kernel-trainer.ts) owns typed-array views on the regions that
// trainPrepare lays out from the start of the heap (so a trainer and the forward pass of
// kernel.ts must not be used on one instance at the same time: the JS side re-uploads whenever
// someone else used the instance in between):
//
//   layout  i32[layers + neurons]   size of each layer, then each neuron's activation code
//   params  f32[paramStride]        per layer, per neuron: its weights, then its bias (the order
//                                   of the forward kernel); paramStride = params rounded up to 4
//   grads   f32[paramStride]        the gradient of the last batch, or after trainInspect the
//                                   gradient of the mean loss over all training points
//   state   f32[2 · paramStride]    optimizer state: momentum's velocity, or Adam's m then s
//   l2      f32[paramStride]        λ for a weight, 0 for a bias: weight decay leaves biases alone
//   data    f32                     training points: input k of every point (row k, trainStride
//                                   values apart), then the targets; then the test points alike.
//                                   Rows are padded to a multiple of 8 with copies of the last point.
//   records f32[RECORDS × 5]        per evaluated epoch: epoch (counted within the call), train
//                                   loss, test loss, right answers on train, on test
//   flow    f32[2 · neurons]        gradient flow (trainInspect): mean |∂ℓ/∂z| per neuron, then
//                                   the fraction of training points where f'(z) ≠ 0
//
// and work rows it uses alone (a snapshot of params and state for going back, the order of the
// points and the shuffle's draws, the epoch's points arranged in mini-batches and the batches'
// masks; each neuron's a, f'(z) and δ for up to `width` points). One epoch: the training points are shuffled (mulberry32
// and Fisher–Yates, the steps of lib/training/random.ts) and copied in that order into the
// epoch's batches (one pass, so a batch is read where it lies); for each batch a forward pass,
// the backward pass, one optimizer step. Every evaluated epoch runs the network over all
// training and test points for the losses and accuracies. A step that takes a weight or bias
// outside the network format's [−100, 100] (or a loss that is not finite) means training has
// diverged: the epoch is undone, so the weights are always a valid network.
//
// Nothing is allocated after trainPrepare, and every loop does float32 operations in a fixed
// order (see train-rows.ts), so the SIMD and scalar builds give the same bits.
//
// Speed, for the small networks of the lessons (2-4-2-1 trains an epoch of 250 points in about
// 7 µs): one call trains many epochs; the row functions are inlined into the passes (a call and
// its frame per layer and batch cost about a tenth); the shuffle's draws are made four at a time,
// then the swaps, then one pass copies the points into the epoch's batches (no copying per batch).

import {
  flowRow,
  laneTotal,
  layerGradients,
  layerForward,
  layerPropagate,
  lossRows,
  outputDeltas,
  updateParams,
  ADAM,
  SGD,
} from "./train-rows";

const ALIGN: usize = 16;
/** Points per chunk when evaluating or measuring gradient flow (at least the batch). */
const CHUNK: i32 = 256;
const RECORDS: i32 = 1024;
const RECORD_FIELDS: i32 = 5;

// trainEpochs' status (the JS side names them)
const RAN: i32 = 0;
const DIVERGED: i32 = 1;
const TARGET_REACHED: i32 = 2;

const SQUARED_ERROR: i32 = 0;
const CROSS_ENTROPY: i32 = 1;

let nInputs: i32 = 0;
let nLayers: i32 = 0;
let nNeurons: i32 = 0;
let paramStride: i32 = 0;
let nTrain: i32 = 0;
let nTest: i32 = 0;
let batchSize: i32 = 0;
let batchSlots: i32 = 0; // batch rounded up to 4 (whole vectors)
let width: i32 = 0; // slots of a work row
let rowStep: usize = 0; // bytes from one neuron's work row to the next: the batch's width while
// training (a layer's rows are one block, activated in one loop), `width` when evaluating
let trainStride: i32 = 0;
let testStride: i32 = 0;

let layoutPtr: usize = 0;
let paramsPtr: usize = 0;
let gradsPtr: usize = 0;
let statePtr: usize = 0;
let l2Ptr: usize = 0;
let snapshotPtr: usize = 0;
let dataPtr: usize = 0;
let testDataPtr: usize = 0;
let permPtr: usize = 0;
let drawsPtr: usize = 0; // the epoch's Fisher–Yates draws
let epochPtr: usize = 0; // the epoch's points in batches (see shuffle), rows epochStride apart
let epochStride: i32 = 0; // batches × batchSlots
let maskFullPtr: usize = 0; // a batch's lanes: −1 for its points, 0 for the spare lanes
let maskLastPtr: usize = 0; // the same for the last batch, which may be short
let lastBatch: i32 = 0; // points in the last batch
let gradsEndPtr: usize = 0; // where the last layer's gradients end (see plan)
let onesPtr: usize = 0;
let flowMaskPtr: usize = 0;
let aPtr: usize = 0;
let dPtr: usize = 0;
let deltaPtr: usize = 0;
let sumsPtr: usize = 0;
let recordsPtr: usize = 0;
let flowPtr: usize = 0;

let lossKind: i32 = SQUARED_ERROR;
let optimizer: i32 = 0;
let learningRate: f32 = 0.03;
let k1: f32 = 0.0; // momentum μ, or Adam's β1
let beta2: f32 = 0.0;
let beta1f64: f64 = 0.0;
let beta2f64: f64 = 0.0;
let epsilon: f32 = 0.0;
let useL2: bool = false;
let threshold: f32 = 0.5;

let randomState: u32 = 0;
let adamStep: i32 = 0;
let status: i32 = RAN;
let recordCount: i32 = 0;

function alignUp(n: usize): usize {
  return (n + ALIGN - 1) & ~(ALIGN - 1);
}

function roundUp(n: i32, step: i32): i32 {
  return ((n + step - 1) / step) * step;
}

/**
 * Lays out memory for training a network (inputs, layers, neurons, params as in kernel.ts's
 * prepare) on `train` training and `test` test points with mini-batches of `batch` points,
 * growing memory if needed. Returns false if memory cannot grow. Clears the optimizer state.
 */
export function trainPrepare(inputs: i32, layers: i32, neurons: i32, params: i32, train: i32, test: i32, batch: i32): bool {
  nInputs = inputs;
  nLayers = layers;
  nNeurons = neurons;
  paramStride = roundUp(params, 4);
  nTrain = train;
  nTest = test;
  batchSize = min(max(batch, 1), max(train, 1));
  batchSlots = roundUp(batchSize, 4);
  width = max(roundUp(batchSlots, 8), min(CHUNK, roundUp(max(max(train, test), 1), 8)));
  trainStride = roundUp(max(train, 1), 8);
  testStride = roundUp(max(test, 1), 8);
  const paramBytes = (<usize>paramStride) << 2;
  const rowBytes = (<usize>width) << 2;
  rowStep = rowBytes;

  layoutPtr = alignUp(__heap_base);
  paramsPtr = alignUp(layoutPtr + ((<usize>(layers + neurons)) << 2));
  gradsPtr = paramsPtr + paramBytes;
  statePtr = gradsPtr + paramBytes;
  l2Ptr = statePtr + 2 * paramBytes;
  snapshotPtr = l2Ptr + paramBytes; // params and state: 3 · paramBytes
  dataPtr = snapshotPtr + 3 * paramBytes;
  testDataPtr = dataPtr + ((<usize>((inputs + 1) * trainStride)) << 2);
  permPtr = testDataPtr + ((<usize>((inputs + 1) * testStride)) << 2);
  const batches = max((train + batchSize - 1) / batchSize, 1);
  lastBatch = max(train - (batches - 1) * batchSize, 1);
  epochStride = batches * batchSlots;
  drawsPtr = permPtr + ((<usize>trainStride) << 2);
  epochPtr = alignUp(drawsPtr + ((<usize>trainStride) << 2));
  maskFullPtr = epochPtr + ((<usize>((inputs + 1) * epochStride)) << 2);
  maskLastPtr = maskFullPtr + ((<usize>batchSlots) << 2);
  onesPtr = maskLastPtr + ((<usize>batchSlots) << 2);
  flowMaskPtr = onesPtr + rowBytes;
  aPtr = flowMaskPtr + rowBytes;
  dPtr = aPtr + <usize>neurons * rowBytes;
  deltaPtr = dPtr + <usize>neurons * rowBytes;
  sumsPtr = deltaPtr + <usize>neurons * rowBytes;
  recordsPtr = sumsPtr + 16;
  flowPtr = recordsPtr + ((<usize>(RECORDS * RECORD_FIELDS)) << 2);
  const end = flowPtr + ((<usize>(2 * neurons)) << 2);

  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return false;
  }
  memory.fill(paramsPtr, 0, dataPtr - paramsPtr);
  for (let i = 0; i < width; i++) store<f32>(onesPtr + ((<usize>i) << 2), 1.0);
  for (let s = 0; s < batchSlots; s++) {
    store<i32>(maskFullPtr + ((<usize>s) << 2), s < batchSize ? -1 : 0);
    store<i32>(maskLastPtr + ((<usize>s) << 2), s < lastBatch ? -1 : 0);
  }
  status = RAN;
  adamStep = 0;
  return true;
}

/**
 * The loss (0 squared error, 1 cross-entropy), the optimizer (0 SGD, 1 momentum, 2 Adam) and its
 * numbers, λ of L2 (the l2 region says which parameters it applies to), the class threshold of
 * the targets (0.5 for targets 0/1, 0 for −1/1). Clears a DIVERGED status: with a smaller
 * learning rate, training may go on from the last good weights.
 */
export function trainConfigure(
  loss: i32,
  optimizerKind: i32,
  lr: f64,
  momentumOrBeta1: f64,
  adamBeta2: f64,
  adamEpsilon: f64,
  l2: f64,
  classThreshold: f64,
): void {
  lossKind = loss;
  optimizer = optimizerKind;
  learningRate = <f32>lr;
  k1 = <f32>momentumOrBeta1;
  beta1f64 = momentumOrBeta1;
  beta2 = <f32>adamBeta2;
  beta2f64 = adamBeta2;
  epsilon = <f32>adamEpsilon;
  useL2 = l2 > 0.0;
  threshold = <f32>classThreshold;
  status = RAN;
}

export function trainLayoutOffset(): usize {
  return layoutPtr;
}
export function trainParamsOffset(): usize {
  return paramsPtr;
}
export function trainStateOffset(): usize {
  return statePtr;
}
export function trainL2Offset(): usize {
  return l2Ptr;
}
/** Training points: input k at trainDataOffset() + 4 · k · trainPointStride(0), targets after them. */
export function trainDataOffset(test: i32): usize {
  return test ? testDataPtr : dataPtr;
}
export function trainPointStride(test: i32): i32 {
  return test ? testStride : trainStride;
}
/** How many records one trainEpochs call can write. */
export function trainRecordCapacity(): i32 {
  return RECORDS;
}
export function trainRecordsOffset(): usize {
  return recordsPtr;
}
export function trainRecordCount(): i32 {
  return recordCount;
}
export function trainFlowOffset(): usize {
  return flowPtr;
}
export function trainPermutationOffset(): usize {
  return permPtr;
}
export function trainStatus(): i32 {
  return status;
}
/** The shuffling generator's state and Adam's step count: what, with the regions, resumes training. */
export function trainRandomState(): u32 {
  return randomState;
}
export function trainAdamStep(): i32 {
  return adamStep;
}
export function trainSetCounters(random: u32, step: i32): void {
  randomState = random;
  adamStep = step;
}

// ---------------------------------------------------------------- one pass over some points

function aRow(neuron: i32): usize {
  return aPtr + <usize>neuron * rowStep;
}

function dRow(neuron: i32): usize {
  return dPtr + <usize>neuron * rowStep;
}

function deltaRow(neuron: i32): usize {
  return deltaPtr + <usize>neuron * rowStep;
}

function layerSize(l: i32): i32 {
  return load<i32>(layoutPtr + ((<usize>l) << 2));
}

/** Every neuron's a (and f'(z), or z) for `vectors` × 4 points whose input k is at x + k · xStep. */
function forward(x: usize, xStep: usize, vectors: i32, derivative: bool): void {
  let prev = x;
  let prevStep = xStep;
  let prevCount = nInputs;
  let neuron = 0;
  let w = paramsPtr;
  for (let l = 0; l < nLayers; l++) {
    const size = layerSize(l);
    const acts = layoutPtr + ((<usize>(nLayers + neuron)) << 2);
    layerForward(w, size, prevCount, prev, prevStep, dRow(neuron), aRow(neuron), rowStep, vectors, acts, derivative);
    w += <usize>(size * (prevCount + 1)) << 2;
    prev = aRow(neuron);
    prevStep = rowStep;
    prevCount = size;
    neuron += size;
  }
}

/**
 * δ of every neuron from the output's δ (already in its row), layer by layer back to the first;
 * with `gradients`, each layer's parameter gradients into the grads region on the way.
 */
function backward(x: usize, xStep: usize, vectors: i32, gradients: bool, accumulate: bool): void {
  // the first neuron and first parameter of each layer, walking back from the end
  let neuron = nNeurons;
  let param = gradsEndPtr;
  for (let l = nLayers - 1; l >= 0; l--) {
    const size = layerSize(l);
    const prevCount = l == 0 ? nInputs : layerSize(l - 1);
    neuron -= size;
    param -= <usize>(size * (prevCount + 1)) << 2;
    const prevFirst = neuron - prevCount;
    if (gradients) {
      const prev = l == 0 ? x : aRow(prevFirst);
      const prevStep = l == 0 ? xStep : rowStep;
      layerGradients(param, size, prevCount, deltaRow(neuron), rowStep, prev, prevStep, onesPtr, vectors, accumulate);
    }
    if (l > 0) {
      const weights = paramsPtr + (param - gradsPtr);
      layerPropagate(weights, prevCount, size, deltaRow(neuron), rowStep, dRow(prevFirst), deltaRow(prevFirst), vectors);
    }
  }
}

/**
 * What the passes read from the layout on every batch, worked out once per call (the JS side
 * writes the layout after trainPrepare): where the grads of the last layer end.
 */
function plan(): void {
  let n = 0;
  let prevCount = nInputs;
  for (let l = 0; l < nLayers; l++) {
    const size = layerSize(l);
    n += size * (prevCount + 1);
    prevCount = size;
  }
  gradsEndPtr = gradsPtr + ((<usize>n) << 2);
}

// ---------------------------------------------------------------- mini-batches

const GOLDEN: u32 = 0x6d2b79f5; // mulberry32's step

/**
 * One epoch's order of the training points: Fisher–Yates from the end on the identity, each step
 * drawing from mulberry32 (as lib/training/random.ts). The generator's k-th state is the first
 * plus k steps, so the draws need no loop-carried work: they are made first, four at a time,
 * then the swaps (which, mixed with the draws, would wait for each draw's address).
 */
function shuffle(): void {
  const perm = permPtr;
  const draws = drawsPtr;
  const n = nTrain;
  const first = randomState;
  // the draw for position i (n − 1 down to 1) uses state first + (n − i) · GOLDEN
  let i = n - 1;
  if (ASC_FEATURE_SIMD) {
    // positions g … g + 3 in lanes 0 … 3
    const lanes = i32x4(0, 1, 2, 3);
    const step4 = i32x4.splat(<i32>(GOLDEN * 4));
    let state = i32x4.add(i32x4.splat(<i32>first), i32x4.mul(i32x4.sub(i32x4.splat(4), lanes), i32x4.splat(<i32>GOLDEN)));
    for (; i >= 4; i -= 4) {
      const g = i - 3;
      let t = state;
      t = i32x4.mul(v128.xor(t, i32x4.shr_u(t, 15)), v128.or(t, i32x4.splat(1)));
      t = v128.xor(t, i32x4.add(t, i32x4.mul(v128.xor(t, i32x4.shr_u(t, 7)), v128.or(t, i32x4.splat(61)))));
      const u = v128.xor(t, i32x4.shr_u(t, 14));
      const bound = i32x4.add(i32x4.splat(g + 1), lanes); // i + 1
      const low = i64x2.extmul_low_i32x4_u(u, bound);
      const high = i64x2.extmul_high_i32x4_u(u, bound);
      v128.store(draws + ((<usize>g) << 2), i32x4.shuffle(low, high, 1, 3, 5, 7));
      state = i32x4.add(state, step4);
    }
  }
  for (; i > 0; i--) {
    let t: u32 = first + <u32>(n - i) * GOLDEN;
    t = (t ^ (t >>> 15)) * (t | 1);
    t ^= t + (t ^ (t >>> 7)) * (t | 61);
    // floor(u · (i + 1) / 2^32): uniformIndex in random.ts computes it exactly in float64
    store<i32>(draws + ((<usize>i) << 2), <i32>((<u64>(t ^ (t >>> 14)) * <u64>(i + 1)) >> 32));
  }
  randomState = first + <u32>max(n - 1, 0) * GOLDEN;
  for (let k = 0; k < n; k++) store<i32>(perm + ((<usize>k) << 2), k);
  for (let k = n - 1; k > 0; k--) {
    const pi = perm + ((<usize>k) << 2);
    const pj = perm + ((<usize>load<i32>(draws + ((<usize>k) << 2))) << 2);
    const swap = load<i32>(pi);
    store<i32>(pi, load<i32>(pj));
    store<i32>(pj, swap);
  }
}

/**
 * Copies the points into the epoch's batches in the shuffled order: batch b's points are slots
 * b · batchSlots … of each row (inputs, then the targets), its spare slots repeat its last point.
 * One pass before the batches, so each batch is read where it lies.
 */
function arrange(): void {
  const n = nTrain;
  const size = batchSize;
  const spare = batchSlots - size;
  const rows = nInputs + 1;
  const fromStep = (<usize>trainStride) << 2;
  const toStep = (<usize>epochStride) << 2;
  const data = dataPtr;
  let index = permPtr;
  let to = epochPtr;
  for (let start = 0; start < n; start += size) {
    const count = min(size, n - start);
    const end = to + ((<usize>count) << 2);
    let from: usize = 0;
    if (rows == 3) {
      // two inputs, the lessons' usual case
      for (; to < end; to += 4) {
        from = data + ((<usize>load<i32>(index)) << 2);
        index += 4;
        store<f32>(to, load<f32>(from));
        store<f32>(to + toStep, load<f32>(from + fromStep));
        store<f32>(to + 2 * toStep, load<f32>(from + 2 * fromStep));
      }
    } else {
      for (; to < end; to += 4) {
        from = data + ((<usize>load<i32>(index)) << 2);
        index += 4;
        for (let k: usize = 0; k < <usize>rows; k++) store<f32>(to + k * toStep, load<f32>(from + k * fromStep));
      }
    }
    // the spare slots: the batch's last point again
    const spareEnd = to + ((<usize>(spare + size - count)) << 2);
    for (; to < spareEnd; to += 4) {
      for (let k: usize = 0; k < <usize>rows; k++) store<f32>(to + k * toStep, load<f32>(from + k * fromStep));
    }
  }
}

/**
 * One optimizer step on batch `batch` of the epoch (shuffle), `count` points. Returns false if it
 * diverged (updateParams).
 */
function trainBatch(batch: i32, count: i32): bool {
  const slotBytes = (<usize>batchSlots) << 2;
  rowStep = slotBytes;
  const xStep = (<usize>epochStride) << 2;
  const x = epochPtr + <usize>batch * slotBytes;
  const targets = x + <usize>nInputs * xStep;
  const mask = count == batchSize ? maskFullPtr : maskLastPtr;
  const vectors = batchSlots >> 2;
  forward(x, xStep, vectors, true);
  const out = nNeurons - 1;
  const crossEntropy = lossKind == CROSS_ENTROPY;
  const scale: f32 = (crossEntropy ? <f32>1.0 : <f32>2.0) / <f32>count;
  outputDeltas(crossEntropy, aRow(out), dRow(out), targets, mask, scale, deltaRow(out), vectors);
  backward(x, xStep, vectors, true, false);

  let lr = learningRate;
  let c2: f32 = 0.0;
  if (optimizer == ADAM) {
    adamStep++;
    lr = <f32>(<f64>learningRate / (1.0 - Math.pow(beta1f64, <f64>adamStep)));
    c2 = <f32>(1.0 / (1.0 - Math.pow(beta2f64, <f64>adamStep)));
  }
  if (optimizer == SGD && !useL2) {
    // the lessons' usual case, without the other optimizers' branches in the loop (inlined)
    return updateParams(SGD, paramStride, paramsPtr, gradsPtr, l2Ptr, false, statePtr, statePtr, lr, 0, 0, 0, 0, 0, 0);
  }
  return updateParams(
    optimizer,
    paramStride,
    paramsPtr,
    gradsPtr,
    l2Ptr,
    useL2,
    statePtr,
    statePtr + ((<usize>paramStride) << 2),
    lr,
    k1,
    <f32>1.0 - k1,
    beta2,
    <f32>1.0 - beta2,
    c2,
    epsilon,
  );
}

// ---------------------------------------------------------------- evaluation

let lastLoss: f32 = 0.0;
let lastRight: i32 = 0;

/** Mean loss and right answers over a set of points (into lastLoss, lastRight). */
function evaluateSet(data: usize, stride: i32, count: i32): void {
  const strideBytes = (<usize>stride) << 2;
  const targets = data + <usize>nInputs * strideBytes;
  const out = nNeurons - 1;
  const crossEntropy = lossKind == CROSS_ENTROPY;
  v128zero(sumsPtr);
  rowStep = (<usize>width) << 2;
  let right = 0;
  for (let start = 0; start < count; start += width) {
    const vectors = min(width, roundUp(count - start, 4)) >> 2;
    const offset = (<usize>start) << 2;
    forward(data + offset, strideBytes, vectors, false);
    right += lossRows(crossEntropy, aRow(out), dRow(out), targets + offset, start, count, vectors, threshold, sumsPtr);
  }
  lastLoss = count > 0 ? laneTotal(sumsPtr) / <f32>count : 0.0;
  lastRight = right;
}

function v128zero(p: usize): void {
  store<u64>(p, 0);
  store<u64>(p, 0, 8);
}

/** Writes one record: the epoch within this call and both sets' loss and right answers. */
function record(epoch: i32): bool {
  const r = recordsPtr + ((<usize>(recordCount * RECORD_FIELDS)) << 2);
  evaluateSet(dataPtr, trainStride, nTrain);
  const trainLoss = lastLoss;
  const trainRight = lastRight;
  evaluateSet(testDataPtr, testStride, nTest);
  store<f32>(r, <f32>epoch);
  store<f32>(r, trainLoss, 4);
  store<f32>(r, lastLoss, 8);
  store<f32>(r, <f32>trainRight, 12);
  store<f32>(r, <f32>lastRight, 16);
  recordCount++;
  return isFinite(trainLoss) && isFinite(lastLoss);
}

/** Evaluates the current weights into record 0 (no training). */
export function trainEvaluate(): void {
  recordCount = 0;
  record(0);
}

// ---------------------------------------------------------------- epochs

function snapshot(): void {
  memory.copy(snapshotPtr, paramsPtr, (<usize>paramStride) << 2);
  memory.copy(snapshotPtr + ((<usize>paramStride) << 2), statePtr, (<usize>paramStride) << 3);
}

function restore(): void {
  memory.copy(paramsPtr, snapshotPtr, (<usize>paramStride) << 2);
  memory.copy(statePtr, snapshotPtr + ((<usize>paramStride) << 2), (<usize>paramStride) << 3);
}

/**
 * Trains up to `epochs` epochs (at most RECORDS evaluated ones). `epoch` is the number of epochs
 * trained before this call: epochs whose number (counting from 1) is a multiple of
 * `evaluateEvery`, and with `evaluateLast` the last one of the call, are evaluated and recorded.
 * Stops early when training diverges — a step takes a weight or bias outside [−100, 100] (NaN
 * and infinities included) or an evaluated loss is not finite: status DIVERGED, and the weights,
 * optimizer state and generator go back to the start of that epoch, which is not counted — or
 * when an evaluated loss (test with `onTest`, else train) is at most `stopLoss` (status
 * TARGET_REACHED; pass a negative stopLoss for none). Returns the number of epochs trained.
 */
export function trainEpochs(epochs: i32, epoch: i32, evaluateEvery: i32, stopLoss: f32, onTest: bool, evaluateLast: bool): i32 {
  recordCount = 0;
  status = RAN;
  plan();
  for (let e = 0; e < epochs; e++) {
    snapshot();
    const randomBefore = randomState;
    const stepBefore = adamStep;
    shuffle();
    arrange();
    let finite = true;
    for (let b = 0, start = 0; start < nTrain && finite; b++, start += batchSize) {
      finite = trainBatch(b, min(batchSize, nTrain - start));
    }
    const number = epoch + e + 1;
    const evaluate = (evaluateLast && e == epochs - 1) || number % evaluateEvery == 0 || recordCount == RECORDS - 1;
    if (finite && evaluate) {
      finite = record(e + 1);
      if (!finite) recordCount--;
    }
    if (!finite) {
      restore();
      randomState = randomBefore;
      adamStep = stepBefore;
      status = DIVERGED;
      return e;
    }
    if (evaluate) {
      const r = recordsPtr + ((<usize>((recordCount - 1) * RECORD_FIELDS)) << 2);
      const loss = load<f32>(r + (onTest ? 8 : 4));
      if (loss <= stopLoss) {
        status = TARGET_REACHED;
        return e + 1;
      }
      if (recordCount == RECORDS) return e + 1;
    }
  }
  return epochs;
}

// ---------------------------------------------------------------- inspection

/**
 * For the current weights, over all training points, nothing updated: the gradient of the mean
 * loss (without L2) into the grads region, and the gradient flow into the flow region: each
 * neuron's mean |∂ℓ/∂z| (ℓ: one point's loss) and the fraction of points where f'(z) ≠ 0.
 * A step neuron has 0 and 0: no gradient flows through it, nor to anything before it.
 */
export function trainInspect(): void {
  const strideBytes = (<usize>trainStride) << 2;
  const targets = dataPtr + <usize>nInputs * strideBytes;
  const out = nNeurons - 1;
  const crossEntropy = lossKind == CROSS_ENTROPY;
  const scale: f32 = crossEntropy ? 1.0 : 2.0; // ∂ℓ/∂a of one point
  plan();
  memory.fill(gradsPtr, 0, (<usize>paramStride) << 2);
  memory.fill(flowPtr, 0, (<usize>(2 * nNeurons)) << 2);
  rowStep = (<usize>width) << 2;
  for (let start = 0; start < nTrain; start += width) {
    const vectors = min(width, roundUp(nTrain - start, 4)) >> 2;
    const offset = (<usize>start) << 2;
    for (let s = 0; s < vectors << 2; s++) store<i32>(flowMaskPtr + ((<usize>s) << 2), start + s < nTrain ? -1 : 0);
    forward(dataPtr + offset, strideBytes, vectors, true);
    outputDeltas(crossEntropy, aRow(out), dRow(out), targets + offset, flowMaskPtr, scale, deltaRow(out), vectors);
    backward(dataPtr + offset, strideBytes, vectors, true, true);
    for (let g = 0; g < nNeurons; g++) {
      const sums = flowPtr + ((<usize>g) << 2);
      v128zero(sumsPtr);
      const active = flowRow(deltaRow(g), dRow(g), start, nTrain, vectors, sumsPtr);
      store<f32>(sums, load<f32>(sums) + laneTotal(sumsPtr));
      const count = flowPtr + ((<usize>(nNeurons + g)) << 2);
      store<f32>(count, load<f32>(count) + <f32>active);
    }
  }
  const n = <f32>max(nTrain, 1);
  for (let i = 0; i < 2 * nNeurons; i++) {
    const p = flowPtr + ((<usize>i) << 2);
    store<f32>(p, load<f32>(p) / n);
  }
  for (let i = 0; i < paramStride; i++) {
    const p = gradsPtr + ((<usize>i) << 2);
    store<f32>(p, load<f32>(p) / n);
  }
}

export function trainGradsOffset(): usize {
  return gradsPtr;
}
