"use client";
// The race's ranking by the test loss the server computed: each row names the choices behind it,
// and says so when the device reported another loss than its network gives (a forged number is
// shown for what it is, never ranked by). The teacher's rows carry spotlight and adopt buttons.
import type { ReactNode } from "react";
import { formatNumber } from "@/lib/format";
import type { RaceRank } from "@/lib/race/model";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./race.module.css";

/** The device's and the server's numbers agree (same wasm, same float32 weights: exactly). */
const AGREE = 1e-6;

export function RaceRanking({
  ranking,
  actions,
  limit,
}: {
  ranking: readonly RaceRank[];
  actions?: (row: RaceRank) => ReactNode;
  limit?: number;
}) {
  const t = useT("race");
  const lt = useT("lab");
  if (ranking.length === 0) return <p className={styles.muted}>{t("rank.empty")}</p>;
  const rows = limit ? ranking.slice(0, limit) : ranking;
  return (
    <table className={styles.ranking} data-testid="race-ranking">
      <thead>
        <tr>
          <th scope="col">{t("rank.place")}</th>
          <th scope="col">{t("rank.name")}</th>
          <th scope="col">{t("rank.choice")}</th>
          <th scope="col">{t("rank.loss")}</th>
          <th scope="col">{t("rank.accuracy")}</th>
          {actions && <th scope="col" />}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const forged = row.reportedLoss !== null && Math.abs(row.reportedLoss - row.testLoss) > AGREE;
          return (
            <tr key={row.participantId} data-testid="race-rank-row" data-name={row.name}>
              <td>{i + 1}</td>
              <td>{row.name}</td>
              <td>
                {row.activations.map((a) => lt(`activation.${a}`)).join(" → ")} · {formatNumber(row.learningRate, 4)}
              </td>
              <td data-testid="race-rank-loss">
                {formatNumber(row.testLoss, 4)}
                {forged && (
                  <span className={styles.mismatch} data-testid="race-rank-mismatch">
                    {" "}
                    {t("rank.mismatch", { reported: formatNumber(row.reportedLoss ?? 0, 4) })}
                  </span>
                )}
              </td>
              <td>{formatNumber(row.testAccuracy * 100, 1)} %</td>
              {actions && <td className={styles.rowActions}>{actions(row)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
