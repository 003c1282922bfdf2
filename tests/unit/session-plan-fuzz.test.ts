// The plan's rules under random and hostile requests (lib/session/plan.ts, with the round rules
// that run its questions): every request from every role — questions that are not valid,
// orders that are stale or not orders at all, openings of indices that do not exist — answers a
// named refusal that changes nothing, or a transition the server's check accepts and every member
// folds to the same state; what has not run stays a permutation of the script's other questions,
// and no choice question's key (nor any truth) reaches what members fold before a reveal.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceForward } from "../../lib/network/reference";
import { emptyServerData, type SessionValue } from "../../lib/session/authority";
import { transitionProblem } from "../../lib/session/check";
import { applyPlanRequest, pendingQuestions, planOrder } from "../../lib/session/plan";
import { CLIENT_REQUESTS } from "../../lib/session/protocol";
import { applyRoundRequest, emptyServerRounds } from "../../lib/session/rounds";
import { newSession, type Actor } from "../../lib/session/rules";
import { sessionStateSchema } from "../../lib/session/state";
import { indexArb, numberArb, wrongTypeArb } from "../helpers/fuzz";
import { foldEffects, STEP_SIGMOID_NET } from "../helpers/transitions";

/** Questions that are valid (most of them), so that plans grow and run. */
const validArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("output", "z"),
    neuron: fc.constantFrom({ layer: 0, index: 0 }, { layer: 1, index: 0 }),
    inputs: fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })),
  }),
  fc.record({
    kind: fc.constant("choice"),
    neuron: fc.constant({ layer: 1, index: 0 }),
    inputs: fc.constant([1, 0]),
    prompt: fc.constant({ en: "Which?" }),
    choices: fc.constant([{ en: "a" }, { en: "b" }, { en: "c" }]),
    answer: fc.integer({ min: 0, max: 2 }),
  }),
);

const questionArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: validArb },
  fc.record({
    kind: fc.constantFrom("output", "z", "fires", "choice", "guess"),
    neuron: fc.record({ layer: indexArb, index: indexArb }),
    inputs: fc.oneof(fc.array(numberArb, { maxLength: 3 }), wrongTypeArb),
  }),
  fc.record(
    {
      kind: fc.constant("choice"),
      neuron: fc.record({ layer: fc.integer({ min: 0, max: 2 }), index: fc.integer({ min: 0, max: 1 }) }),
      inputs: fc.constant([1, 0]),
      prompt: fc.oneof(fc.constant({ en: "Which?" }), fc.constant({ en: " " }), wrongTypeArb),
      choices: fc.oneof(
        fc.array(fc.constantFrom({ en: "a" }, { en: "b" }, { en: "" }), { maxLength: 7 }),
        wrongTypeArb,
      ),
      answer: fc.oneof(fc.integer({ min: -1, max: 7 }), wrongTypeArb),
    },
    { requiredKeys: ["kind", "neuron", "inputs"] },
  ),
  wrongTypeArb,
);

const orderArb = fc.oneof(fc.array(fc.integer({ min: -1, max: 8 }), { maxLength: 8 }), wrongTypeArb);

type Step =
  | { kind: "plan"; by: "teacher" | "student"; payload: unknown }
  | { kind: "open"; payload: unknown }
  | { kind: "clear" }
  | { kind: "move-pending"; seed: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("plan" as const),
    by: fc.constantFrom("teacher" as const, "student" as const),
    payload: fc.oneof(
      fc.record({ op: fc.constant("add"), question: questionArb }),
      fc.record({ op: fc.constant("move"), order: orderArb }),
      fc.record({ op: fc.constantFrom("drop", "add"), extra: wrongTypeArb }),
      wrongTypeArb,
    ),
  }),
  fc.record({ kind: fc.constant("open" as const), payload: fc.record({ script: indexArb }) }),
  fc.record({ kind: fc.constant("clear" as const) }),
  fc.record({ kind: fc.constant("move-pending" as const), seed: fc.integer({ min: 0, max: 1000 }) }),
);

describe("the plan under random requests", () => {
  it("refuses by name or changes the session validly; members fold it; keys stay the server's", () => {
    let reached = { added: 0, moved: 0, opened: 0 };
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), (steps) => {
        let value: SessionValue = {
          state: {
            ...newSession("FUZZED", { network: STEP_SIGMOID_NET, inputValues: [1, 1] }),
            participants: [{ id: "ana", name: "Ana", joinedAt: 0 }],
          },
          server: { ...emptyServerData(), script: [] },
          rounds: emptyServerRounds(),
        };
        let ids = 0;
        for (const [i, step] of steps.entries()) {
          const where = `step ${i} ${JSON.stringify(step)}`;
          const script = value.server.script ?? [];
          const before = JSON.stringify(value);
          let outcome;
          if (step.kind === "plan" || step.kind === "move-pending") {
            let payload = step.kind === "plan" ? step.payload : null;
            if (step.kind === "move-pending") {
              const pending = pendingQuestions(value.state.rounds, script.length);
              const shuffled = [...pending].sort(
                (a, b) => ((a * 7919 + step.seed) % 13) - ((b * 7919 + step.seed) % 13),
              );
              payload = { op: "move", order: shuffled };
            }
            const actor: Actor =
              step.kind === "plan" && step.by === "student" ? { role: "student", id: "ana" } : { role: "teacher" };
            const parsed = CLIENT_REQUESTS.plan(payload);
            outcome = parsed.ok ? applyPlanRequest(value, parsed.value, actor) : parsed;
          } else if (step.kind === "open") {
            const parsed = CLIENT_REQUESTS.round({ op: "open", open: step.payload });
            const context = { now: 1000 + i, forward: referenceForward, newId: () => `r${++ids}`, script };
            outcome = parsed.ok ? applyRoundRequest(value, parsed.value, { role: "teacher" }, context) : parsed;
          } else {
            const current = value.rounds.current;
            if (!current) continue;
            const context = { now: 1000 + i, forward: referenceForward, newId: () => `r${++ids}`, script };
            outcome = applyRoundRequest(value, { op: "clear", roundId: current.id }, { role: "teacher" }, context);
          }
          expect(JSON.stringify(value), `${where}: the rules changed their input`).toBe(before);
          if (!outcome.ok) {
            expect(outcome.error.code, where).toMatch(/^[a-z_]+$/);
            expect(outcome.error.message.length, where).toBeGreaterThan(0);
            expect(outcome.error.code, where).not.toBe("internal");
            continue;
          }
          const next = outcome.transition.value;
          expect(transitionProblem(value, next, outcome.transition.writes), where).toBeNull();
          expect(sessionStateSchema.safeParse(next.state).success, where).toBe(true);
          expect(foldEffects(value.state, outcome.transition.effects), where).toEqual(next.state);
          // no reveal here: nothing members fold holds a key or a truth
          expect(JSON.stringify(outcome.transition.effects), where).not.toMatch(/"answer"|"truth"/);
          const nextScript = next.server.script ?? [];
          const order = planOrder(next.state.rounds, nextScript.length);
          expect(
            [...order].sort((a, b) => a - b),
            where,
          ).toEqual(nextScript.map((_, k) => k));
          if (nextScript.length > script.length) reached = { ...reached, added: reached.added + 1 };
          if (step.kind === "move-pending") reached = { ...reached, moved: reached.moved + 1 };
          if (step.kind === "open") reached = { ...reached, opened: reached.opened + 1 };
          value = next;
        }
      }),
      { numRuns: 300, seed: 14 },
    );
    expect(reached.added).toBeGreaterThan(10);
    expect(reached.moved).toBeGreaterThan(10);
    expect(reached.opened).toBeGreaterThan(5);
  });
});
