// Who is connected to one live session, apart from its state (as y-websocket keeps awareness apart
// from the document): the sockets of each member, who is online, and the roster changes gathered
// into one `roster` event at most every `delayMs` (or once per participants × 1 ms in larger
// classes: each roster goes to every socket, so 1 000 students joining at once would otherwise
// cost 10 000 socket writes a second). Only written participants are announced.
import type { RosterEntry } from "../../lib/session/protocol";
import type { Actor, Participant } from "../../lib/session/rules";
import type { RoomTransport } from "./room";

/** One connected socket of a member. */
export interface Connection {
  readonly id: string;
  readonly actor: Actor;
  /** Stop treating this socket as a member (removed student, ended session): leave its rooms. */
  detach(): void;
}

export interface PresenceOptions {
  transport: RoomTransport;
  /** the participants everyone has heard of, and the newest (joined, not written yet) */
  participants(): { written: readonly Participant[]; newest: readonly Participant[] };
  delayMs: number;
  now: () => number;
}

export class Presence {
  private readonly connections = new Map<string, Connection>();
  private readonly studentSockets = new Map<string, number>();
  private teacherSockets = 0;
  private dirty = new Set<string>();
  private teacherDirty = false;
  private timer: NodeJS.Timeout | null = null;
  private lastActive: number;

  constructor(private readonly options: PresenceOptions) {
    this.lastActive = options.now();
  }

  get count(): number {
    return this.connections.size;
  }

  /** the ids of the connected sockets */
  get ids(): string[] {
    return [...this.connections.keys()];
  }

  /** ids of the participants with at least one connected socket */
  get online(): string[] {
    return [...this.studentSockets.keys()];
  }

  get teacherOnline(): boolean {
    return this.teacherSockets > 0;
  }

  /** ms since the last connection left (0 while someone is connected) */
  idleFor(now: number): number {
    return this.connections.size > 0 ? 0 : now - this.lastActive;
  }

  connect(connection: Connection): void {
    if (this.connections.has(connection.id)) return;
    this.connections.set(connection.id, connection);
    const actor = connection.actor;
    if (actor.role === "teacher") {
      if (this.teacherSockets++ === 0) this.markTeacher();
    } else {
      const count = this.studentSockets.get(actor.id) ?? 0;
      this.studentSockets.set(actor.id, count + 1);
      if (count === 0) this.mark(actor.id);
    }
  }

  disconnect(connectionId: string): void {
    const connection = this.connections.get(connectionId);
    if (!connection) return;
    this.connections.delete(connectionId);
    if (this.connections.size === 0) this.lastActive = this.options.now();
    const actor = connection.actor;
    if (actor.role === "teacher") {
      if (--this.teacherSockets === 0) this.markTeacher();
    } else {
      const count = (this.studentSockets.get(actor.id) ?? 1) - 1;
      if (count > 0) {
        this.studentSockets.set(actor.id, count);
      } else {
        this.studentSockets.delete(actor.id);
        this.mark(actor.id);
      }
    }
  }

  /** The participant joined or changed: due in the next roster. */
  mark(participantId: string): void {
    this.dirty.add(participantId);
    this.schedule();
  }

  /** Detaches every socket of `participantId` (the teacher removed them); nothing more about them is sent. */
  evict(participantId: string): void {
    for (const connection of [...this.connections.values()]) {
      const actor = connection.actor;
      if (actor.role === "student" && actor.id === participantId) {
        this.disconnect(connection.id);
        connection.detach();
      }
    }
    this.dirty.delete(participantId);
  }

  /** Detaches every socket (the session ended). */
  detachAll(): void {
    for (const connection of [...this.connections.values()]) {
      this.disconnect(connection.id);
      connection.detach();
    }
  }

  /** Sends the gathered roster changes of written participants now. */
  flush(): void {
    this.stop();
    if (this.dirty.size === 0 && !this.teacherDirty) return;
    const { written, newest } = this.options.participants();
    const changed: RosterEntry[] = [];
    const waiting = new Set<string>();
    for (const id of this.dirty) {
      const participant = written.find((p) => p.id === id);
      if (participant) changed.push({ ...participant, online: this.studentSockets.has(id) });
      else if (newest.some((p) => p.id === id)) waiting.add(id); // joined, not written yet
    }
    this.dirty = waiting;
    this.teacherDirty = false;
    this.options.transport.send({ to: "everyone" }, "roster", { changed, teacherOnline: this.teacherOnline });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private markTeacher(): void {
    this.teacherDirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    const delay = Math.max(this.options.delayMs, this.options.participants().newest.length);
    this.timer = setTimeout(() => this.flush(), delay);
    this.timer.unref();
  }
}
