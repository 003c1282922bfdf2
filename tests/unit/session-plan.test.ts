// The lesson's plan as pure session rules (lib/session/plan.ts): the teacher writes a question and
// it joins the plan; reorders what has not run; "Start next" opens the plan's first pending
// question through the round rules; refusals change nothing; members fold every change; a
// choice question's key is never in what a student folds; a switch starts the plan again.
import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../lib/lessons/lesson";
import { referenceForward } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { emptyServerData, visibleState, type SessionValue } from "../../lib/session/authority";
import { exerciseTransition } from "../../lib/session/exercise-switch";
import { applyPlanRequest, pendingQuestions, planOrder, planStatus, preparedScript } from "../../lib/session/plan";
import { CLIENT_REQUESTS } from "../../lib/session/protocol";
import { applyRoundRequest, emptyServerRounds } from "../../lib/session/rounds";
import { newSession, type Actor, type SessionState } from "../../lib/session/rules";
import type { ScriptRound } from "../../lib/exercise/answer-keys";
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

const exerciseRound = (layer: number): ScriptRound => ({
  round: { kind: "output", neuron: { layer, index: 0 }, inputs: [1, 0] },
  keyFrom: null,
  withheld: false,
});
const CHOICE = {
  kind: "choice",
  neuron: { layer: 1, index: 0 },
  inputs: [1, 1],
  prompt: { en: "Is the output above 0.5?" },
  choices: [{ en: "yes" }, { en: "no" }],
  answer: 1,
};

function start(script: ScriptRound[] = [exerciseRound(0), exerciseRound(1)]): SessionValue {
  const state: SessionState = {
    ...newSession("ABCDEF", { network: NET, inputValues: [1, 1] }),
    participants: [{ id: "ana", name: "Ana", joinedAt: 1 }],
  };
  return deepFreeze({ state, server: { ...emptyServerData(), script }, rounds: emptyServerRounds() });
}

const context = (script: readonly ScriptRound[]) => ({
  now: 1000,
  forward: referenceForward,
  newId: () => "round-1",
  script,
});

describe("the plan", () => {
  it("is the script's own order until the teacher changes it", () => {
    const value = start();
    expect(planOrder(value.state.rounds, 2)).toEqual([0, 1]);
    expect(pendingQuestions(value.state.rounds, 2)).toEqual([0, 1]);
    expect(planStatus(value, teacher)).toMatchObject({ ok: true, entries: [{ script: 0 }, { script: 1 }] });
  });

  it("takes a question written live at its end; everyone folds the order, only the teacher sees the question", () => {
    const value = start();
    const added = accepted(applyPlanRequest(value, { op: "add", question: CHOICE }, teacher));
    expect(added.reply).toEqual({ ok: true, version: 1, plan: [0, 1, 2] });
    expect(added.value.server.script?.[2]).toEqual({ round: CHOICE, keyFrom: null, withheld: false, live: true });
    expect(added.writes).toBeNull();
    // every member folds the same state as the server, and nothing of it names the question
    const folded = foldEffects(value.state, added.effects);
    expect(folded).toEqual(added.value.state);
    const sent = JSON.stringify(added.effects);
    expect(sent).not.toContain("choices");
    expect(sent).not.toContain('"answer"');
    expect(JSON.stringify(visibleState(folded, ana))).not.toContain("Is the output");
    // the teacher's status: the live question with its key, the exercise's without any
    const status = planStatus(added.value, teacher);
    expect(status.ok && status.entries.map((e) => [e.script, e.live, e.round.answer])).toEqual([
      [0, false, undefined],
      [1, false, undefined],
      [2, true, 1],
    ]);
    expect(planStatus(added.value, ana)).toMatchObject({ ok: false, error: { code: "not_allowed" } });
  });

  it("serves no key of an exercise's question, even to the teacher", () => {
    const keyed: ScriptRound = {
      round: { ...CHOICE, kind: "choice" },
      keyFrom: { kind: "exercise", id: "ex1" },
      withheld: false,
    };
    const status = planStatus(start([keyed]), teacher);
    expect(status.ok && status.entries[0]?.round.answer).toBeUndefined();
  });

  it("refuses a question that is not valid, from a student, and past the limit, changing nothing", () => {
    const value = start();
    const bad = applyPlanRequest(value, { op: "add", question: { ...CHOICE, answer: undefined } }, teacher);
    expect(bad).toEqual({
      ok: false,
      error: { code: "invalid_question", message: "answer: Choose the right option.", path: "answer" },
    });
    const misfit = applyPlanRequest(
      value,
      { op: "add", question: { ...CHOICE, neuron: { layer: 5, index: 0 } } },
      teacher,
    );
    expect(misfit).toMatchObject({ ok: false, error: { code: "invalid_question", path: "neuron" } });
    expect(applyPlanRequest(value, { op: "add", question: CHOICE }, ana)).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    const full = start(Array.from({ length: 50 }, () => exerciseRound(0)));
    expect(applyPlanRequest(full, { op: "add", question: CHOICE }, teacher)).toMatchObject({
      ok: false,
      error: { code: "plan_full" },
    });
  });

  it("reorders what has not run; a stale order is refused; Start next opens the first pending", () => {
    let value = start([exerciseRound(0), exerciseRound(1), exerciseRound(0)]);
    value = accepted(applyPlanRequest(value, { op: "move", order: [2, 0, 1] }, teacher)).value;
    expect(pendingQuestions(value.state.rounds, 3)).toEqual([2, 0, 1]);
    // Start next: the plan's first pending question, opened by the round rules
    const next = pendingQuestions(value.state.rounds, 3)[0]!;
    const script = value.server.script ?? [];
    const opened = accepted(applyRoundRequest(value, { op: "open", open: { script: next } }, teacher, context(script)));
    value = opened.value;
    expect(value.state.rounds?.scriptRun).toEqual([2]);
    expect(value.state.rounds?.plan).toEqual([2, 0, 1]);
    expect(pendingQuestions(value.state.rounds, 3)).toEqual([0, 1]);
    // an order still naming the question that ran is stale
    expect(applyPlanRequest(value, { op: "move", order: [1, 0, 2] }, teacher)).toMatchObject({
      ok: false,
      error: { code: "stale_plan" },
    });
    expect(applyPlanRequest(value, { op: "move", order: [1, 1] }, teacher)).toMatchObject({ ok: false });
    const moved = accepted(applyPlanRequest(value, { op: "move", order: [1, 0] }, teacher));
    expect(moved.value.state.rounds?.plan).toEqual([2, 1, 0]);
    expect(foldEffects(value.state, moved.effects)).toEqual(moved.value.state);
  });

  it("a live choice question runs with its key in the server's record only, until the reveal", () => {
    let value = start([]);
    value = accepted(applyPlanRequest(value, { op: "add", question: CHOICE }, teacher)).value;
    const opened = accepted(
      applyRoundRequest(value, { op: "open", open: { script: 0 } }, teacher, context(value.server.script ?? [])),
    );
    expect(opened.value.rounds.current?.truth).toBe(1);
    expect(JSON.stringify(opened.effects)).not.toContain('"answer"');
    expect(opened.value.state.rounds?.current).not.toHaveProperty("reveal");
    const revealed = accepted(
      applyRoundRequest(opened.value, { op: "reveal", roundId: "round-1" }, teacher, context([])),
    );
    expect(revealed.value.state.rounds?.current?.reveal?.truth).toBe(1);
  });

  it("starts again from the new exercise's questions when the exercise is switched", () => {
    let value = start();
    value = accepted(applyPlanRequest(value, { op: "add", question: CHOICE }, teacher)).value;
    value = accepted(applyPlanRequest(value, { op: "move", order: [2, 1, 0] }, teacher)).value;
    const switched = accepted(
      exerciseTransition(
        value,
        { slug: "other", title: "Other", lab: { network: NET, inputValues: [0, 0] }, script: [exerciseRound(1)] },
        { now: 5, firstTitle: "First" },
      ),
    );
    expect(switched.value.state.rounds?.plan).toBeUndefined();
    expect(foldEffects(value.state, switched.effects)).toEqual({ ...switched.value.state, exerciseSlug: null });
    expect(planStatus(switched.value, teacher)).toMatchObject({ ok: true, entries: [{ script: 0, live: false }] });
  });

  it("reads the plan's requests strictly", () => {
    expect(CLIENT_REQUESTS.plan({ op: "move", order: [0, 1] }).ok).toBe(true);
    expect(CLIENT_REQUESTS.plan({ op: "move", order: [-1] })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(CLIENT_REQUESTS.plan({ op: "drop" }).ok).toBe(false);
    expect(CLIENT_REQUESTS.planStatus(undefined).ok).toBe(true);
  });
});

describe("the questions a teacher prepared on the page before starting", () => {
  const keyed: ScriptRound = {
    round: { ...CHOICE, kind: "choice" },
    keyFrom: { kind: "lesson", slug: "l" },
    withheld: false,
  };
  const withheld: ScriptRound = {
    round: { ...CHOICE, kind: "choice", inputs: [0, 0], answer: undefined },
    keyFrom: null,
    withheld: true,
  };
  const numeric = exerciseRound(0);
  const { answer: _key, ...keyless } = CHOICE;

  it("keeps each key with its question, wherever it moved; a withheld one stays withheld", () => {
    const { answer: _w, ...withheldQuestion } = withheld.round;
    const prepared = preparedScript([keyed, withheld, numeric], [numeric.round, withheldQuestion, keyless]);
    expect(prepared).toEqual({ ok: true, value: [numeric, { ...withheld, round: withheldQuestion }, keyed] });
  });

  it("a key written on the page is the session's own; a new question too; nothing else gains one", () => {
    const rekeyed = { ...CHOICE, answer: 0 };
    const added = { ...CHOICE, neuron: { layer: 0, index: 0 } };
    const prepared = preparedScript([keyed], [rekeyed, added, { ...keyless, inputs: [5, 5] }]);
    expect(prepared.ok && prepared.value).toEqual([
      { round: rekeyed, keyFrom: null, withheld: false, live: true },
      { round: added, keyFrom: null, withheld: false, live: true },
      { round: { ...keyless, inputs: [5, 5] }, keyFrom: null, withheld: false },
    ]);
    // the same key as the exercise's: the exercise's entry, its origin kept
    expect(preparedScript([keyed], [CHOICE])).toEqual({ ok: true, value: [keyed] });
  });

  it("refuses a question that is not well formed, naming it", () => {
    expect(preparedScript([], [numeric.round, { ...CHOICE, choices: [] }])).toMatchObject({
      ok: false,
      error: { code: "invalid_request", path: "rounds.1.choices" },
    });
  });
});
