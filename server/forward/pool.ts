// Worker threads that run POST /api/forward (server/forward/worker.ts), so that parsing a 2 MB
// body, running the kernel on 10 000 rows and writing a 50 MB answer never block the event loop
// that serves live sessions. Each worker loads the same .wasm as the server and answers one job at
// a time; jobs wait in a bounded queue, and one more is refused (503 forward_busy). The answer
// streams: a worker sends a few pieces ahead of what the client has read (flow control), so memory
// stays proportionate however large the answer or slow the client.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Refusal } from "../../lib/validation";
import { FORWARD_WORKER_ROLE, type FromWorker, type ToWorker } from "./messages";

export interface ForwardPoolOptions {
  /** worker threads */
  workers: number;
  /** jobs that may wait for a worker; one more is refused */
  queue: number;
  /** rows × neurons one request may cost; more is refused 422 too_costly */
  maxCost: number;
}

/** One fewer worker than the machine has cores (the event loop keeps one), at least 1. */
export function defaultForwardWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Every worker is busy and `queue` jobs wait already. */
export class ForwardBusyError extends Error {}

/** The worker's verdict on a job: refused (as the API answers it), or answering. */
export type ForwardHead = { ok: true; cost: number } | { ok: false; status: number; error: Refusal; cost: number };

export interface ForwardJob {
  readonly head: Promise<ForwardHead>;
  /** The answer's pieces (after an ok head). Leaving the loop early cancels the job. */
  pieces(): AsyncGenerator<Uint8Array>;
  /** The client went away: drop the job (queued or running). */
  cancel(): void;
}

const CANCELLED: ForwardHead = {
  ok: false,
  status: 499,
  error: { code: "cancelled", message: "the client closed the connection" },
  cost: 0,
};

class Job implements ForwardJob {
  readonly head: Promise<ForwardHead>;
  settleHead!: (head: ForwardHead) => void;
  readonly waiting: Uint8Array[] = [];
  ended = false;
  failure: Error | null = null;
  /** set while a worker runs it */
  slot: Slot | null = null;
  private wake: (() => void) | null = null;

  constructor(
    readonly id: number,
    readonly body: Uint8Array,
    readonly maxCost: number,
    private readonly pool: ForwardPool,
  ) {
    this.head = new Promise((resolve) => (this.settleHead = resolve));
  }

  notify(): void {
    this.wake?.();
    this.wake = null;
  }

  async *pieces(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const piece = this.waiting.shift();
        if (piece) {
          yield piece;
          // written out: the worker may send one more
          this.slot?.post({ type: "more", id: this.id });
          continue;
        }
        if (this.failure) throw this.failure;
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      if (!this.ended && !this.failure) this.cancel();
    }
  }

  cancel(): void {
    this.pool.cancel(this);
  }
}

class Slot {
  job: Job | null = null;
  ready = false;

  constructor(readonly worker: Worker) {}

  post(message: ToWorker): void {
    if (message.type === "job") this.worker.postMessage(message, [message.body.buffer as ArrayBuffer]);
    else this.worker.postMessage(message);
  }
}

export class ForwardPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly options: ForwardPoolOptions,
    private readonly logError: (message: string, error: unknown) => void,
  ) {}

  /** Starts the workers; resolves once each has loaded the kernel. */
  static async start(
    options: ForwardPoolOptions,
    logError: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
  ): Promise<ForwardPool> {
    const pool = new ForwardPool(options, logError);
    try {
      await Promise.all(Array.from({ length: Math.max(1, options.workers) }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /**
   * Queues a job for the next free worker. The body is transferred (unusable here afterwards).
   * Throws ForwardBusyError when every worker is busy and the queue is full.
   */
  submit(body: Uint8Array): ForwardJob {
    if (this.closed) throw new ForwardBusyError("the server is closing");
    const free = this.slots.some((slot) => slot.ready && !slot.job);
    if (!free && this.queue.length >= this.options.queue) {
      throw new ForwardBusyError(`${this.slots.length} forward calls run and ${this.queue.length} wait`);
    }
    // a copy that owns its whole buffer: only that can be transferred
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : Uint8Array.from(body);
    const job = new Job(this.nextId++, own, this.options.maxCost, this);
    this.queue.push(job);
    this.dispatch();
    return job;
  }

  cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = job.slot;
    if (slot) {
      slot.post({ type: "cancel", id: job.id });
      this.release(slot);
    }
    job.ended = true;
    job.settleHead(CANCELLED);
    job.notify();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.fail(job, new Error("the server is closing"));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Promise<void> {
    const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), {
      workerData: { role: FORWARD_WORKER_ROLE },
    });
    const slot = new Slot(worker);
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (message: FromWorker) => {
        if (message.type === "ready") {
          slot.ready = true;
          resolve();
          this.dispatch();
        } else {
          this.receive(slot, message);
        }
      });
      worker.on("error", (error) => {
        reject(error);
        this.logError("forward worker failed:", error);
      });
      worker.on("exit", (code) => {
        reject(new Error(`forward worker exited with ${code} while starting`));
        this.lost(slot, code);
      });
    });
  }

  /** A worker ended (crashed, or close()): its job fails, and a new worker takes its place. */
  private lost(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (slot.job) this.fail(slot.job, new Error(`the forward worker exited with ${code}`));
    slot.job = null;
    if (!this.closed && slot.ready) {
      this.spawn().catch((error: unknown) => this.logError("a new forward worker could not start:", error));
    }
  }

  private receive(slot: Slot, message: Exclude<FromWorker, { type: "ready" }>): void {
    const job = slot.job;
    if (!job || job.id !== message.id) return; // a cancelled job's last words
    switch (message.type) {
      case "refused":
        job.ended = true;
        job.settleHead({ ok: false, status: message.status, error: message.error, cost: message.cost });
        this.release(slot);
        break;
      case "head":
        job.settleHead({ ok: true, cost: message.cost });
        break;
      case "piece":
        job.waiting.push(message.bytes);
        job.notify();
        break;
      case "end":
        job.ended = true;
        job.notify();
        this.release(slot);
        break;
      case "failed":
        this.fail(job, new Error(`forward worker: ${message.message}`));
        this.release(slot);
        break;
    }
  }

  private fail(job: Job, error: Error): void {
    job.failure = error;
    job.slot = null;
    // before any answer, a failure is the router's 500; after the head, the stream breaks off
    job.settleHead({ ok: false, status: 500, error: { code: "internal", message: "internal server error" }, cost: 0 });
    job.notify();
    this.logError("forward job failed:", error);
  }

  private release(slot: Slot): void {
    if (slot.job) slot.job.slot = null;
    slot.job = null;
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      job.slot = slot;
      slot.post({ type: "job", id: job.id, body: job.body, maxCost: job.maxCost });
    }
  }
}
