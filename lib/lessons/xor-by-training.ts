// XOR learned by gradient descent: the same 2-4-1 network and start, trained with tanh (or
// sigmoid) hidden neurons and with every activation linear. The linear one's loss stays at the
// best any straight line can do; the non-linear one solves XOR.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { bestLineLoss } from "../training/linear-fit";
import { defineLesson } from "./lesson";
import { beforeTrainingRound, trainingNetwork, XOR_DATA, xorPoints } from "./training-setup";

/** The best any straight line can do on the lesson's training points (squared error): about 0.240. */
export const XOR_LINE_BOUND = bestLineLoss(xorPoints().train);

export const xorByTraining = defineLesson({
  slug: "xor-by-training",
  focus: { layer: 1, neuron: 0 },
  training: {
    settings: {
      data: XOR_DATA,
      options: { learningRate: 0.1, batchSize: 10, loss: "squared_error", optimizer: "sgd", seed: 1 },
      goal: { stopAfter: 600, targetLoss: null },
    },
    speed: "watch",
    claim: {
      en:
        "From the same start on the same XOR points, the all-linear network's training loss never gets below 0.240 — " +
        "the best any straight line can do here — while with tanh hidden neurons it falls below 0.05 within 300 epochs " +
        "and classifies at least 95 % of the test points right.",
      "zh-CN":
        "在同样的异或数据点上、从同样的初始权重出发，全线性网络的训练损失始终不低于 0.240——这是任何一条直线在这里能做到的最好结果；" +
        "而隐藏层使用 tanh 时，训练损失在 300 个轮次内降到 0.05 以下，并能把至少 95% 的测试点分对。",
    },
    variants: [
      { id: "tanh", label: { en: "tanh hidden layer", "zh-CN": "tanh 隐藏层" }, activations: ["tanh", "sigmoid"] },
      {
        id: "sigmoid",
        label: { en: "sigmoid hidden layer", "zh-CN": "sigmoid 隐藏层" },
        activations: ["sigmoid", "sigmoid"],
      },
      { id: "linear", label: { en: "all linear", "zh-CN": "全部线性" }, activations: ["linear", "linear"] },
    ],
    mark: {
      loss: XOR_LINE_BOUND,
      label: { en: "best any straight line can do", "zh-CN": "任何直线能做到的最好结果" },
    },
  },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "XOR by training",
    description:
      "Press play and watch a network learn XOR: 100 training points, orange (class 0) where x1 and x2 have the same sign, " +
      "blue (class 1) where they differ. Four tanh neurons feed one sigmoid output; each epoch nudges every weight against " +
      "the gradient of the squared error. Then choose “all linear” — the same start, the same points — and play again: " +
      "the loss stops at the dotted line, the best any straight line can do, because stacked linear layers compute just one line.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "通过训练学会异或",
        description:
          "按“开始”，看网络学会异或：100 个训练点，x1 和 x2 同号的是橙色（类别 0），异号的是蓝色（类别 1）。" +
          "四个 tanh 神经元连接到一个 sigmoid 输出；每个轮次都沿着平方误差梯度的反方向微调每一个权重。" +
          "然后选择“全部线性”——同样的初始权重、同样的数据点——再训练一次：损失停在那条点线上，也就是任何一条直线能做到的最好结果，" +
          "因为叠加的线性层算出来的仍然只是一条直线。",
      },
    },
    network: trainingNetwork("tanh", 4, "sigmoid", 1),
    inputValues: [1, -1],
    rounds: [
      beforeTrainingRound("output", 1, 0, {
        en: "Before training, at x1 = 1, x2 = −1 (a blue point): what does o output? (Training should push it towards 1.)",
        "zh-CN": "训练之前，在 x1 = 1，x2 = −1（一个蓝色点）处，o 输出多少？（训练应该把它推向 1。）",
      }),
    ],
  },
});
