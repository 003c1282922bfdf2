// Each operation id is applied once per session (lib/session/protocol.ts `opIdSchema`). A request
// carrying an id that was applied already gets the reply it had — from memory, or from the
// LiveOperation rows written with each change, so that a request retried after its owner process
// died is answered by the new owner without applying it again. A retry that arrives while the first
// is still being written waits for it and shares its reply. Refusals are not kept: a refused
// operation changed nothing, and may be judged again.

/** ids kept in memory per session (the rows stay in the database for an hour, store.ts) */
const KEPT = 20_000;

export class OperationLog {
  private readonly pending = new Map<string, Promise<unknown>>();

  /** @param done id → JSON of the reply, as read from the database when the session was loaded */
  constructor(private readonly done: Map<string, string> = new Map()) {}

  /**
   * Runs `run` unless `opId` ran already. `stored` makes a kept reply the answer's type again.
   * `run` writes the id with its change (the ledger's `opId`), so an accepted reply is in the
   * database before it is answered.
   */
  async once<T extends { ok: boolean }>(
    opId: string | undefined,
    run: () => Promise<T>,
    stored: (reply: { ok: true } & Record<string, unknown>) => T,
  ): Promise<T> {
    if (opId === undefined) return run();
    const kept = this.done.get(opId);
    if (kept !== undefined) return stored(JSON.parse(kept) as { ok: true } & Record<string, unknown>);
    const inFlight = this.pending.get(opId);
    if (inFlight) return inFlight as Promise<T>;
    const running = run();
    this.pending.set(opId, running);
    try {
      const result = await running;
      if (result.ok) this.remember(opId, JSON.stringify(result));
      return result;
    } finally {
      this.pending.delete(opId);
    }
  }

  private remember(opId: string, reply: string): void {
    this.done.set(opId, reply);
    if (this.done.size > KEPT) this.done.delete(this.done.keys().next().value!);
  }
}
