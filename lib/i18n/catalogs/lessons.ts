// One line per built-in lesson for the home page's lesson list, keyed by the lesson's slug. A lesson
// without a line here (a new one) shows the first sentence of its description instead (lessonSummary).
import { defineCatalog } from "../define";

export const lessons = defineCatalog({
  en: {
    "seed-neuron":
      "0.5×1 + 0.2×1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690: one neuron, step by step, and what the next one receives.",
    "on-off-myth":
      "The same z = 0.8 through step, sigmoid and linear gives 1, 0.690 and 0.8: outputs are not just on or off.",
    "what-is-passed-on":
      "The next layer receives a neuron's output, not its inputs, and weighs it with its own weights.",
    "tanh-vs-sigmoid": "The same S-curve with different ranges: tanh in (−1, 1), zero-centred; sigmoid in (0, 1).",
    "relu-dead-neurons": "A ReLU neuron whose weighted sum is always negative outputs 0 for every input: it is dead.",
    "mixed-activations": "Each layer has a default activation, and any neuron may use its own.",
    "linear-collapse": "Stacked linear layers equal one layer: depth needs something non-linear in between.",
    "xor-needs-nonlinearity": "Step neurons compute XOR; no all-linear network can.",
    "xor-by-training": "Press play and watch XOR being learned — and not learned when every activation is linear.",
    "step-cannot-learn": "No gradient flows through a step neuron: training cannot change it.",
    "dead-relus-while-training": "Too large a learning rate kills ReLU neurons one after another, for good.",
    "sigmoid-vs-tanh-training": "The same network trains more than twice as fast with tanh as with sigmoid: why?",
  },
  "zh-CN": {
    "seed-neuron": "0.5×1 + 0.2×1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690：一步一步看一个神经元，以及下一个神经元收到什么。",
    "on-off-myth": "同样的 z = 0.8，经过阶跃、sigmoid 和线性函数，分别得到 1、0.690 和 0.8：输出不只是“开”或“关”。",
    "what-is-passed-on": "下一层收到的是神经元的输出，而不是它的输入，并用自己的权重去乘。",
    "tanh-vs-sigmoid": "同一条 S 形曲线，输出范围不同：tanh 在 (−1, 1) 之间，以 0 为中心；sigmoid 在 (0, 1) 之间。",
    "relu-dead-neurons": "加权和总是负数的 ReLU 神经元对任何输入都输出 0：它“死”了。",
    "mixed-activations": "每层有一个默认的激活函数，每个神经元也可以单独使用自己的。",
    "linear-collapse": "叠加的线性层等价于一层：要让网络变深有意义，层间必须有非线性。",
    "xor-needs-nonlinearity": "用阶跃神经元可以算出异或（XOR）；任何全线性网络都做不到。",
    "xor-by-training": "按“开始”，看网络学会异或——而所有激活函数都是线性时，它学不会。",
    "step-cannot-learn": "梯度无法穿过阶跃神经元：训练改变不了它。",
    "dead-relus-while-training": "学习率太大，会让 ReLU 神经元一个接一个地永久死亡。",
    "sigmoid-vs-tanh-training": "同一个网络用 tanh 训练比用 sigmoid 快两倍多：为什么？",
  },
});
