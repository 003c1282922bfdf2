// Requests from one server process to another over Redis pub/sub: how a process that holds a
// client's socket hands the client's operation to the session's owner and gets the owner's answer
// back (docs/architecture.md, "Several processes"). Each process listens on a channel of its own;
// a request carries an id and the sender's channel, the answer comes back there.
//
// Redis's PUBLISH answers how many listeners received a message: 0 means the target process is
// gone (killed, not started), which the caller learns at once instead of after a timeout: that is
// what makes a failover fast. A request that reached a process which then dies times out; the
// caller decides whether to retry (operations carry ids, so a retry is applied at most once).
import { randomBytes } from "node:crypto";
import type { RedisClientType } from "redis";

export type BusHandler = (body: unknown) => Promise<unknown>;

export class BusError extends Error {
  constructor(
    /**
     * unreachable: the request reached no process; gone: it reached one that died before answering
     * (as far as anyone knows, it may have been applied); timeout; closed (this process); remote:
     * the other process's handler failed
     */
    readonly reason: "unreachable" | "gone" | "timeout" | "closed" | "remote",
    message: string,
  ) {
    super(message);
    this.name = "BusError";
  }
}

interface Envelope {
  /** request id, or the id being answered */
  id: string;
  kind: "request" | "reply" | "failure";
  /** the requester's channel (requests only) */
  from?: string;
  body: unknown;
}

/**
 * Whether the process asked is still the one to answer (server/cluster/session-ref.ts: it still
 * holds the session's lease): looked at while the request waits, once per `key` and look; false
 * fails the request as "gone" (its writes are fenced off: asking elsewhere is safe).
 */
export interface StillServing {
  key: string;
  check(): Promise<boolean>;
}

interface Waiting {
  /** the process asked */
  to: string;
  serving?: StillServing;
  resolve(body: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface BusOptions {
  prefix: string;
  processId: string;
  /** how long a request may wait for its answer (default 5 s) */
  timeoutMs?: number;
  logError?: (message: string, error: unknown) => void;
}

export class ProcessBus {
  private readonly waiting = new Map<string, Waiting>();
  private handler: BusHandler | null = null;
  private closed = false;
  /** while requests wait: looks whether the processes asked still listen (`watch`) */
  private watcher: NodeJS.Timeout | null = null;
  private readonly timeoutMs: number;
  private readonly logError: (message: string, error: unknown) => void;

  private constructor(
    private readonly publisher: RedisClientType,
    private readonly subscriber: RedisClientType,
    private readonly options: BusOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.logError = options.logError ?? ((message, error) => console.error(message, error));
  }

  /** Listens on this process's channel (a duplicate connection: a subscribed client only listens). */
  static async open(publisher: RedisClientType, options: BusOptions): Promise<ProcessBus> {
    const subscriber = publisher.duplicate();
    const bus = new ProcessBus(publisher, subscriber, options);
    subscriber.on("error", (error: unknown) => bus.logError("redis (bus subscriber):", error));
    await subscriber.connect();
    await subscriber.subscribe(bus.channel(options.processId), (message) => bus.receive(message));
    return bus;
  }

  /** Answers requests from other processes (one handler: the live sessions' entry point). */
  serve(handler: BusHandler): void {
    this.handler = handler;
  }

  /** Sends `body` to process `processId` and resolves with its handler's answer. */
  async request(
    processId: string,
    body: unknown,
    timeoutMs = this.timeoutMs,
    serving?: StillServing,
  ): Promise<unknown> {
    if (this.closed) throw new BusError("closed", "this process is shutting down");
    const id = randomBytes(9).toString("base64url");
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new BusError("timeout", `process ${processId} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, { to: processId, resolve, reject, timer, ...(serving ? { serving } : {}) });
    });
    this.watch();
    // settled early (closed, unreachable) while the PUBLISH below is awaited: handled by the caller later
    answer.catch(() => {});
    const envelope: Envelope = { id, kind: "request", from: this.options.processId, body };
    const receivers = await this.publisher.publish(this.channel(processId), JSON.stringify(envelope));
    if (receivers === 0) {
      this.settle(id, new BusError("unreachable", `process ${processId} is not listening`));
      this.gone(processId);
    }
    return answer;
  }

  /**
   * Nobody listens on `processId`'s channel any more: the requests still waiting on it will not be
   * answered (it died after receiving them), so they fail now, not at their timeout.
   */
  private gone(processId: string): void {
    for (const [id, waiting] of [...this.waiting]) {
      if (waiting.to === processId)
        this.settle(id, new BusError("gone", `process ${processId} stopped before answering`));
    }
  }

  /**
   * Every half second while requests wait, asks Redis whether their processes still listen
   * (PUBSUB NUMSUB): a process killed with its requests in hand is found out within a second,
   * even when nothing else is sent to it. And whether they still serve what was asked (a hung
   * process that let its session's lease lapse still listens).
   */
  private watch(): void {
    if (this.watcher || this.closed) return;
    this.watcher = setInterval(() => {
      const targets = new Set([...this.waiting.values()].map((w) => w.to));
      if (targets.size === 0 || this.closed) {
        if (this.watcher) clearInterval(this.watcher);
        this.watcher = null;
        return;
      }
      const channels = [...targets].map((to) => this.channel(to));
      this.publisher.pubSubNumSub(channels).then(
        (counts) => {
          for (const to of targets) if (counts[this.channel(to)] === 0) this.gone(to);
        },
        () => {}, // Redis away: the timeouts still hold
      );
      this.stillServing();
    }, 500);
    this.watcher.unref();
  }

  /** Fails the waiting requests whose process no longer serves what they asked (one look per key). */
  private stillServing(): void {
    const looks = new Map<string, StillServing>();
    for (const waiting of this.waiting.values()) if (waiting.serving) looks.set(waiting.serving.key, waiting.serving);
    for (const [key, serving] of looks) {
      serving.check().then(
        (still) => {
          if (still) return;
          for (const [id, waiting] of [...this.waiting]) {
            if (waiting.serving?.key === key)
              this.settle(id, new BusError("gone", `process ${waiting.to} no longer serves ${key}`));
          }
        },
        () => {}, // Redis away: the timeouts still hold
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watcher) clearInterval(this.watcher);
    for (const id of [...this.waiting.keys()]) this.settle(id, new BusError("closed", "this process is shutting down"));
    await this.subscriber.quit().catch(() => {});
  }

  private channel(processId: string): string {
    return `${this.options.prefix}bus:${processId}`;
  }

  private receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch (error) {
      this.logError("bus: a message that is not JSON", error);
      return;
    }
    if (envelope.kind === "request") void this.answer(envelope);
    else if (envelope.kind === "reply") this.settle(envelope.id, null, envelope.body);
    else this.settle(envelope.id, new BusError("remote", String(envelope.body)));
  }

  private async answer(request: Envelope): Promise<void> {
    if (!request.from) return;
    let reply: Envelope;
    try {
      if (!this.handler) throw new Error("this process serves no requests");
      reply = { id: request.id, kind: "reply", body: await this.handler(request.body) };
    } catch (error) {
      this.logError("bus: a request failed:", error);
      reply = { id: request.id, kind: "failure", body: error instanceof Error ? error.message : "failed" };
    }
    if (this.closed) return;
    await this.publisher
      .publish(this.channel(request.from), JSON.stringify(reply))
      .catch((error: unknown) => this.logError("bus: could not answer:", error));
  }

  private settle(id: string, error: Error | null, body?: unknown): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return; // answered late, after its timeout
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    if (error) waiting.reject(error);
    else waiting.resolve(body);
  }
}
