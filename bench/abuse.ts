// npm run bench:abuse [-- --json]
// Can one client stall a class? A class of BENCH_STUDENTS (default 200) students watches the
// teacher drag a slider (setWeight at BENCH_RATE, default 30 ops/s, for BENCH_SECONDS, default 15)
// in "everyone edits" mode — the mode where a student's edits reach everybody — while an attacker
// in its own process (bench/abuse-worker.ts):
//   no-abuse           nothing (the reference)
//   one-socket-flood   one student socket sends BENCH_FLOOD_ONE (default 1000) edits a second
//   one-address-flood  20 student sockets from one address send BENCH_FLOOD_EACH (default 250)
//                      edits a second each
//   heavy-forwards     3 clients (3 addresses) run the heaviest POST /api/forward the API allows
//                      (8 inputs, 8 layers × 16 neurons, 10 000 rows, the full answer) back to back
// Observers' latency is the teacher's emit → each student's receipt (bench/realtime-harness.ts,
// students simulated by bench/realtime-worker.ts). Every case starts a fresh server. The server
// trusts X-Forwarded-For from loopback (TRUSTED_PROXIES=127.0.0.1), and every simulated student
// sends its own address in it, so the students look like a class of separate phones and the
// flooders like one machine.
// forward_stall_ms: while the server answers one heavy forward call and nothing else, the longest
// a GET /api/health sent every 5 ms waited for its answer (median of 3 runs after a warm-up).
// --json prints one line: {"cases":[{"name","p50_ms","p99_ms", …}],"forward_stall_ms", …}.
import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../server/paths";
import { heavyForwardBody } from "../tests/helpers/heavy-forward";
import type { AbuseCommand, AbuseReport } from "./abuse-worker";
import {
  JSON_OUTPUT,
  joinClass,
  log,
  nextReport,
  now,
  round,
  SEPARATE_PHONES,
  sleep,
  startBench,
  startServer,
  stopBench,
  summarise,
  teacherDrags,
  type BenchServer,
} from "./realtime-harness";

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RATE = Number(process.env.BENCH_RATE ?? 30);
const FLOOD_ONE = Number(process.env.BENCH_FLOOD_ONE ?? 1000);
const FLOOD_EACH = Number(process.env.BENCH_FLOOD_EACH ?? 250);

type Attack =
  { kind: "none" } | { kind: "flood"; sockets: number; rate: number } | { kind: "forward"; clients: number };

const CASES: { name: string; attack: Attack }[] = [
  { name: "no-abuse", attack: { kind: "none" } },
  { name: "one-socket-flood", attack: { kind: "flood", sockets: 1, rate: FLOOD_ONE } },
  { name: "one-address-flood", attack: { kind: "flood", sockets: 20, rate: FLOOD_EACH } },
  { name: "heavy-forwards", attack: { kind: "forward", clients: 3 } },
];

interface CaseResult {
  name: string;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  lost: number;
  /** what the attacker sent and what the server answered */
  attack_sent: number;
  attack_accepted: number;
  attack_refused: Record<string, number>;
  attack_unanswered: number;
  /** attacker sockets that could not join (with why) */
  attack_join_refused: string[];
  server_cpu_pct: number;
  server_loop_delay_p99_ms: number;
  server_rss_mb: number;
  load_avg: number;
}

function startAttacker() {
  return fork(join(PROJECT_ROOT, "bench", "abuse-worker.ts"), [], {
    cwd: PROJECT_ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

async function runCase(name: string, attack: Attack, body: string): Promise<CaseResult> {
  const bench = await startBench("activation-lab-abuse-", "abuse.db", STUDENTS, SEPARATE_PHONES);
  const attacker = attack.kind === "none" ? null : startAttacker();
  const order = (message: AbuseCommand) => attacker?.send(message);
  try {
    const teacher = await joinClass(bench, STUDENTS, { logJoins: true, ...SEPARATE_PHONES });
    const mode = (await teacher.timeout(10_000).emitWithAck("action", {
      action: { type: "setMode", mode: "everyone" },
    })) as { ok: boolean };
    if (!mode.ok) throw new Error(`setMode: ${JSON.stringify(mode)}`);

    let ready: Extract<AbuseReport, { type: "ready" }> = { type: "ready", joined: 0, refused: [] };
    if (attacker) {
      const readied = nextReport<AbuseReport, "ready">(attacker, "ready");
      if (attack.kind === "flood") {
        order({ type: "flood", url: bench.server.url, code: bench.code!, ...attack, forwardedFor: "10.66.0.1" });
      } else if (attack.kind === "forward") {
        const forwardedFor = Array.from({ length: attack.clients }, (_, i) => `10.77.0.${i + 1}`);
        order({ type: "forward", url: bench.server.url, body, forwardedFor });
      }
      ready = await readied;
      order({ type: "start" }); // and the class is measured from now: a burst the limits let through counts
    }
    const drag = await teacherDrags(bench, teacher, SECONDS, RATE);
    let done: Extract<AbuseReport, { type: "done" }> = {
      type: "done",
      sent: 0,
      accepted: 0,
      refused: {},
      unanswered: 0,
    };
    if (attacker) {
      const finished = nextReport<AbuseReport, "done">(attacker, "done");
      order({ type: "stop" });
      done = await finished;
    }
    const { before, after } = drag;
    const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    const latency = summarise(drag.latencies);
    return {
      name,
      p50_ms: latency.p50,
      p99_ms: latency.p99,
      max_ms: latency.max,
      lost: drag.lost,
      attack_sent: done.sent,
      attack_accepted: done.accepted,
      attack_refused: done.refused,
      attack_unanswered: done.unanswered,
      attack_join_refused: ready.refused,
      server_cpu_pct: Math.round((cpuMs / (after.at - before.at)) * 1000) / 10,
      server_loop_delay_p99_ms: round(after.loopDelay.p99),
      server_rss_mb: Math.round((drag.peakRss / 2 ** 20) * 10) / 10,
      load_avg: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    attacker?.kill();
    await stopBench(bench);
  }
}

interface Stall {
  stall_ms: number;
  forward_ms: number;
  status: number;
  bytes: number;
}

/**
 * One heavy forward call on an idle server: the longest a `GET /api/health` sent every 5 ms waited
 * meanwhile (what anyone else waits for the event loop; the event-loop delay histogram of
 * realtime-server.ts loses samples after a reset, so it is not used here).
 */
async function measureStall({ url }: BenchServer, body: string): Promise<Stall> {
  let longest = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const sent = now();
      await (await fetch(`${url}/api/health`)).arrayBuffer();
      longest = Math.max(longest, now() - sent);
      await sleep(5);
    }
  })();
  const start = now();
  const response = await fetch(`${url}/api/forward`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  const forwardMs = now() - start;
  probing = false;
  await probe;
  return { stall_ms: round(longest), forward_ms: round(forwardMs), status: response.status, bytes };
}

async function forwardStalls(body: string): Promise<Stall[]> {
  const dir = await mkdtemp(join(tmpdir(), "activation-lab-stall-"));
  const server = await startServer(join(dir, "stall.db"), SEPARATE_PHONES.serverEnv);
  try {
    await measureStall(server, body); // warm-up: the kernel and the JIT
    const runs: Stall[] = [];
    for (let i = 0; i < 3; i++) {
      runs.push(await measureStall(server, body));
      await sleep(300);
    }
    return runs;
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    await rm(dir, { recursive: true, force: true });
  }
}

const body = heavyForwardBody();
log(
  `Abuse: ${STUDENTS} students watch the teacher drag at ${RATE} ops/s for ${SECONDS} s, "everyone edits" mode, ` +
    `on ${cpus().length} CPUs (server, students, attacker and teacher share them)`,
);
log(`One heavy forward call (${(body.length / 2 ** 20).toFixed(1)} MiB request) on an idle server, 3 runs`);
const stalls = await forwardStalls(body);
const sortedStalls = stalls.map((s) => s.stall_ms).sort((a, b) => a - b);
const forwardStall = sortedStalls[1]!;
for (const s of stalls) {
  log(
    `  ${s.status}, ${(s.bytes / 2 ** 20).toFixed(1)} MiB in ${s.forward_ms} ms; /api/health waited up to ${s.stall_ms} ms`,
  );
}

const cases: CaseResult[] = [];
for (const { name, attack } of CASES) {
  log(name);
  const result = await runCase(name, attack, body);
  cases.push(result);
  log(
    `  observers p50 ${result.p50_ms} ms  p99 ${result.p99_ms} ms  max ${result.max_ms} ms  lost ${result.lost}  ` +
      `attacker sent ${result.attack_sent}, accepted ${result.attack_accepted}, refused ${JSON.stringify(result.attack_refused)}` +
      `${result.attack_join_refused.length ? `, joins refused ${result.attack_join_refused.length}` : ""}  ` +
      `server CPU ${result.server_cpu_pct}%  loop delay p99 ${result.server_loop_delay_p99_ms} ms  ` +
      `RSS ${result.server_rss_mb} MB  load average ${result.load_avg}`,
  );
}

if (JSON_OUTPUT) {
  console.log(JSON.stringify({ cases, forward_stall_ms: forwardStall, forward_stalls: stalls, students: STUDENTS }));
} else {
  console.table(cases.map((c) => ({ case: c.name, "p50 ms": c.p50_ms, "p99 ms": c.p99_ms, lost: c.lost })));
  console.log(`forward stall: ${forwardStall} ms (median of ${sortedStalls.join(", ")})`);
}
