// A student's device reports its race curve as it trains: new points are gathered and sent at most
// every `intervalMs` after the previous report was answered (the server refuses reports closer than
// RACE_LIMITS.reportIntervalMs: a refused report's points would be missing from the curve), each
// report at most RACE_LIMITS.pointsPerReport points (evenly thinned, the newest kept), with the
// newest network, so that a phone that sleeps or reloads comes back to it. `finish()` sends what
// is left, so a submission follows the whole curve. No DOM: timers are given.
import type { Network } from "../network/schema";
import { RACE_LIMITS, type CurvePoint } from "./model";

export interface ReporterTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Sends one report; resolves true when the server took it. */
export type SendReport = (points: CurvePoint[], network: Network | null) => Promise<boolean>;

/** At most `max` of `points`, evenly spread, always with the last. */
export function thinPoints(points: readonly CurvePoint[], max: number = RACE_LIMITS.pointsPerReport): CurvePoint[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}

export class RaceReporter {
  private pending: CurvePoint[] = [];
  private network: Network | null = null;
  private lastEpoch = 0;
  private lastSent = -Infinity;
  private timer: unknown = null;
  private sending: Promise<void> | null = null;

  constructor(
    private readonly send: SendReport,
    private readonly timers: ReporterTimers,
    private readonly intervalMs = 2 * RACE_LIMITS.reportIntervalMs,
  ) {}

  /** Epoch and test loss pairs of the run so far (only newer epochs are kept), and its network. */
  push(epochs: ArrayLike<number>, losses: ArrayLike<number>, network: Network): void {
    for (let i = 0; i < epochs.length; i++) {
      const epoch = epochs[i]!;
      const testLoss = losses[i]!;
      if (epoch <= this.lastEpoch || !Number.isFinite(testLoss)) continue;
      this.pending.push({ epoch, testLoss: Math.min(Math.max(testLoss, 0), 1e6) });
      this.lastEpoch = epoch;
    }
    this.network = network;
    this.schedule();
  }

  /** Sends what is left (waiting for the pace) and resolves once it is answered. */
  async finish(): Promise<void> {
    this.cancel();
    await this.sending;
    if (this.pending.length === 0) return;
    const wait = this.lastSent + this.intervalMs - this.timers.now();
    if (wait > 0) await new Promise<void>((resolve) => this.timers.setTimeout(resolve, wait));
    await this.flush();
  }

  /** Starts over (a new run, just entered: the server paces that like a report): epochs from 0 again. */
  reset(): void {
    this.cancel();
    this.lastSent = this.timers.now();
    this.pending = [];
    this.network = null;
    this.lastEpoch = 0;
  }

  dispose(): void {
    this.reset();
  }

  private schedule(): void {
    if (this.timer !== null || this.pending.length === 0) return;
    const wait = Math.max(0, this.lastSent + this.intervalMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.flush().then(() => this.schedule());
    }, wait);
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const points = thinPoints(this.pending);
    this.pending = [];
    this.lastSent = this.timers.now();
    const sending = this.send(points, this.network).then(() => {
      // paced from the answer too: the server judged this report when it answered, and a report
      // held up on the way (a busy server) must not bring the next one within its interval there
      this.lastSent = this.timers.now();
    });
    this.sending = sending;
    await sending;
    if (this.sending === sending) this.sending = null;
  }
}
