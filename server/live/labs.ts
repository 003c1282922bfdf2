// What a new live session opens with: a built-in lesson, a saved exercise, or a blank 2-2-1 network.
import { initialInputValues, type Exercise } from "../../lib/exercise/schema";
import type { LabState } from "../../lib/network/ops";
import { NETWORK_FORMAT } from "../../lib/network/schema";

/** Two inputs, two sigmoid hidden neurons, one sigmoid output: small weights to start moving. */
export function blankLab(): LabState {
  return {
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "sigmoid",
          neurons: [
            { weights: [0.5, 0.2], bias: 0.1 },
            { weights: [-0.4, 0.6], bias: 0 },
          ],
        },
        { activation: "sigmoid", neurons: [{ weights: [1, -1], bias: 0 }] },
      ],
    },
    inputValues: [1, 1],
  };
}

/** The lab an exercise opens with: its network and opening input values. */
export function labOf(exercise: Exercise): LabState {
  return structuredClone({ network: exercise.network, inputValues: initialInputValues(exercise) });
}
