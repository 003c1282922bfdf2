// The pending-action queue and the pacer of a live client: coalescing a drag to its newest unsent
// value without reordering anything, replaying pending actions over the server's state (the
// optimistic view), and rollback by dropping a refused action.
import { describe, expect, it } from "vitest";
import type { LabState } from "../../lib/network/ops";
import { NETWORK_FORMAT } from "../../lib/network/schema";
import { MAX_ACTIONS_PER_SECOND, Pacer } from "../../lib/live/pacer";
import {
  dropSent,
  EMPTY_QUEUE,
  enqueue,
  firstUnsent,
  markSent,
  replay,
  settle,
  type PendingQueue,
} from "../../lib/live/pending";
import { newSession, type Action, type SessionState } from "../../lib/session/rules";

const lab: LabState = {
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [{ activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1 }] }],
  },
  inputValues: [1, 1],
};

const weight = (value: number): Action => ({
  type: "edit",
  edit: { type: "setWeight", layer: 0, neuron: 0, from: 0, value },
});
const bias = (value: number): Action => ({ type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value } });

function session(patch: Partial<SessionState> = {}): SessionState {
  return {
    ...newSession("ABCDEF", lab),
    participants: [{ id: "ana", name: "Ana", joinedAt: 1 }],
    mode: "everyone",
    ...patch,
  };
}

const weightOf = (state: SessionState) => state.shared.network.layers[0]!.neurons[0]!.weights[0];

describe("pending queue", () => {
  it("keeps only the newest unsent value of a drag, with the same id", () => {
    let queue: PendingQueue = EMPTY_QUEUE;
    const ids: number[] = [];
    for (const value of [0.1, 0.2, 0.3, 0.4]) {
      const added = enqueue(queue, weight(value), "w");
      queue = added.queue;
      ids.push(added.id);
    }
    expect(queue.entries).toHaveLength(1);
    expect(new Set(ids).size).toBe(1);
    expect(queue.entries[0]!.action).toEqual(weight(0.4));
  });

  it("starts a new entry once the previous one was sent", () => {
    let queue = enqueue(EMPTY_QUEUE, weight(0.1), "w").queue;
    queue = markSent(queue, queue.entries[0]!.id);
    queue = enqueue(queue, weight(0.2), "w").queue;
    queue = enqueue(queue, weight(0.3), "w").queue;
    expect(queue.entries.map((e) => e.action)).toEqual([weight(0.1), weight(0.3)]);
    expect(firstUnsent(queue)?.action).toEqual(weight(0.3));
  });

  it("never reorders: a drag value after another action is a new entry", () => {
    let queue = enqueue(EMPTY_QUEUE, weight(0.1), "w").queue;
    queue = enqueue(queue, bias(2), "b").queue;
    queue = enqueue(queue, weight(0.9), "w").queue;
    expect(queue.entries.map((e) => e.action)).toEqual([weight(0.1), bias(2), weight(0.9)]);
  });

  it("does not coalesce actions without a key", () => {
    let queue = enqueue(EMPTY_QUEUE, weight(0.1)).queue;
    queue = enqueue(queue, weight(0.2)).queue;
    expect(queue.entries).toHaveLength(2);
  });

  it("replays pending actions over the confirmed state, and dropping a refused one rolls it back", () => {
    const confirmed = session();
    const added = enqueue(EMPTY_QUEUE, weight(3));
    const shown = replay(confirmed, added.queue.entries, { role: "student", id: "ana" });
    expect(weightOf(shown)).toBe(3);
    expect(weightOf(confirmed)).toBe(0.5); // never mutated

    const refused = settle(markSent(added.queue, added.id), added.id);
    expect(refused.entries).toEqual([]);
    expect(weightOf(replay(confirmed, refused.entries, { role: "student", id: "ana" }))).toBe(0.5);
  });

  it("skips a pending action the rules refuse now (the teacher took over meanwhile)", () => {
    const queue = enqueue(enqueue(EMPTY_QUEUE, weight(3)).queue, { type: "resetSandbox" }).queue;
    const driving = session({ mode: "teacher" });
    expect(weightOf(replay(driving, queue.entries, { role: "student", id: "ana" }))).toBe(0.5);
  });

  it("dropSent keeps only what was never sent (after a re-join)", () => {
    let queue = enqueue(EMPTY_QUEUE, weight(1)).queue;
    queue = markSent(queue, queue.entries[0]!.id);
    queue = enqueue(queue, bias(1)).queue;
    expect(dropSent(queue).entries.map((e) => e.action)).toEqual([bias(1)]);
  });

  it("settling an unknown id changes nothing", () => {
    const queue = enqueue(EMPTY_QUEUE, weight(1)).queue;
    expect(settle(queue, 999)).toBe(queue);
  });
});

describe("pacer", () => {
  it("allows one send per interval: at most 30 a second", () => {
    const pacer = new Pacer();
    expect(1000 / pacer.intervalMs).toBeLessThanOrEqual(MAX_ACTIONS_PER_SECOND);
    expect(pacer.delay(0)).toBe(0);
    pacer.take(0);
    expect(pacer.delay(10)).toBe(pacer.intervalMs - 10);
    expect(pacer.delay(pacer.intervalMs)).toBe(0);
  });
});
