// POST /api/forward: every neuron's z and a for each input row (or only the outputs, with
// `"return": "outputs"`), computed by the wasm kernel in a worker thread (server/forward/pool.ts)
// and streamed as it is written. This thread only reads the body's bytes and passes the answer on.
// Limits: the client's address pays rows × neurons per call (429 rate_limited past its budget);
// a call over the per-request budget is refused 422 too_costly; when every worker is busy and the
// queue is full, 503 forward_busy.
import { readJsonBytes } from "./body";
import { ForwardBusyError } from "../forward/pool";
import { ApiError } from "./reply";
import type { Route } from "./router";
import type { ApiServices } from "./services";

export function forwardRoutes({ forward, limits }: ApiServices): Route[] {
  return [
    {
      method: "POST",
      path: "/api/forward",
      async handler({ req, res }) {
        const address = limits.address(req);
        limits.startForward(address);
        const body = await readJsonBytes(req);
        let job;
        try {
          job = forward.submit(body);
        } catch (error) {
          if (!(error instanceof ForwardBusyError)) throw error;
          throw new ApiError(
            503,
            {
              code: "forward_busy",
              message: `the server is busy with other forward calls (${error.message}): try again`,
            },
            { "retry-after": "1" },
          );
        }
        const cancel = () => job.cancel();
        res.once("close", cancel);
        const head = await job.head;
        limits.finishForward(address, head.cost);
        if (!head.ok) {
          res.off("close", cancel);
          throw new ApiError(head.status, head.error);
        }
        return { status: 200, stream: job.pieces() };
      },
    },
  ];
}
