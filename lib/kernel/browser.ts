// The kernel in the browser: the same .wasm files the server reads (public/wasm/, served as
// /wasm/*.wasm with Content-Type application/wasm), fetched once per page — the one fetcher every
// browser kernel uses — and the page's shared instance.
import type { Kernel } from "./kernel";
import { loadKernel, loadTrainingKernel, type LoadOptions } from "./loader";
import type { TrainingKernel } from "./training-kernel";

const bytes = new Map<string, Promise<ArrayBuffer>>();

/** The bytes of `/wasm/{fileName}`, fetched once per page (a failed fetch may be tried again). */
export function fetchWasm(fileName: string): Promise<ArrayBuffer> {
  let pending = bytes.get(fileName);
  if (!pending) {
    pending = fetch(`/wasm/${fileName}`).then((response) => {
      if (!response.ok) throw new Error(`could not load /wasm/${fileName}: HTTP ${response.status}`);
      return response.arrayBuffer();
    });
    pending.catch(() => bytes.delete(fileName));
    bytes.set(fileName, pending);
  }
  return pending;
}

let loading: Promise<Kernel> | null = null;

/**
 * The page's one kernel instance (SIMD where the browser supports it, else scalar). Every call
 * returns the same promise; the options of the first call choose the build.
 */
export function loadBrowserKernel(options: LoadOptions = {}): Promise<Kernel> {
  if (!loading) {
    loading = loadKernel(fetchWasm, options);
    // a failed load (offline, server restarting) may be retried by the next caller
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * A training module instance of its own (the training worker's): only train-*.wasm is fetched,
 * never the forward kernel.
 */
export function loadBrowserTrainingKernel(options: LoadOptions = {}): Promise<TrainingKernel> {
  return loadTrainingKernel(fetchWasm, options);
}
