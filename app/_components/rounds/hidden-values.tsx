"use client";
// What a running round hides on a page's lab (lib/rounds/hiding.ts): the asked neuron and
// everything downstream, until the reveal — for LiveLab's `hiddenNeurons` — and the note that
// stands where the heatmaps and the collapse check were (`hiddenNote`).
import type { Network } from "@/lib/network/schema";
import { hiddenForRound } from "@/lib/rounds/hiding";
import type { RoundsView } from "@/lib/rounds/model";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./rounds.module.css";

export function roundHiddenNeurons(network: Network, rounds: RoundsView | undefined): ReadonlySet<string> | null {
  return hiddenForRound(network, rounds?.current ?? null)?.neurons ?? null;
}

export function RoundHiddenNote() {
  const rt = useT("rounds");
  return (
    <p className={`${styles.panel} ${styles.quiet} ${styles.muted}`} data-testid="round-hidden-note">
      {rt("round.heatmapsHidden")}
    </p>
  );
}
