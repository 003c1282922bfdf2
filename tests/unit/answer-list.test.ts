// The round's answer list (lib/session/answer-list.ts): the teacher's "show answers on the
// projector" switch as a round request every member folds (and a student may not make), a new round
// starting with it off, the list's order and its distance from the truth, the projector's lines.
import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../lib/lessons/lesson";
import { referenceForward } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { emptyServerData, type Effect, type SessionValue, type Transition } from "../../lib/session/authority";
import { answerListOf, answerRows, projectedAnswers } from "../../lib/session/answer-list";
import { CLIENT_REQUESTS, foldApplied, type RoundRequest } from "../../lib/session/protocol";
import { applyAnswer, applyRoundRequest, emptyServerRounds, type RoundContext } from "../../lib/session/rounds";
import { newSession, type Actor, type SessionState } from "../../lib/session/rules";

const NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1"],
  layers: [{ activation: "sigmoid", neurons: [{ weights: [1], bias: 0 }] }],
};
const teacher: Actor = { role: "teacher" };
const participants = [
  { id: "ana", name: "Ana", joinedAt: 1 },
  { id: "bo", name: "Bo", joinedAt: 2 },
  { id: "cy", name: "Cy", joinedAt: 3 },
  { id: "di", name: "Di", joinedAt: 4 },
];

function start(): SessionValue {
  const state: SessionState = { ...newSession("ABCDEF", { network: NET, inputValues: [0] }), participants };
  return deepFreeze({ state, server: emptyServerData(), rounds: emptyServerRounds() });
}

let ids = 0;
const context = (now: number): RoundContext => ({
  now,
  forward: referenceForward,
  newId: () => `r-${++ids}`,
  script: [],
});

function accepted<R>(outcome: { ok: true; transition: Transition<R> } | { ok: false }): Transition<R> {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome.transition;
}

function fold(state: SessionState, effects: readonly Effect[]): SessionState {
  let folded = state;
  for (const effect of effects) {
    if (effect.type !== "applied") continue;
    const result = foldApplied(folded, effect.event);
    if (!result.ok) throw new Error(result.reason);
    folded = result.state;
  }
  return folded;
}

const OPEN: RoundRequest = {
  op: "open",
  open: { round: { kind: "output", neuron: { layer: 0, index: 0 }, inputs: [0] } },
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
    const student = applyRoundRequest(
      value,
      { op: "answers", shown: true },
      { role: "student", id: "ana" },
      context(1),
    );
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
    const answer = accepted(applyAnswer(value, { roundId, value: 0.42 }, { role: "student", id: "bo" }, 1500));
    expect(answer.value.state).toBe(value.state);
    expect(answer.effects).toEqual([{ type: "progress" }]);
  });
});

describe("the list", () => {
  const answers = new Map([
    ["cy", 0.9],
    ["ana", 0.4],
    ["di", 0.4],
    ["gone", 0.1], // removed from the session: not listed
  ]);

  it("lists the answers smallest first (equal ones by name), then who has not answered, by name", () => {
    expect(answerRows(participants, answers).map((row) => [row.name, row.value])).toEqual([
      ["Ana", 0.4],
      ["Di", 0.4],
      ["Cy", 0.9],
      ["Bo", null],
    ]);
  });

  it("with the truth: each answer's signed distance and whether it earned full points", () => {
    const rows = answerRows(participants, answers, { kind: "output", truth: 0.5, tolerance: { full: 0.1, zero: 0.5 } });
    expect(rows.map((row) => [row.name, row.error, row.right])).toEqual([
      ["Ana", expect.closeTo(-0.1, 12), true],
      ["Di", expect.closeTo(-0.1, 12), true],
      ["Cy", expect.closeTo(0.4, 12), false],
      ["Bo", undefined, undefined],
    ]);
    // exact kinds: right or wrong, no distance
    const choice = answerRows(
      participants,
      new Map([
        ["ana", 2],
        ["bo", 1],
      ]),
      {
        kind: "choice",
        truth: 2,
        tolerance: { full: 0, zero: 1 },
      },
    );
    expect(choice.map((row) => [row.name, row.error, row.right])).toEqual([
      ["Bo", undefined, false],
      ["Ana", undefined, true],
      ["Cy", undefined, undefined],
      ["Di", undefined, undefined],
    ]);
  });

  it("the projector: only answers given, without names or ids when anonymous", () => {
    const rows = answerRows(participants, answers);
    expect(projectedAnswers(rows, false)).toEqual([
      { key: "ana", name: "Ana", value: 0.4 },
      { key: "di", name: "Di", value: 0.4 },
      { key: "cy", name: "Cy", value: 0.9 },
    ]);
    const anonymous = projectedAnswers(rows, true);
    expect(anonymous.map((line) => line.value)).toEqual([0.4, 0.4, 0.9]);
    expect(JSON.stringify(anonymous)).not.toMatch(/ana|di|cy|Ana|Di|Cy/);
  });
});
