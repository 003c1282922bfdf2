// A ReLU neuron whose bias is so negative that it outputs 0 on the whole input range shown: dead.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { NETWORK_FORMAT } from "../network/schema";
import { defineLesson, STANDARD_TOLERANCE } from "./lesson";

/** The input range the lesson talks about (and the UI should plot): each input in −6…6. */
export const RELU_LESSON_INPUT_RANGE = { min: -6, max: 6 } as const;

export const reluDeadNeurons = defineLesson({
  slug: "relu-dead-neurons",
  focus: { layer: 0, neuron: 1 },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "ReLU and dead neurons",
    description:
      "Two ReLU neurons with the same weights (1 and 1) but different biases. " +
      "h1 has bias 1: at x1 = x2 = 1 its weighted sum is 3, so it outputs 3. " +
      "h2 has bias −15: even at the largest inputs shown, x1 = x2 = 6, its weighted sum is 6 + 6 − 15 = −3, " +
      "so ReLU outputs 0 everywhere in −6…6. " +
      "A neuron that outputs 0 for every input is called dead: it passes nothing on, and small changes to its weights change nothing.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "ReLU 与“死神经元”",
        description:
          "两个使用 ReLU 激活函数的神经元，权重相同（都是 1 和 1），偏置不同。" +
          "h1 的偏置是 1：x1 = x2 = 1 时加权和为 3，所以输出 3。" +
          "h2 的偏置是 −15：即使取图中最大的输入 x1 = x2 = 6，加权和也只有 6 + 6 − 15 = −3，" +
          "所以在 −6 到 6 的整个范围内 ReLU 的输出都是 0。" +
          "对任何输入都输出 0 的神经元称为“死神经元”：它不向后传递任何信息，稍微调整它的权重也不会带来任何变化。",
      },
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "relu",
          neurons: [
            { weights: [1, 1], bias: 1, label: "h1" },
            { weights: [1, 1], bias: -15, label: "h2" },
          ],
        },
      ],
    },
    inputValues: [1, 1],
    rounds: [
      {
        kind: "output",
        neuron: { layer: 0, index: 0 },
        inputs: [2, -4],
        prompt: {
          en: "With x1 = 2 and x2 = −4, what does h1 output?",
          "zh-CN": "当 x1 = 2、x2 = −4 时，h1 的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "output",
        neuron: { layer: 0, index: 1 },
        inputs: [6, 6],
        prompt: {
          en: "With the largest inputs, x1 = x2 = 6, what does h2 output?",
          "zh-CN": "取最大的输入 x1 = x2 = 6 时，h2 的输出是多少？",
        },
        tolerance: { ...STANDARD_TOLERANCE },
      },
      {
        kind: "choice",
        neuron: { layer: 0, index: 1 },
        inputs: [1, 1],
        prompt: {
          en: "For which inputs in −6…6 does h2 output something other than 0?",
          "zh-CN": "在 −6 到 6 的范围内，哪些输入能让 h2 的输出不为 0？",
        },
        choices: [
          { en: "none", "zh-CN": "没有" },
          { en: "only positive inputs", "zh-CN": "只有正数输入" },
          { en: "only when x1 = x2", "zh-CN": "只有 x1 = x2 时" },
          { en: "all of them", "zh-CN": "所有输入" },
        ],
        // the answer key is kept on the server: server/lessons/answer-keys.ts
      },
    ],
  },
});
