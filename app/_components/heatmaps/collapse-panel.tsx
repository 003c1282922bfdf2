// Linear collapse: when every activation is linear, the whole network equals one layer. The panel
// writes that layer out (`o = −1.25·x1 + 2.75·x2 − 0.3`) and checks it on a few input points
// against the network itself (both with the float64 reference); when some neuron is not linear it
// names the neuron(s) that keep the layers from merging.
import { Fragment } from "react";
import { ACTIVATION_NAMES, formatNumber } from "@/lib/format";
import { affineEquation, checkPoints, collapseCheck } from "@/lib/heatmap/collapse-view";
import type { Locale } from "@/lib/i18n";
import { neuronName } from "@/lib/lab/names";
import { collapseLinear, type CollapseBreaker } from "@/lib/network/collapse";
import type { Network } from "@/lib/network/schema";
import styles from "./collapse-panel.module.css";

export interface CollapsePanelProps {
  network: Network;
  locale: Locale;
}

/** Breakers listed one by one; more are summed up as "and N more". */
const MAX_LISTED = 6;

// The panel's own sentences, in both languages, until lib/i18n has keys for them.
const STRINGS = {
  en: {
    title: "Can the layers be merged into one?",
    linear: (layers: number) =>
      layers === 1
        ? "Every activation is linear, and the network already is a single layer:"
        : `Every activation is linear, so these ${layers} layers equal one single layer:`,
    checkCaption: "Check: the network and the single layer give the same outputs",
    input: "input",
    network: (name: string) => `network ${name}`,
    single: (name: string) => `one layer ${name}`,
    same: "same?",
    yes: "✓ same",
    no: "✗ differs",
    breaker: (b: Described) =>
      b.output
        ? `${b.name} in the output layer uses ${b.activation}`
        : `${b.name} in hidden layer ${b.layer} uses ${b.activation}`,
    oneBreaker: (text: string) => `${text}: the layers can't be merged into one.`,
    manyBreakers: (n: number) => `${n} neurons are not linear, so the layers can't be merged into one:`,
    more: (n: number) => `and ${n} more`,
    why: "A non-linear activation bends the sum it receives; stacked bends can't be multiplied out into one layer.",
  },
  "zh-CN": {
    title: "这些层能合并成一层吗？",
    linear: (layers: number) =>
      layers === 1
        ? "所有激活函数都是线性的，而这个网络本来就只有一层："
        : `所有激活函数都是线性的，所以这 ${layers} 层等价于一层：`,
    checkCaption: "验证：网络与这一层给出相同的输出",
    input: "输入",
    network: (name: string) => `网络的 ${name}`,
    single: (name: string) => `单层的 ${name}`,
    same: "相同？",
    yes: "✓ 相同",
    no: "✗ 不同",
    breaker: (b: Described) =>
      b.output ? `输出层的 ${b.name} 使用 ${b.activation}` : `隐藏层 ${b.layer} 的 ${b.name} 使用 ${b.activation}`,
    oneBreaker: (text: string) => `${text}：这些层无法合并成一层。`,
    manyBreakers: (n: number) => `有 ${n} 个神经元不是线性的，因此这些层无法合并成一层：`,
    more: (n: number) => `还有 ${n} 个`,
    why: "非线性激活函数会把收到的加权和“弯折”；层层叠加的弯折无法相乘合并成一层。",
  },
} as const;

interface Described {
  name: string;
  /** counted from 1, as in "hidden layer 1" */
  layer: number;
  output: boolean;
  activation: string;
}

function describe(net: Network, breaker: CollapseBreaker): Described {
  return {
    name: neuronName(net, breaker.layer, breaker.neuron),
    layer: breaker.layer + 1,
    output: breaker.layer === net.layers.length - 1,
    activation: ACTIVATION_NAMES[breaker.activation].symbol,
  };
}

export function CollapsePanel({ network, locale }: CollapsePanelProps) {
  const t = STRINGS[locale];
  const result = collapseLinear(network);
  const last = network.layers.length - 1;
  const outputNames = (network.layers[last]?.neurons ?? []).map((_, i) => neuronName(network, last, i));

  if (!result.ok) {
    const described = result.breakers.map((b) => describe(network, b));
    const [only] = described;
    return (
      <section className={styles.panel} aria-label={t.title} data-testid="collapse-panel" data-collapses="false">
        <h3 className={styles.title}>{t.title}</h3>
        {described.length === 1 && only ? (
          <p className={styles.verdict} data-testid="collapse-breakers">
            {t.oneBreaker(t.breaker(only))}
          </p>
        ) : (
          <>
            <p className={styles.verdict}>{t.manyBreakers(described.length)}</p>
            <ul className={styles.breakers} data-testid="collapse-breakers">
              {described.slice(0, MAX_LISTED).map((b) => (
                <li key={`${b.layer}:${b.name}`}>{t.breaker(b)}</li>
              ))}
              {described.length > MAX_LISTED ? <li>{t.more(described.length - MAX_LISTED)}</li> : null}
            </ul>
          </>
        )}
        <p className={styles.why}>{t.why}</p>
      </section>
    );
  }

  const { layer } = result;
  const rows = collapseCheck(network, layer, checkPoints(network.inputs.length));
  return (
    <section className={styles.panel} aria-label={t.title} data-testid="collapse-panel" data-collapses="true">
      <h3 className={styles.title}>{t.title}</h3>
      <p className={styles.verdict}>{t.linear(network.layers.length)}</p>
      <ul className={styles.equations} data-testid="collapse-equations">
        {layer.weights.map((weights, i) => (
          <li key={i} className={styles.equation}>
            {affineEquation(outputNames[i] ?? `y${i + 1}`, weights, layer.biases[i] ?? 0, network.inputs)}
          </li>
        ))}
      </ul>
      <div className={styles.tableBox}>
        <table className={styles.table} data-testid="collapse-check">
          <caption>{t.checkCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.input}</th>
              {outputNames.map((name, i) => (
                <Fragment key={i}>
                  <th scope="col">{t.network(name)}</th>
                  <th scope="col">{t.single(name)}</th>
                </Fragment>
              ))}
              <th scope="col">{t.same}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.inputs.join(",")}>
                <th scope="row" className={styles.point}>
                  ({row.inputs.map((v) => formatNumber(v)).join(", ")})
                </th>
                {row.network.map((value, i) => (
                  <Fragment key={i}>
                    <td>{formatNumber(value)}</td>
                    <td>{formatNumber(row.single[i] ?? Number.NaN)}</td>
                  </Fragment>
                ))}
                <td className={row.same ? styles.same : styles.differs}>{row.same ? t.yes : t.no}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
