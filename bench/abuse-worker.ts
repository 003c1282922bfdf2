// The attacker of bench/abuse.ts, in its own process so that its CPU does not delay the teacher's
// timing: either sockets that join a live session as students and flood it with edits, or HTTP
// clients that run heavy `POST /api/forward` calls back to back. Both keep going from "start" to
// "stop" and then report what the server answered. Refusals are cheap for an attacker: a refused
// call is retried after 100 ms, whatever Retry-After says.
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION, type ActionAck, type JoinAck } from "../lib/session/protocol";

export type AbuseCommand =
  /** `sockets` students from one address (`forwardedFor`), each sending `rate` edits a second */
  | { type: "flood"; url: string; code: string; sockets: number; rate: number; forwardedFor: string }
  /** one client per address in `forwardedFor`, each running `body` through POST /api/forward in a loop */
  | { type: "forward"; url: string; body: string; forwardedFor: string[] }
  | { type: "start" }
  | { type: "stop" };

export type AbuseReport =
  | { type: "ready"; joined: number; refused: string[] }
  /** events or calls sent, how many were accepted (ack ok / 200), refusals by code or status */
  | { type: "done"; sent: number; accepted: number; refused: Record<string, number>; unanswered: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let running = false;
let work: () => Promise<Extract<AbuseReport, { type: "done" }>> = async () => ({
  type: "done",
  sent: 0,
  accepted: 0,
  refused: {},
  unanswered: 0,
});

function send(report: AbuseReport): void {
  process.send?.(report);
}

function count(refused: Record<string, number>, code: string): void {
  refused[code] = (refused[code] ?? 0) + 1;
}

async function joinFlooder(command: Extract<AbuseCommand, { type: "flood" }>, n: number): Promise<Socket | string> {
  const socket = io(command.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    timeout: 20_000,
    extraHeaders: { "x-forwarded-for": command.forwardedFor },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const ack = (await socket.timeout(20_000).emitWithAck("join", {
      protocol: PROTOCOL_VERSION,
      code: command.code,
      role: "student",
      name: `Flooder ${n}`,
    })) as JoinAck;
    if (!ack.ok) throw new Error(ack.error.code);
    return socket;
  } catch (error) {
    socket.disconnect();
    return error instanceof Error ? error.message : String(error);
  }
}

async function flood(command: Extract<AbuseCommand, { type: "flood" }>): Promise<void> {
  const sockets: Socket[] = [];
  const refusedJoins: string[] = [];
  for (let n = 0; n < command.sockets; n++) {
    const joined = await joinFlooder(command, n);
    if (typeof joined === "string") refusedJoins.push(joined);
    else sockets.push(joined);
  }
  work = async () => {
    let sent = 0;
    let accepted = 0;
    let answered = 0;
    const refused: Record<string, number> = {};
    const tickMs = 10;
    const perTick = (command.rate * tickMs) / 1000;
    let owed = 0;
    let k = 0;
    while (running) {
      owed += perTick;
      for (; owed >= 1; owed--) {
        for (const socket of sockets) {
          const value = ((k++ % 200) - 100) / 100;
          const action = { type: "edit", edit: { type: "setBias", layer: 0, neuron: 1, value } };
          sent++;
          socket.emit("action", { action }, (ack: ActionAck) => {
            answered++;
            if (ack.ok) accepted++;
            else count(refused, ack.error.code);
          });
        }
      }
      await sleep(tickMs);
    }
    await sleep(1000); // the last acks
    for (const socket of sockets) socket.disconnect();
    return { type: "done", sent, accepted, refused, unanswered: sent - answered };
  };
  send({ type: "ready", joined: sockets.length, refused: refusedJoins });
}

async function forwardLoop(url: string, body: string, address: string, tally: Extract<AbuseReport, { type: "done" }>) {
  while (running) {
    tally.sent++;
    try {
      const response = await fetch(`${url}/api/forward`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body,
      });
      await response.arrayBuffer(); // read it all, as a client would, and throw it away
      if (response.status === 200) tally.accepted++;
      else {
        count(tally.refused, String(response.status));
        await sleep(100);
      }
    } catch {
      tally.unanswered++;
      await sleep(100);
    }
  }
}

function forward(command: Extract<AbuseCommand, { type: "forward" }>): void {
  work = async () => {
    const tally: Extract<AbuseReport, { type: "done" }> = {
      type: "done",
      sent: 0,
      accepted: 0,
      refused: {},
      unanswered: 0,
    };
    await Promise.all(command.forwardedFor.map((address) => forwardLoop(command.url, command.body, address, tally)));
    return tally;
  };
  send({ type: "ready", joined: command.forwardedFor.length, refused: [] });
}

let finished: Promise<Extract<AbuseReport, { type: "done" }>> | null = null;

process.on("message", (command: AbuseCommand) => {
  switch (command.type) {
    case "flood":
      void flood(command);
      break;
    case "forward":
      forward(command);
      break;
    case "start":
      running = true;
      finished = work();
      break;
    case "stop":
      running = false;
      void finished?.then(send);
      break;
  }
});
