// The page's training client (app/_components/training/training-client.ts) with a stand-in worker
// and a hand-run animation frame: snapshots are taken in at most once per frame (the newest one
// waiting), the worker is acked only after one is shown, commands go out, and a worker that cannot
// start (a Content-Security-Policy, a missing file) turns into a "failed" view, not a silent wait.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TrainingClient, type WorkerPort } from "../../app/_components/training/training-client";
import { NETWORK_FORMAT } from "../../lib/network/schema";
import {
  runOptionsSchema,
  type TrainingCommand,
  type TrainingEvent,
  type TrainingSnapshot,
} from "../../lib/training/protocol";

let frames: (() => void)[] = [];
beforeEach(() => {
  frames = [];
  vi.stubGlobal("requestAnimationFrame", (callback: () => void) => frames.push(callback));
  vi.stubGlobal("cancelAnimationFrame", () => {});
});
afterEach(() => vi.unstubAllGlobals());

function runFrame() {
  const due = frames;
  frames = [];
  for (const callback of due) callback();
}

class FakeWorker implements WorkerPort {
  sent: TrainingCommand[] = [];
  terminated = false;
  onmessage: WorkerPort["onmessage"] = null;
  onerror: WorkerPort["onerror"] = null;
  postMessage(message: TrainingCommand) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  emit(data: TrainingEvent) {
    this.onmessage?.(new MessageEvent("message", { data }));
  }
}

function snapshot(seq: number, epoch: number): TrainingSnapshot {
  return {
    type: "snapshot",
    run: 1,
    seq,
    epoch,
    state: "ready",
    running: true,
    stopped: null,
    divergedAt: null,
    latest: { epoch, trainLoss: 0.2, testLoss: 0.3, trainAccuracy: 0.5, testAccuracy: 0.5 },
    curve: {
      epochs: new Float64Array([0]),
      trainLoss: new Float64Array([0.2]),
      testLoss: new Float64Array([0.3]),
      trainAccuracy: new Float64Array([0.5]),
      testAccuracy: new Float64Array([0.5]),
      hasTest: true,
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [{ activation: "sigmoid", neurons: [{ weights: [0, 0], bias: 0 }] }],
    },
    flow: [],
    options: runOptionsSchema.parse({}),
    epochsPerSecond: null,
  };
}

describe("the training client", () => {
  it("shows at most one snapshot per frame, the newest, and acks the worker only after showing it", () => {
    const worker = new FakeWorker();
    const client = new TrainingClient(() => worker);
    const shown: number[] = [];
    client.subscribe(() => shown.push(client.getView().snapshot?.epoch ?? -1));
    const handed: number[] = [];
    client.start((s) => handed.push(s.epoch));

    worker.emit({ type: "ready", build: "simd" });
    expect(client.getView().status).toBe("ready");
    worker.emit(snapshot(1, 10));
    worker.emit(snapshot(2, 20)); // before the frame: replaces the first
    expect(shown).toEqual([-1]); // only "ready" so far
    expect(worker.sent).toEqual([]);
    runFrame();
    expect(client.getView().snapshot?.epoch).toBe(20);
    expect(handed).toEqual([20]);
    expect(worker.sent).toEqual([{ type: "ack" }]);
    runFrame(); // nothing waiting: nothing shown, no second ack
    expect(worker.sent).toEqual([{ type: "ack" }]);
    expect(frames).toHaveLength(0);
  });

  it("while it runs, leaves the frame after a snapshot to the page: the next one is shown a frame later", () => {
    const worker = new FakeWorker();
    const client = new TrainingClient(() => worker);
    client.start();
    worker.emit({ type: "ready", build: "simd" });
    worker.emit(snapshot(1, 10));
    runFrame(); // shown, acked
    expect(client.getView().snapshot?.epoch).toBe(10);
    worker.emit(snapshot(2, 20)); // the worker answers the ack at once
    runFrame(); // the heatmaps' frame: nothing shown, nothing acked
    expect(client.getView().snapshot?.epoch).toBe(10);
    expect(worker.sent).toEqual([{ type: "ack" }]);
    runFrame();
    expect(client.getView().snapshot?.epoch).toBe(20);
    expect(worker.sent).toEqual([{ type: "ack" }, { type: "ack" }]);
    // a stopped run's snapshot (paused) is shown in the next frame, and leaves no frame out
    worker.emit({ ...snapshot(3, 25), running: false });
    runFrame(); // rest after the running snapshot 20
    runFrame();
    expect(client.getView().snapshot?.epoch).toBe(25);
    worker.emit({ ...snapshot(4, 25), running: false });
    runFrame();
    expect(client.getView().snapshot?.seq).toBe(4);
    expect(frames).toHaveLength(0);
  });

  it("sends commands while started, and stops the worker (a fresh view) on stop", () => {
    const worker = new FakeWorker();
    const client = new TrainingClient(() => worker);
    client.send({ type: "pause" }); // not started: dropped
    client.start();
    client.send({ type: "play", goal: { stopAfter: null, targetLoss: null }, speed: null });
    worker.emit({ type: "refused", command: "edit", refusal: { code: "x", message: "no" } });
    expect(client.getView().refusal?.message).toBe("no");
    client.send({ type: "pause" }); // a new command: the refusal is over
    expect(client.getView().refusal).toBeNull();
    expect(worker.sent.map((c) => c.type)).toEqual(["play", "pause"]);
    client.stop();
    expect(worker.terminated).toBe(true);
    expect(client.getView().status).toBe("loading");
  });

  it("says the worker failed when it cannot start or its script fails", () => {
    const blocked = new TrainingClient(() => {
      throw new Error("Refused to create a worker: worker-src");
    });
    blocked.start();
    expect(blocked.getView()).toMatchObject({ status: "failed", failure: expect.stringContaining("worker-src") });

    // Node has no ErrorEvent: the browser's, as far as the client reads it
    vi.stubGlobal(
      "ErrorEvent",
      class extends Event {
        message: string;
        constructor(type: string, init: { message?: string } = {}) {
          super(type);
          this.message = init.message ?? "";
        }
      },
    );
    const worker = new FakeWorker();
    const client = new TrainingClient(() => worker);
    client.start();
    worker.onerror?.(new ErrorEvent("error", { message: "" }));
    expect(client.getView()).toMatchObject({ status: "failed", failure: "the training worker did not start" });
  });
});
