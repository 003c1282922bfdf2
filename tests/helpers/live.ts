// Helpers for live-session tests: a session made through the HTTP API, a real socket.io-client
// that follows the server's events with the protocol's reducers, and an in-memory LiveStore for
// Room tests without a network or a database.
import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  foldApplied,
  foldRoster,
  foldSandbox,
  type ActionAck,
  type AppliedBatchEvent,
  type AppliedEvent,
  type JoinAck,
  type JoinRequest,
  type ResyncAck,
  type RosterEvent,
  type SandboxEvent,
  type Snapshot,
  type You,
} from "../../lib/session/protocol";
import type { Action, SessionState } from "../../lib/session/rules";
import type { Audience, RoomTransport } from "../../server/live/room";
import type { RoundRecord, StoredAnswer } from "../../lib/rounds/engine";
import type { ServerData } from "../../lib/session/authority";
import type { RaceEntryWrite } from "../../lib/session/race";
import type { RoundWrites, StoredRounds } from "../../lib/session/rounds";
import type { StoredActivities } from "../../lib/network-activity/book";
import type { ActivityRecord, Submission } from "../../lib/network-activity/model";
import type { Dirty, LiveStore, OperationRow, StoredSession } from "../../server/live/store";

export interface CreatedSession {
  code: string;
  teacherKey: string;
  joinUrl: string;
}

export async function createSession(baseUrl: string, exercise?: string): Promise<CreatedSession> {
  const response = await fetch(`${baseUrl}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(exercise === undefined ? {} : { exercise }),
  });
  if (response.status !== 201) throw new Error(`POST /api/sessions: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedSession;
}

export interface SocketOptions {
  reconnection?: boolean;
  /** sent with the handshake, e.g. `x-forwarded-for` (as a trusted proxy would) or `origin` */
  headers?: Record<string, string>;
}

/** A raw socket.io-client on the server (websocket only, no automatic reconnection unless asked). */
export function rawSocket(baseUrl: string, options: SocketOptions = {}): Socket {
  return io(baseUrl, {
    transports: ["websocket"],
    reconnection: options.reconnection ?? false,
    forceNew: true,
    ...(options.headers ? { extraHeaders: options.headers } : {}),
  });
}

export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

/** Emits with an ack and a timeout. */
export function request<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

export type StudentJoinRequest = Omit<Extract<JoinRequest, { role: "student" }>, "protocol" | "role" | "code">;

/** A member that keeps its copy of the session up to date from the server's events. */
export class LiveClient {
  state!: SessionState;
  online: string[] = [];
  teacherOnline = false;
  you!: You;
  /** every `applied` version received, in order */
  readonly versions: number[] = [];
  readonly applied: AppliedEvent[] = [];
  /** how many `appliedBatch` messages came (their events are in `applied`) */
  batches = 0;
  readonly sandboxEvents: SandboxEvent[] = [];
  readonly rosterEvents: RosterEvent[] = [];
  readonly removed: unknown[] = [];
  readonly ended: unknown[] = [];
  readonly pushed: Snapshot[] = [];
  /** problems folding events: gaps, divergence */
  readonly problems: string[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly socket: Socket) {
    socket.on("applied", (event: AppliedEvent) => {
      this.fold(event);
      this.wake();
    });
    socket.on("appliedBatch", (batch: AppliedBatchEvent) => {
      this.batches++;
      for (const event of batch.events) this.fold(event);
      this.wake();
    });
    socket.on("sandbox", (event: SandboxEvent) => {
      this.sandboxEvents.push(event);
      if (this.state) this.state = foldSandbox(this.state, event);
      this.wake();
    });
    socket.on("roster", (event: RosterEvent) => {
      this.rosterEvents.push(event);
      if (this.state) ({ state: this.state, online: this.online } = foldRoster(this.state, this.online, event));
      this.teacherOnline = event.teacherOnline;
      this.wake();
    });
    socket.on("removed", (event: unknown) => {
      this.removed.push(event);
      this.wake();
    });
    socket.on("ended", (event: unknown) => {
      this.ended.push(event);
      this.wake();
    });
    socket.on("snapshot", (event: { snapshot: Snapshot }) => {
      this.pushed.push(event.snapshot);
      this.take(event.snapshot);
      this.wake();
    });
  }

  static async teacher(baseUrl: string, session: CreatedSession, options?: SocketOptions) {
    const client = new LiveClient(rawSocket(baseUrl, options));
    await connected(client.socket);
    const ack = await client.join({ role: "teacher", code: session.code, teacherKey: session.teacherKey });
    if (!ack.ok) throw new Error(`teacher join refused: ${JSON.stringify(ack.error)}`);
    return client;
  }

  static async student(
    baseUrl: string,
    code: string,
    join: StudentJoinRequest,
    options?: SocketOptions,
  ): Promise<LiveClient> {
    const client = new LiveClient(rawSocket(baseUrl, options));
    await connected(client.socket);
    const ack = await client.join({ role: "student", code, ...join });
    if (!ack.ok) throw new Error(`student join refused: ${JSON.stringify(ack.error)}`);
    return client;
  }

  join(
    request:
      | Omit<Extract<JoinRequest, { role: "teacher" }>, "protocol">
      | Omit<Extract<JoinRequest, { role: "student" }>, "protocol">,
  ): Promise<JoinAck> {
    return this.requestThen<JoinAck>("join", { protocol: PROTOCOL_VERSION, ...request }, (ack) => {
      if (!ack.ok) return;
      this.you = ack.you;
      this.take(ack.snapshot);
    });
  }

  get participantId(): string {
    if (this.you.role !== "student") throw new Error("not a student");
    return this.you.participantId;
  }

  get resumeToken(): string {
    if (this.you.role !== "student") throw new Error("not a student");
    return this.you.resumeToken;
  }

  act(action: Action, baseVersion?: number): Promise<ActionAck> {
    return this.request<ActionAck>("action", baseVersion === undefined ? { action } : { action, baseVersion });
  }

  resync(): Promise<ResyncAck> {
    return this.requestThen<ResyncAck>("resync", { version: this.state.version }, (ack) => {
      if (ack.ok) this.take(ack.snapshot);
    });
  }

  /**
   * Emits with an ack and runs `then` inside the ack callback: a snapshot must be taken there, not
   * after an await, or an event that arrived in the same chunk would be folded into the old state.
   */
  requestThen<T>(event: string, payload: unknown, then: (ack: T) => void, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      this.socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, ack: T) => {
        if (error) return reject(error);
        then(ack);
        resolve(ack);
      });
    });
  }

  request<T>(event: string, payload: unknown, timeoutMs?: number): Promise<T> {
    return request<T>(this.socket, event, payload, timeoutMs);
  }

  /** Resolves when `condition` holds (checked after every event), or fails after `timeoutMs`. */
  until(condition: () => boolean, what = "condition", timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  untilVersion(version: number, timeoutMs?: number): Promise<void> {
    return this.until(() => this.state?.version >= version, `version ${version}`, timeoutMs);
  }

  close(): void {
    this.socket.disconnect();
  }

  private fold(event: AppliedEvent): void {
    this.versions.push(event.version);
    this.applied.push(event);
    if (!this.state) return;
    const folded = foldApplied(this.state, event);
    if (folded.ok) this.state = folded.state;
    else this.problems.push(`${folded.reason} at ${event.version}: ${folded.error?.code ?? ""}`);
  }

  private take(snapshot: Snapshot): void {
    this.state = snapshot.state;
    this.online = snapshot.online;
    this.teacherOnline = snapshot.teacherOnline;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/**
 * A LiveStore in memory; `failWrites` makes save() throw. Keeps what a database would (JSON
 * copies): the session row, and the rounds and answers, all or nothing per write.
 */
export class MemoryLiveStore implements LiveStore {
  readonly rows = new Map<string, string>();
  readonly records = new Map<string, RoundRecord>();
  readonly answers = new Map<string, Map<string, StoredAnswer>>();
  /** race entries by JSON [raceId, participantId] */
  readonly raceEntries = new Map<string, RaceEntryWrite>();
  readonly ops = new Map<string, string>();
  readonly activityRecords = new Map<string, ActivityRecord>();
  readonly neuronAnswers: { activityId: string; submission: Submission }[] = [];
  failWrites = false;
  writes: Dirty[] = [];

  async create(session: StoredSession): Promise<boolean> {
    if (this.rows.has(session.code)) return false;
    this.rows.set(session.code, JSON.stringify(session));
    return true;
  }

  async load(code: string): Promise<StoredSession | null> {
    const row = this.rows.get(code);
    if (!row) return null;
    const stored = JSON.parse(row) as StoredSession;
    return {
      ...stored,
      endedAt: stored.endedAt === null ? null : new Date(stored.endedAt),
      rounds: await this.rounds(),
      race: structuredClone([...this.raceEntries.values()].filter((row) => row.raceId === stored.state.race?.id)),
      activities: await this.activities(),
    };
  }

  async activities(): Promise<StoredActivities> {
    const records = [...this.activityRecords.values()].sort((a, b) => a.number - b.number);
    const submissions = Object.fromEntries(
      records.map((r) => [
        r.id,
        this.neuronAnswers.filter((x) => x.activityId === r.id).map((x) => structuredClone(x.submission)),
      ]),
    );
    return { records: structuredClone(records), submissions };
  }

  async rounds(): Promise<StoredRounds> {
    const records = [...this.records.values()].sort((a, b) => a.number - b.number);
    const answers: StoredRounds["answers"] = Object.fromEntries(
      records.map((r) => [r.id, Object.fromEntries(this.answers.get(r.id) ?? [])]),
    );
    return { records: structuredClone(records), answers: structuredClone(answers) };
  }

  async save(
    code: string,
    state: SessionState,
    server: ServerData,
    dirty: Dirty | null,
    rounds?: RoundWrites,
    ops: readonly OperationRow[] = [],
  ): Promise<void> {
    await Promise.resolve();
    if (this.failWrites) throw new Error("disk full");
    const row = this.rows.get(code);
    if (!row) throw new Error(`no session ${code}`);
    if (dirty) {
      this.writes.push(dirty);
      this.rows.set(code, JSON.stringify({ ...(JSON.parse(row) as StoredSession), state, server }));
    }
    for (const record of rounds?.records ?? []) this.records.set(record.id, structuredClone(record));
    for (const record of rounds?.activities ?? []) this.activityRecords.set(record.id, structuredClone(record));
    for (const { activityId, submission } of rounds?.submissions ?? []) {
      this.neuronAnswers.push({ activityId, submission: { ...submission } });
    }
    for (const a of rounds?.answers ?? []) {
      const map = this.answers.get(a.roundId) ?? new Map<string, StoredAnswer>();
      map.set(a.participantId, { ...a.answer });
      this.answers.set(a.roundId, map);
    }
    for (const row of rounds?.race ?? []) {
      this.raceEntries.set(JSON.stringify([row.raceId, row.participantId]), structuredClone(row));
    }
    for (const op of ops) if (!this.ops.has(op.opId)) this.ops.set(op.opId, op.reply);
  }

  async operations(): Promise<Map<string, string>> {
    return new Map(this.ops);
  }

  // one process in memory: no fencing
  async claim(code: string): Promise<boolean> {
    return this.rows.has(code);
  }

  async ownerEpoch(code: string): Promise<number | null> {
    return this.rows.has(code) ? 0 : null;
  }

  fenced(): LiveStore {
    return this;
  }

  async end(code: string, at: Date): Promise<void> {
    const row = this.rows.get(code);
    if (row) this.rows.set(code, JSON.stringify({ ...(JSON.parse(row) as StoredSession), endedAt: at }));
  }
}

export interface Sent {
  audience: Audience;
  event: string;
  payload: unknown;
}

/** A RoomTransport that records what would have been sent. */
export class RecordingTransport implements RoomTransport {
  readonly sent: Sent[] = [];
  send(audience: Audience, event: string, payload: unknown): void {
    this.sent.push({ audience, event, payload: structuredClone(payload) });
  }
  events(event: string): Sent[] {
    return this.sent.filter((s) => s.event === event);
  }
}
