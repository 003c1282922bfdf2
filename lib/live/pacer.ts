// How fast a live client may send actions: at most MAX_ACTIONS_PER_SECOND, well inside the
// server's limit (60 events/s per socket, bursts of 120) with room for resyncs. A drag on a
// slider fires far more often; the pending queue keeps only its newest unsent value (pending.ts),
// so pacing the sends throttles the drag and its last value is always the last one sent.
// Pure: the time is passed in.

export const MAX_ACTIONS_PER_SECOND = 30;

export class Pacer {
  private last = Number.NEGATIVE_INFINITY;

  constructor(readonly intervalMs: number = Math.ceil(1000 / MAX_ACTIONS_PER_SECOND)) {}

  /** Milliseconds to wait before the next send is allowed at time `now` (0: send now). */
  delay(now: number): number {
    return Math.max(0, this.last + this.intervalMs - now);
  }

  /** A send happened at `now`. */
  take(now: number): void {
    this.last = now;
  }
}
