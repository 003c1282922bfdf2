// The fan-out's frames (server/live/coalesce.ts): consecutive `applied` to everyone go out
// together, at most one message per frame, the first after a quiet spell at once; any other event
// sends the waiting run first; `sent()` tells when the run has gone out (acks wait for it).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppliedEvent } from "../../lib/session/protocol";
import { coalesceApplied, FanOutPacing } from "../../server/live/coalesce";
import { RecordingTransport } from "../helpers/live";

const everyone = { to: "everyone" } as const;
const applied = (version: number): AppliedEvent => ({
  version,
  action: { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: version } },
  by: { role: "teacher" },
});
const versions = (inner: RecordingTransport) =>
  inner.sent.map((s) =>
    s.event === "applied"
      ? (s.payload as AppliedEvent).version
      : s.event === "appliedBatch"
        ? (s.payload as { events: AppliedEvent[] }).events.map((e) => e.version)
        : s.event,
  );

let clock = 0;
beforeEach(() => {
  vi.useFakeTimers();
  clock = 1000;
});
afterEach(() => {
  vi.useRealTimers();
});

/** advances the fake clock and the timers together */
async function wait(ms: number): Promise<void> {
  clock += ms;
  await vi.advanceTimersByTimeAsync(ms);
}

describe("a fan-out frame of 50 ms", () => {
  it("sends the first `applied` at once and the ones within the frame together at its end", async () => {
    const inner = new RecordingTransport();
    const paced = coalesceApplied(inner, { frameMs: 50, now: () => clock });
    paced.send(everyone, "applied", applied(1));
    await Promise.resolve();
    expect(versions(inner)).toEqual([1]);
    await wait(20);
    paced.send(everyone, "applied", applied(2));
    await wait(10);
    paced.send(everyone, "applied", applied(3));
    await wait(10);
    expect(versions(inner)).toEqual([1]); // 40 ms after the first message: still waiting
    await wait(10);
    expect(versions(inner)).toEqual([1, [2, 3]]);
    // a quiet spell: the next one goes at once again
    await wait(200);
    paced.send(everyone, "applied", applied(4));
    await Promise.resolve();
    expect(versions(inner)).toEqual([1, [2, 3], 4]);
  });

  it("any other event sends the waiting run first: every socket sees the Room's order", async () => {
    const inner = new RecordingTransport();
    const paced = coalesceApplied(inner, { frameMs: 50, now: () => clock });
    paced.send(everyone, "applied", applied(1));
    await Promise.resolve();
    paced.send(everyone, "applied", applied(2));
    paced.send(everyone, "applied", applied(3));
    paced.send({ to: "participant", id: "ana" }, "roundResult", { roundId: "r" } as never);
    paced.send(everyone, "applied", applied(4));
    expect(versions(inner)).toEqual([1, [2, 3], "roundResult"]);
    await wait(50);
    expect(versions(inner)).toEqual([1, [2, 3], "roundResult", 4]);
    // `applied` to one audience only is not held back either
    paced.send({ to: "teachers" }, "applied", applied(5));
    expect(versions(inner)).toEqual([1, [2, 3], "roundResult", 4, 5]);
  });

  it("sent() resolves once the waiting run has gone out, at once when nothing waits", async () => {
    const inner = new RecordingTransport();
    const paced = coalesceApplied(inner, { frameMs: 50, now: () => clock });
    let done = false;
    await paced.sent();
    paced.send(everyone, "applied", applied(1));
    await paced.sent(); // the first: sent in a microtask
    expect(versions(inner)).toEqual([1]);
    paced.send(everyone, "applied", applied(2));
    void paced.sent().then(() => (done = true));
    await wait(30);
    expect(done).toBe(false);
    await wait(20);
    expect(done).toBe(true);
    expect(versions(inner)).toEqual([1, 2]);
  });

  it("FanOutPacing keeps only the sessions with a run waiting", async () => {
    const pacing = new FanOutPacing(50);
    const inner = new RecordingTransport();
    const a = pacing.wrap("AAAAAA", inner);
    pacing.wrap("BBBBBB", inner);
    expect(pacing.sent("AAAAAA")).toBeNull();
    a.send(everyone, "applied", applied(1));
    const waiting = pacing.sent("AAAAAA");
    expect(waiting).not.toBeNull();
    expect(pacing.sent("BBBBBB")).toBeNull();
    await waiting;
    expect(pacing.sent("AAAAAA")).toBeNull();
  });
});

describe("no frame (0 ms)", () => {
  it("sends what one synchronous stretch gave as one message, in a microtask", async () => {
    const inner = new RecordingTransport();
    const paced = coalesceApplied(inner);
    paced.send(everyone, "applied", applied(1));
    paced.send(everyone, "applied", applied(2));
    await Promise.resolve();
    paced.send(everyone, "applied", applied(3));
    await Promise.resolve();
    expect(versions(inner)).toEqual([[1, 2], 3]);
  });
});
