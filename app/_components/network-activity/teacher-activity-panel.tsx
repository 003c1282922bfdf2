"use client";
// The teacher's "Be the network": start it (how mistakes travel, the calculator helper), then run
// it — pass a layer on, reveal a layer, switch the mode, deal the neurons again or drag a name
// onto a neuron — watch the answers come in, and show the debrief (scores into the leaderboard if
// wanted). Every request goes through the live client (lib/live/client-network-activity.ts control).
import { useState } from "react";
import type { ActivityMode } from "@/lib/network-activity/model";
import type { ActivityAck, ActivityOp } from "@/lib/network-activity/requests";
import type { Network } from "@/lib/network/schema";
import { useT } from "@/app/_i18n/locale-provider";
import { ActivityDebrief } from "./debrief";
import { ActivityStatus } from "./activity-status";
import { MoveStudent } from "./move-student";
import { MemberChip, NetworkBoard } from "./network-board";
import { useNetworkActivity, type ActivitySession, type NetworkActivity } from "./use-network-activity";
import styles from "./network-activity.module.css";

export function TeacherActivityPanel({ session, network }: { session: ActivitySession; network: Network }) {
  const nt = useT("network");
  const activity = useNetworkActivity(session);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (op: ActivityOp) => {
    setBusy(true);
    setError(null);
    const send: Promise<ActivityAck> = activity
      ? activity.control(op)
      : op.op === "start"
        ? session.controlActivity(op)
        : Promise.resolve({ ok: false, error: { code: "no_such_activity", message: "not on screen" } });
    void send.then((ack) => {
      setBusy(false);
      if (!ack.ok) setError(nt("refusal.other", { message: ack.error.message }));
    });
  };
  if (session.state?.rounds?.current?.phase === "open" && !activity) return null;
  return (
    <section className={styles.panel} data-testid="bnet-teacher" aria-label={nt("title")}>
      {activity ? (
        <Running activity={activity} network={network} busy={busy} run={run} />
      ) : (
        <StartForm busy={busy} run={run} />
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function StartForm({ busy, run }: { busy: boolean; run(op: ActivityOp): void }) {
  const nt = useT("network");
  const [mode, setMode] = useState<ActivityMode>("computed");
  const [calculator, setCalculator] = useState(false);
  return (
    <details className={styles.start}>
      <summary className={styles.title}>{nt("title")}</summary>
      <p className={styles.muted}>{nt("intro")}</p>
      <fieldset className={styles.fieldset}>
        <legend>{nt("start.mode")}</legend>
        {(["computed", "corrected"] as const).map((m) => (
          <label key={m} className={styles.option}>
            <input
              type="radio"
              name="bnet-mode"
              checked={mode === m}
              onChange={() => setMode(m)}
              data-testid={`bnet-mode-${m}`}
            />
            {m === "computed" ? nt("mode.computed") : nt("mode.corrected")}
          </label>
        ))}
      </fieldset>
      <label className={styles.option}>
        <input type="checkbox" checked={calculator} onChange={(e) => setCalculator(e.currentTarget.checked)} />
        {nt("start.calculator")}
      </label>
      <button
        type="button"
        className={styles.primary}
        disabled={busy}
        data-testid="bnet-start"
        onClick={() => run({ op: "start", mode, calculator })}
      >
        {nt("start.button")}
      </button>
    </details>
  );
}

function Running({
  activity,
  network,
  busy,
  run,
}: {
  activity: NetworkActivity;
  network: Network;
  busy: boolean;
  run(op: ActivityOp): void;
}) {
  const nt = useT("network");
  const [scores, setScores] = useState(true);
  const { view, names } = activity;
  const last = view.layers.length - 1;
  const layerName = (l: number) => (l === last ? nt("layer.output") : nt("layer.hidden", { n: l + 1 }));
  const done = view.current > last;
  const assigned = new Set(view.members.flat(2));
  const unassigned = [...names].filter(([id]) => !assigned.has(id));
  return (
    <>
      <ActivityStatus view={view} />
      {!view.debrief && (
        <div className={styles.controls}>
          {!done && (
            <button
              type="button"
              className={styles.primary}
              disabled={busy}
              data-testid="bnet-advance"
              onClick={() => run({ op: "advance" })}
            >
              {nt("action.advance", { layer: layerName(view.current) })}
            </button>
          )}
          {view.layers.map((layer, l) =>
            layer.received && !layer.revealed ? (
              <button
                key={l}
                type="button"
                className={styles.button}
                disabled={busy}
                data-testid={`bnet-reveal-${l}`}
                onClick={() => run({ op: "reveal", layer: l })}
              >
                {nt("action.reveal", { layer: layerName(l) })}
              </button>
            ) : null,
          )}
          {done && (
            <>
              <label className={styles.option}>
                <input
                  type="checkbox"
                  checked={scores}
                  onChange={(e) => setScores(e.currentTarget.checked)}
                  data-testid="bnet-scores"
                />
                {nt("action.scores")}
              </label>
              <button
                type="button"
                className={styles.primary}
                disabled={busy}
                data-testid="bnet-finish"
                onClick={() => run({ op: "finish", scores })}
              >
                {nt("action.finish")}
              </button>
            </>
          )}
          <label className={styles.option}>
            {nt("action.mode")}{" "}
            <select
              value={view.mode}
              disabled={busy}
              data-testid="bnet-mode"
              onChange={(e) => run({ op: "mode", mode: e.currentTarget.value as ActivityMode })}
            >
              <option value="computed">{nt("mode.computed")}</option>
              <option value="corrected">{nt("mode.corrected")}</option>
            </select>
          </label>
          <label className={styles.option}>
            <input
              type="checkbox"
              checked={view.calculator}
              disabled={busy}
              onChange={(e) => run({ op: "calculator", on: e.currentTarget.checked })}
              data-testid="bnet-calculator"
            />
            {nt("action.calculator")}
          </label>
          <button type="button" className={styles.button} disabled={busy} onClick={() => run({ op: "roundRobin" })}>
            {nt("action.deal")}
          </button>
        </div>
      )}
      <NetworkBoard
        activity={activity}
        network={network}
        live
        onAssign={
          view.debrief ? undefined : (participantId, neuron) => run({ op: "assign", participantId, neurons: [neuron] })
        }
      />
      {!view.debrief && (
        <p className={styles.muted}>
          {nt("assign.hint")}
          {unassigned.length > 0 && ` ${nt("assign.unassigned")}: `}
          {unassigned.map(([id, name]) => (
            <MemberChip key={id} id={id} name={name} draggable />
          ))}
        </p>
      )}
      {!view.debrief && (
        <MoveStudent
          names={names}
          network={network}
          busy={busy}
          onMove={(participantId, neuron) => run({ op: "assign", participantId, neurons: [neuron] })}
        />
      )}
      {view.debrief && <ActivityDebrief debrief={view.debrief} network={network} scored={view.scored} />}
      <button
        type="button"
        className={styles.button}
        disabled={busy}
        data-testid="bnet-stop"
        onClick={() => run({ op: "stop" })}
      >
        {nt("action.stop")}
      </button>
    </>
  );
}
