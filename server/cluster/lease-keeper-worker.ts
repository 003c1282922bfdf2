// The lease keeper's worker thread (lease-keeper.ts): renews the leases the main thread holds,
// every third of their lifetime, on a Redis connection of its own, so that a main thread busy for
// seconds (a burst of joins on a loaded machine) does not lose its sessions. It renews only while
// the main thread shows a heartbeat: once the heartbeat is older than `stallMs`, it lets the
// leases run out, and a process whose main thread hangs loses its sessions like a dead one.
import { parentPort, workerData } from "node:worker_threads";
import { createClient, type RedisClientType } from "redis";
import { LeaseManager } from "./lease";
import type { KeeperData, ToKeeper, FromKeeper } from "./lease-keeper";

const data = workerData as KeeperData;
const port = parentPort!;
/** the main thread's last heartbeat (Date.now()), written by it every few hundred ms */
const heartbeat = new BigInt64Array(data.heartbeat);
/** code → the token of the lease held */
const held = new Map<string, number>();
let lapsed = false;
let closing = false;
let running: Promise<void> | null = null;

const post = (message: FromKeeper) => port.postMessage(message);

const redis: RedisClientType = createClient({ url: data.redisUrl });
redis.on("error", (error: unknown) => {
  if (!closing) console.error("redis (lease keeper):", error);
});
await redis.connect();
const leases = new LeaseManager(redis, { prefix: data.prefix, processId: data.processId, ttlMs: data.ttlMs });

/** How long the main thread has shown no heartbeat, ms. */
const silence = () => Date.now() - Number(Atomics.load(heartbeat, 0));

async function renewAll(): Promise<void> {
  const silent = silence();
  if (silent > data.stallMs) {
    if (!lapsed) post({ type: "stalled", silentMs: Math.round(silent) });
    lapsed = true;
    return;
  }
  lapsed = false;
  await Promise.all(
    [...held].map(async ([code, token]) => {
      let kept: boolean;
      try {
        kept = await leases.renew({ code, token });
      } catch (error) {
        // Redis away: the fencing token still guards the database
        if (!closing) console.error(`live session ${code}: renewing the lease failed:`, error);
        return;
      }
      if (!kept && held.get(code) === token) {
        held.delete(code);
        post({ type: "lost", code, token });
      }
    }),
  );
}

function tick(): void {
  if (closing || running) return;
  running = renewAll().finally(() => (running = null));
}

const renewing = setInterval(tick, Math.max(100, data.ttlMs / 3));
// the main thread's heartbeat came back after a lapse: ask at once whether the leases are still ours
const watching = setInterval(() => {
  if (lapsed && silence() <= data.stallMs) tick();
}, 100);

port.on("message", (message: ToKeeper) => {
  switch (message.type) {
    case "hold":
      held.set(message.code, message.token);
      break;
    case "drop":
      if (held.get(message.code) === message.token) held.delete(message.code);
      break;
    case "close":
      closing = true;
      clearInterval(renewing);
      clearInterval(watching);
      void (async () => {
        await running;
        await redis.quit().catch(() => {});
        post({ type: "closed" });
      })();
      break;
  }
});
post({ type: "ready" });
