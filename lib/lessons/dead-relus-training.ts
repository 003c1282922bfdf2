// ReLUs dying while training: with a learning rate far too large, big steps push ReLU neurons to
// where their weighted sum is negative for every point; then they output 0, get no gradient and
// never come back. With a sensible learning rate none dies.
import { EXERCISE_FORMAT } from "../exercise/schema";
import type { DataSpecInput } from "../training/datasets";
import { defineLesson } from "./lesson";
import { beforeTrainingRound, trainingNetwork } from "./training-setup";

export const DEAD_RELU_DATA = {
  kind: "circle",
  points: 200,
  noise: 0,
  trainFraction: 0.5,
  seed: 1,
} as const satisfies DataSpecInput;

export const deadRelusWhileTraining = defineLesson({
  slug: "dead-relus-while-training",
  focus: { layer: 0, neuron: 0 },
  training: {
    settings: {
      data: DEAD_RELU_DATA,
      options: { learningRate: 3, batchSize: 10, loss: "cross_entropy", optimizer: "sgd", seed: 1 },
      goal: { stopAfter: 300, targetLoss: null },
    },
    speed: "watch",
    claim: {
      en:
        "With learning rate 3, big steps push ReLU neurons to where their weighted sum is negative for every point: " +
        "they output 0, no gradient reaches them, and they never come back. Within 200 epochs all 8 are dead and the " +
        "network gives every point the same answer. With 0.1, from the same start, none dies and it learns the circle.",
      "zh-CN":
        "学习率为 3 时，过大的步子会把 ReLU 神经元推到对所有点加权和都为负的地方：它们输出 0，收不到梯度，再也活不过来。" +
        "200 个轮次内 8 个神经元全部死亡，网络对每个点都给出同样的答案。学习率为 0.1 时，从同样的初始权重出发，没有一个神经元死亡，网络学会了圆形。",
    },
    variants: [
      { id: "rate-3", label: { en: "learning rate 3", "zh-CN": "学习率 3" }, learningRate: 3 },
      { id: "rate-0.1", label: { en: "learning rate 0.1", "zh-CN": "学习率 0.1" }, learningRate: 0.1 },
    ],
  },
  exercise: {
    format: EXERCISE_FORMAT,
    title: "Dead ReLUs while training",
    description:
      "Eight ReLU neurons and a sigmoid output learn the circle (blue inside, orange around it) with cross-entropy, " +
      "at a learning rate that is far too large. Press play and watch the dashed rings appear on the graph: each marks a " +
      "ReLU whose weighted sum has become negative for every point — it outputs 0, gets no gradient, and is dead for good. " +
      "Its small heatmap turns flat. Then choose “learning rate 0.1”: the same start, and every neuron stays alive.",
    locale: "en",
    translations: {
      "zh-CN": {
        title: "训练中死亡的 ReLU",
        description:
          "八个 ReLU 神经元和一个 sigmoid 输出用交叉熵学习圆形数据（内部蓝色，外圈橙色），学习率却大得离谱。" +
          "按“开始”，看图中出现的虚线圈：每个都标出一个对所有点加权和都变成负数的 ReLU——它输出 0，收不到梯度，永远死去了。" +
          "它的小热力图也变成一片平坦。然后选择“学习率 0.1”：同样的初始权重，每个神经元都活着。",
      },
    },
    network: trainingNetwork("relu", 8, "sigmoid", 3),
    inputValues: [1, -1],
    rounds: [
      beforeTrainingRound("output", 0, 0, {
        en: "Before training, at x1 = 1, x2 = −1: what does the ReLU h1 output?",
        "zh-CN": "训练之前，在 x1 = 1，x2 = −1 处，ReLU 神经元 h1 输出多少？",
      }),
    ],
  },
});
