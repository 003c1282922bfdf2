// The training worker's logic, without the worker: it receives commands (protocol.ts), runs one
// trainer in time slices (driver.ts), and posts snapshots, at most one per "ack". DOM-free, so
// the worker (app/_components/training/training.worker.ts) is a thin adapter around it, and a
// test in Node drives the very same code with the same commands to check that a browser's run
// and a server's run give the same curve.
import { architectureOf, readParams, sameShape, withParams } from "./architecture";
import { makeDataSet, type DataSet, type DataSpec } from "./datasets";
import { createPace, NO_GOAL, trainSlice, type RunGoal, type StopReason } from "./driver";
import { createHistory, type History } from "./history";
import { planTraining, TrainingRefusedError, type TrainingInput } from "./options";
import {
  trainingCommandSchema,
  type CheckedCommand,
  type RunOptions,
  type TrainingEvent,
  type TrainingSnapshot,
} from "./protocol";
import type { Trainer } from "./types";
import type { Network } from "../network/schema";
import { parseWith, type Refusal } from "../validation";

/** Training time per slice: the worker then reads its messages (a pause takes effect within it). */
export const SLICE_MS = 12;
/** The trainer evaluates only where the driver asks (the end of each step). */
const EVALUATE_ONLY_AT_STEP_ENDS = 1_000_000;
/** The epochs-per-second figure is measured over this much time. */
const RATE_WINDOW_MS = 1000;

export interface HostEnvironment {
  /** the fast trainer on the worker's own training module (or the reference, in tests) */
  createTrainer(input: TrainingInput): Trainer;
  post(event: TrainingEvent, transfer: Transferable[]): void;
  /** milliseconds (performance.now()) */
  now(): number;
  /** runs `task` soon, after the messages that are already waiting */
  schedule(task: () => void): void;
  /** runs `task` in about `ms` milliseconds (a run with a speed limit waits for its next epochs) */
  later(task: () => void, ms: number): void;
  sliceMs?: number;
}

export interface TrainingHost {
  receive(message: unknown): void;
}

interface Run {
  trainer: Trainer;
  data: DataSet;
  dataSpec: DataSpec;
  options: RunOptions;
  curve: History;
}

/** Epochs per second over the last RATE_WINDOW_MS. */
function createRateMeter() {
  let samples: { at: number; epoch: number }[] = [];
  return {
    reset() {
      samples = [];
    },
    add(at: number, epoch: number) {
      samples.push({ at, epoch });
      while (samples.length > 2 && at - samples[1]!.at >= RATE_WINDOW_MS) samples.shift();
    },
    perSecond(): number | null {
      const first = samples[0];
      const last = samples.at(-1);
      if (!first || !last || last.at - first.at < 50) return null;
      return ((last.epoch - first.epoch) * 1000) / (last.at - first.at);
    },
  };
}

export function createTrainingHost(env: HostEnvironment): TrainingHost {
  const sliceMs = env.sliceMs ?? SLICE_MS;
  const pace = createPace();
  const rate = createRateMeter();
  let current: Run | null = null;
  let runCount = 0;
  let seq = 0;
  let running = false;
  let goal: RunGoal = NO_GOAL;
  /** at most this many epochs per second (null: no limit), counted from `playedAt` */
  let speed: number | null = null;
  let playedAt = 0;
  let trainedSincePlay = 0;
  let stopped: StopReason | null = null;
  let acked = true; // the page is ready for a snapshot
  let dirty = false; // something changed since the last snapshot
  let ticking = false;

  function refuse(command: string, refusal: Refusal): void {
    env.post({ type: "refused", command, refusal }, []);
  }

  function snapshot(run: Run): { event: TrainingSnapshot; transfer: Transferable[] } {
    const { trainer } = run;
    const curve = run.curve.curve();
    return {
      event: {
        type: "snapshot",
        run: runCount,
        seq: ++seq,
        epoch: trainer.epoch(),
        state: trainer.state(),
        running,
        stopped,
        divergedAt: trainer.divergedAt(),
        latest: trainer.latest(),
        curve,
        network: trainer.network(),
        flow: trainer.gradientFlow(),
        options: run.options,
        epochsPerSecond: running ? rate.perSecond() : null,
      },
      transfer: [curve.epochs, curve.trainLoss, curve.testLoss, curve.trainAccuracy, curve.testAccuracy].map(
        (column) => column.buffer,
      ),
    };
  }

  function flush(): void {
    if (!acked || !dirty || !current) return;
    const { event, transfer } = snapshot(current);
    acked = false;
    dirty = false;
    env.post(event, transfer);
  }

  function changed(): void {
    dirty = true;
    flush();
  }

  /** A new run: throws TrainingRefusedError for a run planTraining refuses (nothing changes then). */
  function startRun(network: Network, dataSpec: DataSpec, data: DataSet, options: RunOptions): void {
    const trainer = env.createTrainer({ ...options, network, data, evaluateEvery: EVALUATE_ONLY_AT_STEP_ENDS });
    current = { trainer, data, dataSpec, options, curve: createHistory(trainer.latest()) };
    runCount++;
    running = false;
    stopped = null;
    changed();
  }

  function tick(): void {
    ticking = false;
    if (!running || !current) return;
    let limit = Infinity;
    if (speed !== null) {
      limit = Math.floor((speed * (env.now() - playedAt)) / 1000) - trainedSincePlay;
      if (limit <= 0) {
        ticking = true;
        env.later(tick, Math.max(4, 1000 / speed));
        return;
      }
    }
    const result = trainSlice(current.trainer, goal, sliceMs, env.now, pace, limit);
    trainedSincePlay += result.epochs;
    for (const point of result.points) current.curve.add(point);
    rate.add(env.now(), current.trainer.epoch());
    if (result.stopped) {
      running = false;
      stopped = result.stopped;
    }
    changed();
    kick();
  }

  function kick(): void {
    if (ticking || !running) return;
    ticking = true;
    env.schedule(tick);
  }

  function apply(command: CheckedCommand): void {
    if (command.type === "ack") {
      acked = true;
      flush();
      return;
    }
    if (command.type === "load") {
      const { network, data: dataSpec, options } = command.setup;
      startRun(network, dataSpec, makeDataSet(dataSpec), options);
      return;
    }
    const run = current;
    if (!run) return refuse(command.type, { code: "no_run", message: "no training run is loaded" });
    const { trainer } = run;
    switch (command.type) {
      case "restart": {
        const network = command.network ?? trainer.network();
        const initial = trainer.initialNetwork();
        // the same initial weights with the activations as they are now: a fair comparison
        const start = sameShape(architectureOf(network), architectureOf(initial))
          ? withParams(network, paramsOf(initial))
          : network;
        const dataSpec = command.data ?? run.dataSpec;
        const data = command.data ? makeDataSet(command.data) : run.data;
        return startRun(start, dataSpec, data, command.options ?? run.options);
      }
      case "play":
        running = true;
        goal = command.goal;
        speed = command.speed;
        playedAt = env.now();
        trainedSincePlay = 0;
        stopped = null;
        rate.reset();
        rate.add(env.now(), trainer.epoch());
        changed();
        return kick();
      case "pause":
        running = false;
        return changed();
      case "step": {
        running = false;
        const result = trainer.step(1);
        stopped = result.state === "diverged" ? "diverged" : null;
        if (result.epochs > 0) run.curve.add(trainer.latest());
        return changed();
      }
      case "adjust":
        trainer.adjust(command.changes);
        run.options = { ...run.options, ...command.changes };
        if (stopped === "diverged") stopped = null;
        return changed();
      case "edit": {
        // the run's rules (cross-entropy needs a sigmoid output…) hold for the edited network too
        const plan = planTraining({ ...run.options, network: command.network, data: run.data });
        if (!plan.ok) return refuse(command.type, plan.error);
        trainer.setNetwork(command.network);
        return changed();
      }
    }
  }

  return {
    receive(message: unknown) {
      const parsed = parseWith(trainingCommandSchema, "invalid_command", message);
      if (!parsed.ok) {
        const type = typeof message === "object" && message !== null && "type" in message ? message.type : null;
        return refuse(typeof type === "string" ? type : "unknown", parsed.error);
      }
      try {
        apply(parsed.value);
      } catch (error) {
        if (error instanceof TrainingRefusedError) return refuse(parsed.value.type, error.refusal);
        throw error;
      }
    },
  };
}

function paramsOf(network: Network): Float64Array {
  const params = new Float64Array(architectureOf(network).paramCount);
  readParams(network, params);
  return params;
}
