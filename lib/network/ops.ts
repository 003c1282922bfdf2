// Edits of a network and its input values, as data. The same pure applyEdit runs in the
// browser (solo editor, optimistic live edits, undo/redo) and on the server (the authority of
// a live session), so an edit means the same thing everywhere. The zod schema is the single
// source of the Edit type; every edit is validated before it is applied.
import { z } from "zod";
import { parseWith, refuse as refusal, type Refusal } from "../validation";
import { activationSchema, indexSchema, inputValueSchema, LIMITS, networkSchema } from "./schema";

const index = indexSchema;
const param = z.number().min(LIMITS.param.min).max(LIMITS.param.max);
const label = z.string().trim().min(1).max(LIMITS.labelLength);

export const editSchema = z.discriminatedUnion("type", [
  /** weight from neuron/input `from` of the previous layer into neuron `neuron` of `layer` */
  z.strictObject({ type: z.literal("setWeight"), layer: index, neuron: index, from: index, value: param }),
  z.strictObject({ type: z.literal("setBias"), layer: index, neuron: index, value: param }),
  /** null: the neuron uses its layer's activation again */
  z.strictObject({
    type: z.literal("setActivation"),
    layer: index,
    neuron: index,
    activation: activationSchema.nullable(),
  }),
  /** the layer's default; neurons that override it keep their own unless `clearOverrides` */
  z.strictObject({
    type: z.literal("setLayerActivation"),
    layer: index,
    activation: activationSchema,
    clearOverrides: z.boolean().optional(),
  }),
  /** a new neuron at the end of `layer`: zero weights in, zero weight out (changes no output) */
  z.strictObject({ type: z.literal("addNeuron"), layer: index }),
  z.strictObject({ type: z.literal("removeNeuron"), layer: index, neuron: index }),
  /** a new linear identity layer before layer `at` (or at the end): changes no output */
  z.strictObject({ type: z.literal("addLayer"), at: z.number().int().min(0).max(8) }),
  z.strictObject({ type: z.literal("removeLayer"), layer: index }),
  z.strictObject({ type: z.literal("addInput"), label: label.optional() }),
  z.strictObject({ type: z.literal("removeInput"), input: index }),
  z.strictObject({ type: z.literal("renameInput"), input: index, label }),
  z.strictObject({ type: z.literal("setInputValue"), input: index, value: inputValueSchema }),
  z.strictObject({
    type: z.literal("setNeuronLabel"),
    layer: index,
    neuron: index,
    label: label.nullable(),
  }),
  /** the whole network at once (load a lesson, adopt a sandbox, undo across a shape change) */
  z.strictObject({
    type: z.literal("replaceNetwork"),
    network: networkSchema,
    inputValues: z.array(inputValueSchema).optional(),
  }),
]);

export type Edit = z.infer<typeof editSchema>;
export type EditType = Edit["type"];

/** A network with the current input values (one per input): what every view shows. */
export const labStateSchema = z
  .strictObject({ network: networkSchema, inputValues: z.array(inputValueSchema) })
  .refine((lab) => lab.inputValues.length === lab.network.inputs.length, {
    message: "needs one input value per input",
    path: ["inputValues"],
  });
export type LabState = z.infer<typeof labStateSchema>;

export type EditResult = { ok: true; state: LabState } | { ok: false; error: Refusal };

/** Every edit refusal is `invalid_edit`. */
const refuse = (message: string, path?: string): EditResult => refusal("invalid_edit", message, path);

function assertNever(value: never): never {
  throw new Error(`unhandled edit ${JSON.stringify(value)}`);
}

/** Applies one (already validated) edit; returns a new state and never mutates `state`. */
export function applyEdit(state: LabState, edit: Edit): EditResult {
  const net = structuredClone(state.network);
  const inputValues = [...state.inputValues];
  const layerAt = (l: number) => net.layers[l];
  const done = (): EditResult => ({ ok: true, state: { network: net, inputValues } });

  switch (edit.type) {
    case "setWeight": {
      const neuron = layerAt(edit.layer)?.neurons[edit.neuron];
      if (!neuron) return refuse(`no neuron ${edit.neuron} in layer ${edit.layer}`, "neuron");
      if (edit.from >= neuron.weights.length) return refuse(`neuron has no weight ${edit.from}`, "from");
      neuron.weights[edit.from] = edit.value;
      return done();
    }
    case "setBias": {
      const neuron = layerAt(edit.layer)?.neurons[edit.neuron];
      if (!neuron) return refuse(`no neuron ${edit.neuron} in layer ${edit.layer}`, "neuron");
      neuron.bias = edit.value;
      return done();
    }
    case "setActivation": {
      const neuron = layerAt(edit.layer)?.neurons[edit.neuron];
      if (!neuron) return refuse(`no neuron ${edit.neuron} in layer ${edit.layer}`, "neuron");
      if (edit.activation === null) delete neuron.activation;
      else neuron.activation = edit.activation;
      return done();
    }
    case "setLayerActivation": {
      const layer = layerAt(edit.layer);
      if (!layer) return refuse(`no layer ${edit.layer}`, "layer");
      layer.activation = edit.activation;
      if (edit.clearOverrides) for (const neuron of layer.neurons) delete neuron.activation;
      return done();
    }
    case "setNeuronLabel": {
      const neuron = layerAt(edit.layer)?.neurons[edit.neuron];
      if (!neuron) return refuse(`no neuron ${edit.neuron} in layer ${edit.layer}`, "neuron");
      if (edit.label === null) delete neuron.label;
      else neuron.label = edit.label;
      return done();
    }
    case "addNeuron": {
      const layer = layerAt(edit.layer);
      if (!layer) return refuse(`no layer ${edit.layer}`, "layer");
      if (layer.neurons.length >= LIMITS.neurons.max) {
        return refuse(`a layer has at most ${LIMITS.neurons.max} neurons`, "layer");
      }
      const fanIn = edit.layer === 0 ? net.inputs.length : net.layers[edit.layer - 1]!.neurons.length;
      layer.neurons.push({ weights: new Array<number>(fanIn).fill(0), bias: 0 });
      for (const next of layerAt(edit.layer + 1)?.neurons ?? []) next.weights.push(0);
      return done();
    }
    case "removeNeuron": {
      const layer = layerAt(edit.layer);
      if (!layer?.neurons[edit.neuron]) return refuse(`no neuron ${edit.neuron} in layer ${edit.layer}`, "neuron");
      if (layer.neurons.length <= LIMITS.neurons.min) return refuse("a layer needs at least one neuron", "neuron");
      layer.neurons.splice(edit.neuron, 1);
      for (const next of layerAt(edit.layer + 1)?.neurons ?? []) next.weights.splice(edit.neuron, 1);
      return done();
    }
    case "addLayer": {
      if (edit.at > net.layers.length) return refuse(`cannot add a layer at ${edit.at}`, "at");
      if (net.layers.length >= LIMITS.layers.max) return refuse(`a network has at most ${LIMITS.layers.max} layers`);
      const width = edit.at === 0 ? net.inputs.length : net.layers[edit.at - 1]!.neurons.length;
      net.layers.splice(edit.at, 0, {
        activation: "linear",
        neurons: Array.from({ length: width }, (_, j) => ({
          weights: Array.from({ length: width }, (_, k) => (j === k ? 1 : 0)),
          bias: 0,
        })),
      });
      return done();
    }
    case "removeLayer": {
      if (!layerAt(edit.layer)) return refuse(`no layer ${edit.layer}`, "layer");
      if (net.layers.length <= LIMITS.layers.min) return refuse("a network needs at least one layer", "layer");
      net.layers.splice(edit.layer, 1);
      // the layer after it now reads what the removed layer read: fit its weights to that width
      const width = edit.layer === 0 ? net.inputs.length : net.layers[edit.layer - 1]!.neurons.length;
      for (const next of layerAt(edit.layer)?.neurons ?? []) resize(next.weights, width);
      return done();
    }
    case "addInput": {
      if (net.inputs.length >= LIMITS.inputs.max) return refuse(`a network has at most ${LIMITS.inputs.max} inputs`);
      net.inputs.push(edit.label ?? `x${net.inputs.length + 1}`);
      inputValues.push(0);
      for (const neuron of net.layers[0]!.neurons) neuron.weights.push(0);
      return done();
    }
    case "removeInput": {
      if (edit.input >= net.inputs.length) return refuse(`no input ${edit.input}`, "input");
      if (net.inputs.length <= LIMITS.inputs.min) return refuse("a network needs at least one input", "input");
      net.inputs.splice(edit.input, 1);
      inputValues.splice(edit.input, 1);
      for (const neuron of net.layers[0]!.neurons) neuron.weights.splice(edit.input, 1);
      return done();
    }
    case "renameInput": {
      if (edit.input >= net.inputs.length) return refuse(`no input ${edit.input}`, "input");
      net.inputs[edit.input] = edit.label;
      return done();
    }
    case "setInputValue": {
      if (edit.input >= net.inputs.length) return refuse(`no input ${edit.input}`, "input");
      inputValues[edit.input] = edit.value;
      return done();
    }
    case "replaceNetwork": {
      const values = edit.inputValues ?? fitInputValues(state.inputValues, edit.network.inputs.length);
      if (values.length !== edit.network.inputs.length) {
        return refuse(`needs ${edit.network.inputs.length} input values, got ${values.length}`, "inputValues");
      }
      return { ok: true, state: { network: structuredClone(edit.network), inputValues: [...values] } };
    }
    default:
      return assertNever(edit);
  }
}

function resize(weights: number[], width: number): void {
  if (weights.length > width) weights.length = width;
  while (weights.length < width) weights.push(0);
}

/** Keeps the values that still have an input, fills new inputs with 0. */
export function fitInputValues(values: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => values[i] ?? 0);
}

/** Parses an untrusted edit, then applies it: a bad edit is refused and changes nothing. */
export function parseAndApplyEdit(state: LabState, input: unknown): EditResult {
  const parsed = parseWith(editSchema, "invalid_edit", input);
  return parsed.ok ? applyEdit(state, parsed.value) : parsed;
}
