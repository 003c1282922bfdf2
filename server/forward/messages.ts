// What the main thread and a forward worker (server/forward/worker.ts) say to each other.
import type { KernelBuild } from "../../lib/kernel/kernel";
import type { Refusal } from "../../lib/validation";

export type ToWorker =
  /** the raw body of a POST /api/forward (transferred), and the cost budget per request */
  | { type: "job"; id: number; body: Uint8Array; maxCost: number }
  /** a piece was written out: the worker may send one more (flow control) */
  | { type: "more"; id: number }
  /** the client went away: drop the job */
  | { type: "cancel"; id: number };

export type FromWorker =
  | { type: "ready"; build: KernelBuild }
  /** refused before any answer: status and refusal as the API answers them; cost: rows × neurons, 0 if unknown */
  | { type: "refused"; id: number; status: number; error: Refusal; cost: number }
  /** computed: the answer follows in pieces */
  | { type: "head"; id: number; cost: number }
  /** UTF-8 JSON (transferred) */
  | { type: "piece"; id: number; bytes: Uint8Array }
  | { type: "end"; id: number }
  | { type: "failed"; id: number; message: string };

/** Pieces a worker sends before it hears that the first was written: about 1 MB in flight. */
export const PIECES_IN_FLIGHT = 4;

/** A forward worker's nice value (Linux): below the event loop's 0, so live sessions come first. */
export const FORWARD_WORKER_NICE = 10;

/** The pool's `workerData.role`: a worker thread started for this, not a module merely imported. */
export const FORWARD_WORKER_ROLE = "activation-lab/forward";
