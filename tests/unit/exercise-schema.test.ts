import { describe, expect, it } from "vitest";
import { EXERCISE_FORMAT, initialInputValues, localizedTitle, parseExercise } from "../../lib/exercise/schema";
import { NETWORK_FORMAT } from "../../lib/network/schema";
import { forkTitles } from "../../lib/api/exercises";

const exercise = {
  format: EXERCISE_FORMAT,
  title: "The seed neuron",
  translations: { "zh-CN": { title: "种子神经元" } },
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [
      { activation: "step", neurons: [{ weights: [0.5, 0.2], bias: 0.1 }] },
      { activation: "sigmoid", neurons: [{ weights: [1], bias: 0 }] },
    ],
  },
  rounds: [
    { kind: "output", neuron: { layer: 1, index: 0 }, inputs: [1, 1], tolerance: { full: 0.01, zero: 0.5 } },
    { kind: "fires", neuron: { layer: 0, index: 0 }, inputs: [-1, 0] },
    {
      kind: "choice",
      neuron: { layer: 0, index: 0 },
      inputs: [1, 1],
      prompt: { en: "What does the next neuron receive?", "zh-CN": "下一个神经元收到什么？" },
      choices: [{ en: "the inputs" }, { en: "the output" }],
      answer: 1,
    },
  ],
};

describe("parseExercise", () => {
  it("accepts a full exercise and fills defaults", () => {
    const result = parseExercise(exercise);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.description).toBe("");
    expect(result.value.locale).toBe("en");
    expect(initialInputValues(result.value)).toEqual([1, 1]);
    expect(localizedTitle(result.value, "zh-CN").title).toBe("种子神经元");
    expect(localizedTitle(result.value, "en").title).toBe("The seed neuron");
  });

  it.each<[string, (e: typeof exercise & Record<string, unknown>) => void, string]>([
    ["a missing title", (e) => delete (e as Partial<typeof exercise>).title, "title"],
    ["an empty title", (e) => (e.title = "   "), "title"],
    ["a wrong format", (e) => (e.format = "activation-lab/network@1"), "format"],
    [
      "an invalid network",
      (e) => e.network.layers[0]!.neurons[0]!.weights.push(1),
      "network.layers.0.neurons.0.weights",
    ],
    ["a round on a missing neuron", (e) => (e.rounds[0]!.neuron = { layer: 1, index: 3 }), "rounds.0.neuron"],
    ["a round with the wrong input count", (e) => (e.rounds[0]!.inputs = [1]), "rounds.0.inputs"],
    ["'fires' on a sigmoid neuron", (e) => (e.rounds[1]!.neuron = { layer: 1, index: 0 }), "rounds.1.kind"],
    ["a choice answer out of range", (e) => (e.rounds[2]!.answer = 4), "rounds.2.answer"],
    ["an inverted tolerance", (e) => (e.rounds[0]!.tolerance = { full: 0.5, zero: 0.1 }), "rounds.0.tolerance.zero"],
    ["an unknown locale", (e) => (e.locale = "fr"), "locale"],
  ])("refuses %s, naming %s", (_, change, path) => {
    const copy = structuredClone(exercise) as typeof exercise & Record<string, unknown>;
    change(copy);
    const result = parseExercise(copy);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("invalid_exercise");
      expect(result.error.path).toBe(path);
    }
  });
});

describe("a fork's titles", () => {
  it("marks the copy in every language the exercise has, within 120 characters", () => {
    const base = parseExercise({ ...exercise, title: "AND gate", translations: { "zh-CN": { title: "与门" } } });
    if (!base.ok) throw new Error(base.error.message);
    expect(forkTitles(base.value, 1)).toMatchObject({
      title: "AND gate (copy)",
      translations: { "zh-CN": { title: "与门（副本）" } },
    });
    expect(forkTitles(base.value, 3)).toMatchObject({
      title: "AND gate (copy 3)",
      translations: { "zh-CN": { title: "与门（副本 3）" } },
    });
    const long = forkTitles({ ...base.value, title: "x".repeat(120) }, 12).title;
    expect(long).toHaveLength(120);
    expect(long.endsWith(" (copy 12)")).toBe(true);
  });
});
