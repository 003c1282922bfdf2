// bench:cluster's case (b): a school at 10:00, many classes at once on the same processes. Each
// class's teacher (a socket in this process) creates and joins its own session on process
// c % P (so the sessions' owners are spread over the processes), its students join spread over
// every process, and all the teachers drag a slider at once; fan-out is each teacher's emit → each
// of its own students' receipt, lost the acknowledged ops a student of that class never received.
// Students are real socket.io-clients in the shared worker processes (bench/realtime-worker.ts),
// several classes per worker.
import type { ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { io, type Socket } from "socket.io-client";
import type { ActionAck } from "../lib/session/protocol";
import {
  command,
  drained,
  joinAsTeacher,
  log,
  now,
  SEPARATE_PHONES,
  sleep,
  startWorker,
  studentReport,
  summarise,
  type BenchServer,
} from "./realtime-harness";

interface Class {
  code: string;
  teacher: Socket;
  /** [version, emit time] of each acknowledged op */
  emitted: [number, number][];
  ops: number;
}

/** Class c's teacher: its own address (a staff room's machines), a session on `url`, joined. */
async function openClass(url: string, c: number): Promise<Class> {
  const address = { "x-forwarded-for": `10.2.${(c >> 8) & 255}.${c & 255}` };
  const response = await fetch(`${url}/api/sessions`, { method: "POST", headers: address });
  if (!response.ok) throw new Error(`class ${c}: POST /api/sessions ${response.status}`);
  const session = (await response.json()) as { code: string; teacherKey: string };
  const teacher = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: address });
  await joinAsTeacher(teacher, session).catch((error: Error) => {
    throw new Error(`class ${c}: ${error.message}`);
  });
  return { code: session.code, teacher, emitted: [], ops: 0 };
}

/** Class c's students: worker c % W connects them, an equal share to each process. */
async function joinStudents(workers: ChildProcess[], classes: Class[], students: number, urls: string[]) {
  let failed = 0;
  await Promise.all(
    workers.map(async (worker, w) => {
      for (let c = w; c < classes.length; c += workers.length) {
        for (const [p, url] of urls.entries()) {
          const share = Math.floor(students / urls.length) + (p < students % urls.length ? 1 : 0);
          const ready = studentReport(worker, "ready");
          command(worker, {
            type: "connect",
            url,
            code: classes[c]!.code,
            students: share,
            first: c * students + p * Math.ceil(students / urls.length),
            forwardedForPrefix: SEPARATE_PHONES.forwardedForPrefix,
          });
          failed += (await ready).failed;
        }
      }
    }),
  );
  if (failed > 0) throw new Error(`${failed} students could not join`);
}

/** One teacher drags for `seconds` at `rate` ops/s from `start` (the classes start staggered). */
async function drag(one: Class, start: number, seconds: number, rate: number): Promise<void> {
  const acks: Promise<void>[] = [];
  one.ops = Math.round(seconds * rate);
  for (let k = 0; k < one.ops; k++) {
    const wait = start + (k * 1000) / rate - now();
    if (wait > 0) await sleep(wait);
    const at = now();
    const value = Math.round(Math.sin(k / 10) * 1000) / 1000;
    const action = { type: "edit", edit: { type: "setWeight", layer: 0, neuron: 0, from: 0, value } };
    const sent = one.teacher.timeout(30_000).emitWithAck("action", { action }) as Promise<ActionAck>;
    acks.push(
      sent.then(
        (ack) => void (ack.ok && one.emitted.push([ack.version, at])),
        () => {},
      ),
    );
  }
  await Promise.all(acks);
}

/** Case (b) on `servers`: `classes` classes of `students`, every teacher dragging at once. */
export async function manyClasses(
  servers: BenchServer[],
  classes: number,
  students: number,
  seconds: number,
  rate: number,
) {
  const urls = servers.map((s) => s.url);
  const total = classes * students;
  const workerCount = Number(process.env.BENCH_WORKERS ?? Math.max(2, Math.ceil(total / 250)));
  const workers = Array.from({ length: workerCount }, () => startWorker());
  const opened: Class[] = [];
  try {
    const joinStart = now();
    for (let c = 0; c < classes; c++) opened.push(await openClass(urls[c % urls.length]!, c));
    await joinStudents(workers, opened, students, urls);
    log(`  ${total} students in ${classes} classes joined in ${((now() - joinStart) / 1000).toFixed(1)} s`);
    for (const server of servers) await drained(server);

    for (const worker of workers) command(worker, { type: "start" });
    const start = now() + 100;
    // staggered over one op's interval: the teachers are not in step
    await Promise.all(opened.map((one, c) => drag(one, start + (c / classes) * (1000 / rate), seconds, rate)));
    const byCode = Object.fromEntries(opened.map((one) => [one.code, one.emitted]));
    const results = await Promise.all(
      workers.map((worker) => {
        const result = studentReport(worker, "result");
        command(worker, { type: "collect", emitted: [], byCode, waitMs: 30_000 });
        return result;
      }),
    );
    const summary = summarise(new Float64Array(results.flatMap((r) => r.latencies)));
    const ops = opened.reduce((n, one) => n + one.ops, 0);
    const acked = opened.reduce((n, one) => n + one.emitted.length, 0);
    const refusedOrUnacked = opened.reduce((n, one) => n + (one.ops - one.emitted.length) * students, 0);
    return {
      processes: servers.length,
      classes,
      students,
      p50_ms: summary.p50,
      p99_ms: summary.p99,
      max_ms: summary.max,
      lost: results.reduce((n, r) => n + r.lost, 0) + refusedOrUnacked,
      ops,
      ops_acked: acked,
      rate_per_teacher: rate,
      load_avg: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    for (const one of opened) one.teacher.disconnect();
    for (const worker of workers) if (worker.connected) command(worker, { type: "exit" });
    await sleep(200);
    for (const worker of workers) worker.kill();
  }
}
