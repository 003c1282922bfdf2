// The seed's worked example: 0.5×1 + 0.2×1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690, and the next
// neuron, which receives that 0.690.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { NETWORK_FORMAT } from "../network/schema";
import { defineLesson, STANDARD_TOLERANCE } from "./lesson";

export const seedNeuron = defineLesson({
  slug: "seed-neuron",
  focus: { layer: 0, neuron: 0 },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "The seed neuron",
    description:
      "One neuron h1 with inputs x1 = x2 = 1, weights 0.5 and 0.2, and bias 0.1. " +
      "Its weighted sum is z = 0.5×1 + 0.2×1 + 0.1 = 0.8, and its output is sigmoid(0.8) = 0.690. " +
      "That output, not the inputs, is what the next neuron o1 receives: with weight 2 and bias 0.1, " +
      "o1's weighted sum is 2×0.690 + 0.1 = 1.48, and its output is sigmoid(1.48) = 0.815.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "种子神经元",
        description:
          "神经元 h1 的输入为 x1 = x2 = 1，权重为 0.5 和 0.2，偏置为 0.1。" +
          "它的加权和 z = 0.5×1 + 0.2×1 + 0.1 = 0.8，输出为 sigmoid(0.8) = 0.690。" +
          "下一个神经元 o1 收到的是这个输出，而不是原始输入：o1 对它的权重为 2、偏置为 0.1，" +
          "加权和为 2×0.690 + 0.1 = 1.48，输出为 sigmoid(1.48) = 0.815。",
      },
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        { activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1, label: "h1" }] },
        { activation: "sigmoid", neurons: [{ weights: [2], bias: 0.1, label: "o1" }] },
      ],
    },
    inputValues: [1, 1],
    rounds: [
      {
        kind: "z",
        neuron: { layer: 0, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "With x1 = x2 = 1, what is h1's weighted sum z?",
          "zh-CN": "当 x1 = x2 = 1 时，h1 的加权和 z 是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "output",
        neuron: { layer: 0, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "h1 uses {h1.activation}. What is its output?",
          "zh-CN": "h1 的激活函数是 {h1.activation}。它的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "z",
        neuron: { layer: 1, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "o1 weighs h1 with 2 and has bias 0.1. What is o1's weighted sum z?",
          "zh-CN": "o1 对 h1 的权重是 2，偏置是 0.1。o1 的加权和 z 是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
    ],
  },
});
