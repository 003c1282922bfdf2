// The body of `POST /api/forward` (docs/api.md): `{"network": N, "inputs": [[1, 1], …]}`.
// Pure: parses an untrusted body into a network and rows, or a named refusal with a dotted path.
import { z } from "zod";
import { parseNetwork } from "../network/parse";
import { inputValueSchema, type Network } from "../network/schema";
import { parseWith, refuseField, type Parsed, type Refusal } from "../validation";

export const MAX_FORWARD_ROWS = 10_000;

/**
 * What the answer holds: "layers" (the default, Contract 2 of DESIGN.md) every layer's z and a per
 * row; "outputs" only the output layer's a per row (`{"outputs": [[…], …]}`), some 30× smaller.
 */
export const FORWARD_ANSWERS = ["layers", "outputs"] as const;
export type ForwardAnswer = (typeof FORWARD_ANSWERS)[number];

export interface ForwardRequest {
  network: Network;
  inputs: number[][];
  answer: ForwardAnswer;
}

const envelopeSchema = z.strictObject({
  network: z.record(z.string(), z.unknown(), { error: "must be a network object" }),
  inputs: z.array(z.unknown(), { error: "must be an array of input rows" }),
  return: z.enum(FORWARD_ANSWERS, { error: 'must be "layers" or "outputs"' }).optional(),
});

export function parseForwardRequest(body: unknown): Parsed<ForwardRequest> {
  const envelope = parseWith(envelopeSchema, "invalid_request", body);
  if (!envelope.ok) return envelope;
  const { inputs } = envelope.value;

  if (inputs.length === 0) return refuseField("invalid_inputs", "inputs", "needs at least 1 row");
  if (inputs.length > MAX_FORWARD_ROWS) {
    return refuseField("too_many_rows", "inputs", `allows at most ${MAX_FORWARD_ROWS} rows, got ${inputs.length}`);
  }

  const network = parseNetwork(envelope.value.network);
  if (!network.ok) return { ok: false, error: prefixed(network.error, "network") };

  const rows = parseRows(inputs, network.value.inputs.length);
  if (!rows.ok) return rows;
  return { ok: true, value: { network: network.value, inputs: rows.value, answer: envelope.value.return ?? "layers" } };
}

/** Each row: exactly one finite value in [-1000, 1000] per network input. */
function parseRows(inputs: readonly unknown[], width: number): Parsed<number[][]> {
  const rows: number[][] = [];
  for (let r = 0; r < inputs.length; r++) {
    const row = inputs[r];
    if (!Array.isArray(row)) return refuseField("invalid_inputs", `inputs.${r}`, "must be an array of numbers");
    if (row.length !== width) {
      return refuseField(
        "invalid_inputs",
        `inputs.${r}`,
        `needs ${width} value${width === 1 ? "" : "s"} (one per network input), got ${row.length}`,
      );
    }
    for (let k = 0; k < width; k++) {
      const value = inputValueSchema.safeParse(row[k]);
      if (!value.success) {
        return refuseField("invalid_inputs", `inputs.${r}.${k}`, value.error.issues[0]?.message ?? "invalid value");
      }
    }
    rows.push(row as number[]);
  }
  return { ok: true, value: rows };
}

/** `layers.0.weights` inside the body's network is `network.layers.0.weights` of the request. */
function prefixed(error: Refusal, prefix: string): Refusal {
  const path = error.path ? `${prefix}.${error.path}` : prefix;
  const message = error.path ? `${prefix}.${error.message}` : `${prefix}: ${error.message}`;
  return { ...error, path, message };
}
