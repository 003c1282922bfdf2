// The live client's own actions (optimistic edits): applied at once (pending.ts), sent in order at
// most 30 a second with a drag's latest value last (pacer.ts), each judged again as things are when
// it goes; settled by its ack or by the server's event that confirms it, and rolled back when
// refused (a `stale` refusal resyncs).
import { own } from "../own";
import type { ActionAck, AppliedEvent, ClientAcks, ClientRequests } from "../session/protocol";
import { permission, type Action, type Actor, type SessionState } from "../session/rules";
import type { Refusal } from "../validation";
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
import type { LiveTimers } from "./client-types";

/** What the edits use of the client (session-client.ts). */
export interface EditsHost {
  readonly timers: LiveTimers;
  /** connected, live and not disposed: actions may be sent */
  canSend(): boolean;
  confirmed(): SessionState | null;
  /** a refused private edit: the server's copy of the sandbox is the state to roll back to */
  rollBack(state: SessionState): void;
  actor(): Actor | null;
  send(payload: ClientRequests["action"], done: (error: Error | null, ack?: ClientAcks["action"]) => void): void;
  /** why the last action was refused (null: the last one was accepted) */
  refused(refusal: Refusal | null): void;
  resync(): void;
  joinAgain(): void;
  notify(): void;
}

export class OptimisticEdits {
  private queue: PendingQueue = EMPTY_QUEUE;
  private readonly pacer = new Pacer();
  private pumpTimer: unknown = null;

  constructor(private readonly host: EditsHost) {}

  /** own actions not confirmed yet */
  get pending(): number {
    return this.queue.entries.length;
  }

  /** some are sent and wait for their ack */
  get inFlight(): boolean {
    return this.queue.entries.some((entry) => entry.sent);
  }

  /** `confirmed` with the pending actions applied: the state as shown */
  shown(confirmed: SessionState, actor: Actor): SessionState {
    return replay(confirmed, this.queue.entries, actor);
  }

  /** Queues `action` when `actor` may do it now (`key`: a continuous gesture); else the refusal. */
  add(confirmed: SessionState, actor: Actor, action: Action, key?: string): Refusal | null {
    const shown = replay(confirmed, this.queue.entries, actor);
    const denied = permission(shown, action, actor);
    if (denied) return denied;
    this.queue = enqueue(this.queue, action, key).queue;
    return null;
  }

  /** An `applied` event: our own action, confirmed before its ack, stops being replayed (a shape change twice would show). */
  applied(event: AppliedEvent, actor: Actor | null): void {
    const mine =
      actor &&
      event.by.role === actor.role &&
      (event.by.role === "teacher" || (actor.role === "student" && event.by.id === actor.id));
    if (!mine) return;
    const entry = firstSent(this.queue, (candidate) => sameAction(candidate.action, event.action));
    if (entry) this.queue = settle(this.queue, entry.id);
  }

  /** Our own sandbox came back: the first sent private edit is settled. */
  confirmedSandbox(): void {
    const entry = firstSent(this.queue, (e) => e.action.type === "edit" || e.action.type === "resetSandbox");
    if (entry) this.queue = settle(this.queue, entry.id);
  }

  /** Joined (again): the fate of the actions sent before is in the snapshot; unsent ones go now. */
  dropSent(): void {
    this.queue = dropSent(this.queue);
  }

  /** Removed or ended: nothing more goes. */
  forget(): void {
    this.queue = EMPTY_QUEUE;
    this.stop();
  }

  stop(): void {
    if (this.pumpTimer !== null) this.host.timers.clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
  }

  /** Sends the pending actions in order, at most one per pacer interval. */
  pump(): void {
    if (!this.host.canSend() || this.pumpTimer !== null) return;
    for (;;) {
      const entry = firstUnsent(this.queue);
      const confirmed = this.host.confirmed();
      const actor = this.host.actor();
      if (!entry || !confirmed || !actor) return;
      const { timers } = this.host;
      const wait = this.pacer.delay(timers.now());
      if (wait > 0) {
        this.pumpTimer = timers.setTimeout(() => {
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
      const denied = permission(replay(confirmed, before, actor), entry.action, actor);
      if (denied) {
        this.queue = settle(this.queue, entry.id);
        this.host.refused(denied);
        this.host.notify();
        continue;
      }
      this.pacer.take(timers.now());
      this.queue = markSent(this.queue, entry.id);
      const { id, action } = entry;
      this.host.send({ action, baseVersion: confirmed.version }, (error, ack) => this.acked(id, action, error, ack));
      this.host.notify();
    }
  }

  private acked(id: number, action: Action, error: Error | null, ack: ActionAck | undefined): void {
    const known = this.queue.entries.some((entry) => entry.id === id);
    this.queue = settle(this.queue, id);
    if (error || !ack) {
      // no answer: the snapshot will say whether it happened
      if (known) this.host.resync();
      this.host.notify();
      return;
    }
    if (ack.ok) {
      this.host.refused(null);
    } else {
      this.host.refused(ack.error);
      const actor = this.host.actor();
      const confirmed = this.host.confirmed();
      const code = ack.error.code;
      if (code === "stale") this.host.resync();
      else if (code === "not_joined") this.host.joinAgain();
      else if (
        ack.current &&
        confirmed &&
        actor?.role === "student" &&
        action.type === "edit" &&
        confirmed.mode === "sandbox" &&
        own(confirmed.sandboxes, actor.id)
      ) {
        // a private edit: the server's copy of our sandbox is the value to roll back to
        this.host.rollBack({ ...confirmed, sandboxes: { ...confirmed.sandboxes, [actor.id]: ack.current.lab } });
      }
    }
    this.host.notify();
  }
}
