// The clocks of a session's prediction rounds: the time limit that closes the open round by itself
// (re-armed from the written round after every change and after a restart), and the gathered
// `roundProgress` (how many answered, at most once per `progressDelayMs`). The rules stay in
// lib/session/rounds.ts: a timer only asks the Room to close the round, like the teacher would.
import { phaseOf, type RoundRecord } from "../../lib/rounds/engine";

export interface RoundTimerOptions {
  /** the time limit of round `roundId` is up */
  close(roundId: string): void;
  /** send how many have answered now */
  progress(): void;
  progressDelayMs: number;
  now: () => number;
}

/** A time limit fires this long after the deadline: an answer at the deadline still counts. */
const GRACE_MS = 5;

export class RoundTimers {
  private limit: { roundId: string; timer: NodeJS.Timeout } | null = null;
  private progressTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: RoundTimerOptions) {}

  /** Arms the time limit of `record` (the written round on screen), or disarms it. */
  sync(record: RoundRecord | null): void {
    const due = record && record.closesAt !== null && phaseOf(record) === "open" ? record : null;
    if (this.limit && this.limit.roundId === due?.id) return;
    this.stopLimit();
    if (!due || due.closesAt === null) return;
    const roundId = due.id;
    const timer = setTimeout(
      () => {
        this.limit = null;
        this.options.close(roundId);
      },
      Math.max(0, due.closesAt - this.options.now()) + GRACE_MS,
    );
    timer.unref();
    this.limit = { roundId, timer };
  }

  /** Answers came in: send the count soon, gathered. */
  markProgress(): void {
    if (this.progressTimer) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      this.options.progress();
    }, this.options.progressDelayMs);
    this.progressTimer.unref();
  }

  stop(): void {
    this.stopLimit();
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = null;
  }

  private stopLimit(): void {
    if (this.limit) clearTimeout(this.limit.timer);
    this.limit = null;
  }
}
