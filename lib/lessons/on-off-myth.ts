// Same weights, same bias, same inputs, three activations: the outputs are 1, 0.690 and 0.8.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { NETWORK_FORMAT } from "../network/schema";
import { defineLesson, STANDARD_TOLERANCE } from "./lesson";

export const onOffMyth = defineLesson({
  slug: "on-off-myth",
  focus: { layer: 0, neuron: 1 },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "On/off is a myth",
    description:
      "Three neurons with the same weights (0.5 and 0.2), the same bias (0.1) and the same inputs x1 = x2 = 1, " +
      "so each has the weighted sum z = 0.8. Only the activation differs: h1 (step) outputs 1, " +
      "h2 (sigmoid) outputs 0.690 and h3 (linear) outputs 0.8. A neuron's output is not simply on or off: " +
      "sigmoid maps every real number into (0, 1), linear can give any real number, " +
      "and step is just one activation function among many.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "“非开即关”是个误区",
        description:
          "三个神经元的权重（0.5 和 0.2）、偏置（0.1）和输入（x1 = x2 = 1）都相同，所以加权和都是 z = 0.8。" +
          "唯一的区别是激活函数：h1 用阶跃函数（step），输出 1；h2 用 sigmoid，输出 0.690；" +
          "h3 用线性函数（linear），输出 0.8。神经元的输出并不只有“开”和“关”两种：" +
          "sigmoid 把任意实数映射到 (0, 1) 之间，线性函数的输出可以是任意实数，阶跃函数只是众多激活函数中的一种。",
      },
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "sigmoid",
          neurons: [
            { weights: [0.5, 0.2], bias: 0.1, activation: "step", label: "h1" },
            { weights: [0.5, 0.2], bias: 0.1, label: "h2" },
            { weights: [0.5, 0.2], bias: 0.1, activation: "linear", label: "h3" },
          ],
        },
      ],
    },
    inputValues: [1, 1],
    rounds: [
      {
        kind: "output",
        neuron: { layer: 0, index: 1 },
        inputs: [-2, 1],
        prompt: {
          en: "Now x1 = −2 and x2 = 1, so z = −0.7. What does h2 ({h2.activation}) output?",
          "zh-CN": "现在 x1 = −2，x2 = 1，所以 z = −0.7。h2（{h2.activation}）的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "output",
        neuron: { layer: 0, index: 2 },
        inputs: [-2, 1],
        prompt: {
          en: "Same inputs (x1 = −2, x2 = 1). What does h3 ({h3.activation}) output?",
          "zh-CN": "输入不变（x1 = −2，x2 = 1）。h3（{h3.activation}）的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "choice",
        neuron: { layer: 0, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "Which of these neurons can only ever output 0 or 1?",
          "zh-CN": "下面哪个神经元的输出只可能是 0 或 1？",
        },
        choices: [
          { en: "h1 (step)", "zh-CN": "h1（阶跃函数）" },
          { en: "h2 (sigmoid)", "zh-CN": "h2（sigmoid）" },
          { en: "h3 (linear)", "zh-CN": "h3（线性函数）" },
          { en: "all three", "zh-CN": "三个都是" },
        ],
        // the answer key is kept on the server: server/lessons/answer-keys.ts
      },
    ],
  },
});
