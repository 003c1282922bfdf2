// Loads the wasm kernel once at start-up from public/wasm (built by `npm run build:wasm`): the
// very files the browser fetches.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Kernel } from "../lib/kernel/kernel";
import { loadKernel, loadTrainingKernel } from "../lib/kernel/loader";
import type { TrainingKernel } from "../lib/kernel/training-kernel";
import { PROJECT_ROOT } from "./paths";

export const WASM_DIR = join(PROJECT_ROOT, "public", "wasm");

export async function loadServerKernel(dir: string = WASM_DIR): Promise<Kernel> {
  try {
    return await loadKernel((fileName) => readFile(join(dir, fileName)));
  } catch (error) {
    throw new Error(`cannot load the wasm kernel from ${dir} (run \`npm run build:wasm\`)`, { cause: error });
  }
}

/**
 * The training module, for recomputing a network's loss on a seeded data set
 * (lib/training/kernel-trainer.ts evaluateOnKernel): the numbers a browser's trainer shows.
 */
export async function loadServerTrainingKernel(dir: string = WASM_DIR): Promise<TrainingKernel> {
  try {
    return await loadTrainingKernel((fileName) => readFile(join(dir, fileName)));
  } catch (error) {
    throw new Error(`cannot load the wasm training module from ${dir} (run \`npm run build:wasm\`)`, { cause: error });
  }
}
