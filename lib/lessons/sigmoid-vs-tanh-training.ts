// Sigmoid vs tanh in training: the same network, start and data; tanh gets there in less than
// half the epochs. Why: tanh's slope at 0 is 1, sigmoid's 0.25, and tanh's outputs are centred on 0.
import { EXERCISE_FORMAT } from "../exercise/schema";
import { defineLesson } from "./lesson";
import { beforeTrainingRound, trainingNetwork, XOR_DATA } from "./training-setup";

/** The test loss both runs train to. */
export const SIGMOID_TANH_TARGET = 0.1;

export const sigmoidVsTanhTraining = defineLesson({
  slug: "sigmoid-vs-tanh-training",
  focus: { layer: 0, neuron: 0 },
  training: {
    settings: {
      data: XOR_DATA,
      options: { learningRate: 0.1, batchSize: 10, loss: "squared_error", optimizer: "sgd", seed: 1 },
      goal: { stopAfter: 2000, targetLoss: SIGMOID_TANH_TARGET },
    },
    speed: "watch",
    claim: {
      en:
        "From the same start on the same XOR points, tanh hidden neurons reach a test loss of 0.1 in less than half " +
        "the epochs sigmoid ones need. Why: at the start more than twice as much gradient reaches the tanh neurons — " +
        "tanh's slope at 0 is 1, sigmoid's only 0.25 — and tanh's outputs are centred on 0, while sigmoid's are all " +
        "positive, which makes the next layer's weights all move the same way.",
      "zh-CN":
        "在同样的异或数据点上、从同样的初始权重出发，隐藏层用 tanh 达到 0.1 测试损失所需的轮次，不到用 sigmoid 时的一半。" +
        "原因：开始时传到 tanh 神经元的梯度是 sigmoid 的两倍多——tanh 在 0 处的斜率是 1，sigmoid 只有 0.25；" +
        "而且 tanh 的输出以 0 为中心，sigmoid 的输出却全是正数，这会让下一层的权重都朝同一个方向移动。",
    },
    variants: [
      { id: "tanh", label: { en: "tanh hidden layer", "zh-CN": "tanh 隐藏层" }, activations: ["tanh", "sigmoid"] },
      {
        id: "sigmoid",
        label: { en: "sigmoid hidden layer", "zh-CN": "sigmoid 隐藏层" },
        activations: ["sigmoid", "sigmoid"],
      },
    ],
  },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "Sigmoid vs tanh: which trains faster here, and why",
    description:
      "The same 2-4-1 network learns XOR twice, stopping at a test loss of 0.1. Press play with tanh hidden neurons and " +
      "note the epoch it stops at; then choose “sigmoid hidden layer” (the same start) and play again: its curve, next to " +
      "tanh's dashed one, takes more than twice as long. Select a hidden neuron to compare the slopes: tanh's is 1 at 0, " +
      "sigmoid's only 0.25.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "sigmoid 与 tanh：这里谁训练得更快，为什么",
        description:
          "同一个 2-4-1 网络学两次异或，测试损失降到 0.1 时停止。先用 tanh 隐藏神经元按“开始”，记下它停在第几个轮次；" +
          "再选择“sigmoid 隐藏层”（同样的初始权重）重新训练：它的曲线和 tanh 的虚线曲线放在一起，用的时间超过两倍。" +
          "选中一个隐藏神经元比较斜率：tanh 在 0 处的斜率是 1，sigmoid 只有 0.25。",
      },
    },
    network: trainingNetwork("tanh", 4, "sigmoid", 1),
    inputValues: [1, -1],
    rounds: [
      beforeTrainingRound("z", 0, 0, {
        en: "At x1 = 1, x2 = −1, what is h1's weighted sum z? Its tanh slope there is 1 − tanh(z)²; sigmoid's would be at most 0.25.",
        "zh-CN":
          "在 x1 = 1，x2 = −1 处，h1 的加权和 z 是多少？tanh 在这里的斜率是 1 − tanh(z)²；sigmoid 的斜率最多只有 0.25。",
      }),
    ],
  },
});
