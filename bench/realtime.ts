// npm run bench:realtime [-- --json]
// Live-session fan-out under load. For each class size N it starts the real server (API +
// Socket.IO, no Next) in a child process on a fresh SQLite file, connects N students with real
// socket.io-clients spread over several worker processes (bench/realtime-worker.ts), and has the
// teacher (this process) send setWeight at RATE ops/s for SECONDS. Latency is the time from the
// teacher's emit of an op to each student's receipt of its `applied` (the teacher records emit
// time per version, the workers receive time per version; joined afterwards, same machine clock).
// Each student comes from its own address (through X-Forwarded-For from a trusted loopback proxy,
// SEPARATE_PHONES in bench/realtime-harness.ts), as phones in a class would.
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
import Database from "better-sqlite3";
import { cpus, loadavg } from "node:os";
import type { AppliedBatchEvent, AppliedEvent, RoundAck } from "../lib/session/protocol";
import {
  command,
  JSON_OUTPUT,
  joinClass,
  log,
  now,
  openOutputRound,
  round,
  SEPARATE_PHONES,
  sleep,
  startBench,
  stopBench,
  studentReport,
  summarise,
  teacherDrags,
} from "./realtime-harness";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 30);
const SIZES = process.argv.includes("--burst-only")
  ? []
  : (process.env.BENCH_STUDENTS ?? "50,200,500,1000").split(",").filter(Boolean).map(Number);
const BURSTS = (process.env.BENCH_BURST ?? "200,1000").split(",").filter(Boolean).map(Number);
const BURST_WINDOW_MS = Number(process.env.BENCH_BURST_WINDOW_MS ?? 1000);

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

async function runCase(students: number): Promise<Case> {
  const bench = await startBench("activation-lab-bench-", "bench.db", students, SEPARATE_PHONES);
  const { workers } = bench;
  try {
    const teacher = await joinClass(bench, students, { logJoins: true, ...SEPARATE_PHONES });
    const drag = await teacherDrags(bench, teacher, SECONDS, RATE);
    const { ops, emitted, before, after, peakRss, results } = drag;
    const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    const wallMs = after.at - before.at;
    const deliveries = drag.latencies.length;
    const latency = summarise(drag.latencies);
    const roundTrip = summarise(drag.roundTrips);
    const lost = drag.lost;
    return {
      students,
      p50_ms: latency.p50,
      p95_ms: latency.p95,
      p99_ms: latency.p99,
      max_ms: latency.max,
      teacher_rtt_p50_ms: roundTrip.p50,
      teacher_rtt_p99_ms: roundTrip.p99,
      lost,
      out_of_order: drag.outOfOrder,
      ops,
      ops_acked: emitted.length,
      server_cpu_pct: Math.round((cpuMs / wallMs) * 1000) / 10,
      server_cpu_us_per_delivery: round((cpuMs * 1000) / Math.max(1, deliveries)),
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
  const bench = await startBench("activation-lab-burst-", "burst.db", students, SEPARATE_PHONES);
  const { databaseFile, server, workers } = bench;
  try {
    const teacher = await joinClass(bench, students, SEPARATE_PHONES);

    const roundId = await openOutputRound(teacher);
    await sleep(500); // every student has the round

    const before = await server.stats(true);
    const startAt = now() + 200;
    const acked = workers.map((worker) => studentReport(worker, "burstAcks"));
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
    const revealed = workers.map((worker) => studentReport(worker, "revealed"));
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
