// Renews this process's session leases (lease.ts) from a worker thread with a Redis connection of
// its own (lease-keeper-worker.ts), so that renewing does not wait for the event loop: a main thread
// busy for seconds under load — 2 000 joins at once on a loaded 2-core machine — used to miss its
// renewals and lose its sessions to another process, which then refused joins `unavailable` while
// they moved. Safety is unchanged: the fencing token (the lease's, written to the session's row)
// still guards every write, and the thread renews only while the main thread shows a heartbeat:
// silent for longer than `stallMs` (hung, not just busy), its leases run out after `ttlMs` like a
// dead process's, and another process takes its sessions over (docs/architecture.md "Scale-out").
import { Worker } from "node:worker_threads";
import type { Lease } from "./lease";

export interface KeeperData {
  redisUrl: string;
  prefix: string;
  processId: string;
  ttlMs: number;
  stallMs: number;
  /** a SharedArrayBuffer of one BigInt64: the main thread's last heartbeat, Date.now() */
  heartbeat: SharedArrayBuffer;
}

export type ToKeeper =
  { type: "hold"; code: string; token: number } | { type: "drop"; code: string; token: number } | { type: "close" };

export type FromKeeper =
  | { type: "ready" }
  /** the lease is not ours any more (expired, maybe taken over): stop serving the session */
  | { type: "lost"; code: string; token: number }
  /** the main thread showed no heartbeat for `silentMs`: the leases are left to run out */
  | { type: "stalled"; silentMs: number }
  | { type: "closed" };

export interface KeeperOptions {
  redisUrl: string;
  prefix: string;
  processId: string;
  ttlMs: number;
  /** how long the main thread may show no heartbeat before the leases are left to run out */
  stallMs: number;
  logError: (message: string, error: unknown) => void;
}

/** how often the main thread writes its heartbeat */
const HEARTBEAT_MS = 200;

export class LeaseKeeper {
  private readonly heart: BigInt64Array;
  /** the leases the thread renews, code → token (if it dies, they are all lost) */
  private readonly held = new Map<string, number>();
  private readonly beating: NodeJS.Timeout;
  private closed = false;
  /** told when a held lease is lost */
  onLost: (lease: Lease) => void = () => {};

  private constructor(
    private readonly worker: Worker,
    heartbeat: SharedArrayBuffer,
    private readonly options: KeeperOptions,
  ) {
    this.heart = new BigInt64Array(heartbeat);
    this.beat();
    this.beating = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.beating.unref();
    worker.on("message", (message: FromKeeper) => {
      if (message.type === "lost") this.lost({ code: message.code, token: message.token });
      else if (message.type === "stalled") {
        options.logError(
          "lease keeper: the event loop stopped beating; leases left to lapse, silent ms:",
          message.silentMs,
        );
      }
    });
    worker.on("error", (error) => options.logError("lease keeper failed:", error));
    // a thread that died renews nothing: its leases run out, so this process stops serving them now
    worker.on("exit", (code) => {
      if (this.closed) return;
      options.logError("lease keeper exited: its leases are given up, exit code", code);
      this.closed = true;
      clearInterval(this.beating);
      for (const [sessionCode, token] of [...this.held]) this.lost({ code: sessionCode, token });
    });
  }

  static async start(options: KeeperOptions): Promise<LeaseKeeper> {
    const heartbeat = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT);
    Atomics.store(new BigInt64Array(heartbeat), 0, BigInt(Date.now()));
    const { logError: _logError, ...rest } = options;
    const workerData: KeeperData = { ...rest, heartbeat };
    const worker = new Worker(new URL("./lease-keeper-entry.mjs", import.meta.url), { workerData });
    worker.unref(); // the process ends when its main thread is done; close() stops it cleanly first
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromKeeper) => {
        if (message.type !== "ready") return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve();
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the lease keeper exited with ${code} while starting`)));
    });
    return new LeaseKeeper(worker, heartbeat, options);
  }

  /** Keeps renewing `lease` until dropped (or lost). */
  hold(lease: Lease): void {
    if (this.closed) return;
    this.held.set(lease.code, lease.token);
    this.worker.postMessage({ type: "hold", ...lease } satisfies ToKeeper);
  }

  /** Stops renewing `lease` (given up, or lost). */
  drop(lease: Lease): void {
    if (this.held.get(lease.code) === lease.token) this.held.delete(lease.code);
    if (!this.closed) this.worker.postMessage({ type: "drop", ...lease } satisfies ToKeeper);
  }

  private lost(lease: Lease): void {
    if (this.held.get(lease.code) === lease.token) this.held.delete(lease.code);
    this.onLost(lease);
  }

  /** Stops renewing (a renewal under way finishes first) and ends the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.beating);
    const closed = new Promise<void>((resolve) => {
      this.worker.on("message", (message: FromKeeper) => message.type === "closed" && resolve());
      this.worker.once("exit", () => resolve());
    });
    this.worker.postMessage({ type: "close" } satisfies ToKeeper);
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
    await this.worker.terminate();
  }

  private beat(): void {
    Atomics.store(this.heart, 0, BigInt(Date.now()));
  }
}
