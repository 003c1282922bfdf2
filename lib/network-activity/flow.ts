// The arithmetic of "Be the network", pure: who computes which neuron, what a neuron's students
// agreed on, what the kernel says a layer should compute given what it received, and what a
// layer passes on. lib/session/network-activity.ts turns these into session changes.
import type { RowResult } from "../network/reference";
import type { Network } from "../network/schema";
import type {
  ActivityMode,
  ActivityRecord,
  AgreedValue,
  LayerRecord,
  NeuronRef,
  NeuronValue,
  Submission,
} from "./model";

/** A precise forward pass (the server's wasm kernel). */
export type ForwardPass = (net: Network, rows: readonly (readonly number[])[]) => RowResult[];

export type Members = readonly (readonly (readonly string[])[])[];

/** Every neuron of `net`, layer by layer. */
export function neuronRefs(net: Network): NeuronRef[] {
  return net.layers.flatMap((layer, l) => layer.neurons.map((_, index) => ({ layer: l, index })));
}

function emptyMembers(net: Network): string[][][] {
  return net.layers.map((layer) => layer.neurons.map(() => []));
}

/**
 * Round-robin: student k computes neuron k (in layer order), and the counting goes on around
 * whichever runs out first — a class bigger than the network puts several students on a neuron, a
 * smaller one gives a student several neurons (in different layers, so never two at once).
 */
export function roundRobin(net: Network, participantIds: readonly string[]): string[][][] {
  const members = emptyMembers(net);
  const refs = neuronRefs(net);
  if (participantIds.length === 0) return members;
  const count = Math.max(participantIds.length, refs.length);
  for (let i = 0; i < count; i++) {
    const ref = refs[i % refs.length]!;
    const id = participantIds[i % participantIds.length]!;
    const list = members[ref.layer]![ref.index]!;
    if (!list.includes(id)) list.push(id);
  }
  return members;
}

/** The neurons `participantId` computes, in layer order. */
export function neuronsOf(members: Members, participantId: string): NeuronRef[] {
  return members.flatMap((layer, l) =>
    layer.flatMap((ids, index) => (ids.includes(participantId) ? [{ layer: l, index }] : [])),
  );
}

/** `participantId` computes exactly `neurons` from now on (taken off every other). */
export function reassign(members: Members, participantId: string, neurons: readonly NeuronRef[]): string[][][] {
  return members.map((layer, l) =>
    layer.map((ids, index) => {
      const rest = ids.filter((id) => id !== participantId);
      return neurons.some((n) => n.layer === l && n.index === index) ? [...rest, participantId] : rest;
    }),
  );
}

/**
 * A student who joins late: the neuron with the fewest students among the layers still to be
 * computed (ties: the earliest), so they have something to do. Unchanged when they have a neuron
 * already or every layer is done.
 */
export function assignLate(record: ActivityRecord, participantId: string): string[][][] | null {
  const members = record.members;
  if (neuronsOf(members, participantId).length > 0) return null;
  let best: NeuronRef | null = null;
  let fewest = Infinity;
  for (let l = record.current; l < members.length; l++) {
    const layer = members[l]!;
    for (let index = 0; index < layer.length; index++) {
      if (layer[index]!.length < fewest) {
        fewest = layer[index]!.length;
        best = { layer: l, index };
      }
    }
  }
  if (!best) return null;
  return reassign(members, participantId, [...neuronsOf(members, participantId), best]);
}

/** Do two answers agree (z and f(z) both within `tolerance`)? Also: is an answer right? */
export function close(x: NeuronValue, y: NeuronValue, tolerance: number): boolean {
  return Math.abs(x.z - y.z) <= tolerance && Math.abs(x.a - y.a) <= tolerance;
}

/** Each student's last answer for one neuron, in the order of those answers. */
export function latestAnswers(submissions: readonly Submission[], layer: number, index: number): Submission[] {
  const last = new Map<string, Submission>();
  for (const s of submissions) {
    if (s.layer !== layer || s.index !== index) continue;
    last.delete(s.participantId);
    last.set(s.participantId, s);
  }
  return [...last.values()].sort((x, y) => x.seq - y.seq);
}

/**
 * A neuron's agreed value: the answer that most of its students' answers are close to (within
 * `tolerance`); among equally supported ones, the earliest. Null: nobody answered.
 */
export function agree(answers: readonly Submission[], tolerance: number): AgreedValue | null {
  let best: { answer: Submission; by: string[] } | null = null;
  for (const answer of answers) {
    const by = answers.filter((other) => close(answer, other, tolerance)).map((other) => other.participantId);
    if (!best || by.length > best.by.length) best = { answer, by };
  }
  return best ? { z: best.answer.z, a: best.answer.a, by: best.by } : null;
}

/** Every neuron's agreed value in `layer`. */
export function agreedValues(record: ActivityRecord, submissions: readonly Submission[], layer: number) {
  return (record.members[layer] ?? []).map((_, index) =>
    agree(latestAnswers(submissions, layer, index), record.tolerance),
  );
}

/**
 * What the kernel computes for layer `layer` of `net` given `received` as its inputs: the layer on
 * its own, run by the same forward pass as everything else (so "given received" and "given true
 * inputs" are the same arithmetic, only the inputs differ).
 */
export function layerTruth(
  net: Network,
  layer: number,
  received: readonly number[],
  forward: ForwardPass,
): NeuronValue[] {
  const spec = net.layers[layer];
  if (!spec) throw new RangeError(`no layer ${layer}`);
  const alone: Network = { format: net.format, inputs: received.map((_, k) => `x${k + 1}`), layers: [spec] };
  const values = forward(alone, [received])[0]?.layers[0];
  if (!values) throw new Error("the forward pass gave no values");
  return spec.neurons.map((_, j) => ({ z: values.z[j] ?? Number.NaN, a: values.a[j] ?? Number.NaN }));
}

/** Every neuron's value given the true inputs. */
export function idealValues(net: Network, inputs: readonly number[], forward: ForwardPass): NeuronValue[][] {
  const row = forward(net, [inputs])[0];
  if (!row) throw new Error("the forward pass gave no values");
  return row.layers.map((values) => values.z.map((z, j) => ({ z, a: values.a[j] ?? Number.NaN })));
}

export function allFinite(values: readonly NeuronValue[]): boolean {
  return values.every((v) => Number.isFinite(v.z) && Number.isFinite(v.a));
}

/**
 * What a closed layer passes on to the next: as computed, each neuron's agreed output (a neuron
 * nobody answered passes the kernel's, so the class can go on); corrected, the kernel's output
 * given what the layer received.
 */
export function passedOn(layer: LayerRecord, mode: ActivityMode): number[] {
  const truth = layer.truth ?? [];
  return truth.map((t, j) => (mode === "corrected" ? t.a : (layer.values?.[j]?.a ?? t.a)));
}

/** Have all the students of every neuron of `layer` (those still in the session) answered? */
export function layerComplete(
  record: ActivityRecord,
  submissions: readonly Submission[],
  layer: number,
  present: ReadonlySet<string>,
): boolean {
  const neurons = record.members[layer] ?? [];
  return neurons.every((ids, index) => {
    const here = ids.filter((id) => present.has(id));
    if (here.length === 0) return false;
    const answered = new Set(latestAnswers(submissions, layer, index).map((s) => s.participantId));
    return here.every((id) => answered.has(id));
  });
}
