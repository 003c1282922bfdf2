// npm run bench:kernel [-- --json]
// Times the wasm kernel against a plain TypeScript forward pass on the cases of issue 2, median
// of RUNS runs after WARMUP warm-up runs. Prints a table, or with --json one JSON line
// {"cases":[{name, wasm_ms, js_ms, ratio, …}, …]}. Columns:
//   wasm_ms         SIMD build, fast mode (float32 values): what the heatmaps use
//   wasm_f64_ms     SIMD build, precise mode (float64): what the API and the inspector use
//   wasm_scalar_ms  the no-SIMD fallback build, fast mode (older browsers)
//   js_ms           plain TypeScript on Float32Array columns (the faster of f32/f64 storage here)
//   js_f64_ms       the same on Float64Array columns
//   ratio           js_ms / wasm_ms;  ratio_f64 = js_f64_ms / wasm_f64_ms
import { readFile, stat } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { loadKernel } from "../lib/kernel/loader";
import type { Kernel, Precision } from "../lib/kernel/kernel";
import type { ActivationId } from "../lib/network/activations";
import type { Network } from "../lib/network/schema";
import { jsForward, makeJsBatch } from "./js-forward";

const WARMUP = 10;
const RUNS = 30;

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomNetwork(sizes: number[], activations: ActivationId[], seed: number): Network {
  const random = seededRandom(seed);
  const [inputs, ...layers] = sizes;
  let previous = inputs!;
  return {
    format: "activation-lab/network@1",
    inputs: Array.from({ length: previous }, (_, i) => `x${i + 1}`),
    layers: layers.map((size, l) => {
      const layer = {
        activation: activations[l]!,
        neurons: Array.from({ length: size }, () => ({
          weights: Array.from({ length: previous }, () => random() * 4 - 2),
          bias: random() * 2 - 1,
        })),
      };
      previous = size;
      return layer;
    }),
  };
}

/** Input rows of a grid over [-6, 6]², or random rows for wider inputs. */
function fillInputs(columns: (Float64Array | Float32Array)[], side: number | null, seed: number): void {
  const random = seededRandom(seed);
  const rows = columns[0]!.length;
  for (let r = 0; r < rows; r++) {
    if (side !== null) {
      columns[0]![r] = -6 + (12 * (r % side)) / (side - 1);
      columns[1]![r] = -6 + (12 * Math.floor(r / side)) / (side - 1);
    } else {
      for (const column of columns) column[r] = random() * 12 - 6;
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(fn: () => void): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function timeKernel(kernel: Kernel, net: Network, rows: number, side: number | null, precision: Precision): number {
  kernel.prepare(net, rows, precision);
  fillInputs(
    net.inputs.map((_, k) => kernel.inputColumn(k)),
    side,
    7,
  );
  // one timed run = what an edit costs: write the weights, then the whole forward pass
  return time(() => {
    kernel.prepare(net, rows, precision);
    kernel.run();
  });
}

const cases = [
  { name: "2-8-8-1@100x100", sizes: [2, 8, 8, 1], acts: ["tanh", "tanh", "sigmoid"], side: 100 },
  { name: "2-8-8-1@256x256", sizes: [2, 8, 8, 1], acts: ["tanh", "tanh", "sigmoid"], side: 256 },
  // 16 inputs is beyond the format's 8, but the kernel has no such limit: a stress shape
  { name: "16-16-16-16@65536", sizes: [16, 16, 16, 16], acts: ["tanh", "relu", "sigmoid"], side: null, rows: 65536 },
] as const;

const source = (file: string) => readFile(new URL(`../public/wasm/${file}`, import.meta.url));
const simd = await loadKernel(source, { build: "simd" });
const scalar = await loadKernel(source, { build: "scalar" });

const results = cases.map((c) => {
  const rows = c.side !== null ? c.side * c.side : c.rows;
  const net = randomNetwork([...c.sizes], [...c.acts], 42);
  const wasmMs = timeKernel(simd, net, rows, c.side, "fast");
  const wasmF64Ms = timeKernel(simd, net, rows, c.side, "precise");
  const scalarMs = timeKernel(scalar, net, rows, c.side, "fast");
  const jsF32 = makeJsBatch(net, rows, "f32");
  fillInputs(jsF32.inputs, c.side, 7);
  const jsF32Ms = time(() => jsForward(net, jsF32));
  const jsF64 = makeJsBatch(net, rows, "f64");
  fillInputs(jsF64.inputs, c.side, 7);
  const jsF64Ms = time(() => jsForward(net, jsF64));
  const jsMs = Math.min(jsF32Ms, jsF64Ms);
  return {
    name: c.name,
    wasm_ms: round(wasmMs),
    js_ms: round(jsMs),
    ratio: round(jsMs / wasmMs),
    wasm_f64_ms: round(wasmF64Ms),
    js_f64_ms: round(jsF64Ms),
    ratio_f64: round(jsF64Ms / wasmF64Ms),
    wasm_scalar_ms: round(scalarMs),
  };
});

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

const wasmBytes = (await stat(new URL("../public/wasm/kernel-simd.wasm", import.meta.url))).size;
const scalarBytes = (await stat(new URL("../public/wasm/kernel-scalar.wasm", import.meta.url))).size;

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ cases: results, wasm_bytes: wasmBytes, wasm_scalar_bytes: scalarBytes }));
} else {
  console.log(`kernel benchmark: median of ${RUNS} runs after ${WARMUP} warm-up runs, Node ${process.version}`);
  console.log("every neuron's z and a kept; wasm time includes writing the weights (the cost of one edit)");
  console.log("wasm = SIMD build, fast mode (float32); *_f64 = precise mode (float64); see bench/kernel.ts\n");
  console.table(results);
  console.log(`kernel-simd.wasm ${wasmBytes} bytes, kernel-scalar.wasm ${scalarBytes} bytes`);
  console.log("js baseline: bench/js-forward.ts, run by tsx (esbuild, useDefineForClassFields false; no classes)");
}
