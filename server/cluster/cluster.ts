// The parts several server processes share (REDIS_URL set): one Redis connection, the leases that
// say which process owns a session (lease.ts), the bus that forwards requests to it (bus.ts), and
// Socket.IO's Redis Streams adapter that carries the owner's broadcasts to every process's sockets.
// Made once by the composition root (server/app.ts); docs/architecture.md "Scale-out".
import { randomBytes } from "node:crypto";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient, type RedisClientType } from "redis";
import { ProcessBus } from "./bus";
import { LeaseManager } from "./lease";
import { LeaseKeeper } from "./lease-keeper";

export interface ClusterOptions {
  redisUrl: string;
  /** key prefix for everything this deployment keeps in Redis (default "al:"; tests: one per run) */
  prefix?: string;
  /** how long a session's lease lasts unrenewed: how soon a dead owner's sessions move (default 3 s) */
  leaseTtlMs?: number;
  /**
   * how long the event loop may stall before this process stops renewing its leases (default
   * 10 s): a busy process keeps its sessions, a hung one loses them (lease-keeper.ts)
   */
  leaseStallMs?: number;
  logError?: (message: string, error: unknown) => void;
}

export class Cluster {
  private constructor(
    readonly redis: RedisClientType,
    readonly prefix: string,
    /** this process among the others: unique while it lives */
    readonly processId: string,
    readonly leases: LeaseManager,
    /** renews the leases held, off the event loop */
    readonly keeper: LeaseKeeper,
    readonly bus: ProcessBus,
  ) {}

  static async open(options: ClusterOptions): Promise<Cluster> {
    const logError = options.logError ?? ((message, error) => console.error(message, error));
    const redis: RedisClientType = createClient({ url: options.redisUrl });
    redis.on("error", (error: unknown) => logError("redis:", error));
    await redis.connect();
    const prefix = options.prefix ?? "al:";
    const processId = `${process.pid}-${randomBytes(4).toString("hex")}`;
    const ttlMs = options.leaseTtlMs ?? 3000;
    const leases = new LeaseManager(redis, { prefix, processId, ttlMs });
    const keeper = await LeaseKeeper.start({
      redisUrl: options.redisUrl,
      prefix,
      processId,
      ttlMs,
      stallMs: options.leaseStallMs ?? 10_000,
      logError,
    });
    const bus = await ProcessBus.open(redis, { prefix, processId, logError }).catch(async (error: unknown) => {
      await keeper.close();
      throw error;
    });
    return new Cluster(redis, prefix, processId, leases, keeper, bus);
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
    await this.keeper.close();
    await this.bus.close();
    await this.redis.quit().catch(() => {});
  }
}
