// "Who changed what" in everyone-edits: the last-changes list, the graph's brief name tag, and
// the notice that someone else's edit replaced ours.
import { defineCatalog } from "../define";

export const changes = defineCatalog({
  en: {
    "changes.title": "Last changes",
    "changes.empty": "No changes yet.",
    "changes.item": "{who}: {param} {from} → {to}",
    "who.you": "You",
    "who.teacher": "Teacher",
    "who.gone": "A student who left",
    "param.weight": "weight {from}→{to}",
    "param.bias": "bias of {neuron}",
    "param.activation": "activation of {neuron}",
    "param.input": "input {input}",
    "value.layer": "layer's",
    "overtaken.text": "{who} changed {param} after you — your value {yours} was replaced by {theirs}.",
    "overtaken.dismiss": "OK",
  },
  "zh-CN": {
    "changes.title": "最近的修改",
    "changes.empty": "还没有修改。",
    "changes.item": "{who}：{param} {from} → {to}",
    "who.you": "你",
    "who.teacher": "老师",
    "who.gone": "已离开的学生",
    "param.weight": "权重 {from}→{to}",
    "param.bias": "{neuron} 的偏置",
    "param.activation": "{neuron} 的激活函数",
    "param.input": "输入 {input}",
    "value.layer": "随层",
    "overtaken.text": "{who} 在你之后修改了{param}：你的值 {yours} 已被 {theirs} 取代。",
    "overtaken.dismiss": "知道了",
  },
});
