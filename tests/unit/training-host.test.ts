// The training worker's logic (lib/training/host.ts) and its loop (driver.ts), driven in Node the
// way the worker drives them: commands in, snapshots out, at most one snapshot per ack; the
// curve records the same epochs (and the same bits) however the time slices fall; stops after N
// epochs, at a target loss, and at divergence; refusals change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import type { TrainingKernel } from "../../lib/kernel/training-kernel";
import type { Network } from "../../lib/network/schema";
import { curveStride, nextRecordedEpoch, trainSlice, createPace } from "../../lib/training/driver";
import { createTrainingHost, type HostEnvironment } from "../../lib/training/host";
import { initialiseNetwork, networkOfShape } from "../../lib/training/init";
import { createTrainer } from "../../lib/training/kernel-trainer";
import { makeDataSet } from "../../lib/training/datasets";
import type { RunSetupInput, TrainingEvent, TrainingSnapshot } from "../../lib/training/protocol";
import { createReferenceTrainer } from "../../lib/training/reference";
import { loadTestTrainingKernel } from "../helpers/kernel";

let kernel: TrainingKernel;
beforeAll(async () => {
  kernel = await loadTestTrainingKernel("simd");
});

const network: Network = initialiseNetwork(
  networkOfShape(
    ["x1", "x2"],
    [
      { size: 4, activation: "tanh" },
      { size: 1, activation: "sigmoid" },
    ],
  ),
  1,
);
const setup: RunSetupInput = {
  network,
  data: { kind: "xor", points: 200, seed: 1 },
  options: { learningRate: 0.3, batchSize: 10, seed: 1 },
};

/** The network as the fast trainer holds it: float32 weights. */
function inFloat32(net: Network): Network {
  return {
    ...net,
    layers: net.layers.map((layer) => ({
      ...layer,
      neurons: layer.neurons.map((n) => ({ ...n, weights: n.weights.map(Math.fround), bias: Math.fround(n.bias) })),
    })),
  };
}

/**
 * A host with a fake clock that advances `msPerStep` per trainer call (so slices end after a
 * few steps) and a task queue run by hand; every event it posts is kept.
 */
function harness(msPerEpoch = 0.05, sliceMs = 2) {
  let time = 0;
  const tasks: (() => void)[] = [];
  const events: TrainingEvent[] = [];
  const env: HostEnvironment = {
    createTrainer(input) {
      const trainer = createTrainer(kernel, input);
      const step = trainer.step.bind(trainer);
      trainer.step = (epochs, stop) => {
        const result = step(epochs, stop);
        time += msPerEpoch * Math.max(1, result.epochs);
        return result;
      };
      return trainer;
    },
    post: (event) => events.push(event),
    now: () => time,
    schedule: (task) => tasks.push(task),
    later: (task, ms) => {
      time += ms;
      tasks.push(task);
    },
    sliceMs,
  };
  const host = createTrainingHost(env);
  const snapshots = () => events.filter((e): e is TrainingSnapshot => e.type === "snapshot");
  return {
    host,
    events,
    now: () => time,
    snapshots,
    last: () => snapshots().at(-1)!,
    /** runs one queued slice; false when there was none */
    runTask(): boolean {
      const task = tasks.shift();
      task?.();
      return task !== undefined;
    },
    /** a command from a page that paints (and acks) every snapshot at once */
    send(command: unknown) {
      host.receive(command);
      host.receive({ type: "ack" });
    },
    /** runs queued slices, acking every snapshot as a page would after painting it */
    runUntilIdle(limit = 100_000) {
      for (let i = 0; i < limit && tasks.length > 0; i++) {
        tasks.shift()!();
        host.receive({ type: "ack" });
      }
    },
  };
}

describe("the curve's recorded epochs (driver.ts)", () => {
  it("every epoch up to 512, then every 2nd, 4th … never more than 1 024 apart", () => {
    expect(curveStride(0)).toBe(1);
    expect(curveStride(511)).toBe(1);
    expect(curveStride(512)).toBe(2);
    expect(curveStride(1024)).toBe(4);
    expect(curveStride(10_000_000)).toBe(1024);
    expect(nextRecordedEpoch(513)).toBe(514);
    expect(nextRecordedEpoch(1030)).toBe(1032);
    expect(nextRecordedEpoch(1030, { stopAfter: 1031, targetLoss: null })).toBe(1031);
  });

  it("depend on the epoch only: slices of any length record the same points, bit for bit", () => {
    const curves = [0.001, 0.05, 3].map((msPerEpoch) => {
      const trainer = createTrainer(kernel, {
        network,
        data: makeDataSet(setup.data),
        learningRate: 0.3,
        evaluateEvery: 1_000_000,
      });
      let time = 0;
      const points = [];
      while (trainer.epoch() < 1200) {
        const clock = () => (time += msPerEpoch);
        points.push(...trainSlice(trainer, { stopAfter: 1200, targetLoss: null }, 4, clock, createPace()).points);
      }
      return points;
    });
    expect(curves[0]!.map((p) => p.epoch)).toEqual([
      ...Array.from({ length: 512 }, (_, i) => i + 1),
      ...Array.from({ length: 256 }, (_, i) => 514 + 2 * i),
      ...Array.from({ length: 44 }, (_, i) => 1028 + 4 * i),
    ]);
    expect(curves[1]).toEqual(curves[0]);
    expect(curves[2]).toEqual(curves[0]);
  });
});

describe("the training host", () => {
  it("loads a run and answers with a snapshot at epoch 0; trains on play; pauses", () => {
    const h = harness();
    h.send({ type: "load", setup });
    expect(h.last()).toMatchObject({ run: 1, epoch: 0, running: false, state: "ready" });
    h.send({ type: "play", goal: { stopAfter: 300, targetLoss: null } });
    h.runUntilIdle();
    const done = h.last();
    expect(done).toMatchObject({ epoch: 300, running: false, stopped: "epochs" });
    // the same curve as the reference trainer (within the fast trainer's tolerance)
    const reference = createReferenceTrainer({
      ...setup.options,
      network,
      data: makeDataSet(setup.data),
    });
    reference.step(300);
    expect(Math.abs(done.latest.trainLoss - reference.latest().trainLoss)).toBeLessThan(1e-5);
    expect(done.latest.trainLoss).toBeLessThan(0.05); // it learned XOR
    expect([...done.curve.epochs]).toEqual(Array.from({ length: 301 }, (_, i) => i));
    expect(done.network.layers[0]!.activation).toBe("tanh");
  });

  it("sends at most one snapshot per ack, however much it trains", () => {
    const h = harness();
    h.host.receive({ type: "load", setup });
    h.host.receive({ type: "play", goal: { stopAfter: 200, targetLoss: null } });
    // a page that never acks: the load's snapshot is the only one, while many slices train
    let slices = 0;
    while (slices < 50 && h.runTask()) slices++;
    expect(slices).toBeGreaterThan(3);
    expect(h.snapshots()).toHaveLength(1);
    // the ack brings the latest state at once, and only one snapshot
    h.host.receive({ type: "ack" });
    expect(h.snapshots()).toHaveLength(2);
    expect(h.last().epoch).toBeGreaterThan(0);
  });

  it("stops at the target loss, on a recorded epoch, and play goes on from there", () => {
    const h = harness();
    h.send({ type: "load", setup });
    h.send({ type: "play", goal: { stopAfter: null, targetLoss: 0.1 } });
    h.runUntilIdle();
    const stopped = h.last();
    expect(stopped).toMatchObject({ running: false, stopped: "target", state: "target_reached" });
    expect(stopped.latest.testLoss!).toBeLessThanOrEqual(0.1);
    expect(stopped.curve.epochs.at(-1)).toBe(stopped.epoch);
    h.send({ type: "play", goal: { stopAfter: stopped.epoch + 10, targetLoss: null } });
    h.runUntilIdle();
    expect(h.last()).toMatchObject({ epoch: stopped.epoch + 10, stopped: "epochs" });
  });

  it("diverges to a clear state with the last good weights; adjust goes on, restart rewinds", () => {
    const h = harness();
    // an all-linear network with a large learning rate: its weights run away
    const linear = structuredClone(network);
    for (const layer of linear.layers) layer.activation = "linear";
    h.send({ type: "load", setup: { ...setup, network: linear, options: { learningRate: 1, batchSize: 1 } } });
    h.send({ type: "play", goal: { stopAfter: 1000, targetLoss: null } });
    h.runUntilIdle();
    const diverged = h.last();
    expect(diverged).toMatchObject({ running: false, stopped: "diverged", state: "diverged" });
    expect(diverged.divergedAt).toBe(diverged.epoch + 1);
    expect(Number.isFinite(diverged.latest.trainLoss)).toBe(true);
    for (const w of diverged.network.layers.flatMap((l) => l.neurons.flatMap((n) => [...n.weights, n.bias]))) {
      expect(Math.abs(w)).toBeLessThanOrEqual(100);
    }
    h.send({ type: "adjust", changes: { learningRate: 0.001 } });
    expect(h.last()).toMatchObject({ state: "ready", stopped: null, options: { learningRate: 0.001 } });
    h.send({ type: "step" });
    expect(h.last()).toMatchObject({ epoch: diverged.epoch + 1, state: "ready" });

    // restart: the same initial weights, epoch 0, a new run number
    h.send({ type: "restart" });
    expect(h.last()).toMatchObject({ run: 2, epoch: 0, options: { learningRate: 0.001 } });
    expect(h.last().network).toEqual(inFloat32(linear));
  });

  it("restart with other activations starts from the same initial weights (a fair comparison)", () => {
    const h = harness();
    h.send({ type: "load", setup });
    h.send({ type: "play", goal: { stopAfter: 50, targetLoss: null } });
    h.runUntilIdle();
    const trained = h.last().network;
    const linear = {
      ...trained,
      layers: trained.layers.map((l, i) => (i === 0 ? { ...l, activation: "linear" as const } : l)),
    };
    h.send({ type: "restart", network: linear });
    const restarted = h.last();
    expect(restarted).toMatchObject({ run: 2, epoch: 0 });
    expect(restarted.network.layers[0]!.activation).toBe("linear");
    expect(restarted.network.layers.map((l) => l.neurons)).toEqual(inFloat32(network).layers.map((l) => l.neurons));
  });

  it("an edit while paused trains on from the edited weights; a refused edit changes nothing", () => {
    const h = harness();
    h.send({ type: "load", setup: { ...setup, options: { loss: "cross_entropy", learningRate: 0.3 } } });
    h.send({ type: "step" });
    const edited = structuredClone(h.last().network);
    edited.layers[0]!.neurons[0]!.weights[0] = 2;
    h.send({ type: "edit", network: edited });
    expect(h.last().network).toEqual(edited);
    expect(h.last().epoch).toBe(1);

    const tanhOutput = structuredClone(edited);
    tanhOutput.layers[1]!.activation = "tanh";
    const before = h.events.length;
    h.host.receive({ type: "edit", network: tanhOutput });
    expect(h.events.slice(before)).toEqual([
      {
        type: "refused",
        command: "edit",
        refusal: expect.objectContaining({ path: "loss", message: expect.stringContaining("sigmoid output") }),
      },
    ]);
    h.send({ type: "step" });
    expect(h.last().network.layers[1]!.activation).toBe("sigmoid");
  });

  it("refuses a malformed command by name, and a command before any run", () => {
    const h = harness();
    h.host.receive({ type: "play" });
    h.host.receive({ type: "teleport" });
    h.host.receive({ type: "pause" });
    h.host.receive({ type: "load", setup: { ...setup, data: { kind: "xor", points: 5 } } });
    expect(h.events.map((e) => (e.type === "refused" ? [e.command, e.refusal.code, e.refusal.path] : e.type))).toEqual([
      ["play", "invalid_command", "goal"],
      ["teleport", "invalid_command", "type"],
      ["pause", "no_run", undefined],
      ["load", "invalid_command", "setup.data.points"],
    ]);
  });

  it("keeps to a speed limit (epochs per second), and records the same curve as at full speed", () => {
    const full = harness();
    full.send({ type: "load", setup });
    full.send({ type: "play", goal: { stopAfter: 120, targetLoss: null } });
    full.runUntilIdle();
    const slow = harness();
    slow.send({ type: "load", setup });
    slow.send({ type: "play", goal: { stopAfter: 120, targetLoss: null }, speed: 60 });
    slow.runUntilIdle();
    expect(slow.last().epoch).toBe(120);
    expect(slow.now()).toBeGreaterThanOrEqual(1900); // 120 epochs at 60 a second: about 2 s
    expect(full.now()).toBeLessThan(100);
    expect(slow.last().curve).toEqual(full.last().curve);
    expect(slow.snapshots().length).toBeGreaterThan(full.snapshots().length);
  });

  it("measures epochs per second while running, and none when paused", () => {
    const h = harness(0.1, 20);
    h.send({ type: "load", setup });
    h.send({ type: "play", goal: { stopAfter: 50_000, targetLoss: null } });
    h.runUntilIdle(30);
    const running = h.last();
    expect(running.running).toBe(true);
    // the fake clock: 0.1 ms per epoch (and per step call) → at most 10 000 epochs/s
    expect(running.epochsPerSecond).toBeGreaterThan(5000);
    expect(running.epochsPerSecond).toBeLessThanOrEqual(10_000);
    h.send({ type: "pause" });
    h.runUntilIdle();
    expect(h.last()).toMatchObject({ running: false, epochsPerSecond: null });
  });
});
