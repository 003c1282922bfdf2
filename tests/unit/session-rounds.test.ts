// The round rules of a session as pure functions (lib/session/rounds.ts): one round from opening
// to reveal with the next value, the change members fold, each student's result and the rows to
// write; refusals change nothing; nothing is mutated, so rolling back a failed write is keeping the
// old value; and the book rebuilt from its rows equals the one kept in memory.
// The teacher's "show answers on the projector" switch is one of those requests.
import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../lib/lessons/lesson";
import { referenceForward } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { emptyServerData, type SessionValue } from "../../lib/session/authority";
import { answerListOf } from "../../lib/session/answer-list";
import { CLIENT_REQUESTS, type RoundRequest } from "../../lib/session/protocol";
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
  type StoredRounds,
} from "../../lib/session/rounds";
import { newSession, type Actor, type SessionState } from "../../lib/session/rules";
import { accepted, foldEffects } from "../helpers/transitions";

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

function start(): SessionValue {
  const state: SessionState = {
    ...newSession("ABCDEF", { network: NET, inputValues: [1, 1] }),
    participants: [
      { id: "ana", name: "Ana", joinedAt: 1 },
      { id: "bo", name: "Bo", joinedAt: 2 },
    ],
  };
  return deepFreeze({ state, server: emptyServerData(), rounds: emptyServerRounds() });
}

let ids = 0;
function context(now: number, script: RoundContext["script"] = []): RoundContext {
  return { now, forward: referenceForward, newId: () => `round-${++ids}`, script };
}

const fold = foldEffects;

describe("one round, step by step", () => {
  it("opens, takes answers, reveals with each result, and clears; members fold every change", () => {
    let value = start();
    const writes: RoundWrites[] = [];
    const open = { round: { kind: "output" as const, neuron: { layer: 0, index: 0 }, inputs: [1.3, 0.6] } };

    const opened = accepted(applyRoundRequest(value, { op: "open", open }, teacher, context(1000)));
    const roundId = opened.value.rounds.current!.id;
    expect(opened.reply).toEqual({ version: 1, roundId });
    expect(opened.value.state.shared.inputValues).toEqual([1.3, 0.6]);
    expect(opened.value.state.rounds?.current).toMatchObject({ phase: "open", number: 1 });
    expect(JSON.stringify(opened.effects)).not.toContain("truth");
    expect(opened.effects.map((e) => e.type)).toEqual(["applied", "progress"]);
    expect(opened.writes?.records).toHaveLength(1);
    expect(fold(value.state, opened.effects)).toEqual(opened.value.state);
    value = opened.value;
    writes.push(opened.writes!);

    const answered = accepted(applyAnswer(value, { roundId, value: 0.81 }, ana, 2000));
    expect(answered.value.state).toBe(value.state); // an answer is private: no version, nothing to fold
    expect(answered.effects).toEqual([{ type: "progress" }]);
    expect(answered.reply).toEqual({ roundId, answer: { value: 0.81, at: 2000 } });
    expect(answered.writes?.answers).toEqual([
      { roundId, participantId: "ana", answer: { value: 0.81, at: 2000, name: "Ana" } },
    ]);
    value = answered.value;
    writes.push(answered.writes!);
    const changedMind = accepted(applyAnswer(value, { roundId, value: 0.8083 }, ana, 2500));
    value = changedMind.value;
    writes.push(changedMind.writes!);

    expect(roundStatus(value.state, value.rounds, ana, 3000)).toMatchObject({
      ok: true,
      round: { roundId, answered: 1, mine: { value: 0.8083 } },
    });
    expect(roundStatus(value.state, value.rounds, bo, 3000)).toMatchObject({ round: { mine: null } });
    // who answered what: the teacher's only (the roster), never in a student's status
    expect(roundStatus(value.state, value.rounds, teacher, 3000).round?.answers).toEqual([
      { participantId: "ana", value: 0.8083 },
    ]);
    expect(roundStatus(value.state, value.rounds, bo, 3000).round).not.toHaveProperty("answers");
    // the teacher's private preview of the truth before the reveal; no student's status has it
    expect(roundStatus(value.state, value.rounds, teacher, 3000).round?.preview).toBeCloseTo(0.8083, 3);
    expect(roundStatus(value.state, value.rounds, bo, 3000).round).not.toHaveProperty("preview");
    expect(roundStatus(value.state, value.rounds, ana, 3000).round).not.toHaveProperty("answers");

    const revealed = accepted(applyRoundRequest(value, { op: "reveal", roundId }, teacher, context(4000)));
    const results = revealed.effects.flatMap((e) =>
      e.type === "roundResult" ? [[e.participantId, e.result.points]] : [],
    );
    expect(results).toEqual([
      ["ana", 1000],
      ["bo", 0],
    ]);
    expect(revealed.value.state.rounds?.current?.reveal?.truth).toBeCloseTo(0.8083, 3);
    expect(fold(value.state, revealed.effects)).toEqual(revealed.value.state);
    value = revealed.value;
    writes.push(revealed.writes!);

    const cleared = accepted(applyRoundRequest(value, { op: "clear", roundId }, teacher, context(5000)));
    expect(cleared.value.state.rounds?.current).toBeNull();
    expect(cleared.value.rounds.current).toBeNull();
    expect(cleared.value.state.rounds?.leaderboard.players).toBe(2);
    writes.push(cleared.writes!);

    // the rows written, read back, make the same standings
    const merged = mergeRoundWrites(writes);
    expect(merged.records).toHaveLength(1);
    expect(merged.records[0]).toMatchObject({ id: roundId, revealedAt: 4000, clearedAt: 5000 });
    expect(merged.answers).toHaveLength(1); // Ana's last answer only
    const stored: StoredRounds = {
      records: merged.records,
      answers: { [roundId]: { ana: merged.answers[0]!.answer } },
    };
    const participants = value.state.participants;
    expect(loadServerRounds(stored, null, participants).standings).toEqual(cleared.value.rounds.standings);
  });

  it("refuses what it must, and a refusal changes nothing (the inputs are frozen: nothing is mutated)", () => {
    const value = start();
    const open = {
      op: "open" as const,
      open: { round: { kind: "z" as const, neuron: { layer: 0, index: 0 }, inputs: [1, 2] } },
    };
    expect(applyRoundRequest(value, open, ana, context(1))).toMatchObject({ error: { code: "not_allowed" } });
    expect(roundRefusal(value.state, open, ana)?.code).toBe("not_allowed");
    expect(applyRoundRequest(value, { op: "close", roundId: "nope" }, teacher, context(1))).toMatchObject({
      error: { code: "no_such_round" },
    });
    expect(applyRoundRequest(value, { op: "open", open: { script: 3 } }, teacher, context(1, []))).toMatchObject({
      error: { code: "no_such_round" },
    });
    const opened = accepted(applyRoundRequest(value, open, teacher, context(1))).value;
    const roundId = opened.rounds.current!.id;
    expect(roundRefusal(opened.state, open, teacher)?.code).toBe("round_open");
    expect(applyRoundRequest(opened, open, teacher, context(2))).toMatchObject({ error: { code: "round_open" } });
    const answer = { roundId, value: 1 };
    expect(applyAnswer(opened, answer, teacher, 2)).toMatchObject({ error: { code: "not_allowed" } });
    expect(applyAnswer(opened, answer, { role: "student", id: "eve" }, 2)).toMatchObject({
      error: { code: "not_joined" },
    });
    expect(applyAnswer(opened, { roundId: "other", value: 1 }, ana, 2)).toMatchObject({
      error: { code: "no_such_round" },
    });
    expect(applyAnswer(opened, { roundId, value: 1e9 }, ana, 2)).toMatchObject({ error: { code: "invalid_answer" } });
    expect(opened.rounds.answers.size).toBe(0);
  });

  it("opens a round of the session's script with the teacher's settings on top", () => {
    const round = { kind: "output" as const, neuron: { layer: 1, index: 0 }, inputs: [0, 1], timeLimitSeconds: 30 };
    const choice = {
      kind: "choice" as const,
      neuron: { layer: 0, index: 0 },
      inputs: [0, 1],
      choices: [{ en: "a" }, { en: "b" }],
    };
    const script = [
      { round, keyFrom: null, withheld: false },
      // a key this session may not use (started without the edit key of where it was written)
      { round: choice, keyFrom: null, withheld: true },
    ];
    const request = {
      op: "open" as const,
      open: { script: 0, timeLimitSeconds: null, tolerance: { full: 0.1, zero: 1 } },
    };
    const opened = accepted(applyRoundRequest(start(), request, teacher, context(10, script))).value;
    expect(opened.rounds.current).toMatchObject({
      scriptIndex: 0,
      closesAt: null,
      question: { tolerance: { full: 0.1 } },
    });
    expect(opened.state.rounds?.scriptRun).toEqual([0]);
    const withheld = { op: "open" as const, open: { script: 1 } };
    expect(applyRoundRequest(start(), withheld, teacher, context(10, script))).toMatchObject({
      ok: false,
      error: { code: "answer_key_withheld", message: expect.stringContaining("edit key") },
    });
  });
});

const OPEN: RoundRequest = {
  op: "open",
  open: { round: { kind: "output", neuron: { layer: 0, index: 0 }, inputs: [1.3, 0.6] } },
};

describe("show answers on the projector", () => {
  it("is a round request: validated, the teacher's only, folded by every member, off at each new round", () => {
    expect(CLIENT_REQUESTS.round({ op: "answers", shown: true, anonymous: false })).toMatchObject({ ok: true });
    expect(CLIENT_REQUESTS.round({ op: "answers", shown: "yes" })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(CLIENT_REQUESTS.round({ op: "answers", names: [] })).toMatchObject({ ok: false });

    let value = start();
    expect(answerListOf(value.state.rounds)).toEqual({ shown: false, anonymous: false });
    const student = applyRoundRequest(value, { op: "answers", shown: true }, ana, context(1));
    expect(student).toMatchObject({ ok: false, error: { code: "not_allowed" } });

    const opened = accepted(applyRoundRequest(value, OPEN, teacher, context(1000)));
    value = opened.value;
    const shown = accepted(applyRoundRequest(value, { op: "answers", shown: true }, teacher, context(1100)));
    expect(answerListOf(shown.value.state.rounds)).toEqual({ shown: true, anonymous: false });
    expect(shown.value.state.version).toBe(value.state.version + 1);
    expect(fold(value.state, shown.effects)).toEqual(shown.value.state);
    // the change everyone folds carries the setting, never an answer or the truth
    expect(JSON.stringify(shown.effects)).not.toContain("truth");
    value = shown.value;
    const anonymous = accepted(applyRoundRequest(value, { op: "answers", anonymous: true }, teacher, context(1200)));
    expect(answerListOf(anonymous.value.state.rounds)).toEqual({ shown: true, anonymous: true });
    value = anonymous.value;

    const roundId = value.rounds.current!.id;
    value = accepted(applyRoundRequest(value, { op: "reveal", roundId }, teacher, context(2000))).value;
    expect(answerListOf(value.state.rounds).shown).toBe(true); // still there for the discussion
    const next = accepted(applyRoundRequest(value, OPEN, teacher, context(3000)));
    // the class answers the next round before it sees anyone else's; "without names" stays
    expect(answerListOf(next.value.state.rounds)).toEqual({ shown: false, anonymous: true });
    expect(fold(value.state, next.effects)).toEqual(next.value.state);
  });

  it("an answer changes no session state: the list is the teacher's roundStatus, not a broadcast", () => {
    let value = accepted(applyRoundRequest(start(), OPEN, teacher, context(1000))).value;
    value = accepted(applyRoundRequest(value, { op: "answers", shown: true }, teacher, context(1001))).value;
    const roundId = value.rounds.current!.id;
    const answer = accepted(applyAnswer(value, { roundId, value: 0.42 }, bo, 1500));
    expect(answer.value.state).toBe(value.state);
    expect(answer.effects).toEqual([{ type: "progress" }]);
  });
});
