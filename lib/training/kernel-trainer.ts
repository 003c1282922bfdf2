// The fast trainer: the wasm kernel's float32 training (assembly/train.ts) behind the Trainer
// interface. The UI runs one in a Web Worker with its own kernel instance; the server uses
// evaluateOnKernel to recompute a network's loss on a seeded test set.
//
// It runs on the training module (train-*.wasm, lib/kernel/training-kernel.ts), not on the forward
// kernel the heatmaps use. The module's memory holds the run while it trains; this side keeps a
// copy of everything that is not recomputed (weights, optimizer state, generator state, Adam's
// step), refreshed after every call. So trainers may share one instance: whenever someone else
// used it in between (TrainingKernel.claim), the run is laid out and uploaded again, and goes on
// with the same bits.
import { KernelMemoryError } from "../kernel/kernel";
import type { TrainingExports, TrainingKernel } from "../kernel/training-kernel";
import { activationCode } from "../network/activations";
import type { Network } from "../network/schema";
import { architectureOf, readParams } from "./architecture";
import { planOrThrow, type PointSet, type TrainingInput, type TrainingOptions, type TrainingPlan } from "./options";
import { deriveSeed, SEED_STREAMS } from "./random";
import { flowByLayer, weightMask } from "./reference";
import { adjustRun, beginStep, createRun, editRun, restartRun, runView } from "./run";
import type { Evaluation, StepResult, StopAt, Trainer } from "./types";

// the kernel's codes (assembly/train.ts, train-rows.ts)
const LOSS_CODE = { squared_error: 0, cross_entropy: 1 } as const;
const OPTIMIZER_CODE = { sgd: 0, momentum: 1, adam: 2 } as const;
const STATUS = { ran: 0, diverged: 1, targetReached: 2 } as const;
const RECORD_FIELDS = 5;

/** The fast (float32, wasm) trainer. Throws TrainingRefusedError for a run planTraining refuses. */
export function createTrainer(kernel: TrainingKernel, input: TrainingInput): Trainer {
  return kernelTrainer(kernel, planOrThrow(input));
}

/**
 * The loss and accuracy of `input.network` on `input.data`'s training and test points, computed
 * by the kernel in float32 (the numbers a fast trainer shows for the same weights, bit for bit).
 */
export function evaluateOnKernel(kernel: TrainingKernel, input: TrainingInput): Evaluation {
  return kernelTrainer(kernel, planOrThrow(input)).latest();
}

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

function kernelTrainer(kernel: TrainingKernel, plan: TrainingPlan): Trainer {
  const arch = plan.architecture;
  const paramStride = roundUp(arch.paramCount, 4);
  const neurons = arch.activations.length;
  const token = {}; // this trainer's claim on the kernel's memory

  const initial = new Float32Array(paramStride);
  readParams(plan.network, initial);
  const initialNetwork = plan.network;
  const decay = weightMask(arch);

  // the run, as kept between calls
  const params = new Float32Array(paramStride);
  const optimizerState = new Float32Array(2 * paramStride);
  let randomState = deriveSeed(plan.options.seed, SEED_STREAMS.shuffle);
  let adamStep = 0;
  let stale = true; // the kernel's copy needs uploading even if our claim is intact
  params.set(initial);
  const run = createRun(plan.options, initialNetwork, evaluateNow(plan.options, initialNetwork));

  /** The kernel, holding this run (uploaded first if needed). */
  function exports(options = run.options, network = run.template): TrainingExports {
    const { exports: wasm, intact } = kernel.claim(token);
    if (!intact || stale) upload(wasm, options, network);
    stale = false;
    return wasm;
  }

  function upload(wasm: TrainingExports, options: TrainingOptions, network: Network): void {
    const ok = wasm.trainPrepare(
      arch.inputs,
      arch.sizes.length,
      neurons,
      arch.paramCount,
      plan.train.count,
      plan.test.count,
      options.batchSize,
    );
    if (!ok) throw new KernelMemoryError("the kernel cannot allocate memory for training");
    const buffer = wasm.memory.buffer;
    const layout = new Int32Array(buffer, wasm.trainLayoutOffset(), arch.sizes.length + neurons);
    layout.set(arch.sizes);
    architectureOf(network).activations.forEach((id, g) => (layout[arch.sizes.length + g] = activationCode(id)));
    new Float32Array(buffer, wasm.trainParamsOffset(), paramStride).set(params);
    new Float32Array(buffer, wasm.trainStateOffset(), 2 * paramStride).set(optimizerState);
    const l2 = new Float32Array(buffer, wasm.trainL2Offset(), paramStride);
    decay.forEach((isWeight, p) => (l2[p] = isWeight ? options.l2 : 0));
    writePoints(wasm, plan.train, 0);
    writePoints(wasm, plan.test, 1);
    const adam = options.optimizer === "adam";
    wasm.trainConfigure(
      LOSS_CODE[options.loss],
      OPTIMIZER_CODE[options.optimizer],
      options.learningRate,
      adam ? options.beta1 : options.momentum,
      options.beta2,
      options.epsilon,
      options.l2,
      plan.threshold,
    );
    wasm.trainSetCounters(randomState, adamStep);
  }

  /** Feature rows then the targets, padded to the stride with copies of the last point. */
  function writePoints(wasm: TrainingExports, set: PointSet, test: 0 | 1): void {
    const stride = wasm.trainPointStride(test);
    const rows = new Float32Array(wasm.memory.buffer, wasm.trainDataOffset(test), (arch.inputs + 1) * stride);
    if (set.count === 0) return;
    [...set.features, set.targets].forEach((column, k) => {
      const row = rows.subarray(k * stride, (k + 1) * stride);
      row.set(column);
      row.fill(column[set.count - 1]!, set.count);
    });
  }

  /** Copies what the kernel changed back into this side's copy of the run. */
  function keep(wasm: TrainingExports): void {
    params.set(new Float32Array(wasm.memory.buffer, wasm.trainParamsOffset(), paramStride));
    optimizerState.set(new Float32Array(wasm.memory.buffer, wasm.trainStateOffset(), 2 * paramStride));
    randomState = wasm.trainRandomState() >>> 0;
    adamStep = wasm.trainAdamStep();
  }

  function readRecord(wasm: TrainingExports, index: number, base: number): Evaluation {
    const r = new Float32Array(wasm.memory.buffer, wasm.trainRecordsOffset() + index * RECORD_FIELDS * 4, 5);
    const hasTest = plan.test.count > 0;
    return {
      epoch: base + r[0]!,
      trainLoss: r[1]!,
      testLoss: hasTest ? r[2]! : null,
      trainAccuracy: r[3]! / plan.train.count,
      testAccuracy: hasTest ? r[4]! / plan.test.count : null,
    };
  }

  /** The losses and accuracies of the current weights (no training). */
  function evaluateNow(options: TrainingOptions, network: Network): Evaluation {
    const wasm = exports(options, network);
    wasm.trainEvaluate();
    return readRecord(wasm, 0, 0);
  }

  function rewind(): void {
    params.set(initial);
    optimizerState.fill(0);
    randomState = deriveSeed(run.options.seed, SEED_STREAMS.shuffle);
    adamStep = 0;
    stale = true;
    restartRun(run, initialNetwork, evaluateNow(run.options, initialNetwork));
  }

  return {
    precision: "float32",
    step(epochs: number, stop?: StopAt): StepResult {
      if (!beginStep(run, epochs)) return { epochs: 0, state: run.state };
      const wasm = exports();
      const every = run.options.evaluateEvery;
      // one call records at most its capacity of evaluations (minus one spare, see trainEpochs)
      const chunk = (wasm.trainRecordCapacity() - 2) * every;
      let ran = 0;
      while (ran < epochs && run.state === "ready") {
        const n = Math.min(epochs - ran, chunk);
        const last = ran + n === epochs ? 1 : 0;
        const done = wasm.trainEpochs(n, run.epoch, every, stop?.loss ?? -1, stop?.on === "test" ? 1 : 0, last);
        for (let i = 0; i < wasm.trainRecordCount(); i++) run.history.add(readRecord(wasm, i, run.epoch));
        run.epoch += done;
        ran += done;
        const status = wasm.trainStatus();
        if (status === STATUS.diverged) {
          run.state = "diverged";
          run.divergedAt = run.epoch + 1;
        } else if (status === STATUS.targetReached) {
          run.state = "target_reached";
        }
      }
      keep(wasm);
      return { epochs: ran, state: run.state };
    },
    ...runView(run, initialNetwork, params),
    rewind,
    adjust(changes) {
      adjustRun(run, changes);
      stale = true;
    },
    setNetwork(net: Network) {
      editRun(run, net, arch);
      readParams(net, params);
      stale = true;
    },
    gradientFlow() {
      const wasm = exports();
      wasm.trainInspect();
      const flow = new Float32Array(wasm.memory.buffer, wasm.trainFlowOffset(), 2 * neurons);
      return flowByLayer(arch.sizes, flow.subarray(0, neurons), flow.subarray(neurons), 1);
    },
    gradient() {
      const wasm = exports();
      wasm.trainInspect();
      return Float64Array.from(new Float32Array(wasm.memory.buffer, wasm.trainGradsOffset(), arch.paramCount));
    },
  };
}
