// A live session as one browser sees it (docs/protocol.md), without the socket: the hook
// app/_hooks/use-live-session.ts plugs socket.io-client in through `LiveTransport`, tests plug in
// a fake. It joins (and re-joins with the stored place after a reconnect the server could not
// recover), folds the server's events with the protocol's reducers, resyncs on a gap, a `stale`
// refusal and every 30 s, applies its own actions at once (pending.ts) and rolls them back when
// refused, and paces sends to at most 30 actions/s (pacer.ts) with a drag's latest value last.
// Prediction rounds go through it too: typed `round`/`answer` requests, and the round's local
// part (progress, own answer and result, deadline, the teacher's board) in its view.
import type { SwitchExerciseAck, SwitchExerciseRequest } from "../session/exercise-switch";
import { own } from "../own";
import type { LeaderboardEntry, RoundResult } from "../rounds/model";
import {
  foldApplied,
  foldRoster,
  foldSandbox,
  PROTOCOL_VERSION,
  type ActionAck,
  type AnswerAck,
  type AppliedBatchEvent,
  type AppliedEvent,
  type ClientAcks,
  type ClientEvent,
  type ClientRequests,
  type EndAck,
  type EndedEvent,
  type JoinRequest,
  type RemovedEvent,
  type RoundAck,
  type RoundProgressEvent,
  type RoundRequest,
  type Refused,
  type RosterEvent,
  type SandboxEvent,
  type Snapshot,
  type SnapshotEvent,
  type You,
} from "../session/protocol";
import { roundRefusal } from "../session/rounds";
import { activityRefusal } from "../session/network-activity";
import type {
  ActivityAck,
  ActivityRequest,
  ActivityStatusAck,
  NeuronAnswerAck,
  NeuronAnswerRequest,
} from "../network-activity/requests";
import { permission, type Action, type Actor, type SessionState } from "../session/rules";
import type { Refusal } from "../validation";
import { EMPTY_ATTRIBUTION, observe, type Attribution, type Overtaken } from "./attribution";
import { Pacer } from "./pacer";
import {
  dropSent,
  EMPTY_QUEUE,
  enqueue,
  firstSent,
  firstUnsent,
  markSent,
  replay,
  sameAction,
  settle,
  type PendingQueue,
} from "./pending";
import { RoundFollower, type RoundLocal } from "./round-follower";
import { RaceFollower, type RaceLocal } from "./race-follower";
import type { RaceAck, RaceCurveEvent, RaceEntryAck, RaceEntryRequest, RaceRequest } from "../race/model";
import { raceRefusal } from "../session/race";
import type { PlanAck, PlanRequest, PlanStatusAck } from "../session/plan";

export type { RoundLocal } from "./round-follower";
export type { RaceLocal } from "./race-follower";

export type LiveRole = "teacher" | "student";

/** What brings a student back as the same participant (kept per session code by the page). */
export interface StudentPlace {
  participantId: string;
  resumeToken: string;
  name: string;
}

/** The socket, as the client needs it: every event of the protocol's one contract, typed. */
export interface LiveTransport {
  /** Sends `event` with `payload`; `done` gets the ack, or an Error when none came in time. */
  request<E extends ClientEvent>(
    event: E,
    payload: ClientRequests[E],
    done: (error: Error | null, answer?: ClientAcks[E]) => void,
  ): void;
}

export interface LiveTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: LiveTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type LivePhase =
  /** a student with no place in this session yet: ask for a nickname */
  | "need-name"
  /** a teacher without the session's key in this browser (or with a wrong one) */
  | "need-key"
  | "joining"
  | "live"
  | "removed"
  | "ended"
  /** the join was refused for good (no such session, …): `joinError` says why */
  | "failed";

export interface LiveView {
  phase: LivePhase;
  connected: boolean;
  /** was live, lost the connection (or is joining again): say "reconnecting" */
  reconnecting: boolean;
  you: You | null;
  actor: Actor | null;
  /** the state as shown: the server's state with this client's pending actions applied */
  state: SessionState | null;
  /** the server's state as last heard */
  confirmed: SessionState | null;
  online: readonly string[];
  teacherOnline: boolean;
  /** why this client's last action was refused, until the next accepted one (or dismissRefusal) */
  refusal: Refusal | null;
  /** why the last join was refused */
  joinError: Refusal | null;
  /** the server's words with `removed` or `ended` */
  message: string | null;
  /** own actions not confirmed yet */
  pending: number;
  /** the round on screen beyond the state: progress, own answer and result, deadline (null: not known yet) */
  round: RoundLocal | null;
  /** the teacher's whole leaderboard, with names */
  board: readonly LeaderboardEntry[];
  /** who changed what in "everyone edits": the last changes and this client's own recent edits */
  attribution: Attribution;
  /** someone else's edit replaced ours moments after it landed, until dismissOvertaken */
  overtaken: Overtaken | null;
  /** the race on screen's curves (teacher) or own entry (student); null: none or not known yet */
  race: RaceLocal | null;
}

export interface LiveClientOptions {
  code: string;
  role: LiveRole;
  /** teacher: the key from POST /api/sessions */
  teacherKey?: string | null;
  /** student: the place of an earlier join (resume) */
  place?: StudentPlace | null;
  transport: LiveTransport;
  timers?: LiveTimers;
  /** a resync now and then guarantees nobody drifts (default 30 s) */
  resyncEveryMs?: number;
  /** a join succeeded: keep the student's place / the teacher key */
  onJoined?(you: You, teacherKey: string | null): void;
  /** removed, ended, or a stored place/key that no longer works: forget it */
  onForget?(reason: "removed" | "ended" | "invalid"): void;
}

/** Join refusals worth trying again in a moment. */
const TRANSIENT = new Set(["rate_limited", "internal", "unavailable"]);
const RETRY_MS = 2000;

export class LiveSessionClient {
  private phase: LivePhase;
  private isConnected = false;
  private wasLive = false;
  private you: You | null = null;
  private confirmed: SessionState | null = null;
  private online: readonly string[] = [];
  private teacherOnline = false;
  private queue: PendingQueue = EMPTY_QUEUE;
  private refusal: Refusal | null = null;
  private attribution: Attribution = EMPTY_ATTRIBUTION;
  private overtaken: Overtaken | null = null;
  private joinError: Refusal | null = null;
  private message: string | null = null;
  private teacherKey: string | null;
  private place: StudentPlace | null;
  /** a nickname typed in the form, waiting for a connection */
  private wantedName: string | null = null;
  private joinInFlight = false;
  private resyncing = false;
  private readonly pacer = new Pacer();
  private readonly timers: LiveTimers;
  private pumpTimer: unknown = null;
  private resyncTimer: unknown = null;
  private retryTimer: unknown = null;
  private disposed = false;
  private listeners = new Set<() => void>();
  private readonly rounds: RoundFollower;
  private readonly races = new RaceFollower(() => this.notify());
  private cached: LiveView;

  constructor(private readonly options: LiveClientOptions) {
    this.timers = options.timers ?? realTimers;
    this.teacherKey = options.teacherKey ?? null;
    this.place = options.place ?? null;
    this.rounds = new RoundFollower(this.timers.now, () => this.notify(), options.role === "teacher");
    if (options.role === "teacher") this.phase = this.teacherKey ? "joining" : "need-key";
    else this.phase = this.place ? "joining" : "need-name";
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
      this.pump();
      return;
    }
    this.joinIfWanted();
    this.notify();
  }

  disconnected(): void {
    this.isConnected = false;
    this.joinInFlight = false;
    this.resyncing = false;
    this.clear("pumpTimer");
    this.notify();
  }

  // ---- what the user does ------------------------------------------------------------------

  /** A student's nickname from the form. */
  joinAsStudent(name: string): void {
    if (this.options.role !== "student") return;
    this.wantedName = name;
    this.joinError = null;
    this.phase = "joining";
    this.joinIfWanted();
    this.notify();
  }

  /** A teacher key typed in (a teacher on another device). */
  joinAsTeacher(key: string): void {
    if (this.options.role !== "teacher") return;
    this.teacherKey = key.trim();
    this.joinError = null;
    this.phase = "joining";
    this.joinIfWanted();
    this.notify();
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
    const shown = replay(this.confirmed, this.queue.entries, actor);
    const denied = permission(shown, action, actor);
    if (denied) return this.refuse(denied);
    this.queue = enqueue(this.queue, action, key).queue;
    this.notify();
    this.pump();
    return null;
  }

  /** A student's prediction for the round on screen (again: replaces it). */
  answer(value: number): Promise<AnswerAck> {
    const roundId = this.confirmed?.rounds?.current?.id;
    if (!roundId) return Promise.resolve({ ok: false, error: { code: "no_such_round", message: "no round is open" } });
    return this.ask("answer", { roundId, value }).then((ack) => {
      if (ack.ok) this.rounds.answered(ack.roundId, ack.answer);
      return ack;
    });
  }

  /** The teacher's open / close / reveal / clear / leaderboard. */
  controlRound(request: RoundRequest): Promise<RoundAck> {
    const actor = this.actor();
    const denied = this.confirmed && actor ? roundRefusal(this.confirmed, request, actor) : null;
    if (denied) return Promise.resolve({ ok: false, error: denied });
    return this.ask("round", request);
  }

  /** The teacher's start / stop / spotlight / clear of a race. */
  controlRace(request: RaceRequest): Promise<RaceAck> {
    const actor = this.actor();
    const denied = this.confirmed && actor ? raceRefusal(this.confirmed, request, actor) : null;
    if (denied) return Promise.resolve({ ok: false, error: denied });
    return this.ask("race", request);
  }

  /** A student's enter / progress / submit in the race on screen. */
  raceEntry(request: RaceEntryRequest): Promise<RaceEntryAck> {
    return this.ask("raceEntry", request).then((ack) => {
      if (ack.ok) this.races.own(ack.raceId, ack.entry);
      return ack;
    });
  }

  onRaceCurve(event: RaceCurveEvent): void {
    this.races.onCurve(event);
  }

  /** The teacher's "Be the network" requests (lib/session/network-activity.ts). */
  controlActivity(request: ActivityRequest): Promise<ActivityAck> {
    const actor = this.actor();
    const denied = this.confirmed && actor ? activityRefusal(this.confirmed, request, actor) : null;
    if (denied) return Promise.resolve({ ok: false, error: denied });
    return this.ask("netActivity", request);
  }

  /** A student's z and f(z) for one of their neurons (again: a new answer, kept beside the first). */
  answerNeuron(request: NeuronAnswerRequest): Promise<NeuronAnswerAck> {
    return this.ask("neuronAnswer", request);
  }

  /** The activity's answers this member may hold (own ones; the teacher's: all). */
  activityStatus(): Promise<ActivityStatusAck> {
    return this.ask("netActivityStatus", {});
  }

  /** The teacher switches the session's exercise; everyone stays (lib/session/exercise-switch.ts). */
  switchExercise(request: SwitchExerciseRequest): Promise<SwitchExerciseAck> {
    if (this.actor()?.role !== "teacher") {
      return Promise.resolve({ ok: false, error: { code: "not_allowed", message: "only the teacher switches" } });
    }
    if (this.confirmed?.rounds?.current) {
      return Promise.resolve({
        ok: false,
        error: { code: "round_on_screen", message: "a round is on screen: clear it before switching the exercise" },
      });
    }
    return this.ask("switchExercise", request);
  }

  /** The teacher writes a question into the lesson's plan or reorders it (lib/session/plan.ts). */
  plan(request: PlanRequest): Promise<PlanAck> {
    return this.ask("plan", request);
  }

  /** The plan's questions (the teacher's only). */
  planStatus(): Promise<PlanStatusAck> {
    return this.ask("planStatus", {});
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
    if (!this.isConnected || this.phase !== "live" || this.resyncing || this.disposed) return;
    this.resyncing = true;
    this.options.transport.request("resync", { version: this.confirmed?.version ?? 0 }, (error, ack) => {
      if (this.disposed) return;
      this.resyncing = false;
      if (error || !ack) {
        this.later(() => this.resync());
        return;
      }
      if (ack.ok) this.take(ack.snapshot);
      else if (ack.error.code === "not_joined") this.joinAgain();
      else this.later(() => this.resync());
      this.notify();
    });
  }

  /** The teacher ends the session for everyone. */
  end(): Promise<EndAck> {
    return this.ask("end", {}).then((ack) => {
      if (ack.ok) this.leave("ended", "the teacher ended this session");
      return ack;
    });
  }

  dispose(): void {
    this.disposed = true;
    this.clear("pumpTimer");
    this.clear("resyncTimer");
    this.clear("retryTimer");
    this.listeners.clear();
  }

  // ---- server events -----------------------------------------------------------------------

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
    if (!this.confirmed || this.phase !== "live" || this.resyncing) return false;
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
    const mine =
      actor &&
      event.by.role === actor.role &&
      (event.by.role === "teacher" || (actor.role === "student" && event.by.id === actor.id));
    if (mine) {
      // our own action, confirmed before its ack: stop replaying it (a shape change twice would show)
      const entry = firstSent(this.queue, (candidate) => sameAction(candidate.action, event.action));
      if (entry) this.queue = settle(this.queue, entry.id);
    }
    return true;
  }

  onSandbox(event: SandboxEvent): void {
    if (!this.confirmed || this.phase !== "live") return;
    this.confirmed = foldSandbox(this.confirmed, event);
    const actor = this.actor();
    if (actor?.role === "student" && event.participantId === actor.id) {
      const entry = firstSent(this.queue, (e) => e.action.type === "edit" || e.action.type === "resetSandbox");
      if (entry) this.queue = settle(this.queue, entry.id);
    }
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

  onRoundProgress(event: RoundProgressEvent): void {
    this.rounds.onProgress(event);
  }

  /** This student's own result at a reveal. */
  onRoundResult(result: RoundResult): void {
    this.rounds.onResult(result);
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
    this.queue = EMPTY_QUEUE;
    this.clear("pumpTimer");
    this.clear("resyncTimer");
    this.clear("retryTimer");
    this.options.onForget?.(phase);
    this.notify();
  }

  private joinAgain(): void {
    this.phase = "joining";
    this.joinIfWanted();
  }

  private joinIfWanted(): void {
    if (!this.isConnected || this.joinInFlight || this.disposed) return;
    if (this.phase === "removed" || this.phase === "ended") return;
    const { code, role } = this.options;
    let payload: JoinRequest;
    if (role === "teacher") {
      if (!this.teacherKey) return;
      payload = { protocol: PROTOCOL_VERSION, code, role, teacherKey: this.teacherKey };
    } else if (this.wantedName !== null) {
      // the form: a new participant (a stored place would only be someone else's old one)
      payload = { protocol: PROTOCOL_VERSION, code, role, name: this.wantedName };
    } else if (this.place) {
      const { participantId, resumeToken, name } = this.place;
      payload = { protocol: PROTOCOL_VERSION, code, role, name, participantId, resumeToken };
    } else {
      return;
    }
    this.phase = "joining";
    this.joinInFlight = true;
    this.options.transport.request("join", payload, (error, ack) => {
      if (this.disposed) return;
      this.joinInFlight = false;
      if (error || !ack) {
        if (this.isConnected) this.later(() => this.joinIfWanted());
        this.notify();
        return;
      }
      if (ack.ok) this.joined(ack.you, ack.snapshot);
      else this.joinRefused(ack.error);
      this.notify();
    });
  }

  private joined(you: You, snapshot: Snapshot): void {
    this.you = you;
    this.phase = "live";
    this.wasLive = true;
    this.joinError = null;
    this.wantedName = null;
    if (you.role === "student") {
      this.place = { participantId: you.participantId, resumeToken: you.resumeToken, name: you.name };
    }
    // actions sent before: their fate is in this snapshot (applied or not); unsent ones go now
    this.queue = dropSent(this.queue);
    this.take(snapshot);
    this.options.onJoined?.(you, this.teacherKey);
    this.scheduleResync();
    this.pump();
  }

  private joinRefused(error: Refusal): void {
    this.joinError = error;
    if (error.code === "removed") return this.leave("removed", error.message);
    if (error.code === "session_ended") return this.leave("ended", error.message);
    if (error.code === "already_joined") {
      // this socket is in the session already (a recovered connection): just catch up
      this.phase = "live";
      this.joinError = null;
      this.resync();
      return;
    }
    if (TRANSIENT.has(error.code)) {
      this.later(() => this.joinIfWanted());
      return;
    }
    if (this.options.role === "teacher") {
      this.phase = error.code === "wrong_teacher_key" ? "need-key" : "failed";
      if (error.code === "wrong_teacher_key") {
        this.teacherKey = null;
        this.options.onForget?.("invalid");
      }
      return;
    }
    if (error.code === "no_such_session" || error.code === "unsupported_protocol" || error.code === "session_full") {
      this.phase = "failed";
      return;
    }
    // a nickname the server refused, or a stored place that does not work any more: ask again
    if (this.wantedName === null && this.place) {
      this.place = null;
      this.options.onForget?.("invalid");
    }
    this.wantedName = null;
    this.phase = "need-name";
  }

  private take(snapshot: Snapshot): void {
    this.confirmed = snapshot.state;
    this.online = snapshot.online;
    this.teacherOnline = snapshot.teacherOnline;
  }

  /** Sends the pending actions in order, at most one per pacer interval. */
  private pump(): void {
    if (this.disposed || !this.isConnected || this.phase !== "live" || this.pumpTimer !== null) return;
    for (;;) {
      const entry = firstUnsent(this.queue);
      const actor = this.actor();
      if (!entry || !this.confirmed || !actor) return;
      const wait = this.pacer.delay(this.timers.now());
      if (wait > 0) {
        this.pumpTimer = this.timers.setTimeout(() => {
          this.pumpTimer = null;
          this.pump();
        }, wait);
        return;
      }
      // judged again as things are now (a lock or a mode change may have come meanwhile)
      const before = this.queue.entries.slice(
        0,
        this.queue.entries.findIndex((e) => e.id === entry.id),
      );
      const denied = permission(replay(this.confirmed, before, actor), entry.action, actor);
      if (denied) {
        this.queue = settle(this.queue, entry.id);
        this.refusal = denied;
        this.notify();
        continue;
      }
      this.pacer.take(this.timers.now());
      this.queue = markSent(this.queue, entry.id);
      const { id, action } = entry;
      this.options.transport.request("action", { action, baseVersion: this.confirmed.version }, (error, ack) =>
        this.acked(id, action, error, ack),
      );
      this.notify();
    }
  }

  private acked(id: number, action: Action, error: Error | null, ack: ActionAck | undefined): void {
    if (this.disposed) return;
    const known = this.queue.entries.some((entry) => entry.id === id);
    this.queue = settle(this.queue, id);
    if (error || !ack) {
      // no answer: the snapshot will say whether it happened
      if (known) this.resync();
      this.notify();
      return;
    }
    if (ack.ok) {
      this.refusal = null;
    } else {
      this.refusal = ack.error;
      const actor = this.actor();
      const code = ack.error.code;
      if (code === "stale") this.resync();
      else if (code === "not_joined") this.joinAgain();
      else if (
        ack.current &&
        this.confirmed &&
        actor?.role === "student" &&
        action.type === "edit" &&
        this.confirmed.mode === "sandbox" &&
        own(this.confirmed.sandboxes, actor.id)
      ) {
        // a private edit: the server's copy of our sandbox is the value to roll back to
        this.confirmed = { ...this.confirmed, sandboxes: { ...this.confirmed.sandboxes, [actor.id]: ack.current.lab } };
      }
    }
    this.notify();
  }

  private scheduleResync(): void {
    this.clear("resyncTimer");
    const every = this.options.resyncEveryMs ?? 30_000;
    this.resyncTimer = this.timers.setTimeout(() => {
      this.resyncTimer = null;
      // not while own actions are in flight: their acks come first, then the next round
      if (!this.queue.entries.some((entry) => entry.sent)) this.resync();
      this.scheduleResync();
    }, every);
  }

  /** A request whose ack is all the caller needs: no answer in time is the refusal `timeout`. */
  private ask<
    E extends
      | "end"
      | "round"
      | "answer"
      | "race"
      | "raceEntry"
      | "netActivity"
      | "neuronAnswer"
      | "netActivityStatus"
      | "switchExercise"
      | "plan"
      | "planStatus",
  >(event: E, payload: ClientRequests[E]): Promise<ClientAcks[E] | Refused> {
    return new Promise((resolve) => {
      this.options.transport.request(event, payload, (error, ack) => {
        resolve(ack ?? { ok: false, error: { code: "timeout", message: error?.message ?? "no answer" } });
      });
    });
  }

  private later(run: () => void): void {
    this.clear("retryTimer");
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      run();
    }, RETRY_MS);
  }

  private clear(name: "pumpTimer" | "resyncTimer" | "retryTimer"): void {
    if (this[name] !== null) this.timers.clearTimeout(this[name]);
    this[name] = null;
  }

  private computeView(): LiveView {
    const actor = this.actor();
    const rounds = this.rounds.view(this.confirmed);
    return {
      phase: this.phase,
      connected: this.isConnected,
      reconnecting: this.wasLive && (!this.isConnected || this.phase === "joining"),
      you: this.you,
      actor,
      state: this.confirmed && actor ? replay(this.confirmed, this.queue.entries, actor) : this.confirmed,
      confirmed: this.confirmed,
      online: this.online,
      teacherOnline: this.teacherOnline,
      refusal: this.refusal,
      joinError: this.joinError,
      message: this.message,
      pending: this.queue.entries.length,
      round: rounds.round,
      board: rounds.board,
      attribution: this.attribution,
      overtaken: this.overtaken,
      race: this.races.view(this.confirmed),
    };
  }

  private notify(): void {
    if (this.disposed) return;
    this.rounds.follow(this.confirmed, this.phase === "live" && this.isConnected, (done) =>
      this.options.transport.request("roundStatus", {}, (_error, ack) => {
        if (!this.disposed) done(ack);
      }),
    );
    this.races.follow(this.confirmed, this.phase === "live" && this.isConnected, (done) =>
      this.options.transport.request("raceStatus", {}, (_error, ack) => {
        if (!this.disposed) done(ack);
      }),
    );
    this.cached = this.computeView();
    for (const listener of this.listeners) listener();
  }
}
