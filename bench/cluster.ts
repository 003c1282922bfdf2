// npm run bench:cluster [-- --json]
// Several server processes on one PostgreSQL database and one Redis (docs/architecture.md
// "Scale-out"), each the real server (API + Socket.IO, no Next) in a child process; students as
// real socket.io-clients in worker processes (bench/realtime-worker.ts), spread over the processes.
// For each process count P (BENCH_PROCESSES, default "1,2"):
//   (a) one class of N students (BENCH_STUDENTS, default "1000,2000"), the teacher dragging a
//       slider at BENCH_RATE (30) ops/s for BENCH_SECONDS (10): fan-out p50/p99 (the teacher's
//       emit → each student's receipt) and lost (acknowledged ops a student never received);
//   (b) BENCH_CLASSES (default 50) classes × BENCH_CLASS_SIZE (30) students at once, every teacher
//       dragging at BENCH_CLASSES_RATE (10) ops/s for BENCH_SECONDS: fan-out p50/p99 and lost as in
//       (a), each teacher's ops to its own class (bench/cluster-classes.ts); 0 classes: skipped;
//   (c) a prediction burst (BENCH_BURST students, default 2000): every student answers once within
//       one second; p99 ack and lost (refused, never acknowledged, or missing from the database);
//   (d) P ≥ 2, failover (BENCH_FAILOVER students, default 200): the owner process is killed with
//       SIGKILL while the teacher, on another process, drags; failover_ms is the longest time any
//       student waited for an op (the one sent right after the kill waits for the takeover), lost
//       counts acknowledged ops a student never received.
// --json prints one line {"cases":[{"processes","classes","students","p50_ms","p99_ms","lost"}…],
// "burst":[…],"failover":{"failover_ms","lost"}} (and more fields: the load average, the set-up,
// frames and bytes per op per student, CPU per delivery of the servers and of the simulated
// students). Needs PostgreSQL and Redis (TEST_POSTGRES_URL, TEST_REDIS_URL; defaults: the local
// ones). BENCH_FRAME_MS: the servers' fan-out frame (server/live/coalesce.ts; 0: none);
// BENCH_WORKERS: how many processes simulate the students; BENCH_PROFILE=<dir>: a CPU profile of
// the first server's drag window; BENCH_CLIENT_PROFILE=<dir>: one of each students' process.
import { availableParallelism, loadavg } from "node:os";
import { FRAME_MS as DEFAULT_FRAME_MS } from "../server/live/coalesce";
import { io } from "socket.io-client";
import { PROTOCOL_VERSION } from "../lib/session/protocol";
import { plannedTestDatabase, runSql, type TestDatabase } from "../tests/helpers/postgres";
import { connectTestRedis, TEST_REDIS_URL, type TestRedis } from "../tests/helpers/redis";
import {
  command,
  JSON_OUTPUT,
  joinClass,
  log,
  now,
  openOutputRound,
  SEPARATE_PHONES,
  sleep,
  startBench,
  startServer,
  stopBench,
  studentReport,
  summarise,
  teacherDrags,
  type Bench,
  type BenchServer,
} from "./realtime-harness";
import { manyClasses } from "./cluster-classes";

const list = (value: string | undefined, fallback: string) =>
  (value ?? fallback).split(",").filter(Boolean).map(Number);
const PROCESSES = list(process.env.BENCH_PROCESSES, "1,2");
const SIZES = list(process.env.BENCH_STUDENTS, "1000,2000");
const BURST = Number(process.env.BENCH_BURST ?? 2000);
const FAILOVER = Number(process.env.BENCH_FAILOVER ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 30);
const CLASSES = Number(process.env.BENCH_CLASSES ?? 50);
const CLASS_SIZE = Number(process.env.BENCH_CLASS_SIZE ?? 30);
const CLASSES_RATE = Number(process.env.BENCH_CLASSES_RATE ?? 10);

interface Deployment {
  servers: BenchServer[];
  db: TestDatabase;
  redis: TestRedis;
}

async function deploy(processes: number): Promise<Deployment> {
  const db = plannedTestDatabase("al_bench");
  const redis = await connectTestRedis();
  const env = {
    ...SEPARATE_PHONES.serverEnv,
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redis.prefix,
  };
  const servers = await Promise.all(Array.from({ length: processes }, () => startServer("", env)));
  return { servers, db, redis };
}

async function undeploy({ servers, db, redis }: Deployment): Promise<void> {
  await Promise.all(
    servers.map(async (server) => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return; // killed already
      server.child.kill("SIGTERM");
      await new Promise((resolve) => server.child.once("exit", resolve));
    }),
  );
  await redis.close();
  await db.drop();
}

/** a bench (students' workers) on `deployment`; the teacher's process owns the session */
async function classOn(students: number, urls: string[], teacherUrl: string, stats: BenchServer) {
  // `stats`: the process whose CPU and event loop the harness samples (one that stays up)
  const bench = await startBench("activation-lab-cluster-", "unused.db", students, { server: stats });
  const teacher = await joinClass(bench, students, { ...SEPARATE_PHONES, urls, teacherUrl });
  return { bench, teacher };
}

async function fanOut(deployment: Deployment, students: number) {
  const urls = deployment.servers.map((s) => s.url);
  const { bench, teacher } = await classOn(students, urls, urls[0]!, deployment.servers[0]!);
  try {
    const loadBefore = loadAverage();
    const serversCpu = async () =>
      (await Promise.all(deployment.servers.map((server) => server.stats()))).reduce((n, st) => n + cpuMs(st.cpu), 0);
    const serversBefore = await serversCpu();
    const drag = await teacherDrags(bench, teacher, SECONDS, RATE);
    const serversCpuMs = (await serversCpu()) - serversBefore;
    const summary = summarise(drag.latencies);
    const wallMs = drag.after.at - drag.before.at || 1;
    const serverCpuMs = cpuMs(drag.after.cpu) - cpuMs(drag.before.cpu);
    const clientsCpuMs = drag.results.reduce((n, r) => n + r.cpuMs, 0);
    const clientsWallMs = Math.max(1, ...drag.results.map((r) => r.wallMs));
    const deliveries = Math.max(1, drag.emitted.length * students);
    const frames = drag.results.reduce((n, r) => n + r.frames, 0);
    const bytes = drag.results.reduce((n, r) => n + r.bytes, 0);
    const perStudent = Math.max(1, students);
    return {
      processes: deployment.servers.length,
      classes: 1,
      students,
      p50_ms: summary.p50,
      p99_ms: summary.p99,
      max_ms: summary.max,
      lost: drag.lost,
      ops: drag.ops,
      ops_acked: drag.emitted.length,
      /** frames (WebSocket messages) and bytes each student received per op the teacher sent */
      frames_per_op: round2(frames / perStudent / Math.max(1, drag.ops)),
      bytes_per_frame: Math.round(bytes / Math.max(1, frames)),
      /** the CPU the first server process (the owner) and the students' clients used, in cores */
      owner_cpu_cores: round2(serverCpuMs / wallMs),
      clients_cpu_cores: round2(clientsCpuMs / clientsWallMs),
      /** every server process's CPU together, in cores */
      servers_cpu_cores: round2(serversCpuMs / wallMs),
      /** CPU per op delivered to one student, µs: what the fan-out costs, much less noisy than latency on a shared machine */
      servers_cpu_us_per_delivery: round2((serversCpuMs * 1000) / deliveries),
      owner_cpu_us_per_delivery: round2((serverCpuMs * 1000) / deliveries),
      clients_cpu_us_per_delivery: round2((clientsCpuMs * 1000) / deliveries),
      load_avg: loadBefore,
      load_avg_after: loadAverage(),
    };
  } finally {
    bench.serverKilled = true; // the deployment's servers are stopped by undeploy
    await stopBench(bench);
  }
}

async function burst(deployment: Deployment, students: number) {
  const urls = deployment.servers.map((s) => s.url);
  const { bench, teacher } = await classOn(students, urls, urls[0]!, deployment.servers[0]!);
  try {
    const roundId = await openOutputRound(teacher);
    await sleep(500);
    const acked = bench.workers.map((worker) => studentReport(worker, "burstAcks"));
    const startAt = now() + 200;
    for (const worker of bench.workers) command(worker, { type: "burst", roundId, startAt, windowMs: 1000 });
    const acks = await Promise.all(acked);
    const [row] = await runSql(
      deployment.db.url,
      `SELECT COUNT(*) AS n FROM "LiveAnswer" WHERE "roundId" = '${roundId}'`,
    );
    const inDatabase = Number((row?.rows[0] as { n: string } | undefined)?.n ?? 0);
    const accepted = acks.reduce((n, a) => n + a.accepted, 0);
    const refused = acks.reduce((n, a) => n + a.refused, 0);
    const timedOut = acks.reduce((n, a) => n + a.timedOut, 0);
    const ack = summarise(new Float64Array(acks.flatMap((a) => a.latencies)));
    return {
      processes: deployment.servers.length,
      students,
      p50_ack_ms: ack.p50,
      p99_ack_ms: ack.p99,
      lost: refused + timedOut + Math.max(0, accepted - inDatabase),
      in_database: inDatabase,
      load_avg: loadAverage(),
    };
  } finally {
    bench.serverKilled = true;
    await stopBench(bench);
  }
}

async function failover(deployment: Deployment, students: number) {
  const [owner, survivor] = deployment.servers;
  if (!owner || !survivor) throw new Error("failover needs two processes");
  // the owner is the process that loads the session first: a socket on server 0 joins first (the
  // teacher), then the teacher and every student work through server 1, which forwards to it
  const { bench, teacher } = await classOn(students, [survivor.url], owner.url, survivor);
  try {
    const killAfterMs = (SECONDS * 1000) / 3;
    const killing = sleep(killAfterMs).then(async () => {
      owner.child.kill("SIGKILL");
      await new Promise((resolve) => owner.child.once("exit", resolve));
      log(`  owner killed ${Math.round(killAfterMs)} ms into the drag`);
    });
    // the teacher's socket was on the owner: it drags through the survivor instead
    teacher.disconnect();
    const { teacher: moved } = await reconnectTeacher(bench, survivor.url);
    const drag = await teacherDrags(bench, moved, SECONDS, RATE);
    await killing;
    const summary = summarise(drag.latencies);
    const lostAcknowledged = drag.results.reduce((n, r) => n + r.lost, 0);
    return {
      failover_ms: summary.max,
      p99_ms: summary.p99,
      lost: lostAcknowledged,
      ops_acked: drag.emitted.length,
      ops: drag.ops,
      load_avg: loadAverage(),
    };
  } finally {
    bench.serverKilled = true;
    await stopBench(bench);
  }
}

/** The teacher joins again through another process (same session, same teacher key). */
async function reconnectTeacher(bench: Bench, url: string) {
  const key = bench.teacherKey;
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  const joined = (await socket.timeout(20_000).emitWithAck("join", {
    protocol: PROTOCOL_VERSION,
    code: bench.code,
    role: "teacher",
    teacherKey: key,
  })) as { ok: boolean };
  if (!joined.ok) throw new Error(`teacher join: ${JSON.stringify(joined)}`);
  bench.teacher = socket;
  return { teacher: socket };
}

const cpuMs = (cpu: NodeJS.CpuUsage) => (cpu.user + cpu.system) / 1000;
const round2 = (n: number) => Math.round(n * 100) / 100;
/** the machine's 1-minute load average (other work on a shared machine shows here) */
const loadAverage = () => Math.round(loadavg()[0]! * 10) / 10;
const CLIENT_WORKERS = (students: number) =>
  Number(process.env.BENCH_WORKERS ?? Math.max(2, Math.ceil(students / 250)));
const FRAME_MS = process.env.BENCH_FRAME_MS ?? `the server's default (${DEFAULT_FRAME_MS})`;
const setup = {
  cores: availableParallelism(),
  client_processes: process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : "max(2, students / 250)",
  frame_ms: process.env.BENCH_FRAME_MS ? Number(process.env.BENCH_FRAME_MS) : DEFAULT_FRAME_MS,
  rate: RATE,
  seconds: SECONDS,
};
log(
  `set-up: ${setup.cores} cores shared by the server processes, the students' clients and anything else ` +
    `running; students are socket.io-clients in worker processes (${CLIENT_WORKERS(2000)} for 2 000, ` +
    `BENCH_WORKERS), timed with performance.timeOrigin + performance.now(); the teacher drags at ${RATE} ops/s; ` +
    `fan-out frame ${FRAME_MS} ms (BENCH_FRAME_MS); load average now ${loadAverage()}`,
);

const cases = [];
const bursts = [];
let failed: { failover_ms: number; lost: number; load_avg: number } | null = null;
for (const processes of PROCESSES) {
  const deployment = await deploy(processes);
  try {
    for (const students of SIZES) {
      log(`${processes} process(es), one class of ${students}: fan-out for ${SECONDS} s`);
      const result = await fanOut(deployment, students);
      log(
        `  p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms, lost ${result.lost} (load ${result.load_avg} → ` +
          `${result.load_avg_after}); ${result.frames_per_op} frames of ${result.bytes_per_frame} B per student per op; ` +
          `CPU: servers ${result.servers_cpu_cores} cores (${result.servers_cpu_us_per_delivery} µs per delivery; ` +
          `the owner ${result.owner_cpu_cores} cores, ${result.owner_cpu_us_per_delivery} µs), ` +
          `clients ${result.clients_cpu_cores} cores (${result.clients_cpu_us_per_delivery} µs)`,
      );
      cases.push(result);
    }
    if (CLASSES > 0) {
      log(`${processes} process(es), ${CLASSES} classes of ${CLASS_SIZE} at once: fan-out for ${SECONDS} s`);
      const result = await manyClasses(deployment.servers, CLASSES, CLASS_SIZE, SECONDS, CLASSES_RATE);
      log(`  p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms, lost ${result.lost} (load ${result.load_avg})`);
      cases.push(result);
    }
    if (BURST > 0) {
      log(`${processes} process(es): a burst of ${BURST} answers`);
      const result = await burst(deployment, BURST);
      log(`  ack p99 ${result.p99_ack_ms} ms, lost ${result.lost} (load ${result.load_avg})`);
      bursts.push(result);
    }
    if (processes >= 2 && FAILOVER > 0 && !failed) {
      log(`${processes} processes: kill -9 of the owner under a class of ${FAILOVER}`);
      failed = await failover(deployment, FAILOVER);
      log(`  failover ${failed.failover_ms} ms, lost ${failed.lost} (load ${failed.load_avg})`);
    }
  } finally {
    await undeploy(deployment);
  }
}
if (JSON_OUTPUT) console.log(JSON.stringify({ cases, burst: bursts, failover: failed, setup }));
