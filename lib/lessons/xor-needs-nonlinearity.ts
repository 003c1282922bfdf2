// XOR with a 2-2-1 step network (h1 = OR, h2 = AND, output = OR and not AND), and the all-linear
// networks the lesson offers to try instead, none of which can compute XOR.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { NETWORK_FORMAT, type Network } from "../network/schema";
import { deepFreeze, defineLesson } from "./lesson";

/** XOR's truth table: [x1, x2, x1 XOR x2] on the four corners of the unit square. */
export const XOR_CORNERS: readonly (readonly [number, number, number])[] = Object.freeze([
  Object.freeze([0, 0, 0] as const),
  Object.freeze([0, 1, 1] as const),
  Object.freeze([1, 0, 1] as const),
  Object.freeze([1, 1, 0] as const),
]);

export const xorNeedsNonlinearity = defineLesson({
  slug: "xor-needs-nonlinearity",
  focus: { layer: 1, neuron: 0 },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "XOR needs non-linearity",
    description:
      "XOR outputs 1 when exactly one input is 1: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0. " +
      "With step activations, h1 = step(x1 + x2 − 0.5) is OR, h2 = step(x1 + x2 − 1.5) is AND, " +
      "and the output o = step(h1 − h2 − 0.5) is “OR but not AND”: exactly XOR on all four corners. " +
      "Switch every activation to linear and the network outputs 0.5 on every corner. " +
      "No all-linear network can do better: it always gives f(0,0) + f(1,1) = f(0,1) + f(1,0), but XOR would need 0 + 0 = 1 + 1.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "异或需要非线性",
        description:
          "异或（XOR）在恰好一个输入为 1 时输出 1：(0,0)→0，(0,1)→1，(1,0)→1，(1,1)→0。" +
          "使用阶跃激活函数时，h1 = step(x1 + x2 − 0.5) 相当于“或”（OR），h2 = step(x1 + x2 − 1.5) 相当于“与”（AND），" +
          "输出神经元 o = step(h1 − h2 − 0.5) 表示“或但非与”，在四个角上都恰好等于异或。" +
          "把所有激活函数都换成线性函数后，网络在四个角上的输出都是 0.5。" +
          "任何全线性网络都做不到：它总是满足 f(0,0) + f(1,1) = f(0,1) + f(1,0)，而异或却要求 0 + 0 = 1 + 1。",
      },
    },
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "step",
          neurons: [
            { weights: [1, 1], bias: -0.5, label: "h1 (OR)" },
            { weights: [1, 1], bias: -1.5, label: "h2 (AND)" },
          ],
        },
        { activation: "step", neurons: [{ weights: [1, -1], bias: -0.5, label: "o (XOR)" }] },
      ],
    },
    inputValues: [1, 0],
    rounds: [
      {
        kind: "fires",
        neuron: { layer: 0, index: 0 },
        inputs: [1, 0],
        prompt: {
          en: "x1 = 1, x2 = 0. Does h1 (OR) fire?",
          "zh-CN": "x1 = 1，x2 = 0。h1（或）会激活（输出 1）吗？",
        },
      },
      {
        kind: "fires",
        neuron: { layer: 0, index: 1 },
        inputs: [1, 0],
        prompt: {
          en: "x1 = 1, x2 = 0. Does h2 (AND) fire?",
          "zh-CN": "x1 = 1，x2 = 0。h2（与）会激活（输出 1）吗？",
        },
      },
      {
        kind: "fires",
        neuron: { layer: 1, index: 0 },
        inputs: [1, 1],
        prompt: {
          en: "x1 = x2 = 1: both h1 and h2 fire. Does the output o fire?",
          "zh-CN": "x1 = x2 = 1：h1 和 h2 都激活了。输出神经元 o 会激活（输出 1）吗？",
        },
      },
    ],
  },
});

/** The lesson's network with every activation switched to linear: outputs 0.5 on every corner. */
export const xorAllLinearVariant: Network = deepFreeze({
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "linear",
      neurons: [
        { weights: [1, 1], bias: -0.5, label: "h1" },
        { weights: [1, 1], bias: -1.5, label: "h2" },
      ],
    },
    { activation: "linear", neurons: [{ weights: [1, -1], bias: -0.5, label: "o" }] },
  ],
});

/** One linear neuron o = x1 + x2: right on three corners, but (1,1) gives 2, not 0: a line cannot bend back down. */
export const xorSingleLinearNeuron: Network = deepFreeze({
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [{ activation: "linear", neurons: [{ weights: [1, 1], bias: 0, label: "o" }] }],
});

/** Every all-linear network the lesson offers to try; none computes XOR. */
export const XOR_ALL_LINEAR_VARIANTS: readonly Network[] = Object.freeze([xorAllLinearVariant, xorSingleLinearNeuron]);
