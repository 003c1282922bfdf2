// Three stacked linear layers (2-3-3-1) equal one linear neuron: o = −1.25·x1 + 2.75·x2 − 0.3.
// The UI shows collapseLinear (lib/network/collapse.ts) of this network.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { NETWORK_FORMAT } from "../network/schema";
import { defineLesson, STANDARD_TOLERANCE } from "./lesson";

export const linearCollapse = defineLesson({
  slug: "linear-collapse",
  focus: { layer: 2, neuron: 0 },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "Stacked linear layers collapse",
    description:
      "A 2-3-3-1 network in which every neuron is linear. " +
      "However many linear layers you stack, multiplying them out gives a single layer: " +
      "this whole network equals the one neuron o = −1.25·x1 + 2.75·x2 − 0.3. " +
      "At x1 = x2 = 1 both give 1.2, and at x1 = 2, x2 = −1 both give −5.55. " +
      "Depth only adds power when something non-linear sits between the layers: switch any neuron to ReLU and the collapse breaks.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "线性层叠加后会“塌缩”",
        description:
          "这是一个 2-3-3-1 的网络，每个神经元的激活函数都是线性函数。" +
          "无论叠加多少个线性层，把它们相乘展开后都只相当于一层：" +
          "整个网络等价于一个神经元 o = −1.25·x1 + 2.75·x2 − 0.3。" +
          "当 x1 = x2 = 1 时，网络和这个神经元都输出 1.2；当 x1 = 2、x2 = −1 时，两者都输出 −5.55。" +
          "只有层与层之间有非线性的激活函数，加深网络才有意义：把任意一个神经元换成 ReLU，这种塌缩就不再成立。",
      },
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "linear",
          neurons: [
            { weights: [1, 2], bias: 0, label: "h1" },
            { weights: [-1, 1], bias: 0.5, label: "h2" },
            { weights: [0.5, -0.5], bias: -1, label: "h3" },
          ],
        },
        {
          activation: "linear",
          neurons: [
            { weights: [1, 0, 1], bias: 0, label: "g1" },
            { weights: [0.5, -1, 0], bias: 1, label: "g2" },
            { weights: [0, 2, -1], bias: 0, label: "g3" },
          ],
        },
        { activation: "linear", neurons: [{ weights: [1, -1, 0.5], bias: 0.2, label: "o" }] },
      ],
    },
    inputValues: [1, 1],
    rounds: [
      {
        kind: "output",
        neuron: { layer: 2, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "With x1 = x2 = 1, what does o output? (Work through the layers, or use the single equivalent neuron.)",
          "zh-CN": "当 x1 = x2 = 1 时，o 的输出是多少？（可以逐层计算，也可以直接用等价的单个神经元。）",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "output",
        neuron: { layer: 2, index: 0 },
        inputs: [2, -1],
        prompt: {
          en: "The network equals o = −1.25·x1 + 2.75·x2 − 0.3. What does o output at x1 = 2, x2 = −1?",
          "zh-CN": "整个网络等价于 o = −1.25·x1 + 2.75·x2 − 0.3。当 x1 = 2、x2 = −1 时，o 的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "choice",
        neuron: { layer: 2, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "How many linear layers do you need to compute exactly what this network computes?",
          "zh-CN": "要算出和这个网络完全相同的结果，最少需要几层线性层？",
        },
        choices: [
          { en: "1", "zh-CN": "1 层" },
          { en: "2", "zh-CN": "2 层" },
          { en: "3", "zh-CN": "3 层" },
          { en: "more than 3", "zh-CN": "3 层以上" },
        ],
        // the answer key is kept on the server: server/lessons/answer-keys.ts
      },
    ],
  },
});
