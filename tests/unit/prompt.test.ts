// A lesson's questions follow the network: "{h1.activation}" is h1's activation as it is now, and
// no built-in lesson's question states a neuron's activation in fixed words.
import { describe, expect, it } from "vitest";
import { resolveLocalized, resolvePrompt } from "../../lib/exercise/prompt";
import { LESSONS, lessonBySlug } from "../../lib/lessons";
import { applyEdit } from "../../lib/network/ops";

describe("resolvePrompt", () => {
  const seed = lessonBySlug("seed-neuron")!.exercise;

  it("fills in a neuron's activation as the network has it now", () => {
    const prompt = seed.rounds.find((r) => r.prompt?.en?.includes("{h1.activation}"))!.prompt!;
    expect(resolvePrompt(prompt.en!, seed.network)).toBe("h1 uses sigmoid. What is its output?");
    const changed = applyEdit(
      { network: seed.network, inputValues: [1, 1] },
      { type: "setActivation", layer: 0, neuron: 0, activation: "relu" },
    );
    if (!changed.ok) throw new Error(changed.error.message);
    expect(resolveLocalized(prompt, changed.state.network)).toEqual({
      en: "h1 uses ReLU. What is its output?",
      "zh-CN": "h1 的激活函数是 ReLU。它的输出是多少？",
    });
  });

  it("leaves unknown names and other braces as they are", () => {
    expect(resolvePrompt("{h9.activation} {h1} {x}", seed.network)).toBe("{h9.activation} {h1} {x}");
  });
});

describe("built-in lessons", () => {
  it("no question states a neuron's activation in fixed words (they say {name.activation})", () => {
    const fixed = /\b(h\d(\.\d)?|o\d?)\s*(uses|[（(])\s*(step|linear|sigmoid|tanh|ReLU|leaky ?ReLU|softplus|线性函数)/i;
    const fixedZh = /(h\d|o\d?)\s*的激活函数是\s*(sigmoid|tanh|ReLU|step|linear)/i;
    for (const lesson of LESSONS) {
      for (const round of lesson.exercise.rounds) {
        for (const text of Object.values(round.prompt ?? {})) {
          expect(text, lesson.slug).not.toMatch(fixed);
          expect(text, lesson.slug).not.toMatch(fixedZh);
          expect(resolvePrompt(text ?? "", lesson.exercise.network), lesson.slug).not.toMatch(/\.activation\}/);
        }
      }
    }
  });
});
