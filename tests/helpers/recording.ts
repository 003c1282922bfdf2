// A student on a raw socket.io-client that keeps the JSON of every packet it receives (every
// server event whatever its name, the join ack and every other ack it asks for): tests search all
// of them for what a student must never hold (the truth before a reveal, other students' answers).
import type { Socket } from "socket.io-client";
import { PROTOCOL_VERSION, type AnswerAck, type JoinAck, type RoundStatusAck } from "../../lib/session/protocol";
import { connected, rawSocket, request } from "./live";

export class RecordingStudent {
  /** every socket opened, for closeAll() */
  private static readonly opened: Socket[] = [];
  readonly packets: string[] = [];
  participantId = "";
  resumeToken = "";

  constructor(readonly socket: Socket) {
    RecordingStudent.opened.push(socket);
    // every server event, whatever its name (onAny does not see acks: ask() records those)
    socket.onAny((event: string, ...args: unknown[]) => this.packets.push(JSON.stringify([event, ...args])));
  }

  static async join(url: string, code: string, name: string, place?: { participantId: string; resumeToken: string }) {
    const student = new RecordingStudent(rawSocket(url));
    await connected(student.socket);
    const ack = await student.ask<JoinAck>("join", {
      protocol: PROTOCOL_VERSION,
      code,
      role: "student",
      name,
      ...place,
    });
    if (!ack.ok || ack.you.role !== "student") throw new Error(`join refused: ${JSON.stringify(ack)}`);
    student.participantId = ack.you.participantId;
    student.resumeToken = ack.you.resumeToken;
    return student;
  }

  static closeAll(): void {
    for (const socket of RecordingStudent.opened.splice(0)) socket.disconnect();
  }

  async ask<T>(event: string, payload: unknown): Promise<T> {
    const ack = await request<T>(this.socket, event, payload);
    this.packets.push(JSON.stringify([`ack:${event}`, ack]));
    return ack;
  }

  answer(roundId: string, value: number): Promise<AnswerAck> {
    return this.ask<AnswerAck>("answer", { roundId, value });
  }

  status(): Promise<RoundStatusAck> {
    return this.ask<RoundStatusAck>("roundStatus", {});
  }

  /** resolves once a packet matching `predicate` has arrived (or already had) */
  until(predicate: (packet: string) => boolean, what: string, timeoutMs = 5000): Promise<void> {
    return waitFor(() => this.packets.some(predicate), what, timeoutMs);
  }
}

export function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (condition()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 10);
    };
    check();
  });
}

/** How a value may be written in JSON or on screen: 3 decimals rounded, and its leading digits. */
export function needles(value: number): string[] {
  const raw = String(value);
  const point = raw.indexOf(".");
  return [...new Set([value.toFixed(3), point === -1 ? raw : raw.slice(0, point + 4)])];
}

/** The packets that hold any of `strings`. */
export function leaks(packets: readonly string[], strings: readonly string[]): string[] {
  return packets.filter((p) => strings.some((s) => p.includes(s)));
}
