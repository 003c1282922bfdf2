// One loader for browser and Node: the caller says how to get the bytes of a .wasm file
// (fetch in the browser, fs on the server), and both get the same kernel from the same file.
import { Kernel, type KernelBuild, type KernelExports } from "./kernel";

export const KERNEL_FILES: Record<KernelBuild, string> = {
  simd: "kernel-simd.wasm",
  scalar: "kernel-scalar.wasm",
};

export type WasmBytesSource = (fileName: string) => Promise<BufferSource>;

export interface LoadOptions {
  /** "auto" (default) uses SIMD where the engine supports it, else the scalar build. */
  build?: KernelBuild | "auto";
}

export async function loadKernel(source: WasmBytesSource, options: LoadOptions = {}): Promise<Kernel> {
  const wanted = options.build ?? "auto";
  if (wanted !== "scalar") {
    const bytes = await source(KERNEL_FILES.simd);
    // validate() is the feature test: an engine without wasm SIMD rejects the module
    if (WebAssembly.validate(bytes)) return instantiate(bytes, "simd");
    if (wanted === "simd") throw new Error("this WebAssembly engine does not support SIMD");
  }
  return instantiate(await source(KERNEL_FILES.scalar), "scalar");
}

async function instantiate(bytes: BufferSource, build: KernelBuild): Promise<Kernel> {
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: {
      abort() {
        throw new Error("kernel aborted");
      },
    },
  });
  return new Kernel(instance.exports as unknown as KernelExports, build);
}
