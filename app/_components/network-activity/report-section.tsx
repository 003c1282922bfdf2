"use client";
// "Be the network" in a session's report page: each activity with every answer (a change of mind
// too), what its neuron received and, once that layer was revealed, the kernel's value; and the
// neurons.csv download. Read from GET /api/reports/:code (lib/network-activity/report.ts).
import { formatNumber } from "@/lib/format";
import type { ActivityReport } from "@/lib/network-activity/report";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./network-activity.module.css";

export function ActivityReportSection({
  activities,
  onDownload,
}: {
  activities: readonly ActivityReport[] | undefined;
  onDownload(): void;
}) {
  const nt = useT("network");
  if (!activities || activities.length === 0) return null;
  return (
    <section data-testid="report-bnet">
      <h2>{nt("title")}</h2>
      <button type="button" className={styles.button} onClick={onDownload} data-testid="csv-neurons">
        {nt("report.csv")}
      </button>
      {activities.map((activity) => (
        <div key={activity.id}>
          <h3>
            {nt("report.activity", { n: activity.number })} ·{" "}
            {activity.mode === "computed" ? nt("mode.computed") : nt("mode.corrected")}
          </h3>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{nt("report.neuron")}</th>
                <th>{nt("report.student")}</th>
                <th>z</th>
                <th>f(z)</th>
                <th>{nt("report.truth")}</th>
              </tr>
            </thead>
            <tbody>
              {activity.answers.map((answer, i) => (
                <tr key={i} data-right={answer.right === null ? undefined : answer.right ? "yes" : "no"}>
                  <td>{`${answer.layer + 1}.${answer.neuron + 1}`}</td>
                  <td>{answer.student}</td>
                  <td>{formatNumber(answer.z, 4)}</td>
                  <td>{formatNumber(answer.a, 4)}</td>
                  <td>
                    {answer.truth
                      ? `${formatNumber(answer.truth.a, 4)} · ${answer.right ? nt("neuron.right") : nt("neuron.wrong")}`
                      : "…"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
