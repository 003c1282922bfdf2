// One loader for browser and Node: the caller says how to get the bytes of a .wasm file
// (fetch in the browser, fs on the server), and both get the same kernel from the same file.
// Two modules, each built with and without SIMD (scripts/build-wasm.mjs): the forward pass
// (kernel-*.wasm, every page that draws) and training (train-*.wasm, the training worker and
// the server's recomputations).
import { Kernel, KERNEL_EXPORTS, type KernelBuild, type KernelExports } from "./kernel";
import { TrainingKernel, TRAINING_EXPORTS, type TrainingExports } from "./training-kernel";

export type WasmModule = "kernel" | "train";

export const WASM_FILES: Record<WasmModule, Record<KernelBuild, string>> = {
  kernel: { simd: "kernel-simd.wasm", scalar: "kernel-scalar.wasm" },
  train: { simd: "train-simd.wasm", scalar: "train-scalar.wasm" },
};

/** The forward module's files. */
export const KERNEL_FILES = WASM_FILES.kernel;

export type WasmBytesSource = (fileName: string) => Promise<BufferSource>;

export interface LoadOptions {
  /** "auto" (default) uses SIMD where the engine supports it, else the scalar build. */
  build?: KernelBuild | "auto";
}

/** The forward pass (and heatmaps). */
export async function loadKernel(source: WasmBytesSource, options: LoadOptions = {}): Promise<Kernel> {
  const { exports, build } = await instantiateModule(source, "kernel", options);
  return new Kernel(checkExports<KernelExports>(exports, KERNEL_EXPORTS, "kernel"), build);
}

/** Training (lib/training/kernel-trainer.ts). */
export async function loadTrainingKernel(source: WasmBytesSource, options: LoadOptions = {}): Promise<TrainingKernel> {
  const { exports, build } = await instantiateModule(source, "train", options);
  return new TrainingKernel(checkExports<TrainingExports>(exports, TRAINING_EXPORTS, "train"), build);
}

async function instantiateModule(
  source: WasmBytesSource,
  module: WasmModule,
  options: LoadOptions,
): Promise<{ exports: WebAssembly.Exports; build: KernelBuild }> {
  const files = WASM_FILES[module];
  const wanted = options.build ?? "auto";
  if (wanted !== "scalar") {
    const bytes = await source(files.simd);
    // validate() is the feature test: an engine without wasm SIMD rejects the module
    if (WebAssembly.validate(bytes)) return { exports: await instantiate(bytes), build: "simd" };
    if (wanted === "simd") throw new Error("this WebAssembly engine does not support SIMD");
  }
  return { exports: await instantiate(await source(files.scalar)), build: "scalar" };
}

async function instantiate(bytes: BufferSource): Promise<WebAssembly.Exports> {
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: {
      abort() {
        throw new Error("kernel aborted");
      },
    },
  });
  return instance.exports;
}

/** The module's exports as `T`, once each name is there (a wrong or stale file fails here, by name). */
function checkExports<T extends object>(
  exports: WebAssembly.Exports,
  names: readonly (keyof T & string)[],
  module: WasmModule,
): WebAssembly.Exports & T {
  if (providesAll<T>(exports, names)) return exports;
  const missing = names.filter((name) => !(name in exports));
  throw new Error(`the ${module} module lacks ${missing.join(", ")}: run \`npm run build:wasm\``);
}

function providesAll<T>(exports: WebAssembly.Exports, names: readonly string[]): exports is WebAssembly.Exports & T {
  return names.every((name) => name in exports);
}
