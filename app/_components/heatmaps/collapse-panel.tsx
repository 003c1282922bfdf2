// Linear collapse: when every activation is linear, the whole network equals one layer. The panel
// writes that layer out (`o = −1.25·x1 + 2.75·x2 − 0.3`) and checks it on a few input points
// against the network itself (both with the float64 reference); when some neuron is not linear it
// names the neuron(s) that keep the layers from merging.
import { Fragment } from "react";
import { ACTIVATION_NAMES, formatNumber } from "@/lib/format";
import { affineEquation, checkPoints, collapseCheck } from "@/lib/heatmap/collapse-view";
import { translator, type Locale, type Translator } from "@/lib/i18n";
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

interface Described {
  name: string;
  /** counted from 1, as in "hidden layer 1" */
  layer: number;
  output: boolean;
  activation: string;
}

/** "h1 in hidden layer 1 uses ReLU". */
function breakerText(t: Translator<"heatmaps">, b: Described): string {
  return t(b.output ? "collapse.breaker.output" : "collapse.breaker.hidden", b);
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
  const t = translator(locale, "heatmaps");
  const result = collapseLinear(network);
  const last = network.layers.length - 1;
  const outputNames = (network.layers[last]?.neurons ?? []).map((_, i) => neuronName(network, last, i));

  if (!result.ok) {
    const described = result.breakers.map((b) => describe(network, b));
    const [only] = described;
    return (
      <section
        className={styles.panel}
        aria-label={t("collapse.title")}
        data-testid="collapse-panel"
        data-collapses="false"
      >
        <h3 className={styles.title}>{t("collapse.title")}</h3>
        {described.length === 1 && only ? (
          <p className={styles.verdict} data-testid="collapse-breakers">
            {t("collapse.oneBreaker", { breaker: breakerText(t, only) })}
          </p>
        ) : (
          <>
            <p className={styles.verdict}>{t("collapse.manyBreakers", { n: described.length })}</p>
            <ul className={styles.breakers} data-testid="collapse-breakers">
              {described.slice(0, MAX_LISTED).map((b) => (
                <li key={`${b.layer}:${b.name}`}>{breakerText(t, b)}</li>
              ))}
              {described.length > MAX_LISTED ? (
                <li>{t("collapse.more", { n: described.length - MAX_LISTED })}</li>
              ) : null}
            </ul>
          </>
        )}
        <p className={styles.why}>{t("collapse.why")}</p>
      </section>
    );
  }

  const { layer } = result;
  const rows = collapseCheck(network, layer, checkPoints(network.inputs.length));
  return (
    <section
      className={styles.panel}
      aria-label={t("collapse.title")}
      data-testid="collapse-panel"
      data-collapses="true"
    >
      <h3 className={styles.title}>{t("collapse.title")}</h3>
      <p className={styles.verdict}>
        {network.layers.length === 1
          ? t("collapse.linear.single")
          : t("collapse.linear.many", { layers: network.layers.length })}
      </p>
      <ul className={styles.equations} data-testid="collapse-equations">
        {layer.weights.map((weights, i) => (
          <li key={i} className={styles.equation}>
            {affineEquation(outputNames[i] ?? `y${i + 1}`, weights, layer.biases[i] ?? 0, network.inputs)}
          </li>
        ))}
      </ul>
      <div className={styles.tableBox}>
        <table className={styles.table} data-testid="collapse-check">
          <caption>{t("collapse.checkCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("collapse.input")}</th>
              {outputNames.map((name, i) => (
                <Fragment key={i}>
                  <th scope="col">{t("collapse.network", { name })}</th>
                  <th scope="col">{t("collapse.single", { name })}</th>
                </Fragment>
              ))}
              <th scope="col">{t("collapse.same")}</th>
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
                <td className={row.same ? styles.same : styles.differs}>
                  {row.same ? t("collapse.yes") : t("collapse.no")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
