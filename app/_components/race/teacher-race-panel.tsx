"use client";
// The teacher's race panel: start a race on a data set (kind, points, noise, seed, epochs) with the
// class's network shape; while it runs, everyone's test-loss curves and the ranking by the
// server's own test loss; stop it, spotlight a curve on the projector, adopt a winner's network
// (the sandbox adoption: a submission lands in the student's sandbox), take it off the screens.
import { useState } from "react";
import type { RaceRequest } from "@/lib/race/model";
import { GENERATED_KINDS, type GeneratedKind } from "@/lib/training/datasets";
import type { LiveSession } from "@/app/_hooks/use-live-session";
import { useT } from "@/app/_i18n/locale-provider";
import { ToolButton } from "../ui/tool-button";
import { RaceAbout } from "./race-about";
import { RaceChart } from "./race-chart";
import { RaceRanking } from "./race-ranking";
import { raceRefusalText } from "./race-refusal";
import styles from "./race.module.css";

export function TeacherRacePanel({ session }: { session: LiveSession }) {
  const t = useT("race");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const race = session.state?.race;
  const live = session.phase === "live" && session.connected;

  const control = (request: RaceRequest) => {
    setBusy(true);
    setMessage(null);
    void session.controlRace(request).then((ack) => {
      setBusy(false);
      if (!ack.ok) setMessage(raceRefusalText(t, ack.error));
    });
  };

  const series = (session.race?.entries ?? []).map((entry) => ({
    id: entry.participantId,
    label: entry.name,
    curve: entry.curve,
  }));

  return (
    <section className={styles.panel} data-testid="race-panel" aria-label={t("race.title")}>
      {race ? <RaceAbout race={race} /> : <h2 className={styles.title}>{t("race.title")}</h2>}
      {race?.phase !== "running" && (
        <RaceStartForm disabled={!live || busy} onStart={(start) => control({ op: "start", start })} />
      )}
      {race && (
        <>
          <div className={styles.buttons}>
            {race.phase === "running" && (
              <ToolButton
                className={styles.primary}
                disabled={!live || busy}
                onClick={() => control({ op: "stop", raceId: race.id })}
                testId="race-stop"
              >
                {t("teacher.stop")}
              </ToolButton>
            )}
            <ToolButton
              className={styles.secondary}
              disabled={!live || busy}
              onClick={() => control({ op: "clear", raceId: race.id })}
              testId="race-clear"
            >
              {t("teacher.clear")}
            </ToolButton>
          </div>
          <p className={styles.muted}>{t("race.entrants", { n: series.length })}</p>
          <RaceChart epochs={race.epochs} series={series} spotlight={race.spotlight} />
          <RaceRanking
            ranking={race.ranking}
            actions={(row) => (
              <>
                <ToolButton
                  className={styles.small}
                  disabled={!live}
                  testId="race-spotlight"
                  onClick={() =>
                    control({
                      op: "spotlight",
                      raceId: race.id,
                      participantId: race.spotlight === row.participantId ? null : row.participantId,
                    })
                  }
                >
                  {race.spotlight === row.participantId ? t("teacher.unspotlight") : t("teacher.spotlight")}
                </ToolButton>
                <ToolButton
                  className={styles.small}
                  disabled={!live}
                  testId="race-adopt"
                  onClick={() => {
                    const refused = session.emitAction({ type: "adoptSandbox", participantId: row.participantId });
                    setMessage(refused ? raceRefusalText(t, refused) : t("teacher.adopted", { name: row.name }));
                  }}
                >
                  {t("teacher.adopt")}
                </ToolButton>
              </>
            )}
          />
        </>
      )}
      {message && (
        <p className={styles.muted} role="status" data-testid="race-message">
          {message}
        </p>
      )}
    </section>
  );
}

function RaceStartForm({
  disabled,
  onStart,
}: {
  disabled: boolean;
  onStart(start: { data: { kind: GeneratedKind; points: number; noise: number; seed: number }; epochs: number }): void;
}) {
  const t = useT("race");
  const tt = useT("training");
  const [kind, setKind] = useState<GeneratedKind>("xor");
  const [points, setPoints] = useState(200);
  const [noise, setNoise] = useState(0);
  const [seed, setSeed] = useState(1);
  const [epochs, setEpochs] = useState(300);
  const number = (value: string, min: number, max: number, fallback: number) => {
    const n = Number(value);
    return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
  };
  return (
    <form
      className={styles.fields}
      onSubmit={(event) => {
        event.preventDefault();
        onStart({ data: { kind, points, noise: noise / 100, seed }, epochs });
      }}
    >
      <p className={styles.muted}>{t("teacher.intro")}</p>
      <label className={styles.field}>
        {t("teacher.dataset")}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as GeneratedKind)} data-testid="race-kind">
          {GENERATED_KINDS.map((k) => (
            <option key={k} value={k}>
              {tt(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.field}>
        {t("teacher.points")}
        <input
          type="number"
          min={10}
          max={1000}
          value={points}
          onChange={(e) => setPoints(number(e.currentTarget.value, 10, 1000, 200))}
          data-testid="race-points"
        />
      </label>
      <label className={styles.field}>
        {t("teacher.noise")}
        <input
          type="number"
          min={0}
          max={50}
          value={noise}
          onChange={(e) => setNoise(number(e.currentTarget.value, 0, 50, 0))}
        />
      </label>
      <label className={styles.field}>
        {t("teacher.seed")}
        <input
          type="number"
          min={0}
          value={seed}
          onChange={(e) => setSeed(Math.round(number(e.currentTarget.value, 0, 0xffffffff, 1)))}
        />
      </label>
      <label className={styles.field}>
        {t("teacher.epochs")}
        <input
          type="number"
          min={1}
          max={5000}
          value={epochs}
          onChange={(e) => setEpochs(Math.round(number(e.currentTarget.value, 1, 5000, 300)))}
          data-testid="race-epochs"
        />
      </label>
      <button type="submit" className={styles.primary} disabled={disabled} data-testid="race-start">
        {t("teacher.start")}
      </button>
    </form>
  );
}
