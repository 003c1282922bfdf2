// The one commit path of a live session: every change — an action, a join, a round request, an
// answer — arrives as a transition from the pure rules (lib/session) and goes through here. The
// rule runs guarded (an exception is a named `internal` refusal that changes nothing); the next
// value is checked (lib/session/check.ts: what changed parses, the version moves by one at most)
// before it becomes current; it is written through the write queue before anyone hears of it; then
// its effects run and the caller gets its reply. A failed write refuses it and keeps the old value.
import { transitionProblem } from "../../lib/session/check";
import type { Effect, Outcome, SessionValue } from "../../lib/session/authority";
import type { Refused } from "../../lib/session/protocol";
import { mergeRoundWrites, type RoundWrites } from "../../lib/session/rounds";
import type { Refusal } from "../../lib/validation";
import { changedParts, type LiveStore, type OperationRow } from "./store";
import { WriteQueue } from "./write-queue";

export const INTERNAL: Refusal = { code: "internal", message: "the server could not do that" };
export const UNAVAILABLE: Refusal = { code: "unavailable", message: "the session could not be saved: try again" };

export interface LedgerOptions {
  code: string;
  store: LiveStore;
  logError(message: string, error: unknown): void;
  /** runs one effect of a written change (a broadcast, an eviction, …) */
  perform(effect: Effect): void;
  /** after each written change's effects (the Room re-arms its round clock) */
  settled(): void;
  /** a write failed: what came after `version` never happened */
  rolledBack(version: number): void;
}

/** what one change writes beside the session's row: round rows, and its operation id if it has one */
interface ChangeRows {
  rounds: RoundWrites | null;
  op: OperationRow | null;
}

export class SessionLedger {
  private readonly queue: WriteQueue<SessionValue, ChangeRows>;

  constructor(
    initial: SessionValue,
    private readonly options: LedgerOptions,
  ) {
    const { code, logError } = options;
    this.queue = new WriteQueue<SessionValue, ChangeRows>(initial, {
      save: (next, previous, rows) => this.save(next, previous, rows),
      onWriteError: (error) => {
        logError(`live session ${code}: write failed, changes refused:`, error);
        options.rolledBack(this.queue.written.state.version);
      },
      onEffectError: (error) => logError(`live session ${code}: broadcast failed:`, error),
    });
  }

  /** the newest value: the next change is judged against it */
  get value(): SessionValue {
    return this.queue.value;
  }

  /** the value last written: what everyone has heard of */
  get written(): SessionValue {
    return this.queue.written;
  }

  get busy(): boolean {
    return this.queue.busy;
  }

  /** Resolves when every change so far is written (and its effects have run). */
  barrier(): Promise<void> {
    return this.queue.barrier();
  }

  /** Runs a rule; an exception (a bug) is logged and refused `internal`, and changes nothing. */
  guard<T>(rule: () => T): T | Refused {
    try {
      return rule();
    } catch (error) {
      this.options.logError(`live session ${this.options.code}: a rule failed, nothing changed:`, error);
      return { ok: false, error: INTERNAL };
    }
  }

  /**
   * Commits an accepted transition: checked, made current, written, its effects run, its reply
   * answered. A refusal, a value that fails the check, or a failed write changes nothing.
   * `accepted` runs once the value is current (before its write). `opId`: the operation's id,
   * written with the change together with its reply (a retry of it is answered from there).
   */
  async commit<R extends object>(
    outcome: Outcome<R> | Refused,
    options: { unavailable?: Refusal; accepted?: (reply: R) => void; opId?: string } = {},
  ): Promise<({ ok: true } & R) | Refused> {
    if (!outcome.ok) return outcome;
    const { value, writes, effects, reply } = outcome.transition;
    const problem = transitionProblem(this.queue.value, value, writes);
    if (problem) {
      this.options.logError(`live session ${this.options.code}: a change would break the session, refused:`, problem);
      return { ok: false, error: INTERNAL };
    }
    options.accepted?.(reply);
    try {
      const op = options.opId
        ? { opId: options.opId, reply: JSON.stringify({ ok: true, ...reply }), at: Date.now() }
        : null;
      await this.queue.commit(value, { rounds: writes, op }, [
        ...effects.map((effect) => () => this.options.perform(effect)),
        () => this.options.settled(),
      ]);
    } catch {
      return { ok: false, error: options.unavailable ?? UNAVAILABLE };
    }
    return { ok: true, ...reply };
  }

  /** Writes the parts of the session that changed, and the round rows, all or nothing. */
  private async save(next: SessionValue, previous: SessionValue, rows: readonly ChangeRows[]): Promise<void> {
    const dirty = changedParts(previous, next);
    const rounds = rows.flatMap((row) => (row.rounds ? [row.rounds] : []));
    const writes = rounds.length > 0 ? mergeRoundWrites(rounds) : undefined;
    const ops = rows.flatMap((row) => (row.op ? [row.op] : []));
    if (dirty || writes || ops.length > 0) {
      await this.options.store.save(this.options.code, next.state, next.server, dirty, writes, ops);
    }
  }
}
