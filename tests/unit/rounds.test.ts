import { describe, expect, it } from "vitest";
import { hiddenDuringRound, isHidden } from "../../lib/rounds/hiding";
import {
  addRound,
  closenessPoints,
  histogram,
  leaderboard,
  MAX_POINTS,
  scoreAnswers,
  speedBonus,
} from "../../lib/rounds/scoring";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";

describe("closeness points", () => {
  const tolerance = { full: 0.01, zero: 0.5 };
  it("gives full points within the full tolerance, none from zero on, linear in between", () => {
    expect(closenessPoints(0.69, 0.6899744811, tolerance)).toBe(MAX_POINTS);
    expect(closenessPoints(0.7, 0.69, tolerance)).toBe(MAX_POINTS);
    expect(closenessPoints(1.19, 0.69, tolerance)).toBe(0);
    expect(closenessPoints(-5, 0.69, tolerance)).toBe(0);
    expect(closenessPoints(0.69 + 0.255, 0.69, tolerance)).toBe(500);
    const a = closenessPoints(0.8, 0.69, tolerance);
    const b = closenessPoints(0.9, 0.69, tolerance);
    expect(a).toBeGreaterThan(b);
  });
  it("treats answers above and below the truth alike", () => {
    expect(closenessPoints(0.69 + 0.2, 0.69, tolerance)).toBe(closenessPoints(0.69 - 0.2, 0.69, tolerance));
  });
});

describe("speed bonus", () => {
  it("is at most 10% of the points, shrinks with time, and is 0 for a wrong answer", () => {
    expect(speedBonus(1000, 0, 30_000)).toBe(100);
    expect(speedBonus(1000, 15_000, 30_000)).toBe(50);
    expect(speedBonus(1000, 40_000, 30_000)).toBe(0);
    expect(speedBonus(0, 0, 30_000)).toBe(0);
  });
});

describe("standings and leaderboard", () => {
  const opts = { truth: 0.69, speedBonus: false, openedAt: 0, windowEndsAt: 60_000 };
  it("adds points, counts streaks and breaks a streak for a missed or wrong round", () => {
    let standings = addRound({}, scoreAnswers({ ana: { value: 0.69, at: 1 }, bo: { value: 3, at: 1 } }, opts), [
      "ana",
      "bo",
      "cy",
    ]);
    expect(standings.ana).toEqual({ total: 1000, streak: 1, bestStreak: 1, rounds: 1 });
    expect(standings.bo!.streak).toBe(0);
    expect(standings.cy).toEqual({ total: 0, streak: 0, bestStreak: 0, rounds: 0 });
    standings = addRound(standings, scoreAnswers({ ana: { value: 0.7, at: 1 } }, opts), ["ana", "bo", "cy"]);
    expect(standings.ana!.streak).toBe(2);
    standings = addRound(standings, scoreAnswers({ bo: { value: 0.69, at: 1 } }, opts), ["ana", "bo", "cy"]);
    expect(standings.ana!.streak).toBe(0);
    expect(standings.ana!.bestStreak).toBe(2);
  });

  it("gives ties the same rank", () => {
    const s = (total: number) => ({ total, streak: 0, bestStreak: 0, rounds: 1 });
    const rows = leaderboard({ a: s(900), b: s(1200), c: s(900), d: s(100) });
    expect(rows.map((r) => [r.participantId, r.rank])).toEqual([
      ["b", 1],
      ["a", 2],
      ["c", 2],
      ["d", 4],
    ]);
  });
});

describe("histogram", () => {
  it("counts every answer once and spans the truth", () => {
    const values = [0.5, 0.6, 0.69, 0.7, 0.7, 2];
    const h = histogram(values, 0.69, 10);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(h.from).toBeLessThanOrEqual(0.5);
    expect(h.from + h.binWidth * 10).toBeGreaterThanOrEqual(2);
  });
  it("copes with everyone giving the same answer", () => {
    const h = histogram([1, 1, 1], 1);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe("what a round hides", () => {
  const net: Network = {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [
      {
        activation: "relu",
        neurons: [
          { weights: [1, 1], bias: 0 },
          { weights: [1, 1], bias: 0 },
        ],
      },
      {
        activation: "relu",
        neurons: [
          { weights: [1, 1], bias: 0 },
          { weights: [1, 1], bias: 0 },
        ],
      },
      { activation: "sigmoid", neurons: [{ weights: [1, 1], bias: 0 }] },
    ],
  };
  it("hides the asked neuron and everything downstream, not its neighbours", () => {
    const hidden = hiddenDuringRound(net, { layer: 0, index: 1 });
    expect(isHidden(hidden, 0, 1)).toBe(true);
    expect(isHidden(hidden, 0, 0)).toBe(false);
    expect(isHidden(hidden, 1, 0)).toBe(true);
    expect(isHidden(hidden, 1, 1)).toBe(true);
    expect(isHidden(hidden, 2, 0)).toBe(true);
  });
  it("hides only the output when the output is asked", () => {
    const hidden = hiddenDuringRound(net, { layer: 2, index: 0 });
    expect([...hidden.neurons]).toEqual(["2:0"]);
    expect(isHidden(null, 2, 0)).toBe(false);
  });
});
