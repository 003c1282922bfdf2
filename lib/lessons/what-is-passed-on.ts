// The seed's question "what does the next layer receive?": h1's output, which each next neuron
// weighs with its own weight (1 and 3), never h1's inputs or weights.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { NETWORK_FORMAT } from "../network/schema";
import { defineLesson, STANDARD_TOLERANCE } from "./lesson";

export const whatIsPassedOn = defineLesson({
  slug: "what-is-passed-on",
  focus: { layer: 0, neuron: 0 },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "What is passed on",
    description:
      "Hidden neuron h1 is the seed neuron: with x1 = x2 = 1 it outputs sigmoid(0.8) = 0.690, and h2 outputs sigmoid(0) = 0.5. " +
      "h1 sends that one output to both neurons of the next layer, and each weighs it with its own weight: o1 with 1, o2 with 3. " +
      "So o1's weighted sum is z = 1×0.690 + 2×0.5 = 1.690 and o2's is z = 3×0.690 − 1×0.5 = 1.570. " +
      "The inputs and weights stay inside h1; only its output travels on.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "向下一层传递的是什么",
        description:
          "隐藏层神经元 h1 就是种子神经元：当 x1 = x2 = 1 时，它的输出是 sigmoid(0.8) = 0.690；h2 的输出是 sigmoid(0) = 0.5。" +
          "h1 把同一个输出传给下一层的两个神经元，它们各自用自己的权重去乘：o1 的权重是 1，o2 的权重是 3。" +
          "所以 o1 的加权和 z = 1×0.690 + 2×0.5 = 1.690，o2 的加权和 z = 3×0.690 − 1×0.5 = 1.570。" +
          "输入和权重都留在 h1 内部，向后传递的只有它的输出。",
      },
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "sigmoid",
          neurons: [
            { weights: [0.5, 0.2], bias: 0.1, label: "h1" },
            { weights: [-1, 1], bias: 0, label: "h2" },
          ],
        },
        {
          activation: "linear",
          neurons: [
            { weights: [1, 2], bias: 0, label: "o1" },
            { weights: [3, -1], bias: 0, label: "o2" },
          ],
        },
      ],
    },
    inputValues: [1, 1],
    rounds: [
      {
        kind: "choice",
        neuron: { layer: 0, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "What does the next layer receive from h1?",
          "zh-CN": "下一层从 h1 收到的是什么？",
        },
        choices: [
          { en: "its inputs", "zh-CN": "h1 的输入" },
          { en: "its weights", "zh-CN": "h1 的权重" },
          { en: "its output", "zh-CN": "h1 的输出" },
          { en: "its bias", "zh-CN": "h1 的偏置" },
        ],
        // the answer key is kept on the server: server/lessons/answer-keys.ts
      },
      {
        kind: "z",
        neuron: { layer: 1, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "o1 weighs h1 with 1 and h2 with 2. What is o1's weighted sum z?",
          "zh-CN": "o1 对 h1 的权重是 1，对 h2 的权重是 2。o1 的加权和 z 是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "z",
        neuron: { layer: 1, index: 1 },
        inputs: [1, 1],
        prompt: {
          en: "o2 weighs h1 with 3 and h2 with −1. What is o2's weighted sum z?",
          "zh-CN": "o2 对 h1 的权重是 3，对 h2 的权重是 −1。o2 的加权和 z 是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
    ],
  },
});
