// The heaviest `POST /api/forward` body the API documents (docs/api.md): 8 inputs, 8 layers of 16
// neurons, 10 000 rows. Seeded: the same body every run. Used by the worker-pool tests and by
// `npm run bench:abuse`.
import { MAX_FORWARD_ROWS } from "../../lib/api/forward";
import type { Network } from "../../lib/network/schema";
import { randomNetwork, randomRows, seededRandom } from "./random-network";

export function heavyNetwork(seed = 9): Network {
  return randomNetwork(seededRandom(seed), {
    inputs: 8,
    layerSizes: Array.from({ length: 8 }, () => 16),
    scale: 1,
    activations: ["tanh"],
  });
}

export function heavyForwardBody(rows = MAX_FORWARD_ROWS, seed = 9): string {
  const inputs = randomRows(seededRandom(seed + 1), rows, 8, 1).map((row) => row.map((v) => Math.round(v * 1e4) / 1e4));
  return JSON.stringify({ network: heavyNetwork(seed), inputs });
}
