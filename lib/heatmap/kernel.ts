// A kernel instance of its own for each heatmap view. The kernel's memory is shared by everything
// that uses one instance: a precise single-row forward() elsewhere on the page would overwrite the
// batch of grid inputs that the heatmaps write once and reuse on every edit. So pictures never use
// the page's shared kernel (lib/kernel/browser.ts); each Heatmaps component gets a new instance.
// Only the bytes of the .wasm files are shared (fetched once per page).
import type { Kernel } from "../kernel/kernel";
import { loadKernel, type LoadOptions } from "../kernel/loader";

const bytes = new Map<string, Promise<ArrayBuffer>>();

function fetchWasmOnce(fileName: string): Promise<ArrayBuffer> {
  let pending = bytes.get(fileName);
  if (!pending) {
    pending = fetch(`/wasm/${fileName}`).then((response) => {
      if (!response.ok) throw new Error(`could not load /wasm/${fileName}: HTTP ${response.status}`);
      return response.arrayBuffer();
    });
    // a failed fetch may be retried by the next caller
    pending.catch(() => bytes.delete(fileName));
    bytes.set(fileName, pending);
  }
  return pending;
}

/** A new kernel instance, not shared with anyone: the caller owns its memory. */
export function loadBrowserKernelForPictures(options: LoadOptions = {}): Promise<Kernel> {
  return loadKernel(fetchWasmOnce, options);
}
