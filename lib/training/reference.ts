// The float64 reference trainer: the definition of what training computes, written to be read.
// Tests hold the kernel's float32 trainer to it, and the lessons' claims ("a linear network cannot
// learn XOR", "step gets no gradient", "ReLUs die") are checked with it. DOM-free, no I/O; in the
// spirit of TensorFlow Playground's nn.ts, but on typed arrays: a point's values live in one
// Float64Array per quantity (z, a, f'(z), δ), indexed by neuron, numbered across layers.
//
// One epoch (the kernel does exactly the same steps, in float32):
//   1. the order of the training points: identity, then a Fisher–Yates shuffle (random.ts)
//   2. mini-batches of `batchSize` points in that order (the last one may be smaller)
//   3. per batch: for each point, the forward pass and backpropagation; the gradient is the mean
//      over the batch's points; one optimizer step
//   4. if a step takes a weight or bias outside the network format's [−100, 100] (NaN and
//      infinities included), or an evaluated loss is not finite, training has diverged:
//      everything goes back to the start of the epoch and training stops. So the trainer's
//      weights are always a valid network, and an exploding run is not shown as a huge loss.
// Evaluated epochs compute the mean loss and the accuracy on the training and test points.
import { ACTIVATION_FUNCTIONS } from "../network/activations";
import type { Network } from "../network/schema";
import { readParams, architectureOf, type Architecture } from "./architecture";
import { ACTIVATION_DERIVATIVES } from "./derivatives";
import { planOrThrow, type LossId, type PointSet, type TrainingInput, type TrainingPlan } from "./options";
import { createRandom, deriveSeed, SEED_STREAMS, shuffleInPlace, type Random } from "./random";
import { adjustRun, beginStep, createRun, editRun, restartRun, runView } from "./run";
import type { Evaluation, NeuronFlow, StepResult, StopAt, Trainer } from "./types";

const LIMIT = 100; // the network format's bound on weights and biases

/** A network's shape, compiled for the loops below. */
interface Model {
  inputs: number;
  sizes: number[];
  neurons: number;
  /** per layer: its first neuron and its first parameter */
  firsts: number[];
  paramStarts: number[];
  /** per neuron: its activation and derivative */
  f: ((z: number) => number)[];
  df: ((z: number, a: number) => number)[];
}

function compile(arch: Architecture): Model {
  const firsts: number[] = [];
  const paramStarts: number[] = [];
  let neuron = 0;
  let p = 0;
  let prevCount = arch.inputs;
  for (const size of arch.sizes) {
    firsts.push(neuron);
    paramStarts.push(p);
    neuron += size;
    p += size * (prevCount + 1);
    prevCount = size;
  }
  return {
    inputs: arch.inputs,
    sizes: arch.sizes,
    neurons: arch.activations.length,
    firsts,
    paramStarts,
    f: arch.activations.map((id) => ACTIVATION_FUNCTIONS[id]),
    df: arch.activations.map((id) => ACTIVATION_DERIVATIVES[id]),
  };
}

/** One point's values, reused from point to point. */
interface Work {
  x: Float64Array;
  z: Float64Array;
  a: Float64Array;
  d: Float64Array;
  delta: Float64Array;
}

function workFor(model: Model): Work {
  const n = model.neurons;
  return {
    x: new Float64Array(model.inputs),
    z: new Float64Array(n),
    a: new Float64Array(n),
    d: new Float64Array(n),
    delta: new Float64Array(n),
  };
}

/** z = bias + Σ w·(previous output), a = f(z), d = f'(z) for every neuron, layer by layer. */
function forwardPoint(model: Model, params: Float64Array, w: Work): void {
  let p = 0;
  let neuron = 0;
  let prevFirst = -1; // -1: the previous "layer" is the input x
  let prevCount = model.inputs;
  for (const size of model.sizes) {
    const first = neuron;
    for (let j = 0; j < size; j++) {
      let z = 0;
      for (let k = 0; k < prevCount; k++) z += params[p + k]! * (prevFirst < 0 ? w.x[k]! : w.a[prevFirst + k]!);
      z += params[p + prevCount]!;
      p += prevCount + 1;
      const a = model.f[neuron]!(z);
      w.z[neuron] = z;
      w.a[neuron] = a;
      w.d[neuron] = model.df[neuron]!(z, a);
      neuron++;
    }
    prevFirst = first;
    prevCount = size;
  }
}

/**
 * ∂ℓ/∂a of one point's loss ℓ at the output, times f'(z): the output's δ. Squared error
 * ℓ = (a − y)²: 2(a − y)·f'(z). Cross-entropy of a sigmoid output ℓ = −y log a − (1 − y) log(1 − a):
 * ∂ℓ/∂z = a − y (the sigmoid's f' cancels).
 */
function outputDelta(loss: LossId, w: Work, out: number, y: number): number {
  return loss === "cross_entropy" ? w.a[out]! - y : 2 * (w.a[out]! - y) * w.d[out]!;
}

/** One point's loss: (a − y)², or cross-entropy from the logit: max(z, 0) − y·z + log(1 + e^−|z|). */
export function pointLoss(loss: LossId, a: number, z: number, y: number): number {
  if (loss === "cross_entropy") return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
  return (a - y) ** 2;
}

/**
 * Backpropagation of one point whose output δ is set: each neuron's δ = (Σ_j w_jk δ_j) · f'(z_k),
 * and `scale` · δ_j · x_k added to each weight's gradient (· 1 to each bias's).
 */
function backwardPoint(model: Model, params: Float64Array, w: Work, grads: Float64Array | null, scale: number): void {
  for (let l = model.sizes.length - 1; l >= 0; l--) {
    const size = model.sizes[l]!;
    const first = model.firsts[l]!;
    const count = l === 0 ? model.inputs : model.sizes[l - 1]!;
    const prevFirst = l === 0 ? -1 : model.firsts[l - 1]!;
    const start = model.paramStarts[l]!;
    if (grads) {
      for (let j = 0; j < size; j++) {
        const delta = w.delta[first + j]! * scale;
        const q = start + j * (count + 1);
        for (let k = 0; k < count; k++) grads[q + k]! += delta * (prevFirst < 0 ? w.x[k]! : w.a[prevFirst + k]!);
        grads[q + count]! += delta;
      }
    }
    if (l > 0) {
      for (let k = 0; k < count; k++) {
        let sum = 0;
        for (let j = 0; j < size; j++) sum += params[start + j * (count + 1) + k]! * w.delta[first + j]!;
        w.delta[prevFirst + k] = sum * w.d[prevFirst + k]!;
      }
    }
  }
}

function loadPoint(set: PointSet, i: number, w: Work): number {
  for (let k = 0; k < w.x.length; k++) w.x[k] = set.features[k]![i]!;
  return set.targets[i]!;
}

interface SetScore {
  loss: number;
  accuracy: number;
}

function score(model: Model, params: Float64Array, set: PointSet, loss: LossId, threshold: number, w: Work): SetScore {
  const out = model.neurons - 1;
  let sum = 0;
  let right = 0;
  for (let i = 0; i < set.count; i++) {
    const y = loadPoint(set, i, w);
    forwardPoint(model, params, w);
    sum += pointLoss(loss, w.a[out]!, w.z[out]!, y);
    if (w.a[out]! >= threshold === y > threshold) right++;
  }
  return set.count > 0 ? { loss: sum / set.count, accuracy: right / set.count } : { loss: 0, accuracy: 0 };
}

/** The float64 reference trainer (see the top of this file). Throws TrainingRefusedError. */
export function createReferenceTrainer(input: TrainingInput): Trainer {
  return referenceTrainer(planOrThrow(input));
}

function referenceTrainer(plan: TrainingPlan): Trainer {
  const model = compile(plan.architecture);
  const n = plan.architecture.paramCount;
  const initial = new Float64Array(n);
  readParams(plan.network, initial);
  const initialNetwork = plan.network;
  const work = workFor(model);
  const out = model.neurons - 1;

  const params = new Float64Array(n);
  const grads = new Float64Array(n);
  const state1 = new Float64Array(n); // velocity, or Adam's m
  const state2 = new Float64Array(n); // Adam's s
  const saved = { params: new Float64Array(n), state1: new Float64Array(n), state2: new Float64Array(n) };
  const isWeight = weightMask(plan.architecture);
  const order = new Int32Array(plan.train.count);

  let random: Random = createRandom(deriveSeed(plan.options.seed, SEED_STREAMS.shuffle));
  let adamStep = 0;

  function evaluation(epoch: number): Evaluation {
    const { loss } = plan.options; // not adjustable: the same for the whole run
    const train = score(model, params, plan.train, loss, plan.threshold, work);
    const test = plan.test.count > 0 ? score(model, params, plan.test, loss, plan.threshold, work) : null;
    return {
      epoch,
      trainLoss: train.loss,
      testLoss: test ? test.loss : null,
      trainAccuracy: train.accuracy,
      testAccuracy: test ? test.accuracy : null,
    };
  }

  params.set(initial);
  const run = createRun(plan.options, initialNetwork, evaluation(0));

  function rewind(): void {
    params.set(initial);
    state1.fill(0);
    state2.fill(0);
    random = createRandom(deriveSeed(run.options.seed, SEED_STREAMS.shuffle));
    adamStep = 0;
    setActivations(initialNetwork);
    restartRun(run, initialNetwork, evaluation(0));
  }

  /** The network's activations into the model (an edit may change them). */
  function setActivations(net: Network): void {
    const compiled = compile(architectureOf(net));
    model.f = compiled.f;
    model.df = compiled.df;
  }

  /** One optimizer step on the points order[start … start + count). False if it diverged. */
  function trainBatch(start: number, count: number): boolean {
    const o = run.options;
    grads.fill(0);
    for (let i = start; i < start + count; i++) {
      const y = loadPoint(plan.train, order[i]!, work);
      forwardPoint(model, params, work);
      work.delta[out] = outputDelta(o.loss, work, out, y);
      backwardPoint(model, params, work, grads, 1 / count);
    }
    let c1 = o.learningRate;
    let c2 = 1;
    if (o.optimizer === "adam") {
      adamStep++;
      c1 = o.learningRate / (1 - o.beta1 ** adamStep);
      c2 = 1 / (1 - o.beta2 ** adamStep);
    }
    let inRange = true;
    for (let p = 0; p < n; p++) {
      let g = grads[p]!;
      if (o.l2 > 0 && isWeight[p]) g += o.l2 * params[p]!;
      let next: number;
      if (o.optimizer === "momentum") {
        state1[p] = o.momentum * state1[p]! + g;
        next = params[p]! - o.learningRate * state1[p]!;
      } else if (o.optimizer === "adam") {
        state1[p] = o.beta1 * state1[p]! + (1 - o.beta1) * g;
        state2[p] = o.beta2 * state2[p]! + (1 - o.beta2) * g * g;
        next = params[p]! - (c1 * state1[p]!) / (Math.sqrt(c2 * state2[p]!) + o.epsilon);
      } else {
        next = params[p]! - o.learningRate * g;
      }
      params[p] = next;
      inRange &&= Math.abs(next) <= LIMIT; // false for NaN too
    }
    return inRange;
  }

  function trainEpoch(): boolean {
    for (let i = 0; i < order.length; i++) order[i] = i;
    shuffleInPlace(order, random);
    const batch = Math.min(run.options.batchSize, plan.train.count);
    for (let start = 0; start < plan.train.count; start += batch) {
      if (!trainBatch(start, Math.min(batch, plan.train.count - start))) return false;
    }
    return true;
  }

  return {
    precision: "float64",
    step(epochs: number, stop?: StopAt): StepResult {
      if (!beginStep(run, epochs)) return { epochs: 0, state: run.state };
      for (let e = 0; e < epochs; e++) {
        saved.params.set(params);
        saved.state1.set(state1);
        saved.state2.set(state2);
        const randomBefore = random.state();
        const stepBefore = adamStep;
        let finite = trainEpoch();
        const number = run.epoch + 1;
        const due = e === epochs - 1 || number % run.options.evaluateEvery === 0;
        const evaluated = finite && due ? evaluation(number) : null;
        if (evaluated) finite = Number.isFinite(evaluated.trainLoss) && Number.isFinite(evaluated.testLoss ?? 0);
        if (!finite) {
          params.set(saved.params);
          state1.set(saved.state1);
          state2.set(saved.state2);
          random = createRandom(randomBefore);
          adamStep = stepBefore;
          run.state = "diverged";
          run.divergedAt = number;
          return { epochs: e, state: run.state };
        }
        run.epoch = number;
        if (evaluated) {
          run.history.add(evaluated);
          const loss = stop?.on === "test" ? evaluated.testLoss : evaluated.trainLoss;
          if (stop && loss !== null && loss <= stop.loss) {
            run.state = "target_reached";
            return { epochs: e + 1, state: run.state };
          }
        }
      }
      return { epochs, state: run.state };
    },
    ...runView(run, initialNetwork, params),
    rewind,
    adjust: (changes) => adjustRun(run, changes),
    setNetwork(net: Network) {
      editRun(run, net, plan.architecture);
      readParams(net, params);
      setActivations(net);
    },
    gradientFlow: () => inspect().flow,
    gradient: () => inspect().gradient,
  };

  function inspect(): { gradient: Float64Array; flow: NeuronFlow[][] } {
    const gradient = new Float64Array(n);
    const absDelta = new Float64Array(model.neurons);
    const active = new Float64Array(model.neurons);
    const count = plan.train.count;
    for (let i = 0; i < count; i++) {
      const y = loadPoint(plan.train, i, work);
      forwardPoint(model, params, work);
      work.delta[out] = outputDelta(run.options.loss, work, out, y);
      backwardPoint(model, params, work, gradient, 1 / count);
      for (let g = 0; g < model.neurons; g++) {
        absDelta[g]! += Math.abs(work.delta[g]!);
        if (work.d[g] !== 0) active[g]!++;
      }
    }
    return { gradient, flow: flowByLayer(model.sizes, absDelta, active, count) };
  }
}

/** 1 for a weight, 0 for a bias, in parameter order: L2 decays weights only. */
export function weightMask(arch: Architecture): Uint8Array {
  const mask = new Uint8Array(arch.paramCount);
  let p = 0;
  let prevCount = arch.inputs;
  for (const size of arch.sizes) {
    for (let j = 0; j < size; j++) {
      mask.fill(1, p, p + prevCount);
      p += prevCount + 1;
    }
    prevCount = size;
  }
  return mask;
}

/** Per-neuron sums (numbered across layers) as NeuronFlow per layer, averaged over `count` points. */
export function flowByLayer(
  sizes: readonly number[],
  absDelta: ArrayLike<number>,
  active: ArrayLike<number>,
  count: number,
): NeuronFlow[][] {
  let g = 0;
  const n = Math.max(count, 1);
  return sizes.map((size) =>
    Array.from({ length: size }, () => {
      const flow = { gradient: absDelta[g]! / n, active: active[g]! / n };
      g++;
      return flow;
    }),
  );
}
