// The network format `activation-lab/network@1` (docs/network-format.md). This zod schema is
// the single source of the Network type: everything that reads a network from outside
// (HTTP bodies, socket events, imported files) goes through parseNetwork.
import { z } from "zod";
import { ACTIVATION_IDS } from "./activations";

export const NETWORK_FORMAT = "activation-lab/network@1";
export const LIMITS = {
  inputs: { min: 1, max: 8 },
  layers: { min: 1, max: 8 },
  neurons: { min: 1, max: 16 },
  param: { min: -100, max: 100 },
  inputValue: { min: -1000, max: 1000 },
  labelLength: 40,
} as const;

/**
 * An index into a network — an input, a layer, a neuron of a layer or a weight — the one schema
 * of every index a client sends. Whether it points at something is for the network to say.
 */
export const indexSchema = z
  .number()
  .int()
  .min(0)
  .max(LIMITS.neurons.max - 1);

export const activationSchema = z.enum(ACTIVATION_IDS, {
  error: () => `must be one of ${ACTIVATION_IDS.join(", ")}`,
});

const param = z
  .number({ error: "must be a finite number" })
  .min(LIMITS.param.min, `must be at least ${LIMITS.param.min}`)
  .max(LIMITS.param.max, `must be at most ${LIMITS.param.max}`);

const label = z.string().trim().min(1, "must not be empty").max(LIMITS.labelLength);

export const neuronSchema = z.strictObject({
  weights: z.array(param),
  bias: param,
  activation: activationSchema.optional(),
  label: label.optional(),
});

export const layerSchema = z.strictObject({
  activation: activationSchema,
  neurons: z
    .array(neuronSchema)
    .min(LIMITS.neurons.min, `needs at least ${LIMITS.neurons.min} neuron`)
    .max(LIMITS.neurons.max, `allows at most ${LIMITS.neurons.max} neurons`),
  label: label.optional(),
});

export const networkSchema = z
  .strictObject({
    format: z.literal(NETWORK_FORMAT, { error: `must be "${NETWORK_FORMAT}"` }),
    inputs: z
      .array(label)
      .min(LIMITS.inputs.min, `needs at least ${LIMITS.inputs.min} input`)
      .max(LIMITS.inputs.max, `allows at most ${LIMITS.inputs.max} inputs`),
    layers: z
      .array(layerSchema)
      .min(LIMITS.layers.min, `needs at least ${LIMITS.layers.min} layer`)
      .max(LIMITS.layers.max, `allows at most ${LIMITS.layers.max} layers`),
  })
  .superRefine((net, ctx) => {
    // each neuron has one weight per neuron of the layer before it (or per input)
    let previous = net.inputs.length;
    net.layers.forEach((layer, l) => {
      layer.neurons.forEach((neuron, j) => {
        if (neuron.weights.length !== previous) {
          const source = l === 0 ? "input" : `neuron of layer ${l - 1}`;
          ctx.addIssue({
            code: "custom",
            path: ["layers", l, "neurons", j, "weights"],
            message: `needs ${previous} weights (one per ${source}), got ${neuron.weights.length}`,
          });
        }
      });
      previous = layer.neurons.length;
    });
  });

export type Network = z.infer<typeof networkSchema>;
export type Layer = z.infer<typeof layerSchema>;
export type Neuron = z.infer<typeof neuronSchema>;

/** Input values of one row: finite numbers in [-1000, 1000]. */
export const inputValueSchema = z
  .number({ error: "must be a finite number" })
  .min(LIMITS.inputValue.min, `must be at least ${LIMITS.inputValue.min}`)
  .max(LIMITS.inputValue.max, `must be at most ${LIMITS.inputValue.max}`);
