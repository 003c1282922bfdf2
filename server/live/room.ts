// One live session's authority. The Room only sequences: the socket layer has parsed the request;
// the Room asks the pure rules (lib/session: rules, rounds, joins, authority) for the transition —
// permission, next value, effects, ack — and commits it through its ledger (ledger.ts: checked,
// written before anyone hears of it, then its effects run; a failed write refuses it and keeps the
// old value). Here: the core — edits, joins, rounds, the session's life. The activities (the race,
// "Be the network", switching the exercise) are units of their own behind the table in
// activities.ts (room-race.ts, room-network-activity.ts, room-switch.ts), which see the Room as a
// RoomCore (room-core.ts: the ledger, the settings — room-settings.ts —, the shape log). Presence,
// the ledger and its write queue, the round clocks and the shape log are units of their own too;
// Socket.IO stays outside (a RoomTransport delivers messages, a Connection stands for one socket),
// so a Room runs in a unit test without a network.
import { phaseOf } from "../../lib/rounds/engine";
import { actionTransition, currentValue, visibleState, type Audience } from "../../lib/session/authority";
import { studentJoin, type JoinedStudent, type StudentJoinRequest } from "../../lib/session/joins";
import {
  PROTOCOL_VERSION,
  type ActionAck,
  type AnswerAck,
  type AnswerRequest,
  type Refused,
  type RoundAck,
  type RoundRequest,
  type RoundStatusAck,
  type ServerToClientEvents,
  type Snapshot,
} from "../../lib/session/protocol";
import { applyAnswer, applyRoundRequest, loadServerRounds, roundProgress, roundStatus } from "../../lib/session/rounds";
import type { Action, Actor } from "../../lib/session/rules";
import { loadServerRace } from "../../lib/session/race";
import { referenceForward } from "../../lib/network/reference";
import { loadActivity, withActivityStandings } from "../../lib/network-activity/book";
import { withLateJoiner } from "../../lib/session/network-activity";
import type { Refusal } from "../../lib/validation";
import { performEffect } from "./effects";
import { Presence, type Connection } from "./presence";
import { ANSWER_UNAVAILABLE, ENDED, type RoomCore } from "./room-core";
import { settingsOf, type RoomOptions, type Settings } from "./room-settings";
import { RoundTimers } from "./round-timers";
import { hashSecret, newParticipantId, newSecret, secretMatches } from "./secrets";
import { ShapeLog } from "./shape-log";
import type { LiveStore, StoredSession } from "./store";
import { SessionLedger } from "./ledger";
import { OperationLog } from "./operations";

export type { Audience } from "../../lib/session/authority";
export type { ForwardPass } from "../../lib/session/rounds";
export type { Connection } from "./presence";
export type { RoomOptions } from "./room-settings";
export type { LoadedSwitch } from "./room-switch";

export interface RoomTransport {
  send<E extends keyof ServerToClientEvents>(
    audience: Audience,
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
  ): void;
}

export type StudentJoin = ({ ok: true } & JoinedStudent) | Refused;

let epochs = 0;

export class Room implements RoomCore {
  readonly code: string;
  /** differs between two loads of the same session in one process */
  readonly epoch = ++epochs;
  private readonly teacherKeyHash: string;
  private endedAt: Date | null;
  /** the one commit path: every change of this session goes through it (read by the activity units) */
  readonly ledger: SessionLedger;
  private readonly presence: Presence;
  private readonly timers: RoundTimers;
  readonly shapes = new ShapeLog();
  /** operation ids applied (edits and answers sent with one are applied once) */
  private readonly operations: OperationLog;
  readonly settings: Settings;

  constructor(
    stored: StoredSession,
    private readonly store: LiveStore,
    private readonly transport: RoomTransport,
    options: RoomOptions = {},
  ) {
    this.code = stored.code;
    this.operations = new OperationLog(stored.operations);
    this.teacherKeyHash = stored.teacherKeyHash;
    this.endedAt = stored.endedAt;
    const settings = (this.settings = settingsOf(options));
    const state = stored.state;
    const rounds = withActivityStandings(
      loadServerRounds(stored.rounds, state.rounds?.current?.id ?? null, state.participants),
      stored.activities,
      state.participants,
    );
    const activity = loadActivity(stored.activities, state.activity?.id ?? null);
    this.presence = new Presence({
      transport,
      participants: () => ({
        written: this.ledger.written.state.participants,
        newest: this.ledger.value.state.participants,
      }),
      delayMs: settings.rosterDelayMs,
      now: settings.now,
    });
    this.timers = new RoundTimers({
      close: (roundId) =>
        void this.round({ op: "close", roundId }).catch((error: unknown) =>
          this.settings.logError(`live session ${this.code}: closing round ${roundId} failed:`, error),
        ),
      progress: () => {
        const progress = roundProgress(this.ledger.written.rounds);
        if (progress) this.transport.send({ to: "everyone" }, "roundProgress", progress);
      },
      progressDelayMs: settings.progressDelayMs,
      now: settings.now,
    });
    const targets = { transport, presence: this.presence, timers: this.timers };
    this.ledger = new SessionLedger(
      { state, server: stored.server, rounds, race: loadServerRace(state, stored.race), activity },
      {
        code: this.code,
        store,
        logError: settings.logError,
        perform: (effect) => performEffect(effect, targets),
        settled: () => this.timers.sync(this.endedAt ? null : this.ledger.written.rounds.current),
        rolledBack: (version) => this.shapes.rollback(version),
      },
    );
    if (!this.endedAt) this.timers.sync(rounds.current);
  }

  static async load(code: string, store: LiveStore, transport: RoomTransport, options: RoomOptions = {}) {
    const [stored, operations] = await Promise.all([store.load(code), store.operations(code)]);
    if (!stored) return null;
    stored.operations = operations;
    const slug = stored.state.exerciseSlug;
    if (stored.server.script === undefined && slug !== null && options.legacyScript) {
      stored.server = { ...stored.server, script: await options.legacyScript(slug) };
    }
    return new Room(stored, store, transport, options);
  }

  /** the version everyone has heard of */
  get version(): number {
    return this.ledger.written.state.version;
  }

  get ended(): boolean {
    return this.endedAt !== null;
  }

  get connectionCount(): number {
    return this.presence.count;
  }

  /** the sockets counted as connected (with several processes: on any of them) */
  get connectionIds(): string[] {
    return this.presence.ids;
  }

  /** ms since the last connection left, or 0 while someone is connected or a write is pending */
  idleFor(now: number = this.settings.now()): number {
    return this.ledger.busy ? 0 : this.presence.idleFor(now);
  }

  verifyTeacher(teacherKey: string): boolean {
    return secretMatches(teacherKey, this.teacherKeyHash);
  }

  hasParticipant(id: string): boolean {
    return this.ledger.value.state.participants.some((p) => p.id === id);
  }

  /** A socket of a member connected (after its join was acknowledged, or recovered). */
  connect(connection: Connection): void {
    this.presence.connect(connection);
  }

  disconnect(connectionId: string): void {
    this.presence.disconnect(connectionId);
  }

  /** What `actor` may see of the written state. */
  snapshot(actor: Actor): Snapshot {
    return {
      protocol: PROTOCOL_VERSION,
      state: visibleState(this.ledger.written.state, actor),
      online: this.presence.online,
      teacherOnline: this.presence.teacherOnline,
    };
  }

  /**
   * A student joins: back as the same participant when `participantId` + `resumeToken` match,
   * else as a new participant named `name` (cleaned, made distinct). Resolves once written.
   */
  async joinStudent(request: StudentJoinRequest): Promise<StudentJoin> {
    if (this.endedAt) return { ok: false, error: ENDED };
    const outcome = this.ledger.guard(() =>
      studentJoin(this.ledger.value, request, {
        now: this.settings.now(),
        maxParticipants: this.settings.maxParticipants,
        newId: newParticipantId,
        newSecret,
        hash: hashSecret,
        matches: secretMatches,
      }),
    );
    if (!outcome.ok) return outcome;
    if ("resumed" in outcome) {
      await this.ledger.barrier(); // the participant may have been added by a write still pending
      return { ok: true, ...outcome.resumed };
    }
    // a student who joins while the class is being the network gets a neuron in the same change
    return this.ledger.commit({
      ok: true,
      transition: withLateJoiner(outcome.transition, outcome.transition.reply.participantId),
    });
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
    options: { baseVersion?: number; connectionId?: string; opId?: string } = {},
  ): Promise<ActionAck> {
    return this.operations.once(
      options.opId,
      () => this.applyOnce(action, actor, options),
      (kept) => ({ ok: true, version: Number(kept.version) }),
    );
  }

  private async applyOnce(
    action: Action,
    actor: Actor,
    options: { baseVersion?: number; connectionId?: string; opId?: string },
  ): Promise<ActionAck> {
    const refused = async (error: Refusal): Promise<ActionAck> => {
      await this.ledger.barrier(); // answer in order, with the value as everyone has it
      return { ok: false, error, current: currentValue(this.ledger.written.state, actor) };
    };
    if (this.endedAt) return refused(ENDED);
    const value = this.ledger.value;
    const { connectionId } = options;
    const stale = this.shapes.staleness(value, action, actor, options);
    if (stale) return refused(stale);
    const outcome = this.ledger.guard(() => actionTransition(value, action, actor));
    if (!outcome.ok) return refused(outcome.error);
    const ack = await this.ledger.commit(outcome, {
      ...(options.opId ? { opId: options.opId } : {}),
      // known at once (a failed write rolls it back): the next edit is judged against it
      accepted: ({ version, shapeChanged }) => shapeChanged && this.shapes.record(version, connectionId),
    });
    if (!ack.ok) return { ...ack, current: currentValue(this.ledger.written.state, actor) };
    return { ok: true, version: ack.version };
  }

  // ---- prediction rounds (the rules: lib/session/rounds.ts) --------------------------------------

  /** A teacher's round request: open, close, reveal, clear, leaderboard. Resolves once written and sent. */
  async round(request: RoundRequest): Promise<RoundAck> {
    if (this.endedAt) return { ok: false, error: ENDED };
    // what the rules need that takes a while: the kernel, the exercise's rounds
    const opening = request.op === "open";
    const forward = opening ? await this.settings.loadForward() : referenceForward;
    if (this.endedAt) return { ok: false, error: ENDED };
    const script = this.ledger.value.server.script ?? [];
    // from here on synchronous: judged against the value as it is now
    const context = { now: this.settings.now(), forward, newId: newParticipantId, script };
    return this.ledger.commit(
      this.ledger.guard(() => applyRoundRequest(this.ledger.value, request, { role: "teacher" }, context)),
    );
  }

  /** A student's prediction for the open round, or a new one replacing it. */
  async answer(actor: Actor, request: AnswerRequest): Promise<AnswerAck> {
    const { opId } = request;
    return this.operations.once(
      opId,
      async () => {
        if (this.endedAt) return { ok: false, error: ENDED };
        const now = this.settings.now();
        const outcome = this.ledger.guard(() => applyAnswer(this.ledger.value, request, actor, now));
        return this.ledger.commit(outcome, { unavailable: ANSWER_UNAVAILABLE, ...(opId ? { opId } : {}) });
      },
      (kept) => kept as AnswerAck,
    );
  }

  /** The current round's progress and, for a student, their own answer and result (as written). */
  roundStatus(actor: Actor): RoundStatusAck {
    const { state, rounds } = this.ledger.written;
    return roundStatus(state, rounds, actor, this.settings.now());
  }

  // ---- the session's life ---------------------------------------------------------------------

  /** Ends the session: written, then everyone is told and detached. */
  async end(): Promise<void> {
    if (this.endedAt) return;
    // an open round stops taking answers first: the report shows it closed (and unrevealed, since
    // the teacher did not reveal it), not open forever
    const record = this.ledger.value.rounds.current;
    if (record && phaseOf(record) === "open") await this.round({ op: "close", roundId: record.id });
    if (this.endedAt) return; // ended while that was written
    const at = new Date(this.settings.now());
    this.endedAt = at;
    await this.ledger.barrier();
    await this.store.end(this.code, at);
    this.presence.flush();
    this.transport.send({ to: "everyone" }, "ended", { message: "the teacher ended this session" });
    this.presence.detachAll();
    this.timers.stop();
  }

  /** Resolves when every change made so far is written (and broadcast). */
  async persist(): Promise<void> {
    await this.ledger.barrier();
  }

  /**
   * Stops at once, writing nothing more: another process owns the session now (its lease was lost),
   * and whatever is still queued would be fenced off by the database anyway.
   */
  stop(): void {
    this.presence.stop();
    this.timers.stop();
  }

  /** Writes what is pending and stops the timers: before the process exits. */
  async close(): Promise<void> {
    await this.ledger.barrier();
    this.presence.stop();
    this.timers.stop();
  }
}
