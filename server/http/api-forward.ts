// POST /api/forward: every neuron's z and a for each input row, computed by the wasm kernel.
import { parseForwardRequest } from "../../lib/api/forward";
import { KernelMemoryError } from "../../lib/kernel/kernel";
import { readJsonBody } from "./body";
import { ApiError } from "./reply";
import type { Route } from "./router";
import type { ApiServices } from "./services";

export function forwardRoutes({ kernel }: ApiServices): Route[] {
  return [
    {
      method: "POST",
      path: "/api/forward",
      async handler({ req }) {
        const parsed = parseForwardRequest(await readJsonBody(req));
        if (!parsed.ok) throw new ApiError(parsed.error.code === "invalid_request" ? 400 : 422, parsed.error);
        try {
          return { status: 200, body: { results: kernel.forward(parsed.value.network, parsed.value.inputs) } };
        } catch (error) {
          if (!(error instanceof KernelMemoryError)) throw error;
          throw new ApiError(503, { code: "kernel_memory", message: error.message });
        }
      },
    },
  ];
}
