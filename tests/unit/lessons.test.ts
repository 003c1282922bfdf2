import { describe, expect, it } from "vitest";
import { parseExercise, type Exercise } from "../../lib/exercise/schema";
import {
  LESSONS,
  lessonBySlug,
  RELU_LESSON_INPUT_RANGE,
  XOR_ALL_LINEAR_VARIANTS,
  XOR_CORNERS,
  xorAllLinearVariant,
  type Lesson,
} from "../../lib/lessons";
import { ACTIVATION_FUNCTIONS } from "../../lib/network/activations";
import { collapseLinear, equivalentNetwork } from "../../lib/network/collapse";
import { neuronActivation } from "../../lib/network/model";
import { referenceForwardRow, type RowResult } from "../../lib/network/reference";
import type { Network } from "../../lib/network/schema";
import { fullLesson } from "../../server/lessons/answer-keys";
import { randomNetwork, randomRows, seededRandom } from "../helpers/random-network";

function lesson(slug: string): Lesson {
  const found = lessonBySlug(slug);
  if (!found) throw new Error(`no lesson ${slug}`);
  return found;
}

function forward(net: Network, inputs: readonly number[]): RowResult {
  return referenceForwardRow(net, inputs);
}

/** z and a of neuron `j` of layer `l`. */
function neuron(net: Network, inputs: readonly number[], l: number, j: number): { z: number; a: number } {
  const layer = forward(net, inputs).layers[l]!;
  return { z: layer.z[j]!, a: layer.a[j]! };
}

function output(net: Network, inputs: readonly number[]): number {
  return forward(net, inputs).layers.at(-1)!.a[0]!;
}

/** Both the English and the Chinese description show `text` (a number as the lesson writes it). */
function expectDescriptionsToShow(exercise: Exercise, ...texts: string[]) {
  for (const text of texts) {
    expect(exercise.description).toContain(text);
    expect(exercise.translations?.["zh-CN"]?.description).toContain(text);
  }
}

const CJK = /[\u4e00-\u9fff]/;

describe("the built-in lessons", () => {
  it("are the expected lessons, in teaching order", () => {
    expect(LESSONS.map((l) => l.slug)).toEqual([
      "seed-neuron",
      "on-off-myth",
      "what-is-passed-on",
      "tanh-vs-sigmoid",
      "relu-dead-neurons",
      "mixed-activations",
      "linear-collapse",
      "xor-needs-nonlinearity",
      "xor-by-training",
      "step-cannot-learn",
      "dead-relus-while-training",
      "sigmoid-vs-tanh-training",
    ]);
  });

  it("have unique kebab-case slugs, found by lessonBySlug", () => {
    const slugs = LESSONS.map((l) => l.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const l of LESSONS) {
      expect(l.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(lessonBySlug(l.slug)).toBe(l);
    }
    expect(lessonBySlug("no-such-lesson")).toBeUndefined();
  });

  it.each(LESSONS.map((l) => [l.slug, l] as const))("%s is a valid exercise, unchanged by parsing", (_, l) => {
    const parsed = parseExercise(structuredClone(l.exercise));
    expect(parsed).toEqual({ ok: true, value: l.exercise });
  });

  it.each(LESSONS.map((l) => [l.slug, l] as const))("%s has an English and a Chinese title and description", (_, l) => {
    const { exercise } = l;
    expect(exercise.locale).toBe("en");
    expect(exercise.title.trim()).not.toBe("");
    expect(exercise.description.trim()).not.toBe("");
    expect(CJK.test(exercise.title + exercise.description)).toBe(false);
    const zh = exercise.translations?.["zh-CN"];
    expect(zh?.title.trim()).toBeTruthy();
    expect(zh?.description?.trim()).toBeTruthy();
    expect(CJK.test(zh!.title)).toBe(true);
    expect(CJK.test(zh!.description!)).toBe(true);
  });

  it.each(LESSONS.map((l) => [l.slug, l] as const))("%s has 1–3 rounds, each asked in English and Chinese", (_, l) => {
    const { rounds } = l.exercise;
    expect(rounds.length).toBeGreaterThanOrEqual(1);
    expect(rounds.length).toBeLessThanOrEqual(3);
    for (const round of rounds) {
      expect(round.prompt?.en?.trim()).toBeTruthy();
      expect(round.prompt?.["zh-CN"]?.trim()).toBeTruthy();
      expect(CJK.test(round.prompt!["zh-CN"]!)).toBe(true);
      for (const choice of round.choices ?? []) {
        expect(choice.en?.trim()).toBeTruthy();
        expect(choice["zh-CN"]?.trim()).toBeTruthy();
      }
      if (round.kind === "output" || round.kind === "z") expect(round.tolerance).toBeDefined();
    }
  });

  it.each(LESSONS.map((l) => [l.slug, l] as const))("%s opens with input values and a focus that exist", (_, l) => {
    const net = l.exercise.network;
    expect(l.exercise.inputValues).toHaveLength(net.inputs.length);
    if (l.focus) expect(net.layers[l.focus.layer]?.neurons[l.focus.neuron]).toBeDefined();
  });

  it.each(LESSONS.map((l) => [l.slug, l] as const))("%s: every neuron has a label, unique in the network", (_, l) => {
    const labels = l.exercise.network.layers.flatMap((layer) => layer.neurons.map((n) => n.label));
    for (const label of labels) expect(label).toBeTruthy();
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("are frozen: nobody can change a built-in lesson in place", () => {
    for (const l of LESSONS) {
      expect(Object.isFrozen(l)).toBe(true);
      expect(Object.isFrozen(l.exercise.network.layers[0]!.neurons[0]!.weights)).toBe(true);
    }
    expect(Object.isFrozen(LESSONS)).toBe(true);
  });
});

describe("each lesson's claim, computed with the reference", () => {
  it("seed-neuron: z = 0.8, output 0.690; the next neuron gets 2×0.690 + 0.1 = 1.48", () => {
    const { exercise } = lesson("seed-neuron");
    const net = exercise.network;
    const h1 = neuron(net, [1, 1], 0, 0);
    expect(h1.z).toBeCloseTo(0.8, 12);
    expect(h1.a.toFixed(3)).toBe("0.690");
    const o1 = neuron(net, [1, 1], 1, 0);
    expect(o1.z).toBeCloseTo(2 * h1.a + 0.1, 12);
    expect(o1.z.toFixed(2)).toBe("1.48");
    expect(o1.a.toFixed(3)).toBe("0.815");
    expect(exercise.inputValues).toEqual([1, 1]);
    expectDescriptionsToShow(exercise, "0.5×1 + 0.2×1 + 0.1 = 0.8", "sigmoid(0.8) = 0.690", "2×0.690 + 0.1 = 1.48");
    expectDescriptionsToShow(exercise, "sigmoid(1.48) = 0.815");
  });

  it("on-off-myth: same z = 0.8, outputs 1, 0.690 and 0.8; only the step neuron is binary", () => {
    const { exercise } = lesson("on-off-myth");
    const net = exercise.network;
    const layer = forward(net, [1, 1]).layers[0]!;
    for (const z of layer.z) expect(z).toBeCloseTo(0.8, 12);
    expect(layer.a.map((a) => Number(a.toFixed(3)))).toEqual([1, 0.69, 0.8]);
    expect(net.layers[0]!.neurons.map((n) => neuronActivation(net.layers[0]!, n))).toEqual([
      "step",
      "sigmoid",
      "linear",
    ]);
    // the three neurons differ only in their activation
    const [first, ...rest] = net.layers[0]!.neurons;
    for (const n of rest) expect([n.weights, n.bias]).toEqual([first!.weights, first!.bias]);
    // the rounds' inputs: z = −0.7, sigmoid 0.332, linear −0.7, and step 0
    const negative = forward(net, [-2, 1]).layers[0]!;
    expect(negative.z[0]).toBeCloseTo(-0.7, 12);
    expect(negative.a.map((a) => Number(a.toFixed(3)))).toEqual([0, 0.332, -0.7]);
    // across many inputs only h1 never leaves {0, 1}
    const rows = randomRows(seededRandom(3), 200, 2, 10);
    const values = (j: number) => rows.map((row) => forward(net, row).layers[0]!.a[j]!);
    expect(values(0).every((a) => a === 0 || a === 1)).toBe(true);
    expect(values(1).every((a) => a > 0 && a < 1)).toBe(true);
    expect(values(2).some((a) => a < 0 || a > 1)).toBe(true);
    expect(fullLesson("on-off-myth")!.rounds[2]!.answer).toBe(0);
    expectDescriptionsToShow(exercise, "0.690", "0.8", "(0, 1)");
  });

  it("what-is-passed-on: the next layer weighs h1's output (1 and 3), not its inputs", () => {
    const { exercise } = lesson("what-is-passed-on");
    const net = exercise.network;
    const hidden = net.layers[0]!.neurons;
    const next = net.layers[1]!.neurons;
    expect(next.map((n) => n.weights[0])).toEqual([1, 3]);
    for (const inputs of [[1, 1], ...randomRows(seededRandom(5), 50, 2, 4)]) {
      const { layers } = forward(net, inputs);
      const h = layers[0]!.a;
      next.forEach((n, j) => {
        const received = n.weights.reduce((sum, w, k) => sum + w * h[k]!, n.bias);
        expect(layers[1]!.z[j]).toBeCloseTo(received, 12);
      });
    }
    // at x1 = x2 = 1 the two readings differ: w·(h's output) + b is what happens, w·(h's inputs) + b is not
    const { layers } = forward(net, [1, 1]);
    expect(layers[0]!.a[0]!.toFixed(3)).toBe("0.690");
    expect(layers[0]!.a[1]).toBe(0.5);
    expect(layers[1]!.z.map((z) => z.toFixed(3))).toEqual(["1.690", "1.570"]);
    const fromInputs = next.map((n) => n.weights.reduce((sum, w) => sum + w * 1, n.bias));
    layers[1]!.z.forEach((z, j) => expect(Math.abs(z - fromInputs[j]!)).toBeGreaterThan(0.25));
    expect(hidden[0]).toMatchObject({ weights: [0.5, 0.2], bias: 0.1 });
    const choice = fullLesson("what-is-passed-on")!.rounds.find((r) => r.kind === "choice")!;
    expect(choice.choices![choice.answer!]!.en).toBe("its output");
    expect(choice.choices!.map((c) => c.en)).toEqual(["its inputs", "its weights", "its output", "its bias"]);
    expectDescriptionsToShow(exercise, "1×0.690 + 2×0.5 = 1.690", "3×0.690 − 1×0.5 = 1.570");
  });

  it("tanh-vs-sigmoid: tanh(0.8) = 0.664, sigmoid(0.8) = 0.690, and o = 2·sigmoid(2z) − 1 = tanh(z)", () => {
    const { exercise } = lesson("tanh-vs-sigmoid");
    const net = exercise.network;
    const at = forward(net, [1, 1]).layers[0]!;
    expect(at.z[0]).toBeCloseTo(0.8, 12);
    expect(at.z[1]).toBe(at.z[0]);
    expect(at.a[0]!.toFixed(3)).toBe("0.664");
    expect(at.a[1]!.toFixed(3)).toBe("0.690");
    // zero-centred: at z = 0 tanh gives 0, sigmoid 0.5
    const zero = forward(net, [0, -0.5]).layers[0]!;
    expect(zero.z[0]).toBe(0);
    expect(zero.a[0]).toBe(0);
    expect(zero.a[1]).toBe(0.5);
    expect(forward(net, [-2, 1]).layers[0]!.a[0]!.toFixed(3)).toBe("-0.604");
    // the identity, in the network and on its own
    for (const inputs of randomRows(seededRandom(11), 200, 2, 8)) {
      const { layers } = forward(net, inputs);
      expect(layers[1]!.a[0]).toBeCloseTo(layers[0]!.a[0]!, 12);
      expect(layers[0]!.a[0]).toBeGreaterThan(-1);
      expect(layers[0]!.a[0]).toBeLessThan(1);
      expect(layers[0]!.a[1]).toBeGreaterThanOrEqual(0);
      expect(layers[0]!.a[1]).toBeLessThanOrEqual(1);
    }
    for (let z = -10; z <= 10; z += 0.25) {
      expect(ACTIVATION_FUNCTIONS.tanh(z)).toBeCloseTo(2 * ACTIVATION_FUNCTIONS.sigmoid(2 * z) - 1, 12);
    }
    expectDescriptionsToShow(exercise, "tanh(0.8) = 0.664", "sigmoid(0.8) = 0.690", "tanh(z) = 2·sigmoid(2z) − 1");
  });

  it("relu-dead-neurons: h2 outputs 0 on a 25×25 grid over −6…6, h1 does not", () => {
    const { exercise } = lesson("relu-dead-neurons");
    const net = exercise.network;
    const { min, max } = RELU_LESSON_INPUT_RANGE;
    expect([min, max]).toEqual([-6, 6]);
    const grid: number[] = Array.from({ length: 25 }, (_, i) => min + ((max - min) * i) / 24);
    let live = 0;
    let maxDeadZ = -Infinity;
    for (const x1 of grid) {
      for (const x2 of grid) {
        const { z, a } = forward(net, [x1, x2]).layers[0]!;
        expect(a[1]).toBe(0);
        maxDeadZ = Math.max(maxDeadZ, z[1]!);
        if (a[0]! > 0) live++;
      }
    }
    expect(maxDeadZ).toBe(-3);
    expect(live).toBeGreaterThan(25 * 12);
    expect(neuron(net, [1, 1], 0, 0).a).toBe(3);
    expect(net.layers[0]!.neurons[1]!.bias).toBe(-15);
    expectDescriptionsToShow(exercise, "6 + 6 − 15 = −3");
  });

  it("mixed-activations: relu(0.8) = 0.8, relu(−0.3) = 0, tanh(0.8) = 0.664, then sigmoid(0.636) = 0.654", () => {
    const { exercise } = lesson("mixed-activations");
    const net = exercise.network;
    const activations = net.layers.map((layer) => layer.neurons.map((n) => neuronActivation(layer, n)));
    expect(activations).toEqual([["relu", "relu", "tanh"], ["sigmoid"]]);
    const { layers } = forward(net, [1, 1]);
    expect(layers[0]!.z.map((z) => z.toFixed(3))).toEqual(["0.800", "-0.300", "0.800"]);
    expect(layers[0]!.a.map((a) => a.toFixed(3))).toEqual(["0.800", "0.000", "0.664"]);
    expect(layers[1]!.z[0]!.toFixed(3)).toBe("0.636");
    expect(layers[1]!.a[0]!.toFixed(3)).toBe("0.654");
    expectDescriptionsToShow(exercise, "relu(0.8) = 0.8", "relu(−0.3) = 0", "tanh(0.8) = 0.664");
    expectDescriptionsToShow(exercise, "0.8 + 0 − 0.664 + 0.5 = 0.636", "sigmoid(0.636) = 0.654");
  });

  it("linear-collapse: the 2-3-3-1 network equals o = −1.25·x1 + 2.75·x2 − 0.3", () => {
    const { exercise } = lesson("linear-collapse");
    const net = exercise.network;
    expect([net.inputs.length, ...net.layers.map((l) => l.neurons.length)]).toEqual([2, 3, 3, 1]);
    const collapsed = collapseLinear(net);
    if (!collapsed.ok) throw new Error("the lesson network must collapse");
    expect(collapsed.layer.weights).toEqual([[-1.25, 2.75]]);
    expect(collapsed.layer.biases[0]).toBeCloseTo(-0.3, 12);
    const single = equivalentNetwork(net, collapsed.layer);
    if (!single.ok) throw new Error("the equivalent network must fit the format");
    for (const inputs of [[1, 1], [2, -1], ...randomRows(seededRandom(13), 100, 2, 20)]) {
      expect(output(single.network, inputs)).toBeCloseTo(output(net, inputs), 10);
    }
    expect(output(net, [1, 1])).toBeCloseTo(1.2, 12);
    expect(output(net, [2, -1])).toBeCloseTo(-5.55, 12);
    expectDescriptionsToShow(exercise, "o = −1.25·x1 + 2.75·x2 − 0.3", "1.2", "−5.55");
    // one ReLU breaks it
    const broken = structuredClone(net);
    broken.layers[1]!.neurons[1]!.activation = "relu";
    expect(collapseLinear(broken)).toEqual({ ok: false, breakers: [{ layer: 1, neuron: 1, activation: "relu" }] });
  });

  it("xor-needs-nonlinearity: the step network is exactly XOR on the four corners", () => {
    const { exercise } = lesson("xor-needs-nonlinearity");
    const net = exercise.network;
    expect([net.inputs.length, ...net.layers.map((l) => l.neurons.length)]).toEqual([2, 2, 1]);
    for (const [x1, x2, xor] of XOR_CORNERS) {
      const { layers } = forward(net, [x1, x2]);
      expect(layers[1]!.a[0]).toBe(xor);
      expect(layers[0]!.a).toEqual([x1 || x2 ? 1 : 0, x1 && x2 ? 1 : 0]); // OR, AND
    }
    expect(XOR_CORNERS.map(([, , xor]) => xor)).toEqual([0, 1, 1, 0]);
  });

  it("xor-needs-nonlinearity: no all-linear variant the lesson offers computes XOR", () => {
    expect(XOR_ALL_LINEAR_VARIANTS.length).toBeGreaterThanOrEqual(1);
    expect(XOR_ALL_LINEAR_VARIANTS).toContain(xorAllLinearVariant);
    const lessonNet = lesson("xor-needs-nonlinearity").exercise.network;
    for (const variant of XOR_ALL_LINEAR_VARIANTS) {
      expect(collapseLinear(variant).ok).toBe(true);
      expect(variant.inputs).toEqual(lessonNet.inputs);
      const f = XOR_CORNERS.map(([x1, x2]) => output(variant, [x1, x2]));
      // not XOR, not even after thresholding at 0.5
      const thresholded = f.map((y) => (y > 0.5 ? 1 : 0));
      expect(thresholded).not.toEqual([0, 1, 1, 0]);
      expect(f.some((y, i) => Math.abs(y - XOR_CORNERS[i]![2]) > 0.25)).toBe(true);
    }
    // the lesson's own network made linear: 0.5 on every corner
    expect(XOR_CORNERS.map(([x1, x2]) => output(xorAllLinearVariant, [x1, x2]))).toEqual([0.5, 0.5, 0.5, 0.5]);
    // same weights and biases as the lesson, only the activations differ
    expect(xorAllLinearVariant.layers.map((l) => l.neurons.map((n) => [n.weights, n.bias]))).toEqual(
      lessonNet.layers.map((l) => l.neurons.map((n) => [n.weights, n.bias])),
    );
    expectDescriptionsToShow(lesson("xor-needs-nonlinearity").exercise, "f(0,0) + f(1,1) = f(0,1) + f(1,0)");
  });

  it("any all-linear network has f(0,0) + f(1,1) = f(0,1) + f(1,0), which XOR violates", () => {
    const random = seededRandom(2024);
    const shapes = [[1], [2, 1], [3, 3, 1], [4, 2, 5, 1], [8, 8, 8, 8, 3]];
    for (const layerSizes of shapes) {
      for (let trial = 0; trial < 40; trial++) {
        const net = randomNetwork(random, { inputs: 2, layerSizes, scale: 2, activations: ["linear"] });
        for (let j = 0; j < layerSizes.at(-1)!; j++) {
          const f = (x1: number, x2: number) => forward(net, [x1, x2]).layers.at(-1)!.a[j]!;
          const left = f(0, 0) + f(1, 1);
          const right = f(0, 1) + f(1, 0);
          const scale = Math.max(1, Math.abs(f(0, 0)), Math.abs(f(1, 1)), Math.abs(f(0, 1)), Math.abs(f(1, 0)));
          expect(Math.abs(left - right)).toBeLessThanOrEqual(1e-9 * scale);
        }
      }
    }
    // XOR: 0 + 0 ≠ 1 + 1
    const xor = (x1: number, x2: number) => XOR_CORNERS.find(([a, b]) => a === x1 && b === x2)![2];
    expect(xor(0, 0) + xor(1, 1)).not.toBe(xor(0, 1) + xor(1, 0));
  });

  it("every round's right answer is a finite number the reference computes", () => {
    for (const l of LESSONS) {
      for (const round of l.exercise.rounds) {
        const { z, a } = neuron(l.exercise.network, round.inputs, round.neuron.layer, round.neuron.index);
        expect(Number.isFinite(z) && Number.isFinite(a)).toBe(true);
      }
    }
  });
});
