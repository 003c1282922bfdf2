// The training benchmark's baseline: a plain JavaScript trainer on Float64Arrays, as a careful
// JS developer would write it for the benchmark's case (tanh everywhere, squared error, SGD):
// no classes (so class-field semantics cannot slow it down), one Float64Array per layer for
// weights, outputs, deltas and gradients, Math.tanh. Same batching as the other trainers: each
// epoch shuffles the training points (mulberry32 + Fisher–Yates, as lib/training/random.ts),
// mini-batches of `batch` points, the gradient of the mean of (a − y)², one SGD step per batch.
// (No clamping to ±100 and no divergence checks: less work than the real trainers do.)

export interface JsTrainerSetup {
  /** neurons per layer after the inputs, e.g. [8, 8, 1] */
  sizes: number[];
  inputs: number;
  /** initial parameters in the kernel's order: per layer, per neuron, weights then bias */
  params: Float64Array;
  /** input k of point i at x[k][i]; targets y[i] */
  x: Float64Array[];
  y: Float64Array;
  batch: number;
  learningRate: number;
  /** the shuffling generator's first state */
  seed: number;
}

export interface JsTrainer {
  epoch(): void;
  /** mean squared error over the given points */
  loss(x: Float64Array[], y: Float64Array): number;
}

export function makeJsTrainer(setup: JsTrainerSetup): JsTrainer {
  const { sizes, inputs, x, y, batch, learningRate } = setup;
  const layers = sizes.length;
  const fanIn = sizes.map((_, l) => (l === 0 ? inputs : sizes[l - 1]!));
  // per layer: weights[j * (fanIn + 1) + k], bias at k = fanIn
  const weights: Float64Array[] = [];
  let p = 0;
  for (let l = 0; l < layers; l++) {
    const n = sizes[l]! * (fanIn[l]! + 1);
    weights.push(setup.params.slice(p, p + n));
    p += n;
  }
  const grads = weights.map((w) => new Float64Array(w.length));
  const outputs = sizes.map((n) => new Float64Array(n));
  const deltas = sizes.map((n) => new Float64Array(n));
  const input = new Float64Array(inputs);
  const count = y.length;
  const order = new Int32Array(count);
  let state = setup.seed >>> 0;

  function forward(): void {
    let prev = input;
    for (let l = 0; l < layers; l++) {
      const w = weights[l]!;
      const out = outputs[l]!;
      const m = fanIn[l]!;
      for (let j = 0; j < out.length; j++) {
        const base = j * (m + 1);
        let z = w[base + m]!;
        for (let k = 0; k < m; k++) z += w[base + k]! * prev[k]!;
        out[j] = Math.tanh(z);
      }
      prev = out;
    }
  }

  function backward(target: number): void {
    const last = layers - 1;
    const out = outputs[last]!;
    for (let j = 0; j < out.length; j++) deltas[last]![j] = 2 * (out[j]! - target) * (1 - out[j]! * out[j]!);
    for (let l = last; l >= 0; l--) {
      const w = weights[l]!;
      const g = grads[l]!;
      const delta = deltas[l]!;
      const m = fanIn[l]!;
      const prev = l === 0 ? input : outputs[l - 1]!;
      for (let j = 0; j < delta.length; j++) {
        const base = j * (m + 1);
        const dj = delta[j]!;
        for (let k = 0; k < m; k++) g[base + k]! += dj * prev[k]!;
        g[base + m]! += dj;
      }
      if (l > 0) {
        const prevDelta = deltas[l - 1]!;
        for (let k = 0; k < m; k++) {
          let sum = 0;
          for (let j = 0; j < delta.length; j++) sum += w[j * (m + 1) + k]! * delta[j]!;
          prevDelta[k] = sum * (1 - prev[k]! * prev[k]!);
        }
      }
    }
  }

  function nextRandom(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  return {
    epoch() {
      for (let i = 0; i < count; i++) order[i] = i;
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor((nextRandom() * (i + 1)) / 4294967296);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      for (let start = 0; start < count; start += batch) {
        const end = Math.min(start + batch, count);
        for (const g of grads) g.fill(0);
        for (let i = start; i < end; i++) {
          const point = order[i]!;
          for (let k = 0; k < inputs; k++) input[k] = x[k]![point]!;
          forward();
          backward(y[point]!);
        }
        const step = learningRate / (end - start);
        for (let l = 0; l < layers; l++) {
          const w = weights[l]!;
          const g = grads[l]!;
          for (let q = 0; q < w.length; q++) w[q]! -= step * g[q]!;
        }
      }
    },
    loss(xs, ys) {
      let sum = 0;
      const out = outputs[layers - 1]!;
      for (let i = 0; i < ys.length; i++) {
        for (let k = 0; k < inputs; k++) input[k] = xs[k]![i]!;
        forward();
        sum += (out[0]! - ys[i]!) ** 2;
      }
      return sum / ys.length;
    },
  };
}
