// Loads the wasm kernel once at start-up from public/wasm (built by `npm run build:wasm`).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Kernel } from "../lib/kernel/kernel";
import { loadKernel } from "../lib/kernel/loader";
import { PROJECT_ROOT } from "./paths";

export const WASM_DIR = join(PROJECT_ROOT, "public", "wasm");

export async function loadServerKernel(dir: string = WASM_DIR): Promise<Kernel> {
  try {
    return await loadKernel((fileName) => readFile(join(dir, fileName)));
  } catch (error) {
    throw new Error(`cannot load the wasm kernel from ${dir} (run \`npm run build:wasm\`)`, { cause: error });
  }
}
