// The browser's side of the race without a browser: the reporter a phone sends its curve with
// (paced, thinned to a report's size, newest network, everything sent before a submission, a new
// run starting over) and the follower that keeps the teacher's curves (status, then each event).
import { describe, expect, it } from "vitest";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { RaceFollower } from "../../lib/live/race-follower";
import { RACE_LIMITS, type CurvePoint, type RaceView } from "../../lib/race/model";
import { RaceReporter, thinPoints } from "../../lib/race/reporter";
import type { SessionState } from "../../lib/session/rules";

const NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [{ activation: "sigmoid", neurons: [{ weights: [1, 1], bias: 0 }] }],
};

/** Timers on a clock the test moves. */
function fakeTimers() {
  let now = 0;
  let due: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run };
      due.push(timer);
      return timer;
    },
    clearTimeout: (handle: unknown) => {
      due = due.filter((t) => t !== handle);
    },
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = due.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        due = due.filter((t) => t !== next);
        now = next.at;
        next.run();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = until;
    },
  };
}

const curve = (from: number, to: number) => {
  const epochs = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return { epochs, losses: epochs.map((e) => 1 / e) };
};

describe("the reporter", () => {
  it("sends new points at its pace, at most a report's worth each, the newest kept, with the network", async () => {
    const timers = fakeTimers();
    const sent: { points: CurvePoint[]; at: number; network: Network | null }[] = [];
    const reporter = new RaceReporter(async (points, network) => {
      sent.push({ points, at: timers.now(), network });
      return true;
    }, timers);
    const a = curve(1, 30);
    reporter.push(a.epochs, a.losses, NET);
    await timers.advance(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.points).toHaveLength(30);
    expect(sent[0]!.network).toEqual(NET);
    // the same curve again with more epochs: only the new ones, not before the pace allows
    const b = curve(1, 200);
    reporter.push(b.epochs, b.losses, NET);
    await timers.advance(100);
    expect(sent).toHaveLength(1);
    await timers.advance(1000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(2 * RACE_LIMITS.reportIntervalMs);
    expect(sent[1]!.points).toHaveLength(RACE_LIMITS.pointsPerReport);
    expect(sent[1]!.points[0]!.epoch).toBe(31);
    expect(sent[1]!.points.at(-1)!.epoch).toBe(200);
    // finish() sends what is left at once when the pace allows; a new run starts from epoch 1 again
    const c = curve(1, 210);
    reporter.push(c.epochs, c.losses, NET);
    const finished = reporter.finish();
    await timers.advance(2000);
    await finished;
    expect(sent.at(-1)!.points.map((p) => p.epoch)).toEqual([201, 202, 203, 204, 205, 206, 207, 208, 209, 210]);
    reporter.reset();
    reporter.push([1, 2], [0.5, 0.4], NET);
    await timers.advance(2000);
    expect(sent.at(-1)!.points).toEqual([
      { epoch: 1, testLoss: 0.5 },
      { epoch: 2, testLoss: 0.4 },
    ]);
  });

  it("paces from the server's answer: a report held up on the way keeps the next one an interval after it", async () => {
    const timers = fakeTimers();
    const answered: number[] = [];
    const sentAt: number[] = [];
    const reporter = new RaceReporter(async () => {
      sentAt.push(timers.now());
      // the server is busy: it judges (and answers) this report 400 ms after it was sent
      await new Promise<void>((resolve) => timers.setTimeout(resolve, 400));
      answered.push(timers.now());
      return true;
    }, timers);
    const a = curve(1, 20);
    reporter.push(a.epochs, a.losses, NET);
    await timers.advance(0);
    const b = curve(1, 40);
    reporter.push(b.epochs, b.losses, NET);
    const finished = reporter.finish();
    await timers.advance(3000);
    await finished;
    expect(sentAt).toHaveLength(2);
    // the second report reaches the server at least an interval after the server judged the first
    expect(sentAt[1]! - answered[0]!).toBeGreaterThanOrEqual(RACE_LIMITS.reportIntervalMs);
  });

  it("thins evenly with the first and the newest point", () => {
    const points = Array.from({ length: 999 }, (_, i) => ({ epoch: i + 1, testLoss: 0.1 }));
    const thin = thinPoints(points, 50);
    expect(thin).toHaveLength(50);
    expect(thin[0]!.epoch).toBe(1);
    expect(thin.at(-1)!.epoch).toBe(999);
  });
});

describe("the race follower", () => {
  const race = { id: "r1" } as RaceView;
  const state = { race } as SessionState;

  it("asks at a new race and after a reconnect, then grows each curve from the events", () => {
    let changes = 0;
    const follower = new RaceFollower(() => changes++);
    const asked: ((ack: never) => void)[] = [];
    const ask = (done: (ack: never) => void) => void asked.push(done);
    follower.follow(state, true, ask);
    follower.follow(state, true, ask);
    expect(asked).toHaveLength(1);
    const entry = {
      participantId: "ana",
      name: "Ana",
      choices: { activations: ["tanh" as const], learningRate: 0.1 },
      curve: [{ epoch: 1, testLoss: 0.3 }],
      submitted: null,
    };
    asked[0]!({ ok: true, raceId: "r1", entries: [entry] } as never);
    expect(follower.view(state)?.entries).toEqual([entry]);
    const point = { epoch: 2, testLoss: 0.2 };
    const event = {
      raceId: "r1",
      participantId: "ana",
      name: "Ana",
      choices: entry.choices,
      points: [point],
      reset: false,
    };
    follower.onCurve(event);
    expect(follower.view(state)?.entries[0]!.curve).toEqual([entry.curve[0], point]);
    follower.onCurve({ ...event, participantId: "bo", name: "Bo" });
    follower.onCurve({ ...event, reset: true, points: [] });
    expect(follower.view(state)?.entries.map((e) => [e.name, e.curve.length])).toEqual([
      ["Ana", 0],
      ["Bo", 1],
    ]);
    follower.onCurve({ ...event, raceId: "old" }); // another race's: ignored
    expect(changes).toBe(4);
    follower.follow(state, false, ask);
    follower.follow(state, true, ask);
    expect(asked).toHaveLength(2);
    expect(follower.view({ race: { id: "r2" } } as SessionState)).toBeNull();
  });
});
