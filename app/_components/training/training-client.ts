// The page's side of a training worker: it starts the worker, sends it commands, and turns its
// events into a TrainingView (lib/training/view.ts) that React reads with useSyncExternalStore.
// Snapshots are taken in at most once per animation frame: the newest one waiting is applied in
// the frame's callback, the listeners re-render, and only then is the worker told ("ack") that
// it may send the next. So the page never falls behind, however fast the worker trains.
// While a run is going, the frame after a snapshot is left to the rest of the page: the heatmaps
// repaint the network it showed (use-heatmap-frames.ts) in a frame of their own, not on top of
// React's render of the next snapshot. The page follows the run at up to half the display's
// rate (30 snapshots a second at 60 Hz); the worker trains on meanwhile.
// Built to be hosted anywhere a network trains: the lesson view today, a student's sandbox in a
// class race later.
import type { TrainingCommand, TrainingEvent, TrainingSnapshot } from "@/lib/training/protocol";
import { INITIAL_VIEW, reduceTrainingView, type TrainingView, type ViewAction } from "@/lib/training/view";

/** What the client needs of a worker (a real Worker, or a stand-in in a test). */
export interface WorkerPort {
  postMessage(message: TrainingCommand): void;
  onmessage: ((event: MessageEvent<TrainingEvent>) => void) | null;
  /** the worker's script did not load or threw (a Content-Security-Policy without worker-src 'self'…) */
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export function startTrainingWorker(): WorkerPort {
  // both bundlers emit this as a separate same-origin script (see training.worker.ts)
  return new Worker(new URL("./training.worker.ts", import.meta.url));
}

/**
 * A training worker and what the page knows of it. Creating one costs nothing: the worker starts
 * with start() (in an effect: never during a server render) and ends with stop(); a stopped
 * client may start again with a fresh worker and view.
 */
export class TrainingClient {
  private view: TrainingView = INITIAL_VIEW;
  private readonly listeners = new Set<() => void>();
  private worker: WorkerPort | null = null;
  private waiting: TrainingSnapshot | null = null;
  private frame = 0;
  /** the frame after a running snapshot was shown: none is shown in it */
  private resting = false;

  /** called with each snapshot as it is shown (before the worker is told it may send the next) */
  private onSnapshot: ((snapshot: TrainingSnapshot) => void) | null = null;

  constructor(private readonly startWorker: () => WorkerPort = startTrainingWorker) {}

  start(onSnapshot: ((snapshot: TrainingSnapshot) => void) | null = null): void {
    this.onSnapshot = onSnapshot;
    if (this.worker) return;
    let worker: WorkerPort;
    try {
      worker = this.startWorker();
    } catch (error) {
      this.update({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      return;
    }
    worker.onmessage = (event) => {
      if (this.worker === worker) this.receive(event.data);
    };
    worker.onerror = (event) => {
      if (this.worker === worker)
        this.update({ type: "failed", message: event.message || "the training worker did not start" });
    };
    this.worker = worker;
  }

  stop(): void {
    this.onSnapshot = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.waiting = null;
    this.resting = false;
    if (this.worker) {
      this.worker.onmessage = null;
      this.worker.onerror = null;
      this.worker.terminate();
      this.worker = null;
    }
    this.setView(INITIAL_VIEW);
  }

  /** Sends a command to the worker (dropped when it is not running). */
  send(command: TrainingCommand): void {
    if (!this.worker) return;
    this.update({ type: "sent" });
    this.worker.postMessage(command);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getView = (): TrainingView => this.view;

  private receive(event: TrainingEvent): void {
    if (event.type !== "snapshot") return this.update(event);
    this.waiting = event;
    if (this.frame === 0) this.frame = requestAnimationFrame(this.takeSnapshot);
  }

  private readonly takeSnapshot = (): void => {
    this.frame = 0;
    if (this.resting) {
      this.resting = false;
      if (this.waiting) this.frame = requestAnimationFrame(this.takeSnapshot);
      return;
    }
    const snapshot = this.waiting;
    this.waiting = null;
    if (!snapshot || !this.worker) return;
    this.update(snapshot);
    this.onSnapshot?.(snapshot);
    // the next snapshot comes while the page paints this one's heatmaps, and is shown after
    this.worker.postMessage({ type: "ack" });
    if (snapshot.running) {
      this.resting = true;
      this.frame = requestAnimationFrame(this.takeSnapshot);
    }
  };

  private update(action: ViewAction): void {
    this.setView(reduceTrainingView(this.view, action));
  }

  private setView(next: TrainingView): void {
    if (next === this.view) return;
    this.view = next;
    for (const listener of this.listeners) listener();
  }
}
