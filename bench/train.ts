// npm run bench:train [-- --json]
// Training epochs per second on 250 training points (TensorFlow Playground's defaults: circle,
// 500 points, half of them for training; tanh everywhere, squared error, batch 10, learning rate
// 0.03, targets −1/1), for 2-4-2-1 and 2-8-8-1, all in one process:
//   fast       the wasm kernel's float32 trainer (lib/training/kernel-trainer.ts), SIMD build
//   scalar     the same, no-SIMD fallback build (same bits)
//   reference  the float64 reference trainer (lib/training/reference.ts)
//   js         a plain JavaScript Float64Array trainer with the same batching (bench/js-train.ts)
// "epochs_per_s" trains only (the loss is evaluated once per timed run); "with_losses" also
// evaluates the train and test loss (and, for the lib trainers, accuracy) after every epoch, as
// a curve drawn epoch by epoch needs. All runs are timed round-robin (ROUNDS rounds of about
// RUN_MS each) so that other load on the machine hits them alike; rates are medians over rounds,
// ratio_vs_js the median over rounds of fast ÷ js measured in the same round. On a shared machine
// the wall clock also counts the time other processes hold the CPU: ratio_vs_js_cpu is the same
// ratio from the process's CPU time (process.cpuUsage), which that time does not inflate, and
// the line carries the load average.
// --json prints one line {"cases":[{network, fast_epochs_per_s, reference_epochs_per_s,
// js_epochs_per_s, ratio_vs_js, ratio_vs_js_cpu, …}, …], "wasm_bytes", "wasm_scalar_bytes",
// "load_average_1m"}.
import { readFile, stat } from "node:fs/promises";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadTrainingKernel } from "../lib/kernel/loader";
import type { TrainingKernel } from "../lib/kernel/training-kernel";
import { readParams } from "../lib/training/architecture";
import { makeDataSet } from "../lib/training/datasets";
import { initialiseNetwork, networkOfShape } from "../lib/training/init";
import { createTrainer } from "../lib/training/kernel-trainer";
import { planOrThrow, type TrainingInput } from "../lib/training/options";
import { deriveSeed, SEED_STREAMS } from "../lib/training/random";
import { createReferenceTrainer } from "../lib/training/reference";
import { makeJsTrainer } from "./js-train";

const ROUNDS = 21;
const RUN_MS = 50;
/** Each run trains this long before it is timed: V8 compiles hot wasm (and JS) with its optimizing tier in the background, later on a busy machine. */
const WARMUP_MS = 500;
const CHECK_EPOCHS = 100;

type Run = (epochs: number) => void;

/** Epochs that take about RUN_MS, after WARMUP_MS of training. */
function calibrate(run: Run): number {
  const start = performance.now();
  for (let n = 1; performance.now() - start < WARMUP_MS; n = Math.min(n * 2, 1024)) run(n);
  let epochs = 1;
  for (;;) {
    const t0 = performance.now();
    run(epochs);
    const ms = performance.now() - t0;
    if (ms >= RUN_MS / 4) return Math.max(1, Math.round((epochs * RUN_MS) / ms));
    epochs *= 2;
  }
}

/**
 * Epochs per second of each run, measured round-robin: ROUNDS rounds, each timing every run once
 * for about RUN_MS, so that other load on the machine hits all of them alike. Returns the median
 * rate of each, and the median over rounds of each rate divided by the `base` run's (by the wall
 * clock, and by the process's CPU time).
 */
function roundRobin<K extends string>(
  runs: Record<K, Run>,
  base: NoInfer<K>,
): { rates: Record<K, number>; ratios: Record<K, number>; cpuRatios: Record<K, number> } {
  const keys = Object.keys(runs) as K[];
  const epochs = Object.fromEntries(keys.map((k) => [k, calibrate(runs[k])])) as Record<K, number>;
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const ratios = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const cpuRatios = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < ROUNDS; round++) {
    const rates = {} as Record<K, number>;
    const cpuRates = {} as Record<K, number>;
    for (const k of keys) {
      const c0 = cpuMs();
      const t0 = performance.now();
      runs[k](epochs[k]);
      rates[k] = (epochs[k] * 1000) / (performance.now() - t0);
      cpuRates[k] = (epochs[k] * 1000) / Math.max(cpuMs() - c0, 1e-3);
      samples[k].push(rates[k]);
    }
    for (const k of keys) {
      ratios[k].push(rates[k] / rates[base]);
      cpuRatios[k].push(cpuRates[k] / cpuRates[base]);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  return {
    rates: Object.fromEntries(keys.map((k) => [k, median(samples[k])])) as Record<K, number>,
    ratios: Object.fromEntries(keys.map((k) => [k, median(ratios[k])])) as Record<K, number>,
    cpuRatios: Object.fromEntries(keys.map((k) => [k, median(cpuRatios[k])])) as Record<K, number>,
  };
}

/** The process's CPU time (user + system) in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function inputFor(sizes: number[]): TrainingInput {
  const shape = networkOfShape(
    ["x1", "x2"],
    sizes.map((size) => ({ size, activation: "tanh" as const })),
  );
  return {
    network: initialiseNetwork(shape, 1),
    data: makeDataSet({ kind: "circle", points: 500, trainFraction: 0.5, seed: 1 }),
    loss: "squared_error",
    targets: "minus_one_one",
    batchSize: 10,
    learningRate: 0.03,
    seed: 1,
  };
}

function jsTrainerFor(input: TrainingInput) {
  const plan = planOrThrow(input);
  const params = new Float64Array(plan.architecture.paramCount);
  readParams(plan.network, params);
  return {
    plan,
    trainer: makeJsTrainer({
      sizes: plan.architecture.sizes,
      inputs: plan.architecture.inputs,
      params,
      x: plan.train.features,
      y: plan.train.targets,
      batch: plan.options.batchSize,
      learningRate: plan.options.learningRate,
      seed: deriveSeed(plan.options.seed, SEED_STREAMS.shuffle),
    }),
  };
}

function measure(simd: TrainingKernel, scalar: TrainingKernel, sizes: number[]) {
  const input = inputFor(sizes);
  const trainOnly = { ...input, evaluateEvery: 1_000_000 };
  const fast = createTrainer(simd, trainOnly);
  const fastScalar = createTrainer(scalar, trainOnly);
  const reference = createReferenceTrainer(trainOnly);
  const js = jsTrainerFor(input).trainer;
  const fastEveryEpoch = createTrainer(simd, input);
  const referenceEveryEpoch = createReferenceTrainer(input);
  const jsEveryEpoch = jsTrainerFor(input);

  const { plan } = jsEveryEpoch;
  const { rates, ratios, cpuRatios } = roundRobin(
    {
      fast: (n) => fast.step(n),
      scalar: (n) => fastScalar.step(n),
      reference: (n) => reference.step(n),
      js: (n) => {
        for (let i = 0; i < n; i++) js.epoch();
      },
      fastLosses: (n) => fastEveryEpoch.step(n),
      referenceLosses: (n) => referenceEveryEpoch.step(n),
      jsLosses: (n) => {
        for (let i = 0; i < n; i++) {
          jsEveryEpoch.trainer.epoch();
          jsEveryEpoch.trainer.loss(plan.train.features, plan.train.targets);
          jsEveryEpoch.trainer.loss(plan.test.features, plan.test.targets);
        }
      },
    },
    "js",
  );

  // the three do the same computation: their train loss after CHECK_EPOCHS from the same start
  const check = [createTrainer(simd, input), createReferenceTrainer(input)].map((t) => {
    t.step(CHECK_EPOCHS);
    return t.latest().trainLoss;
  });
  const jsCheck = jsTrainerFor(input);
  for (let i = 0; i < CHECK_EPOCHS; i++) jsCheck.trainer.epoch();

  return {
    network: [2, ...sizes].join("-"),
    fast_epochs_per_s: Math.round(rates.fast),
    reference_epochs_per_s: Math.round(rates.reference),
    js_epochs_per_s: Math.round(rates.js),
    ratio_vs_js: round(ratios.fast, 2),
    ratio_vs_js_cpu: round(cpuRatios.fast, 2),
    fast_scalar_epochs_per_s: Math.round(rates.scalar),
    fast_with_losses_epochs_per_s: Math.round(rates.fastLosses),
    reference_with_losses_epochs_per_s: Math.round(rates.referenceLosses),
    js_with_losses_epochs_per_s: Math.round(rates.jsLosses),
    ratio_with_losses_vs_js: round(rates.fastLosses / rates.jsLosses, 2),
    train_loss_after_100: {
      fast: round(check[0]!, 6),
      reference: round(check[1]!, 6),
      js: round(jsCheck.trainer.loss(plan.train.features, plan.train.targets), 6),
    },
  };
}

function loadAverage(): number {
  return round(loadavg()[0]!, 2);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

const source = (file: string) => readFile(new URL(`../public/wasm/${file}`, import.meta.url));
const simd = await loadTrainingKernel(source, { build: "simd" });
const scalar = await loadTrainingKernel(source, { build: "scalar" });
const cases = [measure(simd, scalar, [4, 2, 1]), measure(simd, scalar, [8, 8, 1])];
// the training module (the forward kernel is a module of its own: bench:kernel)
const wasmBytes = (await stat(new URL("../public/wasm/train-simd.wasm", import.meta.url))).size;
const scalarBytes = (await stat(new URL("../public/wasm/train-scalar.wasm", import.meta.url))).size;

if (process.argv.includes("--json")) {
  console.log(
    JSON.stringify({ cases, wasm_bytes: wasmBytes, wasm_scalar_bytes: scalarBytes, load_average_1m: loadAverage() }),
  );
} else {
  console.log(`training benchmark: epochs per second, median of ${ROUNDS} round-robin rounds, Node ${process.version}`);
  console.log("250 training points (circle), 250 test points; tanh, squared error, batch 10, learning rate 0.03\n");
  console.table(cases.map(({ train_loss_after_100: _, ...row }) => row));
  for (const c of cases) console.log(`${c.network}: train loss after ${CHECK_EPOCHS} epochs`, c.train_loss_after_100);
  console.log(`train-simd.wasm ${wasmBytes} bytes, train-scalar.wasm ${scalarBytes} bytes`);
  console.log(`load average (1 min) ${loadAverage()} on this machine's CPUs while it ran`);
  console.log(
    "all run by tsx (esbuild, tsconfig useDefineForClassFields false); js baseline: bench/js-train.ts, no classes",
  );
}
