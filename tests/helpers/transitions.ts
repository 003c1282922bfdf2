// Small helpers for the tests of pure session rules: an accepted outcome's transition, and what a
// member folds of its effects.
import type { Effect, Transition } from "../../lib/session/authority";
import { foldApplied } from "../../lib/session/protocol";
import type { SessionState } from "../../lib/session/rules";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";

/** The transition of an outcome that must be accepted (a refusal fails the test, naming it). */
export function accepted<R>(outcome: { ok: true; transition: Transition<R> } | { ok: false }): Transition<R> {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome.transition;
}

/** What a member folds of a transition's `applied` effects. */
export function foldEffects(state: SessionState, effects: readonly Effect[]): SessionState {
  let folded = state;
  for (const effect of effects) {
    if (effect.type !== "applied") continue;
    const result = foldApplied(folded, effect.event);
    if (!result.ok) throw new Error(result.reason);
    folded = result.state;
  }
  return folded;
}

/** Two inputs, a step neuron, then a sigmoid one: every kind of question has a neuron to ask. */
export const STEP_SIGMOID_NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    { activation: "step", neurons: [{ weights: [1, -1], bias: 0 }] },
    { activation: "sigmoid", neurons: [{ weights: [0.9], bias: 0.05 }] },
  ],
};
