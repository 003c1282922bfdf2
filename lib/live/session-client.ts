// A live session as one browser sees it (docs/protocol.md), without the socket: the hook
// app/_hooks/use-live-session.ts plugs socket.io-client in through `LiveTransport`, tests plug in
// a fake. It joins, re-joins with the stored place after a reconnect the server could not recover,
// and resyncs on a gap, a `stale` refusal and every 30 s (client-connection.ts); folds the server's
// events with the protocol's reducers; holds its own actions (client-edits.ts: applied at once,
// rolled back when refused, ≤ 30 actions/s, a drag's latest value last). Each activity is a part
// over the client's core (client-core.ts): `rounds` (client-rounds.ts: typed `round`/`answer`,
// the round's local part in the view), `race`, `netActivity`, `exercise`, `plan`. Types:
// client-types.ts.
import {
  foldApplied,
  foldRoster,
  foldSandbox,
  type AppliedBatchEvent,
  type AppliedEvent,
  type EndAck,
  type EndedEvent,
  type RemovedEvent,
  type RosterEvent,
  type SandboxEvent,
  type Snapshot,
  type SnapshotEvent,
  type You,
} from "../session/protocol";
import type { Action, Actor, SessionState } from "../session/rules";
import type { Refusal } from "../validation";
import { EMPTY_ATTRIBUTION, observe, type Attribution, type Overtaken } from "./attribution";
import { askOver, type ClientCore } from "./client-core";
import { OptimisticEdits } from "./client-edits";
import { LiveNetworkActivity } from "./client-network-activity";
import { LivePlan } from "./client-plan";
import { LiveRace } from "./client-race";
import { LiveRounds } from "./client-rounds";
import { LiveExerciseSwitch } from "./client-switch";
import { LiveConnection } from "./client-connection";
import { realTimers, type LiveClientOptions, type LivePhase, type LiveTimers, type LiveView } from "./client-types";

export type { RoundLocal } from "./round-follower";
export type { RaceLocal } from "./race-follower";
export type { LiveClientOptions, LivePhase, LiveRole, LiveTimers, LiveTransport, LiveView } from "./client-types";
export type { StudentPlace } from "./client-types";

export class LiveSessionClient {
  private phase: LivePhase;
  private isConnected = false;
  private wasLive = false;
  private you: You | null = null;
  private confirmed: SessionState | null = null;
  private online: readonly string[] = [];
  private teacherOnline = false;
  private refusal: Refusal | null = null;
  private attribution: Attribution = EMPTY_ATTRIBUTION;
  private overtaken: Overtaken | null = null;
  private message: string | null = null;
  private readonly timers: LiveTimers;
  private disposed = false;
  private listeners = new Set<() => void>();
  private readonly connection: LiveConnection;
  private readonly edits: OptimisticEdits;
  /** prediction rounds: the teacher's requests, a student's answer, their results */
  readonly rounds: LiveRounds;
  /** the activation race: the teacher's requests, a student's entry, the curves */
  readonly race: LiveRace;
  /** "Be the network": the teacher's requests, a student's answers */
  readonly netActivity: LiveNetworkActivity;
  /** the teacher switches the session's exercise */
  readonly exercise: LiveExerciseSwitch;
  /** the lesson's plan: the teacher writes and reorders its questions */
  readonly plan: LivePlan;
  private cached: LiveView;

  constructor(private readonly options: LiveClientOptions) {
    const timers = (this.timers = options.timers ?? realTimers);
    const core: ClientCore = {
      confirmed: () => this.confirmed,
      actor: () => this.actor(),
      now: timers.now,
      notify: () => this.notify(),
      ask: (event, payload) => askOver(this.options.transport, event, payload),
      fetch: (event, payload, done) =>
        this.options.transport.request(event, payload, (_error, ack) => {
          if (!this.disposed) done(ack);
        }),
    };
    this.edits = new OptimisticEdits({
      timers,
      canSend: () => !this.disposed && this.isConnected && this.phase === "live",
      confirmed: () => this.confirmed,
      rollBack: (state) => (this.confirmed = state),
      actor: () => this.actor(),
      send: (payload, done) =>
        this.options.transport.request("action", payload, (error, ack) => {
          if (!this.disposed) done(error, ack);
        }),
      refused: (refusal) => (this.refusal = refusal),
      resync: () => this.resync(),
      joinAgain: () => this.connection.again(),
      notify: () => this.notify(),
    });
    this.rounds = new LiveRounds(core, options.role === "teacher");
    this.race = new LiveRace(core);
    this.netActivity = new LiveNetworkActivity(core);
    this.exercise = new LiveExerciseSwitch(core);
    this.plan = new LivePlan(core);
    this.connection = new LiveConnection({
      options,
      timers,
      phase: () => this.phase,
      setPhase: (phase) => (this.phase = phase),
      connected: () => this.isConnected,
      disposed: () => this.disposed,
      joined: (you, snapshot) => this.joined(you, snapshot),
      leave: (phase, message) => this.leave(phase, message),
      version: () => this.confirmed?.version ?? 0,
      take: (snapshot) => this.take(snapshot),
      inFlight: () => this.edits.inFlight,
      notify: () => this.notify(),
    });
    this.phase = this.connection.firstPhase();
    this.cached = this.computeView();
  }

  // ---- for React (useSyncExternalStore) ----------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getView = (): LiveView => this.cached;

  // ---- the connection ----------------------------------------------------------------------

  /** The socket (re)connected. `recovered`: Socket.IO restored the session's rooms and missed events. */
  connected(recovered: boolean): void {
    this.isConnected = true;
    if (recovered && this.phase === "live") {
      this.notify();
      this.edits.pump();
      return;
    }
    this.connection.ifWanted();
    this.notify();
  }

  disconnected(): void {
    this.isConnected = false;
    this.connection.disconnected();
    this.edits.stop();
    this.notify();
  }

  // ---- what the user does ------------------------------------------------------------------

  /** A student's nickname from the form. */
  joinAsStudent(name: string): void {
    this.connection.asStudent(name);
  }

  /** A teacher key typed in (a teacher on another device). */
  joinAsTeacher(key: string): void {
    this.connection.asTeacher(key);
  }

  /**
   * Applies `action` at once and sends it (paced). `key`: a continuous gesture (slider drag); its
   * newest unsent value replaces the previous one. Answers the local refusal, or null.
   */
  act(action: Action, key?: string): Refusal | null {
    const actor = this.actor();
    if (this.phase !== "live" || !this.confirmed || !actor) {
      return this.refuse({ code: "offline", message: "not connected to the session" });
    }
    const denied = this.edits.add(this.confirmed, actor, action, key);
    if (denied) return this.refuse(denied);
    this.notify();
    this.edits.pump();
    return null;
  }

  dismissOvertaken(): void {
    if (!this.overtaken) return;
    this.overtaken = null;
    this.notify();
  }

  dismissRefusal(): void {
    if (!this.refusal) return;
    this.refusal = null;
    this.notify();
  }

  /** Asks the server for a full snapshot (a gap, a `stale` refusal, now and then). */
  resync(): void {
    this.connection.resync();
  }

  /** The teacher ends the session for everyone. */
  end(): Promise<EndAck> {
    return askOver(this.options.transport, "end", {}).then((ack) => {
      if (ack.ok) this.leave("ended", "the teacher ended this session");
      return ack;
    });
  }

  dispose(): void {
    this.disposed = true;
    this.edits.stop();
    this.connection.stop();
    this.listeners.clear();
  }

  // ---- server events (the activities' own: on their parts) ----------------------------------

  onApplied(event: AppliedEvent): void {
    if (this.foldOne(event)) this.notify();
  }

  /** Several consecutive `applied` in one message: folded in order, drawn once. */
  onAppliedBatch(batch: AppliedBatchEvent): void {
    let changed = false;
    for (const event of batch.events) changed = this.foldOne(event) || changed;
    if (changed) this.notify();
  }

  /** Folds one `applied`; false when nothing changed (ignored, or a gap: resyncing). */
  private foldOne(event: AppliedEvent): boolean {
    if (!this.confirmed || this.phase !== "live" || this.connection.resyncing) return false;
    const folded = foldApplied(this.confirmed, event);
    if (!folded.ok) {
      this.resync();
      return false;
    }
    const actor = this.actor();
    const seen = observe(this.attribution, this.confirmed, event, actor, this.timers.now());
    this.attribution = seen.attribution;
    if (seen.overtaken) this.overtaken = seen.overtaken;
    this.confirmed = folded.state;
    // the exercise changed: the event said only what students may know of its slug
    if (event.action.type === "exercise" && actor?.role === "teacher") this.resync();
    this.edits.applied(event, actor);
    return true;
  }

  onSandbox(event: SandboxEvent): void {
    if (!this.confirmed || this.phase !== "live") return;
    this.confirmed = foldSandbox(this.confirmed, event);
    const actor = this.actor();
    if (actor?.role === "student" && event.participantId === actor.id) this.edits.confirmedSandbox();
    this.notify();
  }

  onRoster(event: RosterEvent): void {
    if (!this.confirmed || this.phase !== "live") return;
    const folded = foldRoster(this.confirmed, this.online, event);
    this.confirmed = folded.state;
    this.online = folded.online;
    this.teacherOnline = event.teacherOnline;
    this.notify();
  }

  onSnapshot(event: SnapshotEvent): void {
    if (this.phase !== "live") return;
    this.take(event.snapshot);
    this.notify();
  }

  onRemoved(event: RemovedEvent): void {
    this.leave("removed", event.message);
  }

  onEnded(event: EndedEvent): void {
    this.leave("ended", event.message);
  }

  // ---- internals ---------------------------------------------------------------------------

  private actor(): Actor | null {
    if (!this.you) return null;
    return this.you.role === "teacher" ? { role: "teacher" } : { role: "student", id: this.you.participantId };
  }

  private refuse(refusal: Refusal): Refusal {
    this.refusal = refusal;
    this.notify();
    return refusal;
  }

  private leave(phase: "removed" | "ended", message: string): void {
    if (this.phase === "removed" || this.phase === "ended") return;
    this.phase = phase;
    this.message = message;
    this.edits.forget();
    this.connection.stop();
    this.options.onForget?.(phase);
    this.notify();
  }

  /** In: the snapshot is the state, own actions sent before settled by it, unsent ones go now. */
  private joined(you: You, snapshot: Snapshot): void {
    this.you = you;
    this.phase = "live";
    this.wasLive = true;
    this.edits.dropSent();
    this.take(snapshot);
    this.options.onJoined?.(you, this.connection.teacherKey);
    this.connection.scheduleResync();
    this.edits.pump();
  }

  private take(snapshot: Snapshot): void {
    this.confirmed = snapshot.state;
    this.online = snapshot.online;
    this.teacherOnline = snapshot.teacherOnline;
  }

  private computeView(): LiveView {
    const actor = this.actor();
    const rounds = this.rounds.view();
    return {
      phase: this.phase,
      connected: this.isConnected,
      reconnecting: this.wasLive && (!this.isConnected || this.phase === "joining"),
      you: this.you,
      actor,
      state: this.confirmed && actor ? this.edits.shown(this.confirmed, actor) : this.confirmed,
      confirmed: this.confirmed,
      online: this.online,
      teacherOnline: this.teacherOnline,
      refusal: this.refusal,
      joinError: this.connection.error,
      message: this.message,
      pending: this.edits.pending,
      round: rounds.round,
      board: rounds.board,
      attribution: this.attribution,
      overtaken: this.overtaken,
      race: this.race.view(),
    };
  }

  private notify(): void {
    if (this.disposed) return;
    const live = this.phase === "live" && this.isConnected;
    this.rounds.follow(live);
    this.race.follow(live);
    this.cached = this.computeView();
    for (const listener of this.listeners) listener();
  }
}
