// One load-generator process of bench/realtime.ts: connects a share of the simulated students
// (real socket.io-clients, each its own connection), records when each `applied` version arrives,
// and at the end turns receipts into latencies against the teacher's emit times.
// Times are `performance.timeOrigin + performance.now()`: epoch milliseconds, comparable between
// processes on one machine. Nothing time-related goes over the protocol.
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION, type AppliedBatchEvent, type AppliedEvent, type JoinAck } from "../lib/session/protocol";

export type WorkerCommand =
  | { type: "connect"; url: string; code: string; students: number; first: number }
  | { type: "start" }
  | { type: "collect"; emitted: [version: number, at: number][]; waitMs: number }
  | { type: "exit" };

export type WorkerReport =
  | { type: "ready"; failed: number }
  /** cpuMs/wallMs: this worker's CPU time and the wall time since "start" */
  | { type: "result"; latencies: number[]; lost: number; outOfOrder: number; cpuMs: number; wallMs: number };

const now = () => performance.timeOrigin + performance.now();

interface Student {
  socket: Socket;
  /** version → receive time */
  received: Map<number, number>;
  lastVersion: number;
  outOfOrder: number;
}

const students: Student[] = [];
let started = { cpu: process.cpuUsage(), at: now() };

function send(report: WorkerReport): void {
  process.send?.(report);
}

async function connectOne(url: string, code: string, name: string): Promise<boolean> {
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 20_000 });
  const student: Student = { socket, received: new Map(), lastVersion: 0, outOfOrder: 0 };
  const receive = (event: AppliedEvent, at: number) => {
    student.received.set(event.version, at);
    if (event.version !== student.lastVersion + 1 && student.lastVersion !== 0) student.outOfOrder++;
    student.lastVersion = event.version;
  };
  socket.on("applied", (event: AppliedEvent) => receive(event, now()));
  socket.on("appliedBatch", (batch: AppliedBatchEvent) => {
    const at = now();
    for (const event of batch.events) receive(event, at);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const ack = (await socket
      .timeout(20_000)
      .emitWithAck("join", { protocol: PROTOCOL_VERSION, code, role: "student", name })) as JoinAck;
    if (!ack.ok) throw new Error(ack.error.message);
    student.lastVersion = ack.snapshot.state.version;
    students.push(student);
    return true;
  } catch (error) {
    console.error(`student ${name}:`, error);
    socket.disconnect();
    return false;
  }
}

async function connectAll(command: Extract<WorkerCommand, { type: "connect" }>): Promise<void> {
  let failed = 0;
  const concurrency = 25;
  for (let start = 0; start < command.students; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, command.students - start) }, (_, i) =>
      connectOne(command.url, command.code, `Student ${command.first + start + i}`),
    );
    failed += (await Promise.all(batch)).filter((ok) => !ok).length;
  }
  send({ type: "ready", failed });
}

async function collect(command: Extract<WorkerCommand, { type: "collect" }>): Promise<void> {
  const last = Math.max(...command.emitted.map(([version]) => version));
  const deadline = now() + command.waitMs;
  while (now() < deadline && students.some((s) => !s.received.has(last))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const cpu = process.cpuUsage(started.cpu);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const wallMs = now() - started.at;
  const latencies: number[] = [];
  let lost = 0;
  let outOfOrder = 0;
  for (const student of students) {
    outOfOrder += student.outOfOrder;
    for (const [version, at] of command.emitted) {
      const received = student.received.get(version);
      if (received === undefined) lost++;
      else latencies.push(Math.round((received - at) * 100) / 100);
    }
  }
  send({ type: "result", latencies, lost, outOfOrder, cpuMs, wallMs });
}

process.on("message", (command: WorkerCommand) => {
  switch (command.type) {
    case "connect":
      void connectAll(command);
      break;
    case "start":
      started = { cpu: process.cpuUsage(), at: now() };
      break;
    case "collect":
      void collect(command);
      break;
    case "exit":
      for (const student of students) student.socket.disconnect();
      setTimeout(() => process.exit(0), 50);
      break;
  }
});
