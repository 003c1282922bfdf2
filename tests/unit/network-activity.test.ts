// "Be the network" as pure session rules (lib/session/network-activity.ts over
// lib/network-activity/): assignment, agreement, layer flow, both error modes, what members may
// see, the debrief and the scores — and the seed lesson's example, 0.8 → 0.690 passed on.
import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../lib/lessons/lesson";
import { seedNeuron } from "../../lib/lessons/seed-neuron";
import { referenceForward } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { calculate } from "../../lib/network-activity/calculator";
import { agree, assignLate, roundRobin } from "../../lib/network-activity/flow";
import type { Submission } from "../../lib/network-activity/model";
import type { ActivityOp, ActivityRequest } from "../../lib/network-activity/requests";
import { emptyServerData, type Effect, type SessionValue, type Transition } from "../../lib/session/authority";
import { transitionProblem } from "../../lib/session/check";
import { activityStatus, loadActivity } from "../../lib/network-activity/book";
import { applyActivityRequest, applyNeuronAnswer, withLateJoiner } from "../../lib/session/network-activity";
import { foldApplied } from "../../lib/session/protocol";
import { emptyServerRounds, mergeRoundWrites, type RoundWrites } from "../../lib/session/rounds";
import { applyAction, newSession, type Actor, type SessionState } from "../../lib/session/rules";

const teacher: Actor = { role: "teacher" };
const student = (id: string): Actor => ({ role: "student", id });

/** 2-2-1, sigmoid throughout. */
const NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "sigmoid",
      neurons: [
        { weights: [0.5, 0.2], bias: 0.1 },
        { weights: [-0.3, 0.8], bias: 0 },
      ],
    },
    { activation: "sigmoid", neurons: [{ weights: [1, -1], bias: 0.2 }] },
  ],
};

const sig = (z: number) => 1 / (1 + Math.exp(-z));

function session(net: Network, ids: string[], inputValues = [1, 1]): SessionValue {
  const state: SessionState = {
    ...newSession("ABCDEF", { network: net, inputValues }),
    participants: ids.map((id, i) => ({ id, name: id.toUpperCase(), joinedAt: i + 1 })),
  };
  return deepFreeze({ state, server: emptyServerData(), rounds: emptyServerRounds() });
}

let ids = 0;
const context = (now = 1000) => ({ now, forward: referenceForward, newId: () => `act-${++ids}` });

function accepted<R>(outcome: { ok: true; transition: Transition<R> } | { ok: false; error?: unknown }): Transition<R> {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.error)}`);
  return outcome.transition;
}

/** Runs a change like the Room: checked, then every member folds its `applied` effects. */
class Run {
  value: SessionValue;
  folded: SessionState;
  writes: RoundWrites[] = [];
  events: Effect[] = [];
  constructor(value: SessionValue) {
    this.value = value;
    this.folded = value.state;
  }
  take<R>(transition: Transition<R>): R {
    expect(transitionProblem(this.value, transition.value, transition.writes)).toBeNull();
    this.value = deepFreeze(transition.value);
    if (transition.writes) this.writes.push(transition.writes);
    for (const effect of transition.effects) {
      this.events.push(effect);
      if (effect.type === "roster") {
        // the roster event comes before the `applied` that names a new participant
        this.folded = { ...this.folded, participants: transition.value.state.participants };
      }
      if (effect.type !== "applied") continue;
      const folded = foldApplied(this.folded, effect.event);
      if (!folded.ok) throw new Error(folded.reason);
      this.folded = folded.state;
    }
    expect(this.folded).toEqual(this.value.state);
    return transition.reply;
  }
  teacher(request: ActivityOp) {
    const full = (request.op === "start" ? request : { ...request, activityId: this.id }) as ActivityRequest;
    return this.take(accepted(applyActivityRequest(this.value, full, teacher, context())));
  }
  refusedTeacher(request: ActivityRequest): string {
    const outcome = applyActivityRequest(this.value, request, teacher, context());
    return outcome.ok ? "accepted" : outcome.error.code;
  }
  answer(id: string, layer: number, index: number, z: number, a: number, now = 2000) {
    const request = { activityId: this.id, layer, index, z, a };
    return this.take(accepted(applyNeuronAnswer(this.value, request, student(id), context(now))));
  }
  refusedAnswer(id: string, layer: number, index: number, z = 0, a = 0): string {
    const request = { activityId: this.id, layer, index, z, a };
    const outcome = applyNeuronAnswer(this.value, request, student(id), context());
    return outcome.ok ? "accepted" : outcome.error.code;
  }
  get id(): string {
    return this.value.activity?.record.id ?? "none";
  }
  get view() {
    const view = this.value.state.activity;
    if (!view) throw new Error("no activity");
    return view;
  }
}

describe("the seed lesson's network", () => {
  it("inputs 1 and 1, weights 0.5 and 0.2, bias 0.1: z 0.8, sigmoid 0.690 is passed on to o1", () => {
    const net = seedNeuron.exercise.network;
    const run = new Run(session(net, ["ana", "bo"], seedNeuron.exercise.inputValues));
    run.teacher({ op: "start" });
    expect(run.view.members).toEqual([[["ana"]], [["bo"]]]);
    expect(run.view.layers[0]!.received).toEqual([1, 1]);
    expect(run.view.layers[1]!.received).toBeNull();

    run.answer("ana", 0, 0, 0.8, 0.69);
    // as computed: Ana was h1's only student, so h1's value flowed on by itself
    const o1 = run.view.layers[1]!;
    expect(o1.received).toEqual([0.69]);
    expect(run.view.current).toBe(1);
    expect(run.view.layers[0]!.values).toEqual([{ z: 0.8, a: 0.69, by: ["ana"] }]);
    expect(o1.truth).toBeNull(); // not revealed

    run.answer("bo", 1, 0, 1.48, 0.815);
    expect(run.view.current).toBe(2);
    run.teacher({ op: "finish", scores: false });
    const [h1, out] = run.view.layers;
    expect(h1!.truth![0]!.z).toBeCloseTo(0.8, 12);
    expect(h1!.truth![0]!.a).toBeCloseTo(sig(0.8), 12);
    expect(sig(0.8)).toBeCloseTo(0.69, 3);
    // o1's truth given what it received (0.69) and given the true inputs (0.68997…)
    expect(out!.truth![0]!.z).toBeCloseTo(2 * 0.69 + 0.1, 12);
    expect(out!.ideal![0]!.z).toBeCloseTo(2 * sig(0.8) + 0.1, 12);
    expect(run.view.debrief).toMatchObject({
      layers: [
        { neuronsRight: 1, neurons: 1, answersRight: 1, answers: 1, reached: 0 },
        { neuronsRight: 1, neurons: 1, answersRight: 1, answers: 1, reached: 0 },
      ],
      firstError: null,
    });
  });
});

describe("assignment", () => {
  it("deals round-robin: several students per neuron in a big class, several neurons each in a small one", () => {
    expect(roundRobin(NET, ["a", "b", "c", "d", "e"])).toEqual([
      [
        ["a", "d"],
        ["b", "e"],
      ],
      [["c"]],
    ]);
    expect(roundRobin(NET, ["a", "b"])).toEqual([[["a"], ["b"]], [["a"]]]);
    expect(roundRobin(NET, [])).toEqual([[[], []], [[]]]);
  });

  it("gives a late joiner the neuron with the fewest students in a layer still to come, earliest on ties", () => {
    const run = new Run(session(NET, ["a", "b", "c", "d"]));
    run.teacher({ op: "start" });
    expect(run.view.members).toEqual([[["a", "d"], ["b"]], [["c"]]]);
    const joined = joinOf(run.value, "e");
    run.take(withLateJoiner(joined, "e"));
    expect(run.view.members).toEqual([
      [
        ["a", "d"],
        ["b", "e"],
      ],
      [["c"]],
    ]);
    // once layer 0 has passed, a late joiner goes to the output layer
    run.teacher({ op: "advance" });
    run.take(withLateJoiner(joinOf(run.value, "f"), "f"));
    expect(run.view.members[1]).toEqual([["c", "f"]]);
    expect(assignLate(run.value.activity!.record, "f")).toBeNull(); // already has one
  });

  it("lets the teacher move a student at any time, and refuses unknown students and neurons", () => {
    const run = new Run(session(NET, ["a", "b", "c"]));
    run.teacher({ op: "start" });
    run.teacher({ op: "assign", participantId: "a", neurons: [{ layer: 1, index: 0 }] });
    expect(run.view.members).toEqual([[[], ["b"]], [["c", "a"]]]);
    const id = run.id;
    expect(run.refusedTeacher({ op: "assign", activityId: id, participantId: "zed", neurons: [] })).toBe(
      "no_such_participant",
    );
    expect(
      run.refusedTeacher({ op: "assign", activityId: id, participantId: "a", neurons: [{ layer: 1, index: 3 }] }),
    ).toBe("no_such_neuron");
    run.teacher({ op: "roundRobin" });
    expect(run.view.members).toEqual([[["a"], ["b"]], [["c"]]]);
  });
});

describe("agreement within a neuron", () => {
  const s = (seq: number, id: string, z: number, a: number): Submission => ({
    seq,
    participantId: id,
    name: id,
    layer: 0,
    index: 0,
    z,
    a,
    at: seq,
  });
  it("takes the answer most answers are close to; ties go to the earliest; nobody: null", () => {
    expect(agree([s(1, "a", 1, 0.7), s(2, "b", 0.8, 0.69), s(3, "c", 0.801, 0.6905)], 0.01)).toEqual({
      z: 0.8,
      a: 0.69,
      by: ["b", "c"],
    });
    expect(agree([s(1, "a", 1, 0.7), s(2, "b", 0.8, 0.69)], 0.01)).toEqual({ z: 1, a: 0.7, by: ["a"] });
    expect(agree([], 0.01)).toBeNull();
  });

  it("counts each student's last answer only, and waits for every student of the layer", () => {
    const run = new Run(session(NET, ["a", "b", "c", "d", "e"]));
    run.teacher({ op: "start" }); // [[a,d],[b,e]],[[c]]
    run.answer("a", 0, 0, 0.1, 0.1);
    run.answer("a", 0, 0, 0.8, 0.69); // changed their mind
    run.answer("d", 0, 0, 0.8, 0.69);
    run.answer("b", 0, 1, 0.5, 0.6225);
    expect(run.view.current).toBe(0); // e has not answered
    expect(run.view.layers[0]!.answered).toEqual([2, 1]);
    run.answer("e", 0, 1, 0.5, 0.62);
    expect(run.view.current).toBe(1);
    expect(run.view.layers[0]!.values).toEqual([
      { z: 0.8, a: 0.69, by: ["a", "d"] },
      { z: 0.5, a: 0.6225, by: ["b", "e"] },
    ]);
    // every submission is kept (and written), including the changed one
    expect(run.view.layers[0]!.submissions).toHaveLength(5);
    expect(mergeRoundWrites(run.writes).submissions).toHaveLength(5);
  });
});

describe("layer flow and the two modes", () => {
  it("as computed: a wrong value travels on, and the debrief shows where it started and how far it spread", () => {
    const run = new Run(session(NET, ["a", "b", "c"]));
    run.teacher({ op: "start" });
    run.answer("a", 0, 0, 0.8, 0.69);
    run.answer("b", 0, 1, 0.5, 0.9); // right z, wrong f(z) (sigmoid(0.5) = 0.622)
    const received = run.view.layers[1]!.received!;
    expect(received).toEqual([0.69, 0.9]);
    const z = 0.69 - 0.9 + 0.2;
    run.answer("c", 1, 0, z, sig(z)); // right given what c received
    run.teacher({ op: "finish", scores: true });
    const debrief = run.view.debrief!;
    expect(debrief.firstError).toEqual({ layer: 0, index: 1 });
    expect(debrief.layers[0]).toMatchObject({ neuronsRight: 1, neurons: 2, answersRight: 1, answers: 2, reached: 0 });
    expect(debrief.layers[1]).toMatchObject({ neuronsRight: 1, answersRight: 1, reached: 1 });
    const ideal = sig(sig(0.8) - sig(0.5) + 0.2);
    expect(debrief.outputs[0]!.ideal).toBeCloseTo(ideal, 12);
    expect(debrief.outputs[0]!.difference).toBeCloseTo(sig(z) - ideal, 12);
    // scores went into the rounds' leaderboard: c was right given what c received
    const standings = run.value.rounds.standings;
    expect(standings["c"]!.total).toBe(1000);
    expect(standings["b"]!.total).toBeLessThan(1000);
    expect(run.value.state.rounds?.leaderboard.players).toBe(3);
  });

  it("corrected: advancing reveals the layer and passes on the kernel's values", () => {
    const run = new Run(session(NET, ["a", "b", "c"]));
    run.teacher({ op: "start", mode: "corrected" });
    run.answer("a", 0, 0, 0.8, 0.69);
    run.answer("b", 0, 1, 0.5, 0.9);
    expect(run.view.current).toBe(0); // no automatic flow: the teacher reveals first
    run.teacher({ op: "reveal", layer: 0 });
    expect(run.view.layers[0]).toMatchObject({ closed: true, revealed: true, passed: false });
    expect(run.refusedAnswer("a", 0, 0)).toBe("layer_closed");
    run.teacher({ op: "advance" });
    expect(run.view.layers[1]!.received![0]).toBeCloseTo(sig(0.8), 12);
    expect(run.view.layers[1]!.received![1]).toBeCloseTo(sig(0.5), 12);
  });

  it("the teacher moves on without an answer: the neuron passes the kernel's value; the mode is one switch", () => {
    const run = new Run(session(NET, ["a", "b", "c"]));
    run.teacher({ op: "start" });
    run.answer("a", 0, 0, 0.8, 0.7);
    run.teacher({ op: "mode", mode: "corrected" });
    run.teacher({ op: "mode", mode: "computed" });
    run.teacher({ op: "advance" });
    expect(run.view.layers[0]!.values).toEqual([{ z: 0.8, a: 0.7, by: ["a"] }, null]);
    expect(run.view.layers[1]!.received![0]).toBe(0.7);
    expect(run.view.layers[1]!.received![1]).toBeCloseTo(sig(0.5), 12);
    run.teacher({ op: "advance" });
    expect(run.refusedTeacher({ op: "advance", activityId: run.id })).toBe("all_passed");
  });
});

describe("what members may see", () => {
  it("nothing of a layer's answers or true values before it closes, no true value before the reveal", () => {
    const run = new Run(session(NET, ["a", "b", "c", "d"]));
    run.teacher({ op: "start" }); // [[a,d],[b]],[[c]]
    run.answer("a", 0, 0, 0.8123, 0.6926);
    const shared = JSON.stringify(run.value.state.activity);
    expect(shared).not.toContain("0.8123");
    expect(shared).not.toContain("0.6926");
    expect(shared).not.toContain(String(sig(0.8)).slice(0, 8)); // h1's true value
    expect(run.view.layers[0]).toMatchObject({ answered: [1, 0], values: null, submissions: null, truth: null });
    // a student's status holds their own answers only; the teacher's every one
    const status = (actor: Actor) => activityStatus(run.value.activity, actor);
    expect(status(student("d"))).toEqual({ ok: true, activity: { id: run.id, submissions: [] } });
    expect(status(student("a"))).toMatchObject({ activity: { submissions: [{ z: 0.8123, a: 0.6926 }] } });
    expect(status(teacher)).toMatchObject({ activity: { submissions: [{ participantId: "a" }] } });
  });

  it("refuses an answer for someone else's neuron, a layer still waiting, nonsense, and the teacher", () => {
    const run = new Run(session(NET, ["a", "b", "c"]));
    run.teacher({ op: "start" });
    expect(run.refusedAnswer("a", 0, 1)).toBe("not_your_neuron");
    expect(run.refusedAnswer("c", 1, 0)).toBe("layer_waiting");
    expect(run.refusedAnswer("a", 0, 0, 2e6, 0)).toBe("invalid_answer");
    expect(run.refusedAnswer("zed", 0, 0)).toBe("not_joined");
    const request = { activityId: run.id, layer: 0, index: 0, z: 0, a: 0 };
    expect(applyNeuronAnswer(run.value, request, teacher, context())).toMatchObject({
      error: { code: "not_allowed" },
    });
    expect(applyActivityRequest(run.value, { op: "stop", activityId: run.id }, student("a"), context())).toMatchObject({
      error: { code: "not_allowed" },
    });
    expect(run.refusedTeacher({ op: "start" })).toBe("activity_running");
    expect(run.refusedTeacher({ op: "finish", activityId: run.id, scores: false })).toBe("not_done");
  });

  it("freezes the network while the class computes, and lets go after the debrief and the stop", () => {
    const run = new Run(session(NET, ["a", "b", "c"]));
    run.teacher({ op: "start" });
    const edit = { type: "edit" as const, edit: { type: "setBias" as const, layer: 0, neuron: 0, value: 1 } };
    expect(applyAction(run.value.state, edit, teacher)).toMatchObject({
      ok: false,
      error: { code: "activity_running" },
    });
    run.teacher({ op: "advance" });
    run.teacher({ op: "advance" });
    run.teacher({ op: "finish", scores: false });
    expect(applyAction(run.value.state, edit, teacher).ok).toBe(true);
    run.teacher({ op: "stop" });
    expect(run.value.state.activity).toBeUndefined();
    expect(run.value.activity).toBeNull();
  });
});

describe("ids a client sent", () => {
  it("are unknown ids like any other: __proto__, constructor, toString", () => {
    const run = new Run(session(NET, ["a", "b", "c"]));
    run.teacher({ op: "start" });
    for (const id of ["__proto__", "constructor", "toString"]) {
      expect(run.refusedTeacher({ op: "assign", activityId: run.id, participantId: id, neurons: [] })).toBe(
        "no_such_participant",
      );
      expect(run.refusedTeacher({ op: "advance", activityId: id })).toBe("no_such_activity");
      const request = { activityId: id, layer: 0, index: 0, z: 0, a: 0 };
      expect(applyNeuronAnswer(run.value, request, student("a"), context())).toMatchObject({
        error: { code: "no_such_activity" },
      });
      expect(applyNeuronAnswer(run.value, { ...request, activityId: run.id }, student(id), context())).toMatchObject({
        error: { code: "not_joined" },
      });
    }
  });
});

describe("storage", () => {
  it("rebuilds the book on screen from the rows written", () => {
    const run = new Run(session(NET, ["a", "b", "c"]));
    run.teacher({ op: "start" });
    run.answer("a", 0, 0, 0.8, 0.69);
    run.answer("b", 0, 1, 0.5, 0.62);
    run.answer("c", 1, 0, 0.27, 0.567);
    const merged = mergeRoundWrites(run.writes);
    const submissions: Record<string, Submission[]> = {};
    for (const { activityId, submission } of merged.submissions ?? []) {
      (submissions[activityId] ??= []).push(submission);
    }
    const loaded = loadActivity({ records: merged.activities ?? [], submissions }, run.id);
    expect(loaded).toEqual(run.value.activity);
  });
});

/** A student joining the session as lib/session/joins.ts would (the join's own transition). */
function joinOf(value: SessionValue, id: string): Transition<object> {
  const state = { ...value.state, participants: [...value.state.participants, { id, name: id, joinedAt: 99 }] };
  return { value: { ...value, state }, writes: null, effects: [{ type: "roster", participantId: id }], reply: {} };
}

describe("the calculator helper", () => {
  it("reads the sums and products a student types, and nothing else", () => {
    expect(calculate("0.5*1 + 0.2*1 + 0.1")).toBeCloseTo(0.8, 12);
    expect(calculate("0,5 × 1 − 0,2·(1 + 1) ÷ 2")).toBeCloseTo(0.3, 12);
    expect(calculate("-(2)*-3")).toBe(6);
    expect(calculate("１＋２")).toBe(3);
    expect(calculate("1/0")).toBeNull();
    expect(calculate("2**3")).toBeNull();
    expect(calculate("alert(1)")).toBeNull();
    expect(calculate("")).toBeNull();
  });
});
