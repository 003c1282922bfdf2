// A kernel instance of its own for each heatmap view. The kernel's memory is shared by everything
// that uses one instance: a precise single-row forward() elsewhere on the page would overwrite the
// batch of grid inputs that the heatmaps write once and reuse on every edit. So pictures never use
// the page's shared kernel (lib/kernel/browser.ts); each Heatmaps component gets a new instance.
// Only the bytes of the .wasm files are shared (fetched once per page).
import { fetchWasm } from "../kernel/browser";
import type { Kernel } from "../kernel/kernel";
import { loadKernel, type LoadOptions } from "../kernel/loader";

/** A new kernel instance, not shared with anyone: the caller owns its memory. */
export function loadBrowserKernelForPictures(options: LoadOptions = {}): Promise<Kernel> {
  return loadKernel(fetchWasm, options);
}
