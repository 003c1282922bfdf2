// Prediction rounds, pure parts: scoring of every kind, the classroom histogram, what members
// receive of a round before and after its reveal (for each kind of question), what the screens
// hide, reading a typed answer, and the session rules around rounds.
import { describe, expect, it } from "vitest";
import type { Round } from "../../lib/exercise/schema";
import { referenceForwardRow } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import {
  answerRefusal,
  leaderboardView,
  neuronWorking,
  phaseOf,
  revealOf,
  roundView,
  scoreRecord,
  truthOf,
  type RoundRecord,
  type StoredAnswer,
} from "../../lib/rounds/engine";
import { hiddenForRound, hidesOutput, isHidden } from "../../lib/rounds/hiding";
import {
  checkAnswer,
  checkRound,
  emptyRoundsView,
  parseAnswerText,
  type RoundQuestion,
  type RoundsView,
} from "../../lib/rounds/model";
import {
  DEFAULT_TOLERANCE,
  isRight,
  median,
  roundHistogram,
  fullPointBins,
  histogramBin,
  closenessPoints,
  roundPoints,
  scoreRound,
  standingsAfter,
} from "../../lib/rounds/scoring";
import { foldApplied } from "../../lib/session/protocol";
import { applyRoundState, newSession, parseAndApplyAction, permission, visibleLab } from "../../lib/session/rules";

// h1 relu, h2 step, o1 sigmoid; at (1.3, 0.6): h1 z = 0.47 a = 0.47; h2 z = 1.439 → fires
const NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "relu",
      neurons: [
        { weights: [0.5, -0.3], bias: 0 },
        { weights: [1.37, -0.82], bias: 0.15, activation: "step" },
      ],
    },
    { activation: "sigmoid", neurons: [{ weights: [0.9, -1.1], bias: 0.05 }] },
  ],
};
const INPUTS = [1.3, 0.6];
const ROW = referenceForwardRow(NET, INPUTS);

function record(round: Round, extra: Partial<RoundRecord> = {}): RoundRecord {
  const question: RoundQuestion = { ...round, tolerance: round.tolerance ?? DEFAULT_TOLERANCE, speedBonus: false };
  const working = neuronWorking(NET, round.inputs, ROW, round.neuron);
  return {
    id: "r1",
    number: 1,
    question,
    scriptIndex: null,
    network: NET,
    working,
    truth: truthOf(question, working),
    openedAt: 1000,
    closesAt: null,
    closedAt: null,
    revealedAt: null,
    clearedAt: null,
    ...extra,
  };
}

const KINDS: Round[] = [
  { kind: "output", neuron: { layer: 1, index: 0 }, inputs: INPUTS },
  { kind: "z", neuron: { layer: 0, index: 0 }, inputs: INPUTS },
  { kind: "fires", neuron: { layer: 0, index: 1 }, inputs: INPUTS },
  {
    kind: "choice",
    neuron: { layer: 0, index: 0 },
    inputs: INPUTS,
    prompt: { en: "What does h1 pass on?", "zh-CN": "h1 传给下一层的是什么？" },
    choices: [{ en: "z" }, { en: "its output a" }, { en: "its bias" }],
    answer: 1,
  },
];

const answers = (entries: [string, number][]): Map<string, StoredAnswer> =>
  new Map(entries.map(([id, value], i) => [id, { value, at: 2000 + i, name: id }]));

describe("the truth", () => {
  it("is a, z, 0/1 or the choice's index, computed from the network at the round's inputs", () => {
    const [output, z, fires, choice] = KINDS.map((k) => record(k));
    expect(output!.truth).toBeCloseTo(1 / (1 + Math.exp(-(0.9 * 0.47 - 1.1 * 1 + 0.05))), 12);
    expect(output!.working.inputs[0]).toBeCloseTo(0.47, 12); // what flows into o1: h1's and h2's outputs
    expect(output!.working.inputs[1]).toBe(1);
    expect(z!.truth).toBeCloseTo(0.47, 12);
    expect(fires!.truth).toBe(1);
    expect(fires!.working.activation).toBe("step");
    expect(choice!.truth).toBe(1);
  });
});

describe("what members receive of a round (the redaction)", () => {
  for (const kind of KINDS) {
    it(`${kind.kind}: before the reveal, no truth, no z or a, no answer index, no one's answer`, () => {
      const rec = record(kind);
      const given = answers([
        ["ana", 0.123456],
        ["bo", 0.654321],
      ]);
      for (const phase of ["open", "closed"] as const) {
        const r = phase === "closed" ? { ...rec, closedAt: 5000 } : rec;
        const view = roundView(r, given);
        expect(view.phase).toBe(phase);
        const text = JSON.stringify(view);
        expect(view.reveal).toBeUndefined();
        expect(text).not.toContain('"truth"');
        expect(text).not.toContain('"answer"');
        expect(text).not.toContain('"working"');
        for (const secret of [rec.working.z, rec.working.a]) {
          if (secret === 0 || secret === 1) continue; // a step's 0/1 reads like any count
          expect(text).not.toContain(String(secret).slice(0, 6));
        }
        expect(text).not.toContain("0.1234");
        expect(text).not.toContain("0.6543");
        // the question itself is all there
        expect(view).toMatchObject({ kind: kind.kind, neuron: kind.neuron, inputs: kind.inputs });
        if (kind.choices) expect(view.choices).toEqual(kind.choices);
        if (kind.prompt) expect(view.prompt).toEqual(kind.prompt);
      }
    });
  }

  it("after the reveal: the truth, the arithmetic, the spread, but still nobody's own answer by name", () => {
    const rec = record(KINDS[0]!, { closedAt: 5000, revealedAt: 5000 });
    const view = roundView(
      rec,
      answers([
        ["ana", 0.3],
        ["bo", 0.35],
        ["cy", 690],
      ]),
    );
    expect(view.phase).toBe("revealed");
    expect(view.reveal!.truth).toBe(rec.truth);
    expect(view.reveal!.working).toEqual(rec.working);
    expect(view.reveal!.answered).toBe(3);
    const h = view.reveal!.histogram!;
    expect(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above).toBe(3);
    expect(h.above).toBe(1); // the typo is counted, not squashing the bins
    expect(JSON.stringify(view)).not.toContain("ana");
  });

  it("counts per option for fires and choice rounds", () => {
    const fires = revealOf(
      record(KINDS[2]!),
      answers([
        ["a", 1],
        ["b", 0],
        ["c", 1],
      ]),
    );
    expect(fires).toMatchObject({ truth: 1, counts: [1, 2], right: 2, histogram: null, median: null });
    const choice = revealOf(
      record(KINDS[3]!),
      answers([
        ["a", 1],
        ["b", 2],
      ]),
    );
    expect(choice).toMatchObject({ truth: 1, counts: [0, 1, 1], right: 1 });
  });

  it("anonymous leaderboards carry no ids or names; a hidden one carries no rows", () => {
    const standings = { ana: { total: 900, streak: 1, bestStreak: 1, rounds: 1 } };
    const names = new Map([["ana", "Ana"]]);
    const anonymous = leaderboardView(standings, names, { shown: true, anonymous: true });
    expect(anonymous.top).toEqual([{ rank: 1, participantId: null, name: null, total: 900, streak: 1 }]);
    expect(leaderboardView(standings, names, { shown: false, anonymous: false })).toMatchObject({
      top: [],
      players: 1,
    });
  });
});

describe("answers", () => {
  it("are taken while open and before the time limit, refused after", () => {
    const rec = record(KINDS[0]!, { closesAt: 10_000 });
    expect(answerRefusal(rec, "r1", 9_999)).toBeNull();
    expect(answerRefusal(rec, "r1", 10_001)?.code).toBe("round_closed");
    expect(answerRefusal({ ...rec, closedAt: 5000 }, "r1", 6000)?.code).toBe("round_closed");
    expect(answerRefusal(rec, "other", 6000)?.code).toBe("no_such_round");
    expect(answerRefusal(null, "r1", 6000)?.code).toBe("no_such_round");
    expect(phaseOf({ ...rec, closedAt: 1, revealedAt: 2 })).toBe("revealed");
  });

  it("must fit the kind: 0/1 for fires, a choice's index, a finite number", () => {
    expect(checkAnswer({ kind: "fires" }, 1)).toBeNull();
    expect(checkAnswer({ kind: "fires" }, 0.5)?.code).toBe("invalid_answer");
    expect(checkAnswer({ kind: "choice", choices: [{ en: "a" }, { en: "b" }] }, 1)).toBeNull();
    expect(checkAnswer({ kind: "choice", choices: [{ en: "a" }, { en: "b" }] }, 2)?.code).toBe("invalid_answer");
    expect(checkAnswer({ kind: "output" }, Number.NaN)?.code).toBe("invalid_answer");
    expect(checkAnswer({ kind: "z" }, -1e7)?.code).toBe("invalid_answer");
  });

  it("are read as phones type them: decimal commas, the real minus sign, full-width digits", () => {
    expect(parseAnswerText("0,69")).toEqual({ ok: true, value: 0.69 });
    expect(parseAnswerText("−0.5")).toEqual({ ok: true, value: -0.5 });
    expect(parseAnswerText(" .5 ")).toEqual({ ok: true, value: 0.5 });
    expect(parseAnswerText("０．６９")).toEqual({ ok: true, value: 0.69 });
    expect(parseAnswerText("abc").ok).toBe(false);
    expect(parseAnswerText("").ok).toBe(false);
  });

  it("a round must fit the network", () => {
    expect(checkRound(NET, KINDS[0]!)).toBeNull();
    expect(checkRound(NET, { ...KINDS[0]!, neuron: { layer: 3, index: 0 } })?.path).toBe("neuron");
    expect(checkRound(NET, { ...KINDS[0]!, inputs: [1] })?.path).toBe("inputs");
    expect(checkRound(NET, { ...KINDS[2]!, neuron: { layer: 0, index: 0 } })?.path).toBe("kind");
    expect(checkRound(NET, { ...KINDS[3]!, answer: 7 })?.path).toBe("answer");
  });
});

describe("scoring every kind", () => {
  it("fires and choice: all or nothing, whatever the tolerance", () => {
    expect(roundPoints("fires", 1, 1)).toBe(1000);
    expect(roundPoints("fires", 0, 1, { full: 5, zero: 10 })).toBe(0);
    expect(roundPoints("choice", 2, 2)).toBe(1000);
    expect(roundPoints("choice", 1, 2)).toBe(0);
    expect(isRight("output", 0.695, 0.69)).toBe(true);
    expect(isRight("output", 0.75, 0.69)).toBe(false);
  });

  it("the speed bonus goes to right answers, sooner more", () => {
    const scored = scoreRound(
      { fast: { value: 1, at: 0 }, slow: { value: 1, at: 30_000 }, wrong: { value: 0, at: 0 } },
      { kind: "fires", truth: 1, speedBonus: true, openedAt: 0, windowEndsAt: 60_000 },
    );
    const by = Object.fromEntries(scored.map((s) => [s.participantId, s.points + s.bonus]));
    expect(by).toEqual({ fast: 1100, slow: 1050, wrong: 0 });
  });

  it("scores a record by its own tolerance and time window", () => {
    const rec = record({ ...KINDS[1]!, tolerance: { full: 0.1, zero: 1 } }, { closesAt: 11_000 });
    rec.question.speedBonus = true;
    const scored = scoreRecord(rec, new Map([["ana", { value: 0.55, at: 6000, name: "Ana" }]]));
    expect(scored[0]).toMatchObject({ points: 1000, bonus: 50 });
  });

  it("median, and standings rebuilt round by round", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    const standings = standingsAfter([
      { scored: [{ participantId: "a", value: 1, error: 0, points: 1000, bonus: 0 }], participants: ["a", "b"] },
      { scored: [{ participantId: "b", value: 1, error: 0, points: 800, bonus: 20 }], participants: ["a", "b"] },
    ]);
    expect(standings).toEqual({
      a: { total: 1000, streak: 0, bestStreak: 1, rounds: 1 },
      b: { total: 820, streak: 1, bestStreak: 1, rounds: 1 },
    });
  });

  it("the histogram spans the truth and the middle of the answers; far-off answers are counted aside", () => {
    const h = roundHistogram([0.6, 0.65, 0.7, 0.7, 0.72, -40, 690], 0.69, { full: 0.01, zero: 0.5 });
    expect(h.below).toBe(1);
    expect(h.above).toBe(1);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(h.from).toBeLessThanOrEqual(0.19);
    expect(h.from + h.binWidth * h.counts.length).toBeGreaterThanOrEqual(1.19);
    const empty = roundHistogram([], 0.5);
    expect(empty.counts.every((c) => c === 0)).toBe(true);
  });

  it("highlights every bar that holds a full-points answer, even with the truth on a bar's edge", () => {
    // no answer beyond the zero-points span: the truth sits exactly on the edge between bars 6 and 7
    for (const truth of [0.69, -0.05, 0.1 + 0.2, 1 / 3, 0]) {
      const tolerance = { full: 0.01, zero: 0.5 };
      const answers = [truth, truth, truth + 0.009, truth - 0.009, truth + 0.4];
      const h = roundHistogram(answers, truth, tolerance);
      const right = fullPointBins(h, truth, tolerance.full);
      for (const value of answers) {
        const bin = histogramBin(h, value)!;
        const full = closenessPoints(value, truth, tolerance) === 1000;
        if (full) expect(right[bin], `truth ${truth}, answer ${value} in bar ${bin}`).toBe(true);
      }
      // only the bars next to the truth: ±0.01 does not reach a third bar 0.083 wide
      expect(right.filter(Boolean).length).toBeLessThanOrEqual(2);
      expect(right[histogramBin(h, truth + 0.4)!]).toBe(false);
    }
    // the truth just above an edge: a full-points answer just below it is in the bar beneath
    const bars = { from: 0, binWidth: 0.1, counts: new Array<number>(12).fill(0), below: 0, above: 0 };
    const marked = fullPointBins(bars, 0.303, 0.01);
    expect(histogramBin(bars, 0.296)).toBe(2);
    expect(marked.flatMap((on, i) => (on ? [i] : []))).toEqual([2, 3]);
    // exact kinds of tolerance (full = 0): the truth's own bar only
    const h = roundHistogram([2, 2, 1], 2, { full: 0, zero: 1 });
    expect(fullPointBins(h, 2, 0).filter(Boolean)).toHaveLength(1);
    expect(fullPointBins(h, 2, 0)[histogramBin(h, 2)!]).toBe(true);
  });
});

describe("what the screens hide", () => {
  for (const kind of KINDS) {
    it(`${kind.kind}: the asked neuron and everything downstream until the reveal`, () => {
      for (const phase of ["open", "closed"] as const) {
        const hidden = hiddenForRound(NET, { neuron: kind.neuron, phase });
        expect(isHidden(hidden, kind.neuron.layer, kind.neuron.index)).toBe(true);
        expect(isHidden(hidden, 1, 0)).toBe(true); // the output is downstream of everything
        expect(hidesOutput(NET, hidden)).toBe(true);
        if (kind.neuron.layer === 0) expect(isHidden(hidden, 0, 1 - kind.neuron.index)).toBe(false);
      }
      expect(hiddenForRound(NET, { neuron: kind.neuron, phase: "revealed" })).toBeNull();
    });
  }
  it("nothing without a round", () => {
    expect(hiddenForRound(NET, null)).toBeNull();
    expect(hidesOutput(NET, null)).toBe(false);
  });
});

describe("session rules around rounds", () => {
  const lab = { network: NET, inputValues: [1, 1] };
  const openRounds = (phase: "open" | "closed" | "revealed"): RoundsView => ({
    ...emptyRoundsView(),
    played: 1,
    current: { ...roundView(record(KINDS[0]!), new Map()), phase },
  });

  it("roundState is the server's: nobody can send it, every client folds it", () => {
    const state = newSession("ABCDEF", lab);
    const action = { type: "roundState" as const, rounds: openRounds("open"), inputValues: INPUTS };
    // not an action: no client can send it (it is not in the schema every action is parsed with)
    expect(parseAndApplyAction(state, action, { role: "teacher" })).toMatchObject({
      ok: false,
      error: { code: "invalid_action" },
    });
    const folded = foldApplied(state, { version: 1, action, by: { role: "teacher" } });
    expect(folded.ok).toBe(true);
    if (!folded.ok) return;
    expect(folded.state.version).toBe(1);
    expect(folded.state.shared.inputValues).toEqual(INPUTS);
    expect(folded.state.rounds?.current?.phase).toBe("open");
    expect(applyRoundState(state, action)).toEqual(folded.state);
  });

  it("freezes every edit while a round is open (inputs, weights, sandboxes), not after", () => {
    const base = { ...newSession("ABCDEF", lab), mode: "sandbox" as const };
    base.participants = [{ id: "ana", name: "Ana", joinedAt: 0 }];
    const open = { ...base, rounds: openRounds("open") };
    const edit = { type: "edit" as const, edit: { type: "setInputValue" as const, input: 0, value: 3 } };
    expect(permission(open, edit, { role: "teacher" })?.code).toBe("round_open");
    expect(permission(open, edit, { role: "student", id: "ana" })?.code).toBe("round_open");
    expect(permission(open, { type: "setMode", mode: "teacher" }, { role: "teacher" })).toBeNull();
    const closed = { ...base, rounds: openRounds("closed") };
    expect(permission(closed, edit, { role: "teacher" })).toBeNull();
  });

  it("shows everyone the shared lab while a round is on screen", () => {
    const sandbox = { network: NET, inputValues: [7, 7] };
    const base = { ...newSession("ABCDEF", lab), mode: "sandbox" as const, sandboxes: { ana: sandbox } };
    const actor = { role: "student" as const, id: "ana" };
    expect(visibleLab(base, actor)).toBe(sandbox);
    expect(visibleLab({ ...base, rounds: openRounds("revealed") }, actor)).toBe(base.shared);
    expect(visibleLab({ ...base, rounds: emptyRoundsView() }, actor)).toBe(sandbox);
  });
});
