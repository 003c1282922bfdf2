"use client";
// "Be the network" on the projector: the network filling in, layer by layer, and the debrief. Only
// what every member may see (the activity view): a layer's values once it has closed, the kernel's
// once revealed.
import type { Network } from "@/lib/network/schema";
import { useT } from "@/app/_i18n/locale-provider";
import { ActivityDebrief } from "./debrief";
import { NetworkBoard } from "./network-board";
import { ActivityStatus } from "./activity-status";
import { useNetworkActivity, type ActivitySession } from "./use-network-activity";
import styles from "./network-activity.module.css";

export function ProjectorActivity({ session, network }: { session: ActivitySession; network: Network }) {
  const nt = useT("network");
  const activity = useNetworkActivity(session);
  if (!activity) return null;
  const { view } = activity;
  // the activity's own network (frozen while it runs): the shared one is the same until the debrief
  return (
    <section className={styles.panel} data-testid="bnet-projector" aria-label={nt("title")}>
      <ActivityStatus view={view} />
      <NetworkBoard activity={activity} network={network} />
      {view.debrief && <ActivityDebrief debrief={view.debrief} network={network} scored={view.scored} />}
    </section>
  );
}
