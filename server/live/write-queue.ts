// Write-through with grouping and roll-back, for one value (a Room's session). A change makes the
// next value the current one at once (so the next change is judged against it) and queues; the
// queue writes the newest value with `save`, then runs each change's effects (broadcasts) in order
// and resolves it. While a write is in flight, the changes that arrive meanwhile wait and go out
// together in the next one. If a write fails, the value returns to the last written one and every
// change not yet written is rejected: nobody has heard of it.
//
// Values are immutable: rolling back is keeping the old one, so there is no undo log to get wrong.

export interface WriteQueueOptions<V, W> {
  /** Writes `next` (what changed since `previous`) and the rows of the changes; throws when it fails. */
  save(next: V, previous: V, rows: readonly W[]): Promise<void>;
  /** a write failed (its changes are being refused) */
  onWriteError(error: unknown): void;
  /** an effect threw (logged; the change stays written) */
  onEffectError(error: unknown): void;
}

interface Queued<W> {
  /** rows this change writes beside the value, null: none (or a barrier) */
  rows: W | null;
  effects: readonly (() => void)[];
  resolve(): void;
  reject(error: unknown): void;
}

export class WriteQueue<V, W> {
  private current: V;
  private last: V;
  private queue: Queued<W>[] = [];
  private writing = false;

  constructor(
    initial: V,
    private readonly options: WriteQueueOptions<V, W>,
  ) {
    this.current = initial;
    this.last = initial;
  }

  /** the newest value: ahead of `written` while a write is pending */
  get value(): V {
    return this.current;
  }

  /** the value last written: what everyone has heard of */
  get written(): V {
    return this.last;
  }

  /** a write is in flight or queued */
  get busy(): boolean {
    return this.writing || this.queue.length > 0;
  }

  /**
   * Makes `next` the newest value and queues its write; resolves after the write once `effects`
   * have run, or rejects when the write failed (the value is then back to the last written one).
   */
  commit(next: V, rows: W | null, effects: readonly (() => void)[]): Promise<void> {
    this.current = next;
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, effects, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // let the other events read in this turn join the same write
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Resolves when every change queued so far is written (or refused). */
  barrier(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => {
      this.queue.push({ rows: null, effects: [], resolve, reject: () => resolve() });
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const next = this.current;
      try {
        await this.options.save(
          next,
          this.last,
          batch.flatMap((item) => (item.rows === null ? [] : [item.rows])),
        );
      } catch (error) {
        this.options.onWriteError(error);
        this.current = this.last;
        const failed = [...batch, ...this.queue];
        this.queue = [];
        for (const item of failed) item.reject(error);
        continue;
      }
      this.last = next;
      for (const item of batch) {
        for (const effect of item.effects) {
          try {
            effect();
          } catch (error) {
            this.options.onEffectError(error);
          }
        }
        item.resolve();
      }
    }
    this.writing = false;
  }
}
