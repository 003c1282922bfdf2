"use client";
// While the class is being the network, no page's lab may show a neuron's value (the graph, the
// inspector's arithmetic, the heatmaps would give every answer away): every neuron is hidden, as a
// prediction round hides the asked one (lib/rounds/hiding.ts), until the debrief.
import { neuronKey } from "@/lib/rounds/hiding";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./network-activity.module.css";
import type { ActivityView } from "@/lib/network-activity/model";
import type { Network } from "@/lib/network/schema";

export function activityHiddenNeurons(
  network: Network,
  activity: ActivityView | undefined,
): ReadonlySet<string> | null {
  if (!activity || activity.debrief !== null) return null;
  return new Set(network.layers.flatMap((layer, l) => layer.neurons.map((_, j) => neuronKey(l, j))));
}

/** What stands where the heatmaps and the collapse check were while the class computes. */
export function ActivityHiddenNote() {
  const nt = useT("network");
  return (
    <p className={`${styles.panel} ${styles.muted}`} data-testid="bnet-hidden-note">
      {nt("hiddenNote")}
    </p>
  );
}
