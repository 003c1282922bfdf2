"use client";
// One line saying where the class is: which layer computes, the output is in, or the debrief.
import type { ActivityView } from "@/lib/network-activity/model";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./network-activity.module.css";

export function ActivityStatus({ view }: { view: ActivityView }) {
  const nt = useT("network");
  const text = view.debrief
    ? nt("status.debrief")
    : view.current >= view.layers.length
      ? nt("status.outputIn")
      : nt("status.computing", { n: view.current + 1, of: view.layers.length });
  return (
    <div className={styles.head}>
      <h2 className={styles.title}>{nt("title")}</h2>
      <span className={styles.badge} data-testid="bnet-status">
        {text} · {view.mode === "computed" ? nt("mode.computed") : nt("mode.corrected")}
      </span>
    </div>
  );
}
