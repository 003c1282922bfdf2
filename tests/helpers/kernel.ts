// Loads the real .wasm builds from public/wasm for tests (run `npm run build:wasm` first;
// `npm install` does it).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { loadKernel, loadTrainingKernel } from "../../lib/kernel/loader";
import type { Kernel, KernelBuild } from "../../lib/kernel/kernel";
import type { TrainingKernel } from "../../lib/kernel/training-kernel";

const wasmDir = fileURLToPath(new URL("../../public/wasm/", import.meta.url));

export function loadTestKernel(build: KernelBuild): Promise<Kernel> {
  return loadKernel((file) => readFile(wasmDir + file), { build });
}

export function loadTestTrainingKernel(build: KernelBuild): Promise<TrainingKernel> {
  return loadTrainingKernel((file) => readFile(wasmDir + file), { build });
}
