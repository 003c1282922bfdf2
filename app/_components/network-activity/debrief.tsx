"use client";
// The debrief on the projector and the teacher's console (lib/network-activity/view.ts `debrief`):
// per layer how many neurons and answers were right given what the layer received and how many an
// earlier mistake reached, where the first mistake was, and how far the class's output is off.
import { formatNumber } from "@/lib/format";
import { neuronName } from "@/lib/lab/names";
import type { Debrief } from "@/lib/network-activity/model";
import type { Network } from "@/lib/network/schema";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./network-activity.module.css";

export function ActivityDebrief({ debrief, network, scored }: { debrief: Debrief; network: Network; scored: boolean }) {
  const nt = useT("network");
  const last = network.layers.length - 1;
  return (
    <section className={styles.debrief} data-testid="bnet-debrief" aria-label={nt("debrief.title")}>
      <h3 className={styles.columnTitle}>{nt("debrief.title")}</h3>
      <ul className={styles.list}>
        {debrief.layers.map((layer, l) => (
          <li key={l} data-testid={`bnet-debrief-layer-${l}`}>
            {nt("debrief.layer", {
              layer: l === last ? nt("layer.output") : nt("layer.hidden", { n: l + 1 }),
              right: layer.neuronsRight,
              of: layer.neurons,
              answersRight: layer.answersRight,
              answers: layer.answers,
            })}
            {layer.reached > 0 && ` (${nt("debrief.reached", { n: layer.reached })})`}
          </li>
        ))}
      </ul>
      <p data-testid="bnet-first-error">
        {debrief.firstError
          ? nt("debrief.firstError", { name: neuronName(network, debrief.firstError.layer, debrief.firstError.index) })
          : nt("debrief.noError")}
      </p>
      {debrief.outputs.map((output, j) => (
        <p key={j} data-testid={`bnet-debrief-output-${j}`}>
          {output.computed === null || output.difference === null
            ? nt("debrief.outputNone", { name: neuronName(network, last, j), ideal: formatNumber(output.ideal, 4) })
            : nt("debrief.output", {
                name: neuronName(network, last, j),
                computed: formatNumber(output.computed, 4),
                ideal: formatNumber(output.ideal, 4),
                difference: formatNumber(Math.abs(output.difference), 4),
              })}
        </p>
      ))}
      {scored && <p className={styles.muted}>{nt("debrief.scored")}</p>}
    </section>
  );
}
