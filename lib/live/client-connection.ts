// Getting into a live session, back in, and in step (session-client.ts): the join request from the
// form (a nickname, a teacher key typed in) or from what this browser kept (a student's place, the
// teacher key), sent once connected; what a refusal means — try again in a moment, ask for a name
// or a key again, forget a stored place or key that no longer works, or leave; and the resync (a
// full snapshot) on a gap, a `stale` refusal and every 30 s.
import { PROTOCOL_VERSION, type JoinRequest, type Snapshot, type You } from "../session/protocol";
import type { Refusal } from "../validation";
import type { LiveClientOptions, LivePhase, LiveTimers, StudentPlace } from "./client-types";

/** Join refusals worth trying again in a moment. */
const TRANSIENT = new Set(["rate_limited", "internal", "unavailable"]);
const RETRY_MS = 2000;

/** What the connection uses of the client. */
export interface ConnectionHost {
  readonly options: LiveClientOptions;
  readonly timers: LiveTimers;
  phase(): LivePhase;
  setPhase(phase: LivePhase): void;
  connected(): boolean;
  disposed(): boolean;
  /** in: the client takes the snapshot and goes live */
  joined(you: You, snapshot: Snapshot): void;
  leave(phase: "removed" | "ended", message: string): void;
  /** the version of the state as last heard (0: none) */
  version(): number;
  /** a snapshot came with a resync */
  take(snapshot: Snapshot): void;
  /** own actions are sent and wait for their acks */
  inFlight(): boolean;
  notify(): void;
}

export class LiveConnection {
  private joinError: Refusal | null = null;
  private key: string | null;
  private place: StudentPlace | null;
  /** a nickname typed in the form, waiting for a connection */
  private wantedName: string | null = null;
  private inFlight = false;
  private resyncAsked = false;
  private resyncTimer: unknown = null;
  private retryTimer: unknown = null;

  constructor(private readonly host: ConnectionHost) {
    this.key = host.options.teacherKey ?? null;
    this.place = host.options.place ?? null;
  }

  /** why the last join was refused */
  get error(): Refusal | null {
    return this.joinError;
  }

  /** the teacher key in use (kept by the page once a join succeeded) */
  get teacherKey(): string | null {
    return this.key;
  }

  /** a resync is asked for: `applied` events wait for its snapshot */
  get resyncing(): boolean {
    return this.resyncAsked;
  }

  /** The phase a client starts in: joining with what this browser kept, or asking for it. */
  firstPhase(): LivePhase {
    if (this.host.options.role === "teacher") return this.key ? "joining" : "need-key";
    return this.place ? "joining" : "need-name";
  }

  /** A student's nickname from the form. */
  asStudent(name: string): void {
    if (this.host.options.role !== "student") return;
    this.wantedName = name;
    this.typedIn();
  }

  /** A teacher key typed in (a teacher on another device). */
  asTeacher(key: string): void {
    if (this.host.options.role !== "teacher") return;
    this.key = key.trim();
    this.typedIn();
  }

  private typedIn(): void {
    this.joinError = null;
    this.host.setPhase("joining");
    this.ifWanted();
    this.host.notify();
  }

  /** The connection is gone: a join or resync in flight will not be answered. */
  disconnected(): void {
    this.inFlight = false;
    this.resyncAsked = false;
  }

  /** No more retries and resyncs (removed, ended, disposed). */
  stop(): void {
    this.clear("resyncTimer");
    this.clear("retryTimer");
  }

  /** Joins again (the server does not know this socket any more). */
  again(): void {
    this.host.setPhase("joining");
    this.ifWanted();
  }

  /** Sends the join when connected and there is something to join with. */
  ifWanted(): void {
    const { host } = this;
    if (!host.connected() || this.inFlight || host.disposed()) return;
    if (host.phase() === "removed" || host.phase() === "ended") return;
    const { code, role } = host.options;
    let payload: JoinRequest;
    if (role === "teacher") {
      if (!this.key) return;
      payload = { protocol: PROTOCOL_VERSION, code, role, teacherKey: this.key };
    } else if (this.wantedName !== null) {
      // the form: a new participant (a stored place would only be someone else's old one)
      payload = { protocol: PROTOCOL_VERSION, code, role, name: this.wantedName };
    } else if (this.place) {
      const { participantId, resumeToken, name } = this.place;
      payload = { protocol: PROTOCOL_VERSION, code, role, name, participantId, resumeToken };
    } else {
      return;
    }
    host.setPhase("joining");
    this.inFlight = true;
    host.options.transport.request("join", payload, (error, ack) => {
      if (host.disposed()) return;
      this.inFlight = false;
      if (error || !ack) {
        if (host.connected()) this.later(() => this.ifWanted());
        host.notify();
        return;
      }
      if (ack.ok) this.joined(ack.you, ack.snapshot);
      else this.refused(ack.error);
      host.notify();
    });
  }

  private joined(you: You, snapshot: Snapshot): void {
    this.joinError = null;
    this.wantedName = null;
    if (you.role === "student") {
      this.place = { participantId: you.participantId, resumeToken: you.resumeToken, name: you.name };
    }
    this.host.joined(you, snapshot);
  }

  private refused(error: Refusal): void {
    const { host } = this;
    this.joinError = error;
    if (error.code === "removed") return host.leave("removed", error.message);
    if (error.code === "session_ended") return host.leave("ended", error.message);
    if (error.code === "already_joined") {
      // this socket is in the session already (a recovered connection): just catch up
      host.setPhase("live");
      this.joinError = null;
      this.resync();
      return;
    }
    if (TRANSIENT.has(error.code)) {
      this.later(() => this.ifWanted());
      return;
    }
    if (host.options.role === "teacher") {
      host.setPhase(error.code === "wrong_teacher_key" ? "need-key" : "failed");
      if (error.code === "wrong_teacher_key") {
        this.key = null;
        host.options.onForget?.("invalid");
      }
      return;
    }
    if (error.code === "no_such_session" || error.code === "unsupported_protocol" || error.code === "session_full") {
      host.setPhase("failed");
      return;
    }
    // a nickname the server refused, or a stored place that does not work any more: ask again
    if (this.wantedName === null && this.place) {
      this.place = null;
      host.options.onForget?.("invalid");
    }
    this.wantedName = null;
    host.setPhase("need-name");
  }

  /** Asks the server for a full snapshot (a gap, a `stale` refusal, now and then). */
  resync(): void {
    const { host } = this;
    if (!host.connected() || host.phase() !== "live" || this.resyncAsked || host.disposed()) return;
    this.resyncAsked = true;
    host.options.transport.request("resync", { version: host.version() }, (error, ack) => {
      if (host.disposed()) return;
      this.resyncAsked = false;
      if (error || !ack) {
        this.later(() => this.resync());
        return;
      }
      if (ack.ok) host.take(ack.snapshot);
      else if (ack.error.code === "not_joined") this.again();
      else this.later(() => this.resync());
      host.notify();
    });
  }

  /** A resync every 30 s (default) from now on. */
  scheduleResync(): void {
    this.clear("resyncTimer");
    const every = this.host.options.resyncEveryMs ?? 30_000;
    this.resyncTimer = this.host.timers.setTimeout(() => {
      this.resyncTimer = null;
      // not while own actions are in flight: their acks come first, then the next round
      if (!this.host.inFlight()) this.resync();
      this.scheduleResync();
    }, every);
  }

  private later(run: () => void): void {
    this.clear("retryTimer");
    this.retryTimer = this.host.timers.setTimeout(() => {
      this.retryTimer = null;
      run();
    }, RETRY_MS);
  }

  private clear(name: "resyncTimer" | "retryTimer"): void {
    if (this[name] !== null) this.host.timers.clearTimeout(this[name]);
    this[name] = null;
  }
}
