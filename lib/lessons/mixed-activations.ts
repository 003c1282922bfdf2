// A layer's activation is a default: one neuron overrides it (tanh among ReLUs); the output layer
// uses yet another (sigmoid).
import { EXERCISE_FORMAT } from "../exercise/schema";
import { NETWORK_FORMAT } from "../network/schema";
import { defineLesson, STANDARD_TOLERANCE } from "./lesson";

export const mixedActivations = defineLesson({
  slug: "mixed-activations",
  focus: { layer: 0, neuron: 2 },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "Different activations per layer (and per neuron)",
    description:
      "Each layer has a default activation, and any neuron can override it. " +
      "Here the hidden layer uses ReLU, except h3, which uses tanh; the output neuron o uses sigmoid. " +
      "At x1 = x2 = 1: h1 outputs relu(0.8) = 0.8, h2 outputs relu(−0.3) = 0, and h3 outputs tanh(0.8) = 0.664. " +
      "o weighs them with 1, 1 and −1 and adds its bias 0.5: z = 0.8 + 0 − 0.664 + 0.5 = 0.636, " +
      "and it outputs sigmoid(0.636) = 0.654.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "每层（甚至每个神经元）用不同的激活函数",
        description:
          "每一层都有一个默认的激活函数，而每个神经元都可以单独改用别的激活函数。" +
          "这里隐藏层默认使用 ReLU，只有 h3 改用 tanh；输出神经元 o 使用 sigmoid。" +
          "当 x1 = x2 = 1 时：h1 输出 relu(0.8) = 0.8，h2 输出 relu(−0.3) = 0，h3 输出 tanh(0.8) = 0.664。" +
          "o 对它们的权重分别是 1、1 和 −1，再加上偏置 0.5：z = 0.8 + 0 − 0.664 + 0.5 = 0.636，" +
          "输出为 sigmoid(0.636) = 0.654。",
      },
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "relu",
          neurons: [
            { weights: [0.5, 0.2], bias: 0.1, label: "h1" },
            { weights: [-1, 0.5], bias: 0.2, label: "h2" },
            { weights: [1, 1], bias: -1.2, activation: "tanh", label: "h3" },
          ],
        },
        { activation: "sigmoid", neurons: [{ weights: [1, 1, -1], bias: 0.5, label: "o" }] },
      ],
    },
    inputValues: [1, 1],
    rounds: [
      {
        kind: "output",
        neuron: { layer: 0, index: 1 },
        inputs: [1, 1],
        prompt: {
          en: "h2 ({h2.activation}) has weighted sum z = −0.3. What does it output?",
          "zh-CN": "h2（{h2.activation}）的加权和 z = −0.3。它的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "output",
        neuron: { layer: 0, index: 2 },
        inputs: [1, 1],
        prompt: {
          en: "h3 has an activation of its own, {h3.activation}, and its z is 0.8. What does it output?",
          "zh-CN": "h3 有自己的激活函数 {h3.activation}，它的 z 是 0.8。它的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "output",
        neuron: { layer: 1, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "What does the output neuron o ({o.activation}) output?",
          "zh-CN": "输出神经元 o（{o.activation}）的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
    ],
  },
});
