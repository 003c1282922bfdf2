// The live-session load harness shared by bench/realtime.ts and bench/abuse.ts: the real server
// (API + Socket.IO, no Next) in a child process on a fresh SQLite file (bench/realtime-server.ts),
// students simulated in worker processes (bench/realtime-worker.ts), a teacher in this process that
// drags a slider, and the latency from each of the teacher's emits to each student's receipt.
import { fork, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION, type ActionAck, type JoinAck, type RoundAck } from "../lib/session/protocol";
import { PROJECT_ROOT } from "../server/paths";
import type { WorkerCommand, WorkerReport } from "./realtime-worker";

export const JSON_OUTPUT = process.argv.includes("--json");

export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerStats {
  cpu: NodeJS.CpuUsage;
  rss: number;
  at: number;
  /** the write-through's duration since the last stats, ms */
  writes: { count: number; p50: number; p99: number; max: number };
  /** how late the server's event loop ran since the last stats, ms */
  loopDelay: { p50: number; p99: number; max: number };
}

/** Progress goes to stdout, or to stderr when stdout carries the one JSON line. */
export function log(message: string): void {
  if (!JSON_OUTPUT) console.log(message);
  else console.error(message);
}

export type BenchServer = Awaited<ReturnType<typeof startServer>>;

/** The server in a child process on `databaseFile`; `env` adds to this process's environment. */
export async function startServer(databaseFile: string, env: Record<string, string> = {}) {
  const child = fork(join(PROJECT_ROOT, "bench", "realtime-server.ts"), [], {
    cwd: PROJECT_ROOT,
    execArgv: ["--import", "tsx", ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
    env: { ...process.env, ...env, DATABASE_FILE: databaseFile, NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    child.on("message", (message: { type?: string; url?: string }) => {
      if (message.type === "listening" && message.url) resolve(message.url);
    });
  });
  /** `reset`: start a new window for the write and event-loop figures */
  const stats = (reset = false) =>
    new Promise<ServerStats>((resolve) => {
      const onMessage = (message: ServerStats & { type?: string }) => {
        if (message.type !== "stats") return;
        child.off("message", onMessage);
        resolve(message);
      };
      child.on("message", onMessage);
      child.send({ type: "stats", reset });
    });
  return { child, url, stats };
}

/** A load-generator process running `file` (default: the students' bench/realtime-worker.ts). */
export function startWorker(file = "realtime-worker.ts"): ChildProcess {
  return fork(join(PROJECT_ROOT, "bench", file), [], {
    cwd: PROJECT_ROOT,
    // BENCH_CLIENT_PROFILE=<dir>: a CPU profile of each load generator, written when it exits
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_CLIENT_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CLIENT_PROFILE}`] : []),
    ],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

/** The next report of `type` from a worker (any worker protocol whose reports carry a `type`). */
export function nextReport<R extends { type: string }, T extends R["type"] = R["type"]>(
  worker: ChildProcess,
  type: T,
): Promise<Extract<R, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (report: R) => {
      if (report.type !== type) return;
      worker.off("message", onMessage);
      worker.off("exit", onExit);
      resolve(report as Extract<R, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`worker exited with ${code}`));
    worker.on("message", onMessage);
    worker.once("exit", onExit);
  });
}

/** The next report of a students' worker. */
export function studentReport<T extends WorkerReport["type"]>(worker: ChildProcess, type: T) {
  return nextReport<WorkerReport, T>(worker, type);
}

export function command(worker: ChildProcess, message: WorkerCommand): void {
  worker.send(message);
}

export const round = (ms: number) => Math.round(ms * 100) / 100;

/** The teacher opens a round about the blank network's output at (1, 1), no time limit; its id. */
export async function openOutputRound(teacher: Socket): Promise<string> {
  const opened = (await teacher.timeout(20_000).emitWithAck("round", {
    op: "open",
    open: { round: { kind: "output", neuron: { layer: 1, index: 0 }, inputs: [1, 1] } },
  })) as RoundAck;
  if (!opened.ok || !opened.roundId) throw new Error(`open: ${JSON.stringify(opened)}`);
  return opened.roundId;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50, p95, p99 and max of a set of latencies (ms, one decimal; NaN when empty); sorts them in place */
export function summarise(latencies: Float64Array): Summary {
  latencies.sort();
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
  };
}

export interface Bench {
  /** the temporary folder of the database file, removed by stopBench */
  dir: string;
  databaseFile: string;
  server: BenchServer;
  workers: ChildProcess[];
  /** set by joinClass as soon as the teacher's socket exists, so that stopBench disconnects it */
  teacher: Socket | null;
  /** the live session's code and teacher key, set by joinClass */
  code: string | null;
  teacherKey?: string;
  /** the caller killed the server itself (SIGKILL) and saw it exit: stopBench leaves it alone */
  serverKilled: boolean;
}

/**
 * Students as separate phones: the server believes X-Forwarded-For from loopback (where the
 * simulated students are), and each student sends its own address in it (`joinClass`'s
 * forwardedForPrefix), so per-address limits (server/limits) see a class, not one machine.
 */
export const SEPARATE_PHONES = {
  serverEnv: { TRUSTED_PROXIES: "127.0.0.1,::1" },
  forwardedForPrefix: "10.1",
};

export interface BenchOptions {
  /** added to the server's environment */
  serverEnv?: Record<string, string>;
}

/**
 * The server on a fresh SQLite file (`databaseName` in a new temporary folder `prefix…`) and the
 * workers; or, with `server`, on a server already started (bench/cluster.ts: one of several).
 */
export async function startBench(
  prefix: string,
  databaseName: string,
  students: number,
  options: BenchOptions & { server?: BenchServer } = {},
): Promise<Bench> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const databaseFile = join(dir, databaseName);
  const server = options.server ?? (await startServer(databaseFile, options.serverEnv));
  const workerCount = Number(process.env.BENCH_WORKERS ?? Math.max(2, Math.ceil(students / 250)));
  const workers = Array.from({ length: workerCount }, () => startWorker());
  return { dir, databaseFile, server, workers, teacher: null, code: null, serverKilled: false };
}

export interface JoinOptions {
  /** log how long the joins took */
  logJoins?: boolean;
  /** each student sends `x-forwarded-for: <prefix>.<a>.<b>`, its own address (server behind a trusted proxy) */
  forwardedForPrefix?: string;
  /** several server processes: worker w connects its students to urls[w % urls.length] (default: the server's) */
  urls?: string[];
  /** where the teacher connects (default: the server's URL) */
  teacherUrl?: string;
}

/** The teacher's `socket` joins the session (throws when refused). */
export async function joinAsTeacher(socket: Socket, session: { code: string; teacherKey: string }): Promise<void> {
  const join = (await socket.timeout(20_000).emitWithAck("join", {
    protocol: PROTOCOL_VERSION,
    code: session.code,
    role: "teacher",
    teacherKey: session.teacherKey,
  })) as JoinAck;
  if (!join.ok) throw new Error(`teacher join: ${join.error.message}`);
}

/**
 * The teacher creates a session and joins it, then `students` students join it over the workers;
 * returns once the joins' roster broadcasts have drained.
 */
export async function joinClass(bench: Bench, students: number, options: JoinOptions = {}): Promise<Socket> {
  const { server, workers } = bench;
  const workerCount = workers.length;
  const response = await fetch(`${server.url}/api/sessions`, { method: "POST" });
  const session = (await response.json()) as { code: string; teacherKey: string };
  bench.code = session.code;
  bench.teacherKey = session.teacherKey;

  const teacher = io(options.teacherUrl ?? server.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  bench.teacher = teacher;
  await joinAsTeacher(teacher, session);

  const joinStart = now();
  const readies = workers.map((worker) => studentReport(worker, "ready"));
  let first = 0;
  workers.forEach((worker, w) => {
    const share = Math.floor(students / workerCount) + (w < students % workerCount ? 1 : 0);
    command(worker, {
      type: "connect",
      url: options.urls?.[w % options.urls.length] ?? server.url,
      code: session.code,
      students: share,
      first,
      ...(options.forwardedForPrefix ? { forwardedForPrefix: options.forwardedForPrefix } : {}),
    });
    first += share;
  });
  const ready = await Promise.all(readies);
  const failed = ready.reduce((n, r) => n + r.failed, 0);
  const retried = new Map<string, number>();
  for (const r of ready)
    for (const [code, n] of Object.entries(r.retried ?? {})) retried.set(code, (retried.get(code) ?? 0) + n);
  if (retried.size > 0)
    log(`  joins asked again (refused for a passing reason): ${JSON.stringify(Object.fromEntries(retried))}`);
  if (failed > 0) throw new Error(`${failed} students could not join`);
  if (options.logJoins) {
    log(`  ${students} students joined in ${((now() - joinStart) / 1000).toFixed(1)} s over ${workerCount} workers`);
  }
  await drained(server);
  return teacher;
}

/** Waits (up to 15 s) until the server's event loop is on time again. */
export async function drained(server: BenchServer): Promise<void> {
  for (let waited = 0; waited < 15_000; waited += 500) {
    await server.stats(true);
    await sleep(500);
    const { loopDelay } = await server.stats();
    if (loopDelay.p99 < 20) break;
  }
}

/** Disconnects the teacher, ends the workers, stops the server (unless killed already), removes the folder */
export async function stopBench({ dir, server, workers, teacher, serverKilled }: Bench): Promise<void> {
  teacher?.disconnect();
  for (const worker of workers) {
    if (worker.connected) command(worker, { type: "exit" });
  }
  await sleep(200);
  for (const worker of workers) worker.kill();
  if (!serverKilled) {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
  }
  await rm(dir, { recursive: true, force: true });
}

export interface Drag {
  /** ops the teacher sent, and [version, emit time] of each acknowledged one */
  ops: number;
  emitted: [number, number][];
  /** emit → each student's receipt, ms, every acknowledged op × every student */
  latencies: Float64Array;
  /** emit → the teacher's own receipt of the op's `applied` (the server's round trip, no fan-out) */
  roundTrips: Float64Array;
  /** ops × students never received */
  lost: number;
  outOfOrder: number;
  /** the workers' reports */
  results: Extract<WorkerReport, { type: "result" }>[];
  before: ServerStats;
  after: ServerStats;
  peakRss: number;
}

/**
 * The teacher drags a slider: setWeight of the first weight at `rate` ops/s for `seconds`, each
 * emit time kept by version; then every worker turns its students' receipts into latencies.
 */
export async function teacherDrags(bench: Bench, teacher: Socket, seconds: number, rate: number): Promise<Drag> {
  const { server, workers } = bench;
  for (const worker of workers) command(worker, { type: "start" });
  const ops = Math.round(seconds * rate);
  const emitted: [number, number][] = [];
  // the teacher is in the room too: its own receipt of each `applied` is the server's round trip
  const teacherReceived = new Map<number, number>();
  const onApplied = (event: { version: number }) => teacherReceived.set(event.version, now());
  const onBatch = (batch: { events: { version: number }[] }) => {
    const at = now();
    for (const event of batch.events) teacherReceived.set(event.version, at);
  };
  teacher.on("applied", onApplied);
  teacher.on("appliedBatch", onBatch);
  const acks: Promise<void>[] = [];
  let peakRss = 0;
  const sampler = setInterval(() => {
    void server.stats().then((s) => (peakRss = Math.max(peakRss, s.rss)));
  }, 1000);
  server.child.send({ type: "profile", on: true }); // only with BENCH_PROFILE=<dir>
  const before = await server.stats(true);
  const start = now();
  for (let k = 0; k < ops; k++) {
    const wait = start + (k * 1000) / rate - now();
    if (wait > 0) await sleep(wait);
    const at = now();
    const value = Math.round(Math.sin(k / 10) * 1000) / 1000;
    const action = { type: "edit", edit: { type: "setWeight", layer: 0, neuron: 0, from: 0, value } };
    const sent = teacher.timeout(30_000).emitWithAck("action", { action }) as Promise<ActionAck>;
    acks.push(
      sent.then(
        (ack) => {
          if (ack.ok) emitted.push([ack.version, at]);
        },
        () => {},
      ),
    );
  }
  await Promise.all(acks);
  const after = await server.stats();
  server.child.send({ type: "profile", on: false });
  clearInterval(sampler);
  teacher.off("applied", onApplied);
  teacher.off("appliedBatch", onBatch);
  peakRss = Math.max(peakRss, after.rss);

  const results = await Promise.all(
    workers.map((worker) => {
      const result = studentReport(worker, "result");
      command(worker, { type: "collect", emitted, waitMs: 30_000 });
      return result;
    }),
  );
  const latencies = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
  let offset = 0;
  for (const result of results) {
    latencies.set(result.latencies, offset);
    offset += result.latencies.length;
  }
  const roundTrips = new Float64Array(
    emitted.filter(([v]) => teacherReceived.has(v)).map(([v, at]) => teacherReceived.get(v)! - at),
  );
  const students = results.reduce((n, r) => n + r.students, 0);
  return {
    ops,
    emitted,
    latencies,
    roundTrips,
    lost: results.reduce((n, r) => n + r.lost, 0) + (ops - emitted.length) * students,
    outOfOrder: results.reduce((n, r) => n + r.outOfOrder, 0),
    results,
    before,
    after,
    peakRss,
  };
}
