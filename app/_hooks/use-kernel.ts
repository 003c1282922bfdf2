"use client";
// The page's WebAssembly kernel for client components: "loading" until the .wasm has been
// fetched and instantiated (once per page, shared by every component), then "ready".
import { useEffect, useState } from "react";
import { loadBrowserKernel } from "@/lib/kernel/browser";
import type { Kernel } from "@/lib/kernel/kernel";

export type KernelState =
  { status: "loading" } | { status: "ready"; kernel: Kernel } | { status: "error"; message: string };

export function useKernel(): KernelState {
  const [state, setState] = useState<KernelState>({ status: "loading" });
  useEffect(() => {
    let mounted = true;
    loadBrowserKernel().then(
      (kernel) => mounted && setState({ status: "ready", kernel }),
      (error: unknown) =>
        mounted && setState({ status: "error", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      mounted = false;
    };
  }, []);
  return state;
}
