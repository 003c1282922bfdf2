// One live session's authority: its state, who is connected, and the order in which everyone
// hears about changes. Socket.IO stays outside (a RoomTransport delivers messages, a Connection
// stands for one socket), so a Room runs in a unit test without a network.
//
// Every change is applied in memory at once (so the next action is judged against it), then
// written through to the store; only after the write are the broadcasts sent and the sender
// acknowledged. Writes are grouped: while one is in flight, the changes that arrive meanwhile wait
// and go out together in the next one. If a write fails, the state returns to the last written
// one and every change not yet written is refused `unavailable`: nobody has heard of it.
import type { Round } from "../../lib/exercise/schema";
import type { LabState } from "../../lib/network/ops";
import { referenceForward } from "../../lib/network/reference";
import type { Network } from "../../lib/network/schema";
import { phaseOf } from "../../lib/rounds/engine";
import { cleanNickname, distinctName } from "../../lib/session/nickname";
import {
  PROTOCOL_VERSION,
  type ActionAck,
  type AnswerAck,
  type AnswerRequest,
  type AppliedEvent,
  type CurrentValue,
  type Refused,
  type RosterEntry,
  type RoundAck,
  type RoundRequest,
  type RoundStatusAck,
  type ServerToClientEvents,
  type Snapshot,
} from "../../lib/session/protocol";
import {
  applyAnswer,
  applyRoundRequest,
  loadServerRounds,
  mergeRoundWrites,
  roundProgress,
  roundStatus,
  type ForwardPass,
  type RoundOutcome,
  type RoundWrites,
  type ServerRounds,
} from "../../lib/session/rounds";
import { applyAction, type Action, type Actor, type SessionState } from "../../lib/session/rules";
import type { Refusal } from "../../lib/validation";
import { hashSecret, newParticipantId, newSecret, secretMatches } from "./secrets";
import type { Dirty, LiveStore, ServerData, StoredSession } from "./store";

export type { ForwardPass } from "../../lib/session/rounds";

export type Audience =
  | { to: "everyone" }
  | { to: "teachers" }
  /** every socket of one participant */
  | { to: "participant"; id: string }
  | { to: "teachersAndParticipant"; id: string };

export interface RoomTransport {
  send<E extends keyof ServerToClientEvents>(
    audience: Audience,
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
  ): void;
}

/** One connected socket of a member. */
export interface Connection {
  readonly id: string;
  readonly actor: Actor;
  /** Stop treating this socket as a member (removed student, ended session): leave its rooms. */
  detach(): void;
}

export interface RoomOptions {
  /** most students in one session (default 2 000) */
  maxParticipants?: number;
  /**
   * roster changes are gathered and sent at most this often (default 100 ms), or once per
   * (participants × 1 ms) in larger classes: each roster goes to every socket, so 1 000 students
   * joining at once would otherwise cost 10 000 socket writes a second
   */
  rosterDelayMs?: number;
  now?: () => number;
  /** where unexpected errors go (default: console.error) */
  logError?: (message: string, error: unknown) => void;
  /** the forward pass that computes a round's truth (default: the JS float64 reference) */
  loadForward?: () => Promise<ForwardPass>;
  /** the rounds of an exercise, for scripted rounds (default: the store's, else none) */
  exerciseRounds?: (slug: string) => Promise<Round[] | null>;
  /** how many answered is sent at most this often, gathered (default 250 ms) */
  progressDelayMs?: number;
}

export type StudentJoin =
  { ok: true; participantId: string; name: string; resumeToken: string; resumed: boolean } | Refused;

/** A session as its authority holds it: what members may see, and what only the server knows. */
interface SessionValue {
  state: SessionState;
  server: ServerData;
  rounds: ServerRounds;
}

interface Pending {
  /** rows beside the session row (round records, answers), null: none */
  writes: RoundWrites | null;
  effects: (() => void)[];
  resolve(): void;
  reject(error: unknown): void;
}

const SHAPE_HISTORY = 64;

let epochs = 0;

export class Room {
  readonly code: string;
  /** differs between two loads of the same session in one process */
  readonly epoch = ++epochs;
  private readonly teacherKeyHash: string;
  private endedAt: Date | null;
  /** the newest value: ahead of `written` while a write is pending */
  private value: SessionValue;
  /** the value last written to the store: what has been broadcast */
  private written: SessionValue;
  private queue: Pending[] = [];
  private writing = false;
  /** recent shape changes of the shared network, and the socket that made each */
  private shapeChanges: { version: number; connectionId: string | undefined }[] = [];

  private readonly connections = new Map<string, Connection>();
  private readonly studentSockets = new Map<string, number>();
  private teacherSockets = 0;
  private rosterDirty = new Set<string>();
  private teacherPresenceDirty = false;
  private rosterTimer: NodeJS.Timeout | null = null;
  private lastActive: number;

  private readonly maxParticipants: number;
  private readonly rosterDelayMs: number;
  private readonly now: () => number;
  private readonly logError: (message: string, error: unknown) => void;

  private roundTimer: NodeJS.Timeout | null = null;
  private progressTimer: NodeJS.Timeout | null = null;
  private readonly progressDelayMs: number;
  private readonly loadForward: () => Promise<ForwardPass>;
  private readonly exerciseRounds: (slug: string) => Promise<Round[] | null>;

  constructor(
    stored: StoredSession,
    private readonly store: LiveStore,
    private readonly transport: RoomTransport,
    options: RoomOptions = {},
  ) {
    this.code = stored.code;
    this.teacherKeyHash = stored.teacherKeyHash;
    this.endedAt = stored.endedAt;
    const rounds = loadServerRounds(stored.rounds, stored.state.rounds?.current?.id ?? null, stored.state.participants);
    this.value = { state: stored.state, server: stored.server, rounds };
    this.written = this.value;
    this.maxParticipants = options.maxParticipants ?? 2000;
    this.rosterDelayMs = options.rosterDelayMs ?? 100;
    this.now = options.now ?? Date.now;
    this.logError = options.logError ?? ((message, error) => console.error(message, error));
    this.lastActive = this.now();
    this.progressDelayMs = options.progressDelayMs ?? 250;
    this.loadForward = options.loadForward ?? (async () => referenceForward);
    this.exerciseRounds = options.exerciseRounds ?? ((slug) => store.exerciseRounds?.(slug) ?? Promise.resolve(null));
    this.armRoundTimer();
  }

  static async load(
    code: string,
    store: LiveStore,
    transport: RoomTransport,
    options?: RoomOptions,
  ): Promise<Room | null> {
    const stored = await store.load(code);
    return stored ? new Room(stored, store, transport, options) : null;
  }

  /** the version everyone has heard of */
  get version(): number {
    return this.written.state.version;
  }

  get ended(): boolean {
    return this.endedAt !== null;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** ms since the last connection left, or 0 while someone is connected or a write is pending */
  idleFor(now: number = this.now()): number {
    return this.connections.size > 0 || this.writing || this.queue.length > 0 ? 0 : now - this.lastActive;
  }

  verifyTeacher(teacherKey: string): boolean {
    return secretMatches(teacherKey, this.teacherKeyHash);
  }

  hasParticipant(id: string): boolean {
    return this.value.state.participants.some((p) => p.id === id);
  }

  /**
   * A student joins: back as the same participant when `participantId` + `resumeToken` match,
   * else as a new participant named `name` (cleaned, made distinct). Resolves once written.
   */
  async joinStudent(request: { name: string; participantId?: string; resumeToken?: string }): Promise<StudentJoin> {
    if (this.endedAt) return refused("session_ended", "this session has ended");
    const { state, server } = this.value;
    const { participantId, resumeToken } = request;
    if (participantId !== undefined && resumeToken !== undefined) {
      if (server.removed.includes(participantId)) {
        return refused("removed", "the teacher removed you from this session");
      }
      const participant = state.participants.find((p) => p.id === participantId);
      const hash = server.resumeTokens[participantId];
      if (participant && hash && secretMatches(resumeToken, hash)) {
        await this.barrier(); // the participant may have been added by a write still pending
        return { ok: true, participantId, name: participant.name, resumeToken, resumed: true };
      }
    }
    if (state.joiningClosed) {
      return refused("joining_closed", "the teacher has closed this session to new students");
    }
    const cleaned = cleanNickname(request.name);
    if (!cleaned.ok) return { ok: false, error: cleaned.error };
    if (state.participants.length >= this.maxParticipants) {
      return refused("session_full", `a session has at most ${this.maxParticipants} students`);
    }
    const id = newParticipantId();
    const token = newSecret();
    const name = distinctName(
      cleaned.name,
      state.participants.map((p) => p.name),
    );
    const next: SessionValue = {
      ...this.value,
      state: { ...state, participants: [...state.participants, { id, name, joinedAt: this.now() }] },
      server: { ...server, resumeTokens: { ...server.resumeTokens, [id]: hashSecret(token) } },
    };
    try {
      await this.commit(next, null, [() => this.markRoster(id)]);
    } catch {
      return refused("unavailable", "the session could not be saved: try again");
    }
    return { ok: true, participantId: id, name, resumeToken: token, resumed: false };
  }

  /** A socket of a member connected (after its join was acknowledged, or recovered). */
  connect(connection: Connection): void {
    if (this.connections.has(connection.id)) return;
    this.connections.set(connection.id, connection);
    const actor = connection.actor;
    if (actor.role === "teacher") {
      if (this.teacherSockets++ === 0) this.markTeacherPresence();
    } else {
      const count = this.studentSockets.get(actor.id) ?? 0;
      this.studentSockets.set(actor.id, count + 1);
      if (count === 0) this.markRoster(actor.id);
    }
  }

  disconnect(connectionId: string): void {
    const connection = this.connections.get(connectionId);
    if (!connection) return;
    this.connections.delete(connectionId);
    if (this.connections.size === 0) this.lastActive = this.now();
    const actor = connection.actor;
    if (actor.role === "teacher") {
      if (--this.teacherSockets === 0) this.markTeacherPresence();
    } else {
      const count = (this.studentSockets.get(actor.id) ?? 1) - 1;
      if (count > 0) {
        this.studentSockets.set(actor.id, count);
      } else {
        this.studentSockets.delete(actor.id);
        this.markRoster(actor.id);
      }
    }
  }

  /** What `actor` may see of the written state. */
  snapshot(actor: Actor): Snapshot {
    const state = this.written.state;
    let visible = state;
    if (actor.role === "student") {
      const sandboxes: Record<string, LabState> = {};
      for (const id of [actor.id, state.spotlight]) {
        const sandbox = id === null ? undefined : state.sandboxes[id];
        if (id !== null && sandbox) sandboxes[id] = sandbox;
      }
      visible = { ...state, sandboxes };
    }
    return {
      protocol: PROTOCOL_VERSION,
      state: visible,
      online: [...this.studentSockets.keys()],
      teacherOnline: this.teacherSockets > 0,
    };
  }

  /**
   * Applies an already parsed action by `actor`. Resolves once it is written and broadcast (the
   * sender's own `applied` goes out before this resolves), or with a refusal and the current value.
   * `baseVersion`: the last version the sender had received; an edit of the shared network made
   * before a shape change by someone else is refused `stale` (its indices may point elsewhere now).
   */
  async apply(
    action: Action,
    actor: Actor,
    options: { baseVersion?: number; connectionId?: string } = {},
  ): Promise<ActionAck> {
    const refuse = async (error: Refusal): Promise<ActionAck> => {
      await this.barrier(); // answer in order, with the value as everyone has it
      return { ok: false, error, current: this.current(actor) };
    };
    if (this.endedAt) return refuse({ code: "session_ended", message: "this session has ended" });
    const before = this.value.state;
    const sharedEdit = action.type === "edit" && !(actor.role === "student" && before.mode === "sandbox");
    const { baseVersion, connectionId } = options;
    if (baseVersion !== undefined) {
      if (baseVersion > before.version) {
        return refuse({ code: "stale", message: `version ${baseVersion} is not known here: resync` });
      }
      if (sharedEdit && this.shapeChangedSince(baseVersion, connectionId)) {
        return refuse({ code: "stale", message: "the network's shape changed meanwhile: resync" });
      }
    }

    const result = applyAction(before, action, actor);
    if (!result.ok) return refuse(result.error);
    const after = result.state;
    let server = this.value.server;
    const effects: (() => void)[] = [];

    if (result.scope === "sandbox") {
      if (actor.role === "student") {
        const event = { participantId: actor.id, lab: after.sandboxes[actor.id] ?? null };
        const audience: Audience =
          after.spotlight === actor.id ? { to: "everyone" } : { to: "teachersAndParticipant", id: actor.id };
        effects.push(() => this.transport.send(audience, "sandbox", event));
      }
    } else {
      if (shapeKey(before.shared.network) !== shapeKey(after.shared.network)) {
        server = { ...server, shapeVersion: after.version };
        this.shapeChanges.push({ version: after.version, connectionId });
        if (this.shapeChanges.length > SHAPE_HISTORY) this.shapeChanges.shift();
      }
      const event: AppliedEvent = { version: after.version, action, by: actor };
      const shown = action.type === "adoptSandbox" || action.type === "spotlight" ? action.participantId : null;
      const sandbox = shown === null ? undefined : before.sandboxes[shown];
      if (shown !== null && sandbox) event.sandboxes = { [shown]: sandbox };
      let removed: string | null = null;
      if (action.type === "removeParticipant") {
        removed = action.participantId;
        const resumeTokens = { ...server.resumeTokens };
        delete resumeTokens[removed];
        server = { ...server, resumeTokens, removed: [...server.removed, removed] };
      }
      effects.push(() => {
        this.flushRoster(); // so that every participant an action names is known first
        this.transport.send({ to: "everyone" }, "applied", event);
        if (removed !== null) this.evict(removed);
      });
    }

    try {
      await this.commit({ ...this.value, state: after, server }, null, effects);
    } catch {
      return { ok: false, error: unavailable(), current: this.current(actor) } satisfies ActionAck;
    }
    return { ok: true, version: after.version } satisfies ActionAck;
  }

  /** Ends the session: written, then everyone is told and detached. */
  async end(): Promise<void> {
    if (this.endedAt) return;
    // an open round stops taking answers first: the report shows it closed (and unrevealed, since
    // the teacher did not reveal it), not open forever
    const record = this.value.rounds.current;
    if (record && phaseOf(record) === "open") await this.round({ op: "close", roundId: record.id });
    if (this.endedAt) return; // ended while that was written
    const at = new Date(this.now());
    this.endedAt = at;
    await this.barrier();
    await this.store.end(this.code, at);
    this.flushRoster();
    this.transport.send({ to: "everyone" }, "ended", { message: "the teacher ended this session" });
    for (const connection of [...this.connections.values()]) {
      this.disconnect(connection.id);
      connection.detach();
    }
    this.stopRoundTimers();
  }

  /** Resolves when every change made so far is written (and broadcast). */
  async persist(): Promise<void> {
    await this.barrier();
  }

  /** Writes what is pending and stops the roster timer: before the process exits. */
  async close(): Promise<void> {
    await this.barrier();
    if (this.rosterTimer) clearTimeout(this.rosterTimer);
    this.rosterTimer = null;
    this.stopRoundTimers();
  }

  // ---- prediction rounds (the rules: lib/session/rounds.ts) --------------------------------------

  /** A teacher's round request: open, close, reveal, clear, leaderboard. Resolves once written and sent. */
  async round(request: RoundRequest): Promise<RoundAck> {
    if (this.endedAt) return refused("session_ended", "this session has ended");
    // what the rules need that takes a while: the kernel, the exercise's rounds
    const forward = request.op === "open" ? await this.loadForward() : referenceForward;
    const script = request.op === "open" && "script" in request.open ? await this.script() : [];
    if (this.endedAt) return refused("session_ended", "this session has ended");
    // from here on synchronous: judged against the value as it is now
    const { state, rounds } = this.value;
    const outcome = applyRoundRequest(
      state,
      rounds,
      request,
      { role: "teacher" },
      {
        now: this.now(),
        forward,
        newId: newParticipantId,
        script,
      },
    );
    return this.commitRound(outcome, (step) => [
      () => {
        this.flushRoster();
        if (step.change) {
          const event: AppliedEvent = { version: step.state.version, action: step.change, by: { role: "teacher" } };
          this.transport.send({ to: "everyone" }, "applied", event);
        }
        for (const { participantId, result } of step.results) {
          this.transport.send({ to: "participant", id: participantId }, "roundResult", result);
        }
      },
      () => this.armRoundTimer(),
      () => this.markProgress(),
    ]);
  }

  /**
   * A student's prediction for the open round, or a new one replacing it. Refused once the round
   * is closed (by the teacher or its time limit), for another round, and for the teacher.
   */
  async answer(actor: Actor, request: AnswerRequest): Promise<AnswerAck> {
    if (this.endedAt) return refused("session_ended", "this session has ended");
    const { state, rounds } = this.value;
    const outcome = applyAnswer(state, rounds, request, actor, this.now());
    return this.commitRound(
      outcome,
      () => [() => this.markProgress()],
      "your answer could not be saved: send it again",
    );
  }

  /** The current round's progress and, for a student, their own answer and result (as written). */
  roundStatus(actor: Actor): RoundStatusAck {
    return roundStatus(this.written.state, this.written.rounds, actor, this.now());
  }

  /** Writes an accepted round change, then runs its effects; answers the step's reply or a refusal. */
  private async commitRound<R>(
    outcome: RoundOutcome<R>,
    effects: (step: Extract<RoundOutcome<R>, { ok: true }>["step"]) => (() => void)[],
    unavailableMessage = "the session could not be saved: try again",
  ): Promise<({ ok: true } & R) | Refused> {
    if (!outcome.ok) return outcome;
    const { step } = outcome;
    try {
      await this.commit({ ...this.value, state: step.state, rounds: step.rounds }, step.writes, effects(step));
    } catch {
      return refused("unavailable", unavailableMessage);
    }
    return { ok: true, ...step.reply };
  }

  /** The rounds prepared for this session: its exercise's. */
  private async script(): Promise<readonly Round[]> {
    const slug = this.value.state.exerciseSlug;
    return (slug === null ? null : await this.exerciseRounds(slug)) ?? [];
  }

  /** Closes the open round when its time limit is up (answers after it are refused already). */
  private armRoundTimer(): void {
    if (this.roundTimer) clearTimeout(this.roundTimer);
    this.roundTimer = null;
    const record = this.written.rounds.current;
    if (!record || record.closesAt === null || phaseOf(record) !== "open" || this.endedAt) return;
    const id = record.id;
    this.roundTimer = setTimeout(
      () => {
        this.roundTimer = null;
        void this.round({ op: "close", roundId: id }).catch((error: unknown) =>
          this.logError(`live session ${this.code}: closing round ${id} failed:`, error),
        );
      },
      Math.max(0, record.closesAt - this.now()) + 5,
    );
    this.roundTimer.unref();
  }

  private markProgress(): void {
    if (this.progressTimer) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      const progress = roundProgress(this.written.rounds);
      if (progress) this.transport.send({ to: "everyone" }, "roundProgress", progress);
    }, this.progressDelayMs);
    this.progressTimer.unref();
  }

  private stopRoundTimers(): void {
    if (this.roundTimer) clearTimeout(this.roundTimer);
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.roundTimer = null;
    this.progressTimer = null;
  }

  // ---- internals ------------------------------------------------------------------------------

  private current(actor: Actor): CurrentValue {
    const state = this.written.state;
    const own = actor.role === "student" && state.mode === "sandbox" ? state.sandboxes[actor.id] : undefined;
    return { version: state.version, lab: own ?? state.shared };
  }

  private shapeChangedSince(baseVersion: number, connectionId: string | undefined): boolean {
    if (this.value.server.shapeVersion <= baseVersion) return false;
    const oldest = this.shapeChanges[0];
    // shape changes before this process loaded the session: unknown author, so assume another
    if (!oldest || oldest.version > baseVersion + 1) return true;
    return this.shapeChanges.some((c) => c.version > baseVersion && c.connectionId !== connectionId);
  }

  private barrier(): Promise<void> {
    if (!this.writing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.queue.push({ writes: null, effects: [], resolve, reject: () => resolve() });
    });
  }

  /**
   * Makes `next` the newest value (the next change is judged against it) and queues its write;
   * resolves after the write, once `effects` have run, or rejects when the write failed (then the
   * value is back to the last written one).
   */
  private commit(next: SessionValue, writes: RoundWrites | null, effects: (() => void)[]): Promise<void> {
    this.value = next;
    return new Promise((resolve, reject) => {
      this.queue.push({ writes, effects, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // let the other events read in this turn join the same write
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const value = this.value;
      const dirty = dirtyParts(this.written, value);
      const writes = batch.flatMap((item) => (item.writes ? [item.writes] : []));
      const rows = writes.length > 0 ? mergeRoundWrites(writes) : undefined;
      if (dirty || rows) {
        try {
          await this.store.save(this.code, value.state, value.server, dirty, rows);
        } catch (error) {
          this.logError(`live session ${this.code}: write failed, changes refused:`, error);
          this.value = this.written;
          this.shapeChanges = this.shapeChanges.filter((c) => c.version <= this.written.state.version);
          const failed = [...batch, ...this.queue];
          this.queue = [];
          for (const item of failed) item.reject(error);
          continue;
        }
      }
      this.written = value;
      for (const item of batch) {
        for (const effect of item.effects) {
          try {
            effect();
          } catch (error) {
            this.logError(`live session ${this.code}: broadcast failed:`, error);
          }
        }
        item.resolve();
      }
    }
    this.writing = false;
  }

  private evict(participantId: string): void {
    this.transport.send({ to: "participant", id: participantId }, "removed", {
      message: "the teacher removed you from this session",
    });
    for (const connection of [...this.connections.values()]) {
      const actor = connection.actor;
      if (actor.role === "student" && actor.id === participantId) {
        this.disconnect(connection.id);
        connection.detach();
      }
    }
    this.rosterDirty.delete(participantId);
  }

  private markRoster(participantId: string): void {
    this.rosterDirty.add(participantId);
    this.scheduleRoster();
  }

  private markTeacherPresence(): void {
    this.teacherPresenceDirty = true;
    this.scheduleRoster();
  }

  private scheduleRoster(): void {
    if (this.rosterTimer) return;
    const delay = Math.max(this.rosterDelayMs, this.value.state.participants.length);
    this.rosterTimer = setTimeout(() => this.flushRoster(), delay);
    this.rosterTimer.unref();
  }

  /** Sends the gathered roster changes of written participants now. */
  private flushRoster(): void {
    if (this.rosterTimer) clearTimeout(this.rosterTimer);
    this.rosterTimer = null;
    if (this.rosterDirty.size === 0 && !this.teacherPresenceDirty) return;
    const changed: RosterEntry[] = [];
    const waiting = new Set<string>();
    for (const id of this.rosterDirty) {
      const participant = this.written.state.participants.find((p) => p.id === id);
      if (participant) changed.push({ ...participant, online: this.studentSockets.has(id) });
      else if (this.hasParticipant(id)) waiting.add(id); // joined, not written yet
    }
    this.rosterDirty = waiting;
    this.teacherPresenceDirty = false;
    this.transport.send({ to: "everyone" }, "roster", { changed, teacherOnline: this.teacherSockets > 0 });
  }
}

function refused(code: string, message: string): Refused {
  return { ok: false, error: { code, message } };
}

function unavailable(): Refusal {
  return { code: "unavailable", message: "the session could not be saved: try again" };
}

/** Inputs and layer sizes: what index-based edits depend on. */
function shapeKey(network: Network): string {
  return `${network.inputs.length}:${network.layers.map((l) => l.neurons.length).join(",")}`;
}

function dirtyParts(written: SessionValue, { state, server }: SessionValue) {
  const before = written.state;
  const dirty: Dirty = {
    core: (Object.keys(state) as (keyof SessionState)[]).some(
      (key) => key !== "participants" && key !== "sandboxes" && state[key] !== before[key],
    ),
    participants: state.participants !== before.participants,
    sandboxes: state.sandboxes !== before.sandboxes,
    server: server !== written.server,
  };
  return dirty.core || dirty.participants || dirty.sandboxes || dirty.server ? dirty : null;
}
