// The round rules of a session as pure functions (lib/session/rounds.ts): one round from opening
// to reveal with the next state, the next book, the change members fold, each student's result and
// the rows to write; refusals change nothing; nothing is mutated, so rolling back a failed write is
// keeping the old values; and the book rebuilt from its rows equals the one kept in memory.
import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../lib/lessons/lesson";
import { referenceForward } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { foldApplied } from "../../lib/session/protocol";
import {
  applyAnswer,
  applyRoundRequest,
  emptyServerRounds,
  loadServerRounds,
  mergeRoundWrites,
  roundRefusal,
  roundStatus,
  type RoundContext,
  type RoundWrites,
  type ServerRounds,
  type StoredRounds,
} from "../../lib/session/rounds";
import { newSession, type Actor, type RoundStateChange, type SessionState } from "../../lib/session/rules";

const NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    { activation: "sigmoid", neurons: [{ weights: [1.37, -0.82], bias: 0.15 }] },
    { activation: "tanh", neurons: [{ weights: [0.9], bias: 0.05 }] },
  ],
};
const teacher: Actor = { role: "teacher" };
const ana: Actor = { role: "student", id: "ana" };
const bo: Actor = { role: "student", id: "bo" };

function start(): SessionState {
  return {
    ...newSession("ABCDEF", { network: NET, inputValues: [1, 1] }),
    participants: [
      { id: "ana", name: "Ana", joinedAt: 1 },
      { id: "bo", name: "Bo", joinedAt: 2 },
    ],
  };
}

let ids = 0;
function context(now: number, script: RoundContext["script"] = []): RoundContext {
  return { now, forward: referenceForward, newId: () => `round-${++ids}`, script };
}

const ok = <T extends { ok: boolean }>(outcome: T): Extract<T, { ok: true }> => {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { ok: true }>;
};

describe("one round, step by step", () => {
  it("opens, takes answers, reveals with each result, and clears; members fold every change", () => {
    let state = deepFreeze(start());
    let book: ServerRounds = deepFreeze(emptyServerRounds());
    const writes: RoundWrites[] = [];
    let folded = state;

    const opened = ok(
      applyRoundRequest(
        state,
        book,
        { op: "open", open: { round: { kind: "output", neuron: { layer: 0, index: 0 }, inputs: [1.3, 0.6] } } },
        teacher,
        context(1000),
      ),
    ).step;
    expect(opened.reply).toEqual({ version: 1, roundId: opened.rounds.current!.id });
    expect(opened.state.shared.inputValues).toEqual([1.3, 0.6]);
    expect(opened.change?.rounds.current).toMatchObject({ phase: "open", number: 1 });
    expect(JSON.stringify(opened.change)).not.toContain("truth");
    expect(opened.writes.records).toHaveLength(1);
    const roundId = opened.rounds.current!.id;
    folded = fold(folded, opened.state.version, opened.change!);
    expect(folded).toEqual(opened.state);
    ({ state, rounds: book } = opened);
    writes.push(opened.writes);

    const answered = ok(applyAnswer(state, book, { roundId, value: 0.81 }, ana, 2000)).step;
    expect(answered.state).toBe(state); // an answer is private: no version, nothing to fold
    expect(answered.change).toBeNull();
    expect(answered.reply).toEqual({ roundId, answer: { value: 0.81, at: 2000 } });
    expect(answered.writes.answers).toEqual([
      { roundId, participantId: "ana", answer: { value: 0.81, at: 2000, name: "Ana" } },
    ]);
    book = answered.rounds;
    writes.push(answered.writes);
    const changedMind = ok(applyAnswer(state, book, { roundId, value: 0.8083 }, ana, 2500)).step;
    book = changedMind.rounds;
    writes.push(changedMind.writes);

    expect(roundStatus(state, book, ana, 3000)).toMatchObject({
      ok: true,
      round: { roundId, answered: 1, mine: { value: 0.8083 } },
    });
    expect(roundStatus(state, book, bo, 3000)).toMatchObject({ round: { mine: null } });

    const revealed = ok(applyRoundRequest(state, book, { op: "reveal", roundId }, teacher, context(4000))).step;
    expect(revealed.results.map((r) => [r.participantId, r.result.points])).toEqual([
      ["ana", 1000],
      ["bo", 0],
    ]);
    expect(revealed.change?.rounds.current?.reveal?.truth).toBeCloseTo(0.8083, 3);
    folded = fold(folded, revealed.state.version, revealed.change!);
    expect(folded).toEqual(revealed.state);
    ({ state, rounds: book } = revealed);
    writes.push(revealed.writes);

    const cleared = ok(applyRoundRequest(state, book, { op: "clear", roundId }, teacher, context(5000))).step;
    expect(cleared.state.rounds?.current).toBeNull();
    expect(cleared.rounds.current).toBeNull();
    expect(cleared.state.rounds?.leaderboard.players).toBe(2);
    writes.push(cleared.writes);

    // the rows written, read back, make the same standings
    const merged = mergeRoundWrites(writes);
    expect(merged.records).toHaveLength(1);
    expect(merged.records[0]).toMatchObject({ id: roundId, revealedAt: 4000, clearedAt: 5000 });
    expect(merged.answers).toHaveLength(1); // Ana's last answer only
    const stored: StoredRounds = {
      records: merged.records,
      answers: { [roundId]: { ana: merged.answers[0]!.answer } },
    };
    expect(loadServerRounds(stored, null, state.participants).standings).toEqual(cleared.rounds.standings);
  });

  it("refuses what it must, and a refusal changes nothing (the inputs are frozen: nothing is mutated)", () => {
    const state = deepFreeze(start());
    const book = deepFreeze(emptyServerRounds());
    const open = {
      op: "open" as const,
      open: { round: { kind: "z" as const, neuron: { layer: 0, index: 0 }, inputs: [1, 2] } },
    };
    expect(applyRoundRequest(state, book, open, ana, context(1))).toMatchObject({ error: { code: "not_allowed" } });
    expect(roundRefusal(state, open, ana)?.code).toBe("not_allowed");
    expect(applyRoundRequest(state, book, { op: "close", roundId: "nope" }, teacher, context(1))).toMatchObject({
      error: { code: "no_such_round" },
    });
    expect(applyRoundRequest(state, book, { op: "open", open: { script: 3 } }, teacher, context(1, []))).toMatchObject({
      error: { code: "no_such_round" },
    });
    const step = ok(applyRoundRequest(state, book, open, teacher, context(1))).step;
    const roundId = step.rounds.current!.id;
    expect(roundRefusal(step.state, open, teacher)?.code).toBe("round_open");
    expect(applyRoundRequest(step.state, step.rounds, open, teacher, context(2))).toMatchObject({
      error: { code: "round_open" },
    });
    expect(applyAnswer(step.state, step.rounds, { roundId, value: 1 }, teacher, 2)).toMatchObject({
      error: { code: "not_allowed" },
    });
    expect(
      applyAnswer(step.state, step.rounds, { roundId, value: 1 }, { role: "student", id: "eve" }, 2),
    ).toMatchObject({ error: { code: "not_joined" } });
    expect(applyAnswer(step.state, step.rounds, { roundId: "other", value: 1 }, ana, 2)).toMatchObject({
      error: { code: "no_such_round" },
    });
    expect(applyAnswer(step.state, step.rounds, { roundId, value: 1e9 }, ana, 2)).toMatchObject({
      error: { code: "invalid_answer" },
    });
    expect(step.rounds.answers.size).toBe(0);
  });

  it("opens a round of the session's script with the teacher's settings on top", () => {
    const script = [{ kind: "output" as const, neuron: { layer: 1, index: 0 }, inputs: [0, 1], timeLimitSeconds: 30 }];
    const step = ok(
      applyRoundRequest(
        start(),
        emptyServerRounds(),
        { op: "open", open: { script: 0, timeLimitSeconds: null, tolerance: { full: 0.1, zero: 1 } } },
        teacher,
        context(10, script),
      ),
    ).step;
    expect(step.rounds.current).toMatchObject({
      scriptIndex: 0,
      closesAt: null,
      question: { tolerance: { full: 0.1 } },
    });
    expect(step.state.rounds?.scriptRun).toEqual([0]);
  });
});

function fold(state: SessionState, version: number, change: RoundStateChange): SessionState {
  const folded = foldApplied(state, { version, action: change, by: teacher });
  if (!folded.ok) throw new Error(folded.reason);
  return folded.state;
}
