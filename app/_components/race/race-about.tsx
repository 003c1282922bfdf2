"use client";
// One line about a race: its number, phase and data set, the same on every screen.
import { formatNumber } from "@/lib/format";
import type { RaceView } from "@/lib/race/model";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./race.module.css";

export function RaceAbout({ race }: { race: RaceView }) {
  const t = useT("race");
  const tt = useT("training");
  return (
    <div className={styles.head}>
      <h2 className={styles.title}>
        {t("race.title")} · {t("race.number", { n: race.number })}
      </h2>
      <span className={styles.muted} data-testid="race-phase" data-phase={race.phase}>
        {race.phase === "running" ? t("race.running") : t("race.stopped")} ·{" "}
        {t("race.about", {
          data: tt(`kind.${race.data.kind}`),
          points: race.data.points,
          noise: `${formatNumber(race.data.noise * 100, 0)} %`,
          epochs: race.epochs,
        })}
      </span>
    </div>
  );
}
