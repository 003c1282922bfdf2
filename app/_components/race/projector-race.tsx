"use client";
// The projector's race: everyone's test-loss curves on one chart, big, the spotlighted one in
// front, and the ranking by the server's own test loss (the top ten).
import type { LiveSession } from "@/app/_hooks/use-live-session";
import { RaceAbout } from "./race-about";
import { RaceChart } from "./race-chart";
import { RaceRanking } from "./race-ranking";
import styles from "./race.module.css";

export function ProjectorRace({ session }: { session: LiveSession }) {
  const race = session.state?.race;
  if (!race) return null;
  const series = (session.race?.entries ?? []).map((entry) => ({
    id: entry.participantId,
    label: entry.name,
    curve: entry.curve,
  }));
  return (
    <section className={styles.projector} data-testid="projector-race">
      <RaceAbout race={race} />
      <RaceChart
        epochs={race.epochs}
        series={series}
        spotlight={race.spotlight}
        width={1200}
        height={360}
        testId="projector-race-chart"
      />
      <RaceRanking ranking={race.ranking} limit={10} />
    </section>
  );
}
