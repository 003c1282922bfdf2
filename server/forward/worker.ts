// A forward worker thread (started by server/forward/pool.ts through worker-entry.mjs): loads the
// same .wasm as the server and runs one POST /api/forward at a time, off the event loop that
// serves live sessions: parse the body, check the cost budget, run the kernel, and send the JSON
// answer in pieces, at most PIECES_IN_FLIGHT ahead of what the main thread has written out.
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { MAX_FORWARD_ROWS, parseForwardRequest } from "../../lib/api/forward";
import { KernelMemoryError, type Kernel } from "../../lib/kernel/kernel";
import { neuronCount } from "../../lib/network/model";
import type { Refusal } from "../../lib/validation";
import { parseJsonBytes } from "../http/body";
import { ApiError } from "../http/reply";
import { loadServerKernel } from "../kernel";
import { forwardJsonPieces } from "./json";
import { FORWARD_WORKER_NICE, FORWARD_WORKER_ROLE, PIECES_IN_FLIGHT, type FromWorker, type ToWorker } from "./messages";

/** Where a worker's messages go and come from: the thread's parentPort, or one end of a MessageChannel. */
export interface JobPort {
  postMessage(message: FromWorker, transfer?: ArrayBuffer[]): void;
  on(event: "message", listener: (message: ToWorker) => void): unknown;
}

/** Answers forward jobs arriving on `port`, one at a time, with `kernel`. */
export function serveForwardJobs(port: JobPort, kernel: Kernel): void {
  const encoder = new TextEncoder();
  /** the job being answered: its pieces still to send and how many may go now */
  let current: { id: number; pieces: Generator<string>; credit: number } | null = null;

  const post = (message: FromWorker) => {
    if (message.type === "piece") port.postMessage(message, [message.bytes.buffer as ArrayBuffer]);
    else port.postMessage(message);
  };

  const pump = () => {
    while (current && current.credit > 0) {
      const next = current.pieces.next();
      if (next.done) {
        post({ type: "end", id: current.id });
        current = null;
        return;
      }
      current.credit--;
      post({ type: "piece", id: current.id, bytes: encoder.encode(next.value) });
    }
  };

  const start = (id: number, body: Uint8Array, maxCost: number) => {
    const answer = computeAnswer(kernel, body, maxCost);
    if (!answer.ok) return post({ type: "refused", id, ...answer.refused });
    post({ type: "head", id, cost: answer.cost });
    current = { id, pieces: answer.pieces, credit: PIECES_IN_FLIGHT };
    pump();
  };

  port.on("message", (message) => {
    try {
      switch (message.type) {
        case "job":
          current = null;
          start(message.id, message.body, message.maxCost);
          break;
        case "more":
          if (current?.id === message.id) {
            current.credit++;
            pump();
          }
          break;
        case "cancel":
          if (current?.id === message.id) current = null;
          break;
      }
    } catch (error) {
      current = null;
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      post({ type: "failed", id: message.id, message: text });
    }
  });

  post({ type: "ready", build: kernel.build });
}

type Computed =
  | { ok: true; cost: number; pieces: Generator<string> }
  | { ok: false; refused: { status: number; error: Refusal; cost: number } };

/** Parse, check the budget, run the kernel: the answer's pieces, or the refusal the API sends. */
function computeAnswer(kernel: Kernel, body: Uint8Array, maxCost: number): Computed {
  const refuse = (status: number, error: Refusal, cost = 0): Computed => ({
    ok: false,
    refused: { status, error, cost },
  });
  let value: unknown;
  try {
    value = parseJsonBytes(body);
  } catch (error) {
    if (error instanceof ApiError) return refuse(error.status, error.refusal);
    throw error;
  }
  const parsed = parseForwardRequest(value);
  if (!parsed.ok) return refuse(parsed.error.code === "invalid_request" ? 400 : 422, parsed.error);
  const { network, inputs, answer } = parsed.value;
  const neurons = neuronCount(network);
  const cost = inputs.length * neurons;
  if (cost > maxCost) {
    const rows = Math.min(MAX_FORWARD_ROWS, Math.max(1, Math.floor(maxCost / neurons)));
    const message =
      `inputs: ${inputs.length} rows × ${neurons} neurons = ${cost} is over this server's budget of ${maxCost} ` +
      `per request; send at most ${rows} rows of this network per request`;
    return refuse(422, { code: "too_costly", message, path: "inputs" }, cost);
  }
  try {
    kernel.runRows(network, inputs);
  } catch (error) {
    if (error instanceof KernelMemoryError) return refuse(503, { code: "kernel_memory", message: error.message }, cost);
    throw error;
  }
  const columns = {
    rows: inputs.length,
    layerSizes: network.layers.map((layer) => layer.neurons.length),
    z: (l: number, j: number) => kernel.z(l, j),
    a: (l: number, j: number) => kernel.a(l, j),
  };
  return { ok: true, cost, pieces: forwardJsonPieces(columns, answer) };
}

// Started by the pool as a worker thread (not merely imported, e.g. by a test): serve it. On
// Linux a nice value belongs to a thread, so this one yields the CPU to the event loop that serves
// live sessions (elsewhere setPriority would lower the whole process: left alone there).
if (parentPort && (workerData as { role?: string } | null)?.role === FORWARD_WORKER_ROLE) {
  if (process.platform === "linux") setPriority(FORWARD_WORKER_NICE);
  serveForwardJobs(parentPort, await loadServerKernel());
}
