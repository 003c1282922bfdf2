// Step neurons cannot learn by gradient descent: their slope is 0 on both sides of the jump, so no
// gradient reaches them (or anything before them). Only the output neuron learns.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { defineLesson } from "./lesson";
import { beforeTrainingRound, trainingNetwork, XOR_DATA } from "./training-setup";

export const stepCannotLearn = defineLesson({
  slug: "step-cannot-learn",
  focus: { layer: 0, neuron: 0 },
  training: {
    settings: {
      data: XOR_DATA,
      options: { learningRate: 1, batchSize: 10, loss: "squared_error", optimizer: "sgd", seed: 1 },
      goal: { stopAfter: 500, targetLoss: null },
    },
    speed: "watch",
    claim: {
      en:
        "No gradient flows through a step neuron: its slope is 0 on both sides of the jump. So training never changes " +
        "the step layer's weights — only the output neuron learns, and the training loss stays above 0.15. " +
        "With sigmoid hidden neurons (a smoothed step) the same training gets below 0.02.",
      "zh-CN":
        "梯度无法穿过阶跃神经元：它在跳变点两侧的斜率都是 0。所以训练永远不会改变阶跃层的权重——只有输出神经元在学习，" +
        "训练损失一直高于 0.15。换成 sigmoid 隐藏神经元（平滑的阶跃）后，同样的训练能把损失降到 0.02 以下。",
    },
    variants: [
      { id: "step", label: { en: "step hidden layer", "zh-CN": "阶跃隐藏层" }, activations: ["step", "sigmoid"] },
      {
        id: "sigmoid",
        label: { en: "sigmoid hidden layer", "zh-CN": "sigmoid 隐藏层" },
        activations: ["sigmoid", "sigmoid"],
      },
    ],
  },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "Step cannot learn by gradient",
    description:
      "Four step neurons feed one sigmoid output. Press play: the dashed rings on the graph mark the neurons no gradient " +
      "reaches, and their weights do not move at all — select one and watch. The output neuron learns what it can from " +
      "the fixed lines the steps draw, and the loss stalls. Then choose “sigmoid hidden layer”: the same start, " +
      "but now every neuron learns.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "阶跃函数无法靠梯度学习",
        description:
          "四个阶跃神经元连接到一个 sigmoid 输出。按“开始”：图中的虚线圈标出收不到梯度的神经元，它们的权重完全不动——选中一个看看。" +
          "输出神经元只能利用阶跃神经元画出的固定直线尽量学习，损失很快就停滞了。然后选择“sigmoid 隐藏层”：" +
          "同样的初始权重，但现在每个神经元都在学习。",
      },
    },
    network: trainingNetwork("step", 4, "sigmoid", 1),
    inputValues: [1, -1],
    rounds: [
      beforeTrainingRound("fires", 0, 0, {
        en: "At x1 = 1, x2 = −1: does h1 fire? (However long you train, the answer will not change.)",
        "zh-CN": "在 x1 = 1，x2 = −1 处，h1 会激活（输出 1）吗？（无论训练多久，答案都不会变。）",
      }),
    ],
  },
});
