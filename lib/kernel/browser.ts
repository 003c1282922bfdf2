// The kernel in the browser: the same .wasm files the server reads (public/wasm/, served as
// /wasm/*.wasm with Content-Type application/wasm), loaded once per page and shared.
import type { Kernel } from "./kernel";
import { loadKernel, type LoadOptions } from "./loader";

let loading: Promise<Kernel> | null = null;

async function fetchWasm(fileName: string): Promise<ArrayBuffer> {
  const response = await fetch(`/wasm/${fileName}`);
  if (!response.ok) throw new Error(`could not load /wasm/${fileName}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

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
