// One load-generator process of bench/realtime.ts: connects a share of the simulated students
// (real socket.io-clients, each its own connection), records when each `applied` version arrives,
// and at the end turns receipts into latencies against the teacher's emit times. For a prediction
// burst, every student answers the round once within a window and times its ack, and the worker
// reports when each student received the reveal.
// Times are `performance.timeOrigin + performance.now()`: epoch milliseconds, comparable between
// processes on one machine. Nothing time-related goes over the protocol.
import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  type AnswerAck,
  type AppliedBatchEvent,
  type AppliedEvent,
  type JoinAck,
} from "../lib/session/protocol";

export type WorkerCommand =
  /** forwardedForPrefix "10.1": student n sends `x-forwarded-for: 10.1.<n / 256>.<n % 256>` (a trusted proxy's word) */
  | { type: "connect"; url: string; code: string; students: number; first: number; forwardedForPrefix?: string }
  | { type: "start" }
  /** byCode (several classes in one worker: bench/cluster-classes.ts): each class's own emitted ops, by code */
  | {
      type: "collect";
      emitted: [version: number, at: number][];
      waitMs: number;
      byCode?: Record<string, [version: number, at: number][]>;
    }
  /** prediction burst: every student answers `roundId` once, at a random moment of [startAt, startAt + windowMs] */
  | { type: "burst"; roundId: string; startAt: number; windowMs: number }
  /** waits until every student has received the reveal of `roundId` (or waitMs) */
  | { type: "collectReveal"; roundId: string; waitMs: number }
  | { type: "exit" };

export type WorkerReport =
  /** retried: joins refused for a passing reason and asked again, by code */
  | { type: "ready"; failed: number; retried?: Record<string, number> }
  /** cpuMs/wallMs: this worker's CPU time and the wall time since "start"; students: how many it has */
  | {
      type: "result";
      latencies: number[];
      lost: number;
      outOfOrder: number;
      cpuMs: number;
      wallMs: number;
      students: number;
      /** WebSocket message frames and their bytes the students received since "start" */
      frames: number;
      bytes: number;
    }
  /** answer acks: emit → ack ms of the accepted ones, and how many were refused or never acked */
  | { type: "burstAcks"; latencies: number[]; accepted: number; refused: number; timedOut: number; codes: string[] }
  /** when each student received the reveal (epoch ms), and how many never did */
  | { type: "revealed"; at: number[]; missing: number };

const now = () => performance.timeOrigin + performance.now();

const TRANSIENT = new Set(["rate_limited", "internal", "unavailable"]);
const JOIN_ATTEMPTS = 5;
/** joins asked again, by the refusal's code */
const joinRetries = new Map<string, number>();

interface Student {
  socket: Socket;
  /** the session's code (a worker may hold students of several classes) */
  code: string;
  /** version → receive time */
  received: Map<number, number>;
  lastVersion: number;
  outOfOrder: number;
  /** round id → when its reveal arrived */
  revealed: Map<string, number>;
}

const students: Student[] = [];
let started = { cpu: process.cpuUsage(), at: now() };
/** frames (Engine.IO message packets: one WebSocket frame each) and bytes received since "start" */
const received = { frames: 0, bytes: 0 };

function send(report: WorkerReport): void {
  process.send?.(report);
}

/**
 * A connected socket: a connection that fails (on an overbooked machine the handshake can take
 * longer than its 20 s) is tried again after a second, up to 3 times, as a phone's client would
 * (counted with the join retries as "connect")
 */
async function connectSocket(url: string, forwardedFor?: string): Promise<Socket> {
  for (let attempt = 1; ; attempt++) {
    const socket = io(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
      ...(forwardedFor ? { extraHeaders: { "x-forwarded-for": forwardedFor } } : {}),
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      return socket;
    } catch (error) {
      socket.disconnect();
      if (attempt === 3) throw error;
      joinRetries.set("connect", (joinRetries.get("connect") ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function connectOne(url: string, code: string, name: string, forwardedFor?: string): Promise<boolean> {
  let socket: Socket;
  try {
    socket = await connectSocket(url, forwardedFor);
  } catch (error) {
    console.error(`student ${name}:`, error);
    return false;
  }
  const student: Student = { socket, code, received: new Map(), lastVersion: 0, outOfOrder: 0, revealed: new Map() };
  const receive = (event: AppliedEvent, at: number) => {
    student.received.set(event.version, at);
    if (event.action.type === "roundState") {
      const current = event.action.rounds.current;
      if (current?.phase === "revealed" && !student.revealed.has(current.id)) student.revealed.set(current.id, at);
    }
    if (event.version !== student.lastVersion + 1 && student.lastVersion !== 0) student.outOfOrder++;
    student.lastVersion = event.version;
  };
  socket.io.engine.on("packet", (packet) => {
    if (packet.type !== "message") return;
    received.frames++;
    // the frame's text: the packet type's digit and the data
    received.bytes += 1 + (typeof packet.data === "string" ? Buffer.byteLength(packet.data) : 0);
  });
  socket.on("applied", (event: AppliedEvent) => receive(event, now()));
  socket.on("appliedBatch", (batch: AppliedBatchEvent) => {
    const at = now();
    for (const event of batch.events) receive(event, at);
  });
  try {
    // a join refused for a passing reason is asked again 2 s later, as the app's client does
    // (lib/live/session-client.ts TRANSIENT); counted in the "ready" report
    let ack: JoinAck;
    for (let attempt = 1; ; attempt++) {
      ack = (await socket
        .timeout(20_000)
        .emitWithAck("join", { protocol: PROTOCOL_VERSION, code, role: "student", name })) as JoinAck;
      if (ack.ok || !TRANSIENT.has(ack.error.code) || attempt === JOIN_ATTEMPTS) break;
      joinRetries.set(ack.error.code, (joinRetries.get(ack.error.code) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
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
    const batch = Array.from({ length: Math.min(concurrency, command.students - start) }, (_, i) => {
      const n = command.first + start + i;
      const address = command.forwardedForPrefix && `${command.forwardedForPrefix}.${(n >> 8) & 255}.${n & 255}`;
      return connectOne(command.url, command.code, `Student ${n}`, address || undefined);
    });
    failed += (await Promise.all(batch)).filter((ok) => !ok).length;
  }
  send({ type: "ready", failed, retried: Object.fromEntries(joinRetries) });
}

async function collect(command: Extract<WorkerCommand, { type: "collect" }>): Promise<void> {
  const emittedOf = (student: Student) => command.byCode?.[student.code] ?? command.emitted;
  const lasts = new Map<string, number>(); // each class's last acknowledged version, computed once
  const lastOf = (student: Student) => {
    if (!lasts.has(student.code)) lasts.set(student.code, Math.max(...emittedOf(student).map(([version]) => version)));
    return lasts.get(student.code)!;
  };
  const deadline = now() + command.waitMs;
  while (now() < deadline && students.some((s) => !s.received.has(lastOf(s)))) {
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
    for (const [version, at] of emittedOf(student)) {
      const received = student.received.get(version);
      if (received === undefined) lost++;
      else latencies.push(Math.round((received - at) * 100) / 100);
    }
  }
  send({ type: "result", latencies, lost, outOfOrder, cpuMs, wallMs, students: students.length, ...received });
}

async function burst(command: Extract<WorkerCommand, { type: "burst" }>): Promise<void> {
  const latencies: number[] = [];
  const codes: string[] = [];
  let refused = 0;
  let timedOut = 0;
  await Promise.all(
    students.map(async (student, i) => {
      const wait = command.startAt + Math.random() * command.windowMs - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const at = now();
      try {
        const ack = (await student.socket
          .timeout(30_000)
          .emitWithAck("answer", { roundId: command.roundId, value: (i % 100) / 100 })) as AnswerAck;
        if (ack.ok) latencies.push(Math.round((now() - at) * 100) / 100);
        else {
          refused++;
          codes.push(ack.error.code);
        }
      } catch {
        timedOut++;
      }
    }),
  );
  send({ type: "burstAcks", latencies, accepted: latencies.length, refused, timedOut, codes: [...new Set(codes)] });
}

async function collectReveal(command: Extract<WorkerCommand, { type: "collectReveal" }>): Promise<void> {
  const deadline = now() + command.waitMs;
  while (now() < deadline && students.some((s) => !s.revealed.has(command.roundId))) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const at = students.map((s) => s.revealed.get(command.roundId)).filter((t): t is number => t !== undefined);
  send({ type: "revealed", at, missing: students.length - at.length });
}

process.on("message", (command: WorkerCommand) => {
  switch (command.type) {
    case "connect":
      void connectAll(command);
      break;
    case "start":
      started = { cpu: process.cpuUsage(), at: now() };
      received.frames = 0;
      received.bytes = 0;
      break;
    case "collect":
      void collect(command);
      break;
    case "burst":
      void burst(command);
      break;
    case "collectReveal":
      void collectReveal(command);
      break;
    case "exit":
      for (const student of students) student.socket.disconnect();
      setTimeout(() => process.exit(0), 50);
      break;
  }
});
