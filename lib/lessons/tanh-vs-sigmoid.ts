// Same weights, tanh vs sigmoid; and tanh(z) = 2·sigmoid(2z) − 1 built out of neurons.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { NETWORK_FORMAT } from "../network/schema";
import { defineLesson, STANDARD_TOLERANCE } from "./lesson";

export const tanhVsSigmoid = defineLesson({
  slug: "tanh-vs-sigmoid",
  focus: { layer: 0, neuron: 0 },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "tanh vs sigmoid",
    description:
      "h1 and h2 have the same weights (0.5 and 0.2) and bias (0.1); h1 uses tanh, h2 uses sigmoid. " +
      "At x1 = x2 = 1 both have z = 0.8, but tanh(0.8) = 0.664 while sigmoid(0.8) = 0.690. " +
      "Sigmoid's outputs lie in (0, 1) and it gives 0.5 at z = 0; tanh's lie in (−1, 1) and it gives 0 at z = 0: tanh is zero-centred. " +
      "They are the same S-curve, stretched: tanh(z) = 2·sigmoid(2z) − 1. " +
      "h3 (sigmoid, weights and bias doubled) and the output neuron o (2·h3 − 1) compute exactly that, so o always equals h1.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "tanh 与 sigmoid",
        description:
          "h1 和 h2 的权重（0.5 和 0.2）与偏置（0.1）都相同；h1 的激活函数是 tanh，h2 的是 sigmoid。" +
          "当 x1 = x2 = 1 时，两者的加权和都是 z = 0.8，但 tanh(0.8) = 0.664，而 sigmoid(0.8) = 0.690。" +
          "sigmoid 的输出在 (0, 1) 之间，z = 0 时为 0.5；tanh 的输出在 (−1, 1) 之间，z = 0 时为 0，即 tanh 以 0 为中心。" +
          "两者其实是同一条 S 形曲线经过拉伸：tanh(z) = 2·sigmoid(2z) − 1。" +
          "h3（sigmoid，权重和偏置都加倍）与输出神经元 o（2·h3 − 1）正好算出这个式子，所以 o 的输出始终等于 h1。",
      },
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "sigmoid",
          neurons: [
            { weights: [0.5, 0.2], bias: 0.1, activation: "tanh", label: "h1" },
            { weights: [0.5, 0.2], bias: 0.1, label: "h2" },
            { weights: [1, 0.4], bias: 0.2, label: "h3" },
          ],
        },
        { activation: "linear", neurons: [{ weights: [0, 0, 2], bias: -1, label: "o" }] },
      ],
    },
    inputValues: [1, 1],
    rounds: [
      {
        kind: "output",
        neuron: { layer: 0, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "h2 ({h2.activation}) outputs 0.690 at z = 0.8. What does h1 ({h1.activation}) output?",
          "zh-CN": "z = 0.8 时 h2（{h2.activation}）输出 0.690。h1（{h1.activation}）的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "output",
        neuron: { layer: 0, index: 1 },
        inputs: [0, -0.5],
        prompt: {
          en: "With x1 = 0 and x2 = −0.5, z = 0 and h1 ({h1.activation}) outputs 0. What does h2 ({h2.activation}) output?",
          "zh-CN": "当 x1 = 0、x2 = −0.5 时，z = 0，h1（{h1.activation}）输出 0。h2（{h2.activation}）的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "output",
        neuron: { layer: 0, index: 0 },
        inputs: [-2, 1],
        prompt: {
          en: "With x1 = −2 and x2 = 1, z = −0.7. What does h1 ({h1.activation}) output?",
          "zh-CN": "当 x1 = −2、x2 = 1 时，z = −0.7。h1（{h1.activation}）的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
    ],
  },
});
