// npm run bench:realtime [-- --json]
// Live-session fan-out under load. For each class size N it starts the real server (API +
// Socket.IO, no Next) in a child process on a fresh SQLite file, connects N students with real
// socket.io-clients spread over several worker processes (bench/realtime-worker.ts), and has the
// teacher (this process) send setWeight at RATE ops/s for SECONDS. Latency is the time from the
// teacher's emit of an op to each student's receipt of its `applied` (the teacher records emit
// time per version, the workers receive time per version; joined afterwards, same machine clock).
// Environment: BENCH_SECONDS (default 20), BENCH_STUDENTS (default "50,200,500,1000"),
// BENCH_RATE (default 30), BENCH_WORKERS (default: one per 250 students, at least 2).
// --json prints one line: {"cases":[{"students","p50_ms","p95_ms","p99_ms","lost",
// "server_cpu_pct","server_rss_mb", …}], "burst":[…]}. server_cpu_pct is the server's CPU time over
// the sending window (100 = one core busy); server_rss_mb the largest RSS sampled in it.
//
// Then a prediction burst for each of BENCH_BURST (default "200,1000"; empty: none) students: the
// teacher opens a round, every student answers once at a random moment of one second
// (BENCH_BURST_WINDOW_MS, default 1000), the teacher reveals. "burst":[{"students","p99_ack_ms",
// "lost","reveal_ms", …}]: ack latency is emit → ack of each answer (each is written to the database
// before its ack); lost counts answers refused, never acknowledged, or acknowledged but missing from
// the database after the server is killed with SIGKILL; reveal_ms is the teacher's reveal → the last
// student has received it. `--burst-only` skips the fan-out cases.
import { fork, type ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  type ActionAck,
  type AppliedBatchEvent,
  type AppliedEvent,
  type JoinAck,
  type RoundAck,
} from "../lib/session/protocol";
import { PROJECT_ROOT } from "../server/paths";
import type { WorkerCommand, WorkerReport } from "./realtime-worker";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 30);
const JSON_OUTPUT = process.argv.includes("--json");
const SIZES = process.argv.includes("--burst-only")
  ? []
  : (process.env.BENCH_STUDENTS ?? "50,200,500,1000").split(",").filter(Boolean).map(Number);
const BURSTS = (process.env.BENCH_BURST ?? "200,1000").split(",").filter(Boolean).map(Number);
const BURST_WINDOW_MS = Number(process.env.BENCH_BURST_WINDOW_MS ?? 1000);

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Case {
  students: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  /** emit → the teacher's own `applied`: the server's share of the latency (no fan-out to workers) */
  teacher_rtt_p50_ms: number;
  teacher_rtt_p99_ms: number;
  lost: number;
  out_of_order: number;
  ops: number;
  ops_acked: number;
  server_cpu_pct: number;
  server_rss_mb: number;
  /**
   * the server's CPU time per op delivered to one student: what the server costs, whatever the
   * machine's load (latency on a shared machine mostly measures how long processes wait for a CPU)
   */
  server_cpu_us_per_delivery: number;
  /** duration of the write-through (one per group of ops), and how many writes there were */
  server_write_p50_ms: number;
  server_write_p99_ms: number;
  server_writes: number;
  /** how late the server's event loop ran (p99) */
  server_loop_delay_p99_ms: number;
  /** CPU of all load-generator workers together from the start of sending to the end of collecting */
  workers_cpu_pct: number;
  workers: number;
  seconds: number;
  /** the machine's 1-minute load average at the end of the case: other work competes for the CPUs */
  load_avg: number;
}

interface ServerStats {
  cpu: NodeJS.CpuUsage;
  rss: number;
  at: number;
  /** the write-through's duration since the last stats, ms */
  writes: { count: number; p50: number; p99: number; max: number };
  /** how late the server's event loop ran since the last stats, ms */
  loopDelay: { p50: number; p99: number; max: number };
}

function log(message: string): void {
  if (!JSON_OUTPUT) console.log(message);
  else console.error(message);
}

async function startServer(databaseFile: string) {
  const child = fork(join(PROJECT_ROOT, "bench", "realtime-server.ts"), [], {
    cwd: PROJECT_ROOT,
    execArgv: ["--import", "tsx", ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
    env: { ...process.env, DATABASE_FILE: databaseFile, NODE_ENV: "production" },
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

function startWorker(): ChildProcess {
  return fork(join(PROJECT_ROOT, "bench", "realtime-worker.ts"), [], {
    cwd: PROJECT_ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

function nextReport<T extends WorkerReport["type"]>(worker: ChildProcess, type: T) {
  return new Promise<Extract<WorkerReport, { type: T }>>((resolve, reject) => {
    const onMessage = (report: WorkerReport) => {
      if (report.type !== type) return;
      worker.off("message", onMessage);
      worker.off("exit", onExit);
      resolve(report as Extract<WorkerReport, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`worker exited with ${code}`));
    worker.on("message", onMessage);
    worker.once("exit", onExit);
  });
}

function command(worker: ChildProcess, message: WorkerCommand): void {
  worker.send(message);
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

interface Summary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50, p95, p99 and max of a set of latencies (ms, one decimal; NaN when empty); sorts them in place */
function summarise(latencies: Float64Array): Summary {
  latencies.sort();
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
  };
}

interface Bench {
  /** the temporary folder of the database file, removed by stopBench */
  dir: string;
  databaseFile: string;
  server: Awaited<ReturnType<typeof startServer>>;
  workers: ChildProcess[];
  /** set by joinClass as soon as the teacher's socket exists, so that stopBench disconnects it */
  teacher: Socket | null;
  /** the caller killed the server itself (SIGKILL) and saw it exit: stopBench leaves it alone */
  serverKilled: boolean;
}

/** The server on a fresh SQLite file (`databaseName` in a new temporary folder `prefix…`) and the workers */
async function startBench(prefix: string, databaseName: string, students: number): Promise<Bench> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const databaseFile = join(dir, databaseName);
  const server = await startServer(databaseFile);
  const workerCount = Number(process.env.BENCH_WORKERS ?? Math.max(2, Math.ceil(students / 250)));
  const workers = Array.from({ length: workerCount }, startWorker);
  return { dir, databaseFile, server, workers, teacher: null, serverKilled: false };
}

/**
 * The teacher creates a session and joins it, then `students` students join it over the workers
 * (`logJoins`: log how long that took); returns once the joins' roster broadcasts have drained.
 */
async function joinClass(bench: Bench, students: number, logJoins: boolean): Promise<Socket> {
  const { server, workers } = bench;
  const workerCount = workers.length;
  const response = await fetch(`${server.url}/api/sessions`, { method: "POST" });
  const session = (await response.json()) as { code: string; teacherKey: string };

  const teacher = io(server.url, { transports: ["websocket"], forceNew: true, reconnection: false });
  bench.teacher = teacher;
  const join = (await teacher.timeout(20_000).emitWithAck("join", {
    protocol: PROTOCOL_VERSION,
    code: session.code,
    role: "teacher",
    teacherKey: session.teacherKey,
  })) as JoinAck;
  if (!join.ok) throw new Error(`teacher join: ${join.error.message}`);

  const joinStart = now();
  const readies = workers.map((worker) => nextReport(worker, "ready"));
  let first = 0;
  workers.forEach((worker, w) => {
    const share = Math.floor(students / workerCount) + (w < students % workerCount ? 1 : 0);
    command(worker, { type: "connect", url: server.url, code: session.code, students: share, first });
    first += share;
  });
  const failed = (await Promise.all(readies)).reduce((n, r) => n + r.failed, 0);
  if (failed > 0) throw new Error(`${failed} students could not join`);
  if (logJoins) {
    log(`  ${students} students joined in ${((now() - joinStart) / 1000).toFixed(1)} s over ${workerCount} workers`);
  }
  // let the joins' roster broadcasts drain: until the server's event loop is on time again
  for (let waited = 0; waited < 15_000; waited += 500) {
    await server.stats(true);
    await sleep(500);
    const { loopDelay } = await server.stats();
    if (loopDelay.p99 < 20) break;
  }
  return teacher;
}

/** Disconnects the teacher, ends the workers, stops the server (unless killed already), removes the folder */
async function stopBench({ dir, server, workers, teacher, serverKilled }: Bench): Promise<void> {
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

async function runCase(students: number): Promise<Case> {
  const bench = await startBench("activation-lab-bench-", "bench.db", students);
  const { server, workers } = bench;
  try {
    const teacher = await joinClass(bench, students, true);
    for (const worker of workers) command(worker, { type: "start" });

    // the teacher drags a slider: setWeight at RATE ops/s, each emit time kept by version
    const ops = Math.round(SECONDS * RATE);
    const emitted: [number, number][] = [];
    // the teacher is in the room too: its own receipt of each `applied` is the server's round trip
    const teacherReceived = new Map<number, number>();
    teacher.on("applied", (event: { version: number }) => teacherReceived.set(event.version, now()));
    teacher.on("appliedBatch", (batch: { events: { version: number }[] }) => {
      const at = now();
      for (const event of batch.events) teacherReceived.set(event.version, at);
    });
    const acks: Promise<void>[] = [];
    let peakRss = 0;
    const sampler = setInterval(() => {
      void server.stats().then((s) => (peakRss = Math.max(peakRss, s.rss)));
    }, 1000);
    server.child.send({ type: "profile", on: true }); // only with BENCH_PROFILE=<dir>
    const before = await server.stats(true);
    const start = now();
    for (let k = 0; k < ops; k++) {
      const wait = start + (k * 1000) / RATE - now();
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
    peakRss = Math.max(peakRss, after.rss);
    const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    const wallMs = after.at - before.at;

    const results = await Promise.all(
      workers.map((worker) => {
        const result = nextReport(worker, "result");
        command(worker, { type: "collect", emitted, waitMs: 30_000 });
        return result;
      }),
    );
    const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
    let offset = 0;
    for (const result of results) {
      all.set(result.latencies, offset);
      offset += result.latencies.length;
    }
    const latency = summarise(all);
    const roundTrip = summarise(
      new Float64Array(emitted.filter(([v]) => teacherReceived.has(v)).map(([v, at]) => teacherReceived.get(v)! - at)),
    );
    const lost = results.reduce((n, r) => n + r.lost, 0) + (ops - emitted.length) * students;
    return {
      students,
      p50_ms: latency.p50,
      p95_ms: latency.p95,
      p99_ms: latency.p99,
      max_ms: latency.max,
      teacher_rtt_p50_ms: roundTrip.p50,
      teacher_rtt_p99_ms: roundTrip.p99,
      lost,
      out_of_order: results.reduce((n, r) => n + r.outOfOrder, 0),
      ops,
      ops_acked: emitted.length,
      server_cpu_pct: Math.round((cpuMs / wallMs) * 1000) / 10,
      server_cpu_us_per_delivery: round((cpuMs * 1000) / Math.max(1, all.length)),
      server_rss_mb: Math.round((peakRss / 2 ** 20) * 10) / 10,
      server_write_p50_ms: round(after.writes.p50),
      server_write_p99_ms: round(after.writes.p99),
      server_writes: after.writes.count,
      server_loop_delay_p99_ms: round(after.loopDelay.p99),
      workers_cpu_pct: Math.round(results.reduce((n, r) => n + (r.cpuMs / r.wallMs) * 100, 0) * 10) / 10,
      workers: workers.length,
      seconds: SECONDS,
      load_avg: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await stopBench(bench);
  }
}

interface Burst {
  students: number;
  /** emit → ack of each accepted answer */
  p50_ack_ms: number;
  p99_ack_ms: number;
  max_ack_ms: number;
  /** refused + never acknowledged + acknowledged but not in the database after SIGKILL */
  lost: number;
  accepted: number;
  refused: number;
  timed_out: number;
  in_database: number;
  /** the teacher's reveal request → its ack (scored, written, sent) */
  reveal_ack_ms: number;
  /** the teacher's reveal request → the last student has received the reveal */
  reveal_ms: number;
  /** the reveal's own count of answers (must equal accepted) */
  revealed_answered: number;
  window_ms: number;
  /** from the first answer's emit to the last ack */
  burst_ms: number;
  server_cpu_pct: number;
  server_writes: number;
  server_write_p50_ms: number;
  server_write_p99_ms: number;
  server_loop_delay_p99_ms: number;
  workers: number;
  load_avg: number;
}

async function runBurst(students: number): Promise<Burst> {
  const bench = await startBench("activation-lab-burst-", "burst.db", students);
  const { databaseFile, server, workers } = bench;
  try {
    const teacher = await joinClass(bench, students, false);

    // the teacher opens a round about the blank network's output at (1, 1), no time limit
    const opened = (await teacher.timeout(20_000).emitWithAck("round", {
      op: "open",
      open: { round: { kind: "output", neuron: { layer: 1, index: 0 }, inputs: [1, 1] } },
    })) as RoundAck;
    if (!opened.ok || !opened.roundId) throw new Error(`open: ${JSON.stringify(opened)}`);
    const roundId = opened.roundId;
    await sleep(500); // every student has the round

    const before = await server.stats(true);
    const startAt = now() + 200;
    const acked = workers.map((worker) => nextReport(worker, "burstAcks"));
    for (const worker of workers) command(worker, { type: "burst", roundId, startAt, windowMs: BURST_WINDOW_MS });
    const acks = await Promise.all(acked);
    const burstMs = now() - startAt;
    const during = await server.stats();
    const cpuMs = (during.cpu.user + during.cpu.system - before.cpu.user - before.cpu.system) / 1000;

    // the reveal: the teacher's ack, then every student's receipt
    let revealedAnswered = -1;
    const onReveal = (event: AppliedEvent) => {
      if (event.action.type !== "roundState") return;
      const current = event.action.rounds.current;
      if (current?.id === roundId && current.reveal) revealedAnswered = current.reveal.answered;
    };
    teacher.on("applied", onReveal);
    teacher.on("appliedBatch", (batch: AppliedBatchEvent) => batch.events.forEach(onReveal));
    const revealed = workers.map((worker) => nextReport(worker, "revealed"));
    const revealAt = now();
    const reveal = (await teacher.timeout(30_000).emitWithAck("round", { op: "reveal", roundId })) as RoundAck;
    const revealAckMs = now() - revealAt;
    if (!reveal.ok) throw new Error(`reveal: ${JSON.stringify(reveal)}`);
    for (const worker of workers) command(worker, { type: "collectReveal", roundId, waitMs: 30_000 });
    const receipts = await Promise.all(revealed);
    const lastReceipt = Math.max(...receipts.flatMap((r) => r.at));
    const missingReveal = receipts.reduce((n, r) => n + r.missing, 0);
    if (missingReveal > 0) log(`  ${missingReveal} students never received the reveal`);

    // kill -9: what the database holds is what survives
    server.child.kill("SIGKILL");
    bench.serverKilled = true;
    await new Promise((resolve) => server.child.once("exit", resolve));
    const db = new Database(databaseFile, { readonly: false });
    const inDatabase = (
      db.prepare(`SELECT COUNT(*) AS n FROM "LiveAnswer" WHERE "roundId" = ?`).get(roundId) as { n: number }
    ).n;
    db.close();

    const ack = summarise(new Float64Array(acks.flatMap((a) => a.latencies)));
    const accepted = acks.reduce((n, a) => n + a.accepted, 0);
    const refused = acks.reduce((n, a) => n + a.refused, 0);
    const timedOut = acks.reduce((n, a) => n + a.timedOut, 0);
    const codes = [...new Set(acks.flatMap((a) => a.codes))];
    if (codes.length > 0) log(`  refusals: ${codes.join(", ")}`);
    return {
      students,
      p50_ack_ms: ack.p50,
      p99_ack_ms: ack.p99,
      max_ack_ms: ack.max,
      lost: refused + timedOut + Math.max(0, accepted - inDatabase),
      accepted,
      refused,
      timed_out: timedOut,
      in_database: inDatabase,
      reveal_ack_ms: round(revealAckMs),
      reveal_ms: round(lastReceipt - revealAt),
      revealed_answered: revealedAnswered,
      window_ms: BURST_WINDOW_MS,
      burst_ms: round(burstMs),
      server_cpu_pct: Math.round((cpuMs / (during.at - before.at)) * 1000) / 10,
      server_writes: during.writes.count,
      server_write_p50_ms: round(during.writes.p50),
      server_write_p99_ms: round(during.writes.p99),
      server_loop_delay_p99_ms: round(during.loopDelay.p99),
      workers: workers.length,
      load_avg: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await stopBench(bench);
  }
}

if (SIZES.length > 0) {
  log(
    `Live fan-out: teacher setWeight at ${RATE} ops/s for ${SECONDS} s; N students on ${cpus().length} CPUs ` +
      `(server, workers and teacher share them)`,
  );
}
const cases: Case[] = [];
for (const students of SIZES) {
  log(`N = ${students}`);
  const result = await runCase(students);
  cases.push(result);
  log(
    `  p50 ${result.p50_ms} ms  p95 ${result.p95_ms} ms  p99 ${result.p99_ms} ms  max ${result.max_ms} ms  ` +
      `(teacher round trip p50 ${result.teacher_rtt_p50_ms} ms, p99 ${result.teacher_rtt_p99_ms} ms)  ` +
      `lost ${result.lost}  server CPU ${result.server_cpu_pct}% (${result.server_cpu_us_per_delivery} µs per delivery)  ` +
      `RSS ${result.server_rss_mb} MB  ` +
      `writes ${result.server_writes} (p50 ${result.server_write_p50_ms} ms, p99 ${result.server_write_p99_ms} ms)  ` +
      `loop delay p99 ${result.server_loop_delay_p99_ms} ms  workers CPU ${result.workers_cpu_pct}%  ` +
      `load average ${result.load_avg}`,
  );
}
const bursts: Burst[] = [];
for (const students of BURSTS) {
  log(`Prediction burst: ${students} students answer within ${BURST_WINDOW_MS} ms`);
  const result = await runBurst(students);
  bursts.push(result);
  log(
    `  ack p50 ${result.p50_ack_ms} ms  p99 ${result.p99_ack_ms} ms  max ${result.max_ack_ms} ms  ` +
      `lost ${result.lost} (accepted ${result.accepted}, in the database ${result.in_database})  ` +
      `reveal ${result.reveal_ms} ms (ack ${result.reveal_ack_ms} ms, ${result.revealed_answered} answers)  ` +
      `server CPU ${result.server_cpu_pct}%  writes ${result.server_writes} (p50 ${result.server_write_p50_ms} ms, ` +
      `p99 ${result.server_write_p99_ms} ms)  loop delay p99 ${result.server_loop_delay_p99_ms} ms  ` +
      `load average ${result.load_avg}`,
  );
}
if (JSON_OUTPUT) {
  console.log(JSON.stringify({ cases, burst: bursts }));
} else {
  if (cases.length > 0)
    console.table(
      cases.map((c) => ({
        students: c.students,
        "p50 ms": c.p50_ms,
        "p95 ms": c.p95_ms,
        "p99 ms": c.p99_ms,
        "max ms": c.max_ms,
        lost: c.lost,
        "server CPU %": c.server_cpu_pct,
        "server RSS MB": c.server_rss_mb,
      })),
    );
  if (bursts.length > 0) {
    console.table(
      bursts.map((b) => ({
        students: b.students,
        "p99 ack ms": b.p99_ack_ms,
        lost: b.lost,
        "reveal ms": b.reveal_ms,
        writes: b.server_writes,
      })),
    );
  }
}
