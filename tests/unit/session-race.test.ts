// The race rules of a session as pure functions (lib/session/race.ts): a race from start to stop
// with three entrants who really train (the float64 reference), the ranking by the loss the server
// recomputes — a forged report changes nothing —, the curve's pace and size rules, the named
// refusals, the submitted network in the sandbox (adopted like any sandbox), what each member may
// read back, and the book rebuilt from its rows. Values are frozen: nothing is mutated.
import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../lib/lessons/lesson";
import type { ActivationId } from "../../lib/network/activations";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { RACE_LIMITS, type RaceChoices, type RaceView } from "../../lib/race/model";
import { raceStartNetwork, raceTrainingInput } from "../../lib/race/run";
import { actionTransition, emptyServerData, type SessionValue, type Transition } from "../../lib/session/authority";
import { transitionProblem } from "../../lib/session/check";
import { foldApplied } from "../../lib/session/protocol";
import { exerciseTransition } from "../../lib/session/exercise-switch";
import {
  appendCurve,
  applyRaceEntry,
  applyRaceRequest,
  loadServerRace,
  raceBook,
  raceStatus,
  type RaceContext,
  type RaceEntryWrite,
} from "../../lib/session/race";
import { emptyServerRounds, mergeRoundWrites } from "../../lib/session/rounds";
import { newSession, type Actor, type SessionState } from "../../lib/session/rules";
import { createReferenceTrainer } from "../../lib/training/reference";

const NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    { activation: "tanh", neurons: Array.from({ length: 4 }, () => ({ weights: [0, 0], bias: 0 })) },
    { activation: "sigmoid", neurons: [{ weights: [0, 0, 0, 0], bias: 0 }] },
  ],
};
const teacher: Actor = { role: "teacher" };
const ana: Actor = { role: "student", id: "ana" };
const bo: Actor = { role: "student", id: "bo" };
const cy: Actor = { role: "student", id: "cy" };

function start(network: Network = NET): SessionValue {
  const state: SessionState = {
    ...newSession("ABCDEF", { network, inputValues: [1, 1] }),
    participants: [
      { id: "ana", name: "Ana", joinedAt: 1 },
      { id: "bo", name: "Bo", joinedAt: 2 },
      { id: "cy", name: "Cy", joinedAt: 3 },
    ],
  };
  return deepFreeze({ state, server: emptyServerData(), rounds: emptyServerRounds() });
}

let ids = 0;
const evaluated: number[] = [];
function context(now: number): RaceContext {
  return {
    now,
    newId: () => `race-${++ids}`,
    evaluate: (input) => {
      const result = createReferenceTrainer(input).latest();
      evaluated.push(result.testLoss ?? NaN);
      return result;
    },
  };
}

function accepted<R>(outcome: { ok: true; transition: Transition<R> } | { ok: false }): Transition<R> {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome.transition;
}

function refusal(outcome: { ok: true } | { ok: false; error: { code: string } }): string {
  return outcome.ok ? "accepted" : outcome.error.code;
}

/** Commits a transition as the Room would: checked, then made the value (frozen, like committed ones). */
function commit<R>(value: SessionValue, transition: Transition<R>): SessionValue {
  expect(transitionProblem(value, transition.value, transition.writes)).toBeNull();
  return deepFreeze(transition.value);
}

const START = { op: "start" as const, start: { data: { kind: "xor" as const, points: 120, seed: 5 }, epochs: 150 } };

function started(): { value: SessionValue; race: RaceView } {
  const value = commit(start(), accepted(applyRaceRequest(start(), START, teacher, context(1000))));
  return { value, race: value.state.race! };
}

/** Trains an entrant's network as their device would (here: the reference), for the race's epochs. */
function train(race: RaceView, choices: RaceChoices): { network: Network; testLoss: number } {
  const trainer = createReferenceTrainer(raceTrainingInput(race, raceStartNetwork(race, choices.activations), choices));
  trainer.step(race.epochs);
  return { network: trainer.network(), testLoss: trainer.latest().testLoss! };
}

/** A race on screen with Ana entered (tanh, then sigmoid) at 2 s. */
function anaEntered(): { value: SessionValue; race: RaceView; choices: RaceChoices } {
  const { value, race } = started();
  const choices = choicesOf("tanh");
  const enter = applyRaceEntry(value, { op: "enter", raceId: race.id, choices }, ana, context(2000));
  return { value: commit(value, accepted(enter)), race, choices };
}

function choicesOf(hidden: ActivationId, learningRate = 0.3): RaceChoices {
  return { activations: [hidden, "sigmoid"], learningRate };
}

describe("a race from start to ranking", () => {
  it("starts on the shared network's shape; members fold the race; a second start waits for a stop", () => {
    const { value, race } = started();
    expect(race).toMatchObject({ phase: "running", number: 1, layers: [4, 1], epochs: 150, ranking: [] });
    expect(race.data).toEqual({ kind: "xor", points: 120, noise: 0, trainFraction: 0.5, seed: 5 });
    const folded = foldApplied(start().state, {
      version: 1,
      action: { type: "raceState", race },
      by: teacher,
    });
    expect(folded.ok && folded.state.race).toEqual(race);
    expect(refusal(applyRaceRequest(value, START, teacher, context(2000)))).toBe("race_running");
    expect(refusal(applyRaceRequest(start(), START, ana, context(2000)))).toBe("not_allowed");
    const wide = {
      ...NET,
      inputs: ["a", "b", "c"],
      layers: [{ ...NET.layers[0]!, neurons: [{ weights: [1, 1, 1], bias: 0 }] }],
    };
    expect(refusal(applyRaceRequest(start(wide), START, teacher, context(2000)))).toBe("invalid_race");
  });

  it("ranks three entrants by the loss the server recomputes: a forged low loss is not believed", () => {
    let { value, race } = started();
    const picks: [Actor & { role: "student" }, RaceChoices][] = [
      [ana, choicesOf("tanh")],
      [bo, choicesOf("linear")],
      [cy, choicesOf("relu")],
    ];
    const honest = new Map<string, number>();
    let now = 2000;
    for (const [who, choices] of picks) {
      value = commit(
        value,
        accepted(applyRaceEntry(value, { op: "enter", raceId: race.id, choices }, who, context(now))),
      );
      const { network, testLoss } = train(race, choices);
      honest.set(who.id, testLoss);
      // Bo trained a linear network, which cannot solve XOR, and claims a loss of 0.0001
      const reportedLoss = who.id === "bo" ? 0.0001 : testLoss;
      const submit = { op: "submit" as const, raceId: race.id, network, epochs: race.epochs, reportedLoss };
      const done = accepted(applyRaceEntry(value, submit, who, context((now += 1000))));
      value = commit(value, done);
      expect(done.reply.testLoss).toBeCloseTo(testLoss, 12);
    }
    race = value.state.race!;
    const order = [...honest].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    expect(race.ranking.map((r) => r.participantId)).toEqual(order);
    const forged = race.ranking.find((r) => r.participantId === "bo")!;
    expect(forged.reportedLoss).toBe(0.0001);
    expect(forged.testLoss).toBeCloseTo(honest.get("bo")!, 12);
    expect(forged.testLoss).toBeGreaterThan(0.2); // a line cannot do better on XOR
    expect(race.ranking[0]!.participantId).not.toBe("bo");
    expect(race.ranking[0]!.testLoss).toBeLessThan(0.1);
    // a resubmission replaces the row; the teacher stops the race; nothing more is taken
    const stopped = commit(
      value,
      accepted(applyRaceRequest(value, { op: "stop", raceId: race.id }, teacher, context(now))),
    );
    expect(stopped.state.race).toMatchObject({ phase: "stopped", stoppedAt: now });
    const late = { op: "submit" as const, raceId: race.id, network: NET, epochs: 1, reportedLoss: 0 };
    expect(refusal(applyRaceEntry(stopped, late, ana, context(now + 1)))).toBe("race_stopped");
  });

  it("puts the submitted network in the sandbox, so the teacher adopts it as any sandbox", () => {
    const { race, choices, ...begun } = anaEntered();
    let value = begun.value;
    const { network } = train(race, choices);
    const done = accepted(
      applyRaceEntry(
        value,
        { op: "submit", raceId: race.id, network, epochs: 150, reportedLoss: null },
        ana,
        context(3000),
      ),
    );
    value = commit(value, done);
    expect(value.state.sandboxes.ana?.network).toEqual(network);
    // a submission costs the server a computation: the next waits a second
    const again = { op: "submit" as const, raceId: race.id, network, epochs: 150, reportedLoss: null };
    expect(refusal(applyRaceEntry(value, again, ana, context(3999)))).toBe("too_fast");
    expect(refusal(applyRaceEntry(value, again, ana, context(4000)))).toBe("accepted");
    expect(done.effects.map((e) => e.type)).toEqual(["applied", "sandbox"]);
    expect(done.effects[1]).toMatchObject({ audience: { to: "teachersAndParticipant", id: "ana" } });
    const adopted = accepted(actionTransition(value, { type: "adoptSandbox", participantId: "ana" }, teacher));
    expect(adopted.value.state.shared.network).toEqual(network);
    // a removed student leaves the ranking (their network left with their sandbox)
    const removed = accepted(actionTransition(value, { type: "removeParticipant", participantId: "ana" }, teacher));
    expect(removed.value.state.race?.ranking).toEqual([]);
    // the spotlight puts a curve forward on the projector
    const lit = accepted(
      applyRaceRequest(value, { op: "spotlight", raceId: race.id, participantId: "ana" }, teacher, context(4000)),
    );
    expect(lit.value.state.race?.spotlight).toBe("ana");
    expect(
      refusal(
        applyRaceRequest(
          value,
          { op: "spotlight", raceId: race.id, participantId: "__proto__" },
          teacher,
          context(4000),
        ),
      ),
    ).toBe("no_such_participant");
  });
});

describe("what an entry may report", () => {
  it("refuses by name: not entered, other race, wrong activations, wrong shape, epochs past the limit", () => {
    const begun = started();
    const race = begun.race;
    let value = begun.value;
    const other = { op: "progress" as const, raceId: race.id, points: [{ epoch: 1, testLoss: 0.2 }] };
    expect(refusal(applyRaceEntry(value, other, ana, context(2000)))).toBe("not_entered");
    expect(refusal(applyRaceEntry(value, { ...other, raceId: "nope" }, ana, context(2000)))).toBe("no_such_race");
    expect(refusal(applyRaceEntry(value, other, teacher, context(2000)))).toBe("not_allowed");
    expect(refusal(applyRaceEntry(value, other, { role: "student", id: "ghost" }, context(2000)))).toBe("not_joined");
    const threeLayers = { activations: ["tanh", "tanh", "sigmoid"] as ActivationId[], learningRate: 0.1 };
    expect(
      refusal(applyRaceEntry(value, { op: "enter", raceId: race.id, choices: threeLayers }, ana, context(2000))),
    ).toBe("invalid_entry");
    const choices = choicesOf("tanh");
    value = commit(
      value,
      accepted(applyRaceEntry(value, { op: "enter", raceId: race.id, choices }, ana, context(2000))),
    );
    // a network whose activations are not the ones entered would win with choices it does not show
    const sneaky = raceStartNetwork(race, ["relu", "sigmoid"]);
    const submit = { op: "submit" as const, raceId: race.id, network: sneaky, epochs: 10, reportedLoss: 0.1 };
    expect(refusal(applyRaceEntry(value, submit, ana, context(3000)))).toBe("invalid_entry");
    const right = raceStartNetwork(race, choices.activations);
    // one neuron's own activation counts too
    const mixed = structuredClone(right);
    mixed.layers[0]!.neurons[2]!.activation = "relu";
    expect(refusal(applyRaceEntry(value, { ...submit, network: mixed }, ana, context(3000)))).toBe("invalid_entry");
    expect(refusal(applyRaceEntry(value, { ...submit, network: right, epochs: 151 }, ana, context(3000)))).toBe(
      "invalid_entry",
    );
    const shapeless = { ...right, layers: [right.layers[1]!] };
    expect(refusal(applyRaceEntry(value, { ...submit, network: shapeless }, ana, context(3000)))).toBe("invalid_entry");
  });

  it("paces progress reports, keeps epochs going up, and bounds the curve; each report reaches the teachers", () => {
    const { race, choices, ...begun } = anaEntered();
    let value = begun.value;
    const report = (points: { epoch: number; testLoss: number }[], now: number) =>
      applyRaceEntry(value, { op: "progress", raceId: race.id, points }, ana, context(now));
    // entering counts as a report: a report right after it (or entering again) waits
    expect(refusal(report([{ epoch: 1, testLoss: 0.3 }], 2100))).toBe("too_fast");
    expect(refusal(applyRaceEntry(value, { op: "enter", raceId: race.id, choices }, ana, context(2100)))).toBe(
      "too_fast",
    );
    const first = accepted(report([{ epoch: 1, testLoss: 0.3 }], 3000));
    expect(first.effects).toEqual([
      {
        type: "raceCurve",
        event: {
          raceId: race.id,
          participantId: "ana",
          name: "Ana",
          choices,
          points: [{ epoch: 1, testLoss: 0.3 }],
          reset: false,
        },
      },
    ]);
    value = commit(value, first);
    expect(refusal(report([{ epoch: 2, testLoss: 0.3 }], 3000 + RACE_LIMITS.reportIntervalMs - 1))).toBe("too_fast");
    expect(refusal(report([{ epoch: 1, testLoss: 0.3 }], 4000))).toBe("invalid_entry");
    expect(refusal(report([{ epoch: 151, testLoss: 0.3 }], 4000))).toBe("invalid_entry");
    const curve = appendCurve(
      [],
      Array.from({ length: 1000 }, (_, i) => ({ epoch: i, testLoss: 1 / (i + 1) })),
    );
    expect(curve.length).toBeLessThanOrEqual(RACE_LIMITS.curvePoints);
    expect(curve[0]).toEqual({ epoch: 0, testLoss: 1 });
    expect(curve[curve.length - 1]).toEqual({ epoch: 999, testLoss: 1 / 1000 });
    expect(curve.every((p, i) => i === 0 || p.epoch > curve[i - 1]!.epoch)).toBe(true);
  });
});

describe("coming back", () => {
  it("a student reads back their own entry with their network; the teacher every curve without networks", () => {
    const { race, choices, ...begun } = anaEntered();
    let value = begun.value;
    value = commit(
      value,
      accepted(applyRaceEntry(value, { op: "enter", raceId: race.id, choices: choicesOf("relu") }, bo, context(2000))),
    );
    const network = raceStartNetwork(race, choices.activations);
    const points = [{ epoch: 5, testLoss: 0.24 }];
    value = commit(
      value,
      accepted(applyRaceEntry(value, { op: "progress", raceId: race.id, points, network }, ana, context(3000))),
    );
    const mine = raceStatus(value.state, raceBook(value), ana);
    expect(mine.entries).toEqual([
      { participantId: "ana", name: "Ana", choices, curve: points, network, submitted: null },
    ]);
    const all = raceStatus(value.state, raceBook(value), teacher);
    expect(all.entries.map((e) => e.participantId).sort()).toEqual(["ana", "bo"]);
    expect(all.entries.every((e) => !("network" in e))).toBe(true);
  });

  it("rebuilds the book from the rows written (the last row of each entry wins)", () => {
    let { value, race } = started();
    const rows: RaceEntryWrite[][] = [];
    const step = (t: Transition<unknown>) => {
      rows.push(t.writes?.race ?? []);
      value = commit(value, t);
    };
    step(
      accepted(applyRaceEntry(value, { op: "enter", raceId: race.id, choices: choicesOf("tanh") }, ana, context(2000))),
    );
    step(
      accepted(
        applyRaceEntry(
          value,
          { op: "progress", raceId: race.id, points: [{ epoch: 3, testLoss: 0.2 }] },
          ana,
          context(3000),
        ),
      ),
    );
    step(
      accepted(applyRaceEntry(value, { op: "enter", raceId: race.id, choices: choicesOf("relu") }, bo, context(3000))),
    );
    const merged = mergeRoundWrites(rows.map((race) => ({ records: [], answers: [], race })));
    expect(merged.race).toHaveLength(2);
    expect(loadServerRace(value.state, merged.race)).toEqual(raceBook(value));
    // entries of an earlier race are not this race's
    expect(loadServerRace(value.state, [{ ...merged.race![0]!, raceId: "old" }]).entries).toEqual({});
    race = value.state.race!;
    const cleared = accepted(applyRaceRequest(value, { op: "clear", raceId: race.id }, teacher, context(4000)));
    expect(cleared.value.state.race).toBeUndefined();
    expect(raceBook(cleared.value).entries).toEqual({});
  });
});

describe("switching the exercise during a race", () => {
  const source = { slug: "xor", title: "XOR", lab: { network: NET, inputValues: [0, 1] }, script: [] };

  it("is refused while the race runs (the entries train the old network) and allowed once it stopped", () => {
    const { value, race } = started();
    expect(refusal(exerciseTransition(value, source, { now: 2000, firstTitle: "first" }))).toBe("race_running");
    const stopped = commit(
      value,
      accepted(applyRaceRequest(value, { op: "stop", raceId: race.id }, teacher, context(3000))),
    );
    expect(refusal(exerciseTransition(stopped, source, { now: 4000, firstTitle: "first" }))).toBe("accepted");
  });
});
