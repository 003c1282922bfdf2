// The parts several server processes share (REDIS_URL set): one Redis connection, the leases that
// say which process owns a session (lease.ts), the bus that forwards requests to it (bus.ts), and
// Socket.IO's Redis Streams adapter that carries the owner's broadcasts to every process's sockets.
// Made once by the composition root (server/app.ts); docs/architecture.md "Scale-out".
import { randomBytes } from "node:crypto";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient, type RedisClientType } from "redis";
import { ProcessBus } from "./bus";
import { LeaseManager } from "./lease";

export interface ClusterOptions {
  redisUrl: string;
  /** key prefix for everything this deployment keeps in Redis (default "al:"; tests: one per run) */
  prefix?: string;
  /** how long a session's lease lasts unrenewed: how soon a dead owner's sessions move (default 3 s) */
  leaseTtlMs?: number;
  logError?: (message: string, error: unknown) => void;
}

export class Cluster {
  private constructor(
    readonly redis: RedisClientType,
    readonly prefix: string,
    /** this process among the others: unique while it lives */
    readonly processId: string,
    readonly leases: LeaseManager,
    readonly bus: ProcessBus,
  ) {}

  static async open(options: ClusterOptions): Promise<Cluster> {
    const logError = options.logError ?? ((message, error) => console.error(message, error));
    const redis: RedisClientType = createClient({ url: options.redisUrl });
    redis.on("error", (error: unknown) => logError("redis:", error));
    await redis.connect();
    const prefix = options.prefix ?? "al:";
    const processId = `${process.pid}-${randomBytes(4).toString("hex")}`;
    const leases = new LeaseManager(redis, { prefix, processId, ttlMs: options.leaseTtlMs ?? 3000 });
    const bus = await ProcessBus.open(redis, { prefix, processId, logError });
    return new Cluster(redis, prefix, processId, leases, bus);
  }

  /** Socket.IO's adapter on this deployment's stream (connection-state recovery works across processes). */
  adapter(): ReturnType<typeof createAdapter> {
    return createAdapter(this.redis, {
      streamName: `${this.prefix}socket.io`,
      sessionKeyPrefix: `${this.prefix}sio:session:`,
    });
  }

  get connected(): boolean {
    return this.redis.isReady;
  }

  async close(): Promise<void> {
    await this.bus.close();
    await this.redis.quit().catch(() => {});
  }
}
