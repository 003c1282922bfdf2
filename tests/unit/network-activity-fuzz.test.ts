// "Be the network" under random and hostile requests (fast-check, fixed seed): teacher requests and
// answers from every role, with unknown and prototype ids, out-of-range layers and neurons, huge
// and odd numbers, through the server's parse (CLIENT_REQUESTS) into the pure rules. After every
// step: no rule throws, the next value passes the transaction check, what members fold equals the
// server's state, and the view never holds a layer's answers before it closed nor a true value
// before its reveal.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../lib/lessons/lesson";
import { referenceForward } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { emptyServerData, type SessionValue } from "../../lib/session/authority";
import { transitionProblem } from "../../lib/session/check";
import { applyActivityRequest, applyNeuronAnswer, withLateJoiner } from "../../lib/session/network-activity";
import { CLIENT_REQUESTS, foldApplied } from "../../lib/session/protocol";
import { emptyServerRounds } from "../../lib/session/rounds";
import { newSession, sessionStateSchema, type Actor, type SessionState } from "../../lib/session/rules";

const NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "tanh",
      neurons: [
        { weights: [0.5, 0.2], bias: 0.1 },
        { weights: [-1, 1], bias: 0 },
        { weights: [2, 0], bias: -1 },
      ],
    },
    {
      activation: "relu",
      neurons: [
        { weights: [1, -1, 0.5], bias: 0.2 },
        { weights: [0, 1, 1], bias: 0 },
      ],
    },
    { activation: "sigmoid", neurons: [{ weights: [1, 1], bias: 0 }] },
  ],
};
const IDS = ["s0", "s1", "s2", "s3", "s4"];
const ID = fc.oneof(
  fc.constantFrom(...IDS, "__proto__", "constructor", "toString", "zed"),
  fc.string({ maxLength: 3 }),
);
const NUMBER = fc.oneof(
  { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -2, max: 2 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -2e6, max: 2e6 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 0.5, 0.69, 1e7) },
);
const INDEX = fc.integer({ min: -1, max: 16 });
const MODE = fc.constantFrom("computed", "corrected", "other");

type Step = { kind: "teacher" | "answer" | "join"; by: string; payload: unknown };
const teacherArb = fc.oneof(
  fc.record({ op: fc.constant("start"), mode: MODE }, { requiredKeys: ["op"] }),
  fc.record({ op: fc.constantFrom("advance", "roundRobin", "stop") }),
  fc.record({ op: fc.constant("reveal"), layer: INDEX }),
  fc.record({ op: fc.constant("mode"), mode: MODE }),
  fc.record({ op: fc.constant("calculator"), on: fc.boolean() }),
  fc.record({ op: fc.constant("finish"), scores: fc.boolean() }),
  fc.record({
    op: fc.constant("assign"),
    participantId: ID,
    neurons: fc.array(fc.record({ layer: INDEX, index: INDEX }), { maxLength: 3 }),
  }),
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("teacher" as const), by: fc.constant("teacher"), payload: teacherArb }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("answer" as const),
      // mostly students of the session on neurons that exist (else hardly an answer is taken)
      by: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...IDS) }, { weight: 1, arbitrary: ID }),
      payload: fc.record({
        layer: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: INDEX }),
        index: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: INDEX }),
        z: NUMBER,
        a: NUMBER,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("join" as const), by: fc.constant("late"), payload: fc.constant(null) }),
  },
);

function start(): SessionValue {
  const state: SessionState = {
    ...newSession("ABCDEF", { network: NET, inputValues: [1, -0.5] }),
    participants: IDS.slice(0, 4).map((id, i) => ({ id, name: id, joinedAt: i })),
  };
  return deepFreeze({ state, server: emptyServerData(), rounds: emptyServerRounds() });
}

describe("Be the network, fuzzed", () => {
  it("keeps the session whole and tells nothing early, whatever is sent", () => {
    let accepted = 0;
    let answers = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 5, maxLength: 40 }), (steps) => {
        let value = start();
        // most runs begin with the activity on screen (a random start comes later, or never)
        if (steps.length % 4 !== 0) {
          const started = applyActivityRequest(
            value,
            { op: "start" },
            { role: "teacher" },
            {
              now: 1,
              forward: referenceForward,
              newId: () => "a0",
            },
          );
          if (!started.ok) throw new Error("start refused");
          value = deepFreeze(started.transition.value);
        }
        let folded = value.state; // members join after the start: they fold from here
        let ids = 0;
        let now = 1000;
        for (const step of steps) {
          now += 10;
          const context = { now, forward: referenceForward, newId: () => `a${++ids}` };
          const activityId = value.activity?.record.id ?? "none";
          let outcome;
          if (step.kind === "join") {
            const id = `late${++ids}`;
            const state = {
              ...value.state,
              participants: [...value.state.participants, { id, name: id, joinedAt: now }],
            };
            folded = { ...folded, participants: state.participants };
            const joined = { value: { ...value, state }, writes: null, effects: [], reply: {} };
            outcome = { ok: true as const, transition: withLateJoiner(joined, id) };
          } else if (step.kind === "teacher") {
            const payload = { ...(step.payload as object), activityId };
            const parsed = CLIENT_REQUESTS.netActivity(
              (step.payload as { op: string }).op === "start" ? step.payload : payload,
            );
            if (!parsed.ok) continue;
            outcome = applyActivityRequest(value, parsed.value, { role: "teacher" }, context);
          } else {
            const parsed = CLIENT_REQUESTS.neuronAnswer({ ...(step.payload as object), activityId });
            if (!parsed.ok) continue;
            const actor: Actor = { role: "student", id: step.by };
            outcome = applyNeuronAnswer(value, parsed.value, actor, context);
          }
          if (!outcome.ok) continue;
          const { transition } = outcome;
          expect(transitionProblem(value, transition.value, transition.writes)).toBeNull();
          value = deepFreeze(transition.value);
          accepted++;
          if (step.kind === "answer") answers++;
          for (const effect of transition.effects) {
            if (effect.type !== "applied") continue;
            const result = foldApplied(folded, effect.event);
            expect(result.ok).toBe(true);
            if (result.ok) folded = result.state;
          }
          expect(folded).toEqual(value.state);
          expect(sessionStateSchema.safeParse(value.state).success).toBe(true);
          for (const layer of value.state.activity?.layers ?? []) {
            if (!layer.closed) expect([layer.values, layer.submissions]).toEqual([null, null]);
            if (!layer.revealed) expect([layer.truth, layer.ideal]).toEqual([null, null]);
          }
        }
      }),
      { seed: 20261130, numRuns: Number(process.env.FUZZ_RUNS ?? 150), endOnFailure: true },
    );
    // the property was exercised, not refused throughout
    expect(accepted).toBeGreaterThan(100);
    expect(answers).toBeGreaterThan(20);
  });
});
