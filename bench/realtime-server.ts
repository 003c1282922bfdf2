// The real server (API + Socket.IO, no Next) as a child process, for bench/realtime.ts and the
// kill -9 tests: `node --import tsx bench/realtime-server.ts` with DATABASE_FILE (a SQLite file) or
// DATABASE_URL (any database, server/db/url.ts) set. Sends
// {type: "listening", url} over IPC once it listens, and answers {type: "stats"} with its CPU time
// and memory. SIGTERM closes it cleanly (pending writes flushed).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startServer } from "../server/app";
import { PrismaLiveStore } from "../server/live/store";

// how long the write-through takes, and how late the event loop runs: reported with the stats
const writes: number[] = [];
const save = PrismaLiveStore.prototype.save;
PrismaLiveStore.prototype.save = async function (...args) {
  const start = performance.now();
  try {
    return await save.apply(this, args);
  } finally {
    writes.push(performance.now() - start);
  }
};
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const file = process.env.DATABASE_FILE;
const databaseUrl = file ? `file:${file}` : process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_FILE (a SQLite file) or DATABASE_URL must name the database");

const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  host: "127.0.0.1",
  databaseUrl,
  dev: false,
  withNext: false,
  // several processes (tests/integration/cluster.test.ts, bench/cluster.ts): REDIS_URL and its prefix
  ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
  ...(process.env.REDIS_PREFIX ? { redisPrefix: process.env.REDIS_PREFIX } : {}),
  // tests/integration/lease-stall.test.ts: a short lease, a short allowed stall
  ...(process.env.LEASE_TTL_MS ? { leaseTtlMs: Number(process.env.LEASE_TTL_MS) } : {}),
  ...(process.env.LEASE_STALL_MS ? { leaseStallMs: Number(process.env.LEASE_STALL_MS) } : {}),
  // BENCH_FRAME_MS: the fan-out's frame (server/live/coalesce.ts; unset: the server's default)
  ...(process.env.BENCH_FRAME_MS ? { live: { frameMs: Number(process.env.BENCH_FRAME_MS) } } : {}),
});
const url = `http://127.0.0.1:${server.port}`;
process.send?.({ type: "listening", url });
if (!process.send) console.log(url);

process.on("message", (message: { type?: string; reset?: boolean }) => {
  if (message.type === "stats") {
    const sorted = [...writes].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    process.send?.({
      type: "stats",
      cpu: process.cpuUsage(),
      rss: process.memoryUsage().rss,
      at: performance.now(),
      writes: { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) },
      loopDelay: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    });
    if (message.reset) {
      writes.length = 0;
      loopDelay.reset();
    }
  }
});

// BENCH_PROFILE=<dir>: a CPU profile of the sending window only ({type: "profile", on}), no joins
const profileDir = process.env.BENCH_PROFILE;
const inspector = profileDir ? new Session() : null;
inspector?.connect();
process.on("message", (message: { type?: string; on?: boolean }) => {
  if (message.type !== "profile" || !inspector || !profileDir) return;
  if (message.on) {
    inspector.post("Profiler.enable", () => inspector.post("Profiler.start"));
  } else {
    inspector.post("Profiler.stop", (error, result) => {
      if (!error) writeFileSync(join(profileDir, `server-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
    });
  }
});

// {type: "block", ms}: the event loop is blocked for `ms` (a stalled process; tests/integration/lease-stall.test.ts)
process.on("message", (message: { type?: string; ms?: number }) => {
  if (message.type !== "block" || typeof message.ms !== "number") return;
  const until = Date.now() + message.ms;
  while (Date.now() < until) {
    // busy: nothing else runs on this thread
  }
});

process.once("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
