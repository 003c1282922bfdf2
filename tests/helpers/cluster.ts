// Several real server processes (bench/realtime-server.ts as child processes) on one PostgreSQL
// database and one Redis (with this test's key prefix): a deployment of a school in miniature.
import { startChildServer, killChildServer, type ChildServer } from "./restart";
import { scratchDatabase, type ScratchDatabase } from "./database";
import { connectTestRedis, type TestRedis } from "./redis";

export interface Health {
  ok: boolean;
  database: string;
  redis: string;
  ownedSessions: number;
  processId?: string;
}

export interface TestCluster {
  db: ScratchDatabase;
  redis: TestRedis;
  servers: (ChildServer | null)[];
  /** the URL of server `i` (throws when it was killed) */
  url(i: number): string;
  health(i: number): Promise<Health>;
  /** which server owns most sessions now (-1: none) */
  owner(): Promise<number>;
  kill(i: number): Promise<void>;
  stop(): Promise<void>;
}

/** `env`: added to every server's environment (bench/realtime-server.ts reads LEASE_TTL_MS, LEASE_STALL_MS) */
export async function startCluster(processes: number, env: Record<string, string> = {}): Promise<TestCluster> {
  const db = await scratchDatabase("postgresql");
  const redis = await connectTestRedis();
  const serverEnv = {
    ...env,
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: redis.prefix,
  };
  // all at once: the migrations are applied by one, the others wait for its lock
  const servers: (ChildServer | null)[] = await Promise.all(
    Array.from({ length: processes }, () => startChildServer(db.url, serverEnv)),
  );
  const url = (i: number) => {
    const server = servers[i];
    if (!server) throw new Error(`server ${i} is not running`);
    return server.url;
  };
  const health = async (i: number) => (await (await fetch(`${url(i)}/api/health`)).json()) as Health;
  return {
    db,
    redis,
    servers,
    url,
    health,
    async owner() {
      let best = -1;
      let most = 0;
      for (const [i, server] of servers.entries()) {
        if (!server) continue;
        const owned = (await health(i)).ownedSessions;
        if (owned > most) [best, most] = [i, owned];
      }
      return best;
    },
    async kill(i) {
      const server = servers[i];
      if (!server) return;
      servers[i] = null;
      await killChildServer(server);
    },
    async stop() {
      await Promise.all(
        servers.map(async (server) => {
          if (!server || server.process.exitCode !== null) return;
          server.process.kill("SIGCONT"); // a test may have paused it
          server.process.kill("SIGTERM");
          await new Promise((resolve) => server.process.once("exit", resolve));
        }),
      );
      await redis.close();
      await db.remove();
    },
  };
}
