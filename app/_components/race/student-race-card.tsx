"use client";
// The student's race card: one activation per layer and a learning rate, Train (on this device,
// in a worker), the live curve, Submit. After the submission, the place by the server's own test
// loss — it moves as the others submit. A reloaded phone finds its entry again (use-race-entry.ts).
import { formatNumber } from "@/lib/format";
import { ACTIVATION_IDS, type ActivationId } from "@/lib/network/activations";
import type { RaceView } from "@/lib/race/model";
import type { LiveSession } from "@/app/_hooks/use-live-session";
import { useT } from "@/app/_i18n/locale-provider";
import { RaceAbout } from "./race-about";
import { RaceChart } from "./race-chart";
import { raceRefusalText } from "./race-refusal";
import { useRaceEntry } from "./use-race-entry";
import styles from "./race.module.css";

/** The playground's learning rates. */
const RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];

export function StudentRaceCard({ session }: { session: LiveSession }) {
  const race = session.state?.race;
  // one card per race: a new race starts from fresh choices
  return race ? <RaceCard key={race.id} session={session} race={race} /> : null;
}

function RaceCard({ session, race }: { session: LiveSession; race: RaceView }) {
  const t = useT("race");
  const lt = useT("lab");
  const entry = useRaceEntry(session, race);
  const { choices, run } = entry;
  const me = session.you?.role === "student" ? session.you.participantId : null;
  const at = race.ranking.findIndex((row) => row.participantId === me);
  const mine = at === -1 ? null : race.ranking[at]!;
  const running = race.phase === "running";
  const live = session.phase === "live" && session.connected;
  const busy = run?.running === true || entry.submitting;
  const last = race.layers.length - 1;

  const setActivation = (layer: number, activation: ActivationId) =>
    entry.setChoices({ ...choices, activations: choices.activations.map((a, i) => (i === layer ? activation : a)) });

  return (
    <section className={styles.panel} data-testid="race-card" aria-label={t("race.title")}>
      <RaceAbout race={race} />
      {running ? (
        <p className={styles.muted}>{t("student.intro")}</p>
      ) : (
        <p className={styles.muted}>{t("student.stopped")}</p>
      )}
      {running && (
        <div className={styles.fields}>
          {race.layers.map((size, layer) => (
            <label key={layer} className={styles.field}>
              {layer === last ? t("student.output") : t("student.layer", { n: layer + 1, size })}
              <select
                value={choices.activations[layer]}
                disabled={busy}
                onChange={(e) => setActivation(layer, e.currentTarget.value as ActivationId)}
                data-testid={`race-activation-${layer}`}
              >
                {ACTIVATION_IDS.map((id) => (
                  <option key={id} value={id}>
                    {lt(`activation.${id}`)}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label className={styles.field}>
            {t("student.rate")}
            <select
              value={choices.learningRate}
              disabled={busy}
              onChange={(e) => entry.setChoices({ ...choices, learningRate: Number(e.currentTarget.value) })}
              data-testid="race-rate"
            >
              {RATES.map((rate) => (
                <option key={rate} value={rate}>
                  {formatNumber(rate, 4)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {running && (
        <div className={styles.buttons}>
          <button
            type="button"
            className={styles.primary}
            disabled={!live || busy}
            onClick={() => void entry.train()}
            data-testid="race-train"
          >
            {run?.running ? t("student.training") : t("student.train")}
          </button>
          <button
            type="button"
            className={styles.secondary}
            disabled={!live || busy || !run?.network || run.epoch === 0}
            onClick={() => void entry.submit()}
            data-testid="race-submit"
          >
            {t("student.submit")}
          </button>
        </div>
      )}
      {entry.restored && running && (
        <p className={styles.muted} data-testid="race-restored">
          {t("student.restored")}
        </p>
      )}
      {run && (
        <p className={styles.muted} data-testid="race-progress" data-epoch={run.epoch} data-running={run.running}>
          {t("student.epoch", { epoch: run.epoch, of: race.epochs })}
          {run.testLoss !== null && <> · {t("student.loss", { loss: formatNumber(run.testLoss, 4) })}</>}
        </p>
      )}
      {run?.diverged && <p className={styles.error}>{t("student.diverged")}</p>}
      {run && run.curve.length > 0 && (
        <RaceChart
          epochs={race.epochs}
          series={[{ id: me ?? "me", label: "", curve: run.curve }]}
          width={480}
          height={200}
        />
      )}
      {mine && (
        <p className={styles.ok} data-testid="race-result" data-rank={at + 1}>
          {t("student.submitted", {
            loss: formatNumber(mine.testLoss, 4),
            rank: at + 1,
            of: race.ranking.length,
          })}
        </p>
      )}
      {entry.failure && <p className={styles.error}>{t("student.cannotTrain", { message: entry.failure })}</p>}
      {entry.refusal && (
        <p className={styles.error} role="alert" data-testid="race-refusal">
          {raceRefusalText(t, entry.refusal)}
        </p>
      )}
    </section>
  );
}
