// One session as the sockets of this process see it when several processes serve the sessions: a
// SessionPort that hands every request to the session's owner — the Room itself when this process
// owns the session, else the owner process over the bus — and follows the session when it moves.
//
// When the owner does not answer (killed: the bus knows at once that nobody listens; or a timeout),
// the request is asked again, of whichever process owns the session by then (the lease expires
// within seconds and a live process takes the session over from the database). Edits and answers
// carry an operation id, made here if the client sent none, so a request asked twice is applied
// once (operations.ts); a join, a round request or the end are asked again only when they never
// reached the owner, and are refused `unavailable` otherwise (the client may try again: it knows).
import { randomBytes } from "node:crypto";
import type {
  ActionAck,
  ClientAcks,
  ClientRequests,
  AnswerAck,
  AnswerRequest,
  JoinRequest,
  Refused,
  RoundAck,
  RoundRequest,
  RoundStatusAck,
  Snapshot,
} from "../../lib/session/protocol";
import type { Action, Actor } from "../../lib/session/rules";
import { refuse } from "../../lib/validation";
import { joinRoom, NO_SUCH_SESSION, recoverIn, type Joined, type SessionPort } from "../live/port";
import type { Connection } from "../live/presence";
import type { Room } from "../live/room";
import { runActivity, type ActivityEvent } from "../live/activities";
import { BusError, type ProcessBus } from "./bus";
import type { OwnerOp, OwnerReply } from "./wire";

export type Target =
  { kind: "local"; room: Room; token: number } | { kind: "remote"; processId: string; token: number };

/** What a SessionRef needs of the directory that made it. */
export interface RefHost {
  bus: ProcessBus;
  /** the session's owner now (this process takes it over when nobody holds it); null: no session */
  locate(code: string): Promise<Target | null>;
  /** whether this process still owns the session with `token` */
  owns(code: string, token: number): boolean;
  /** the session ended here: let it go */
  release(code: string): Promise<void>;
  /** who holds the session's lease now (null: nobody) */
  leaseOwner(code: string): Promise<{ processId: string; token: number } | null>;
}

const UNAVAILABLE = refuse("unavailable", "the session is moving to another server: try again");
/** how long a request keeps looking for the session's owner */
const RETRY_MS = 15_000;
/**
 * how long one forwarded request waits for the owner's answer: long, because an owner that died is
 * known at once (bus.ts: "unreachable", "gone") and one that answers late under load (1 000 joins
 * at once on a busy machine) must not make a join look lost; only a frozen owner costs this wait
 */
const ASK_TIMEOUT_MS = 12_000;
const RETRY_DELAY_MS = 150;

type Retry = "always" | "undelivered";

export function newOpId(): string {
  return randomBytes(12).toString("base64url");
}

export class SessionRef implements SessionPort {
  private target: Target | null = null;
  /** the owner token this process's connections were last announced to */
  private announced = -1;
  /** this process's sockets in the session */
  private readonly connections = new Map<string, Connection>();
  /** when this process last looked the session up (a join in flight has no connection yet) */
  lastUsedAt = Date.now();

  constructor(
    readonly code: string,
    private readonly host: RefHost,
  ) {}

  get epoch(): string {
    return String(this.target?.token ?? 0);
  }

  /** sockets of this process in the session */
  get connectionCount(): number {
    return this.connections.size;
  }

  get local(): boolean {
    return this.target?.kind === "local";
  }

  /** The session's owner now, looked up when not known (or when this process stopped owning it). */
  async current(): Promise<Target | null> {
    const known = this.target;
    if (known && (known.kind === "remote" || this.host.owns(this.code, known.token))) return known;
    const found = await this.host.locate(this.code);
    this.target = found;
    if (found && found.token !== this.announced) {
      this.announced = found.token;
      await this.announce(found);
    }
    return found;
  }

  /** The owner is gone or not the owner any more: look it up again next time. */
  forget(target?: Target): void {
    if (!target || this.target === target) this.target = null;
  }

  async join(
    request: JoinRequest,
    connectionId: string,
    attach: (joined: Joined) => Connection,
    send: (joined: Joined, snapshot: Snapshot) => void,
  ): Promise<Refused | null> {
    const keep = (joined: Joined) => this.keep(attach(joined));
    const answer = await this.call<{ ok: true; joined: Joined; snapshot: Snapshot } | Refused | null>(
      { op: "join", request, connectionId },
      (room) => joinRoom(room, request, keep, send),
      "undelivered",
    );
    if (answer === null) return null;
    if (!answer.ok) return answer;
    keep(answer.joined);
    send(answer.joined, answer.snapshot);
    return null;
  }

  async recover(connection: Connection): Promise<"ok" | "ended" | "removed"> {
    const status = await this.call<"ok" | "ended" | "removed" | Refused>(
      { op: "recover", connection: { id: connection.id, actor: connection.actor } },
      async (room) => {
        const found = recoverIn(room, connection.actor);
        if (found === "ok") room.connect(connection);
        return found;
      },
      "always",
    );
    if (typeof status !== "string") throw new Error(`recovering a socket: ${status.error.message}`);
    if (status === "ok") this.connections.set(connection.id, connection);
    return status;
  }

  disconnect(connectionId: string): void {
    this.connections.delete(connectionId);
    const target = this.target;
    if (target?.kind === "local") target.room.disconnect(connectionId);
    else if (target) void this.ask(target, { op: "disconnect", connectionId }).catch(() => {});
  }

  async snapshot(actor: Actor, send: (snapshot: Snapshot) => void): Promise<void> {
    const snapshot = await this.call<Snapshot | Refused | null>(
      { op: "snapshot", actor },
      async (room) => {
        send(room.snapshot(actor));
        return null;
      },
      "always",
    );
    if (snapshot === null) return;
    if ("ok" in snapshot) throw new Error(`a snapshot: ${snapshot.error.message}`);
    send(snapshot);
  }

  apply(action: Action, actor: Actor, options: { baseVersion?: number; connectionId?: string; opId?: string }) {
    const opId = options.opId ?? newOpId();
    return this.call<ActionAck>(
      { op: "apply", action, actor, ...options, opId },
      (room) => room.apply(action, actor, options),
      "always",
    );
  }

  round(request: RoundRequest) {
    return this.call<RoundAck>({ op: "round", request }, (room) => room.round(request), "undelivered");
  }

  answer(actor: Actor, request: AnswerRequest) {
    const sent = { ...request, opId: request.opId ?? newOpId() };
    return this.call<AnswerAck>(
      { op: "answer", actor, request: sent },
      (room) => room.answer(actor, request),
      "always",
    );
  }

  roundStatus(actor: Actor) {
    return this.call<RoundStatusAck>({ op: "roundStatus", actor }, async (room) => room.roundStatus(actor), "always");
  }

  activity<E extends ActivityEvent>(event: E, actor: Actor, request: ClientRequests[E]) {
    return this.call<ClientAcks[E]>(
      { op: "activity", event, actor, request },
      (room) => runActivity(room, event, actor, request),
      "undelivered",
    );
  }

  async end(): Promise<void> {
    const ended = await this.call<{ ok: true } | Refused>(
      { op: "end" },
      async (room) => {
        await room.end();
        await this.host.release(this.code);
        return { ok: true };
      },
      "undelivered",
    );
    if (!ended.ok) throw new Error(`ending the session: ${ended.error.message}`);
  }

  private keep(connection: Connection): Connection {
    this.connections.set(connection.id, connection);
    return connection;
  }

  /** The session's (new) owner learns which of this process's sockets are in it. */
  private async announce(target: Target): Promise<void> {
    if (this.connections.size === 0) return;
    if (target.kind === "local") {
      for (const connection of this.connections.values()) target.room.connect(connection);
      return;
    }
    const connections = [...this.connections.values()].map(({ id, actor }) => ({ id, actor }));
    await this.ask(target, { op: "connect", connections }).catch(() => {});
  }

  private ask(target: Extract<Target, { kind: "remote" }>, op: OwnerOp): Promise<OwnerReply> {
    const request = { ...op, code: this.code, token: target.token };
    // an owner that hangs (its lease lapsed, lease-keeper.ts) is given up on as soon as the lease
    // shows it, not after ASK_TIMEOUT_MS: whatever it may still do with the request is fenced off
    const serving = {
      key: `${target.processId}:${this.code}:${target.token}`,
      check: async () => {
        const owner = await this.host.leaseOwner(this.code);
        return owner?.processId === target.processId && owner.token === target.token;
      },
    };
    return this.host.bus.request(target.processId, request, ASK_TIMEOUT_MS, serving) as Promise<OwnerReply>;
  }

  /** Runs `local` on the Room when this process owns the session, else asks the owner `op`. */
  private async call<T>(op: OwnerOp, local: (room: Room) => Promise<T>, retry: Retry): Promise<T | Refused> {
    const deadline = Date.now() + RETRY_MS;
    for (;;) {
      const target = await this.current();
      if (!target) return NO_SUCH_SESSION;
      if (target.kind === "local") return local(target.room);
      let reply: OwnerReply;
      try {
        reply = await this.ask(target, op);
      } catch (error) {
        if (!(error instanceof BusError) || error.reason === "remote") throw error;
        // this process is shutting down: the client connects to another one and asks again
        if (error.reason === "closed") return UNAVAILABLE;
        this.forget(target);
        if ((retry === "undelivered" && error.reason !== "unreachable") || Date.now() > deadline) return UNAVAILABLE;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        continue;
      }
      if ("value" in reply) return reply.value as T;
      this.forget(target); // it is not the owner (any more): look again
      if (Date.now() > deadline) return UNAVAILABLE;
    }
  }
}
