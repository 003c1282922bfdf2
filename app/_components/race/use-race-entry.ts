"use client";
// A student's race entry: their choices, training on their device (the lesson view's worker with
// its own wasm module: same seeded points, same start weights, same float32 numbers as the
// server's), the curve reported as it grows (lib/race/reporter.ts: paced, thinned, with the newest
// network), and the submission. After a reload the entry the server kept comes back (choices,
// curve, network) through the live client's race follower, so the phone can submit it.
import { useEffect, useRef, useState } from "react";
import type { ActivationId } from "@/lib/network/activations";
import type { Network } from "@/lib/network/schema";
import type { CurvePoint, RaceChoices, RaceEntryView, RaceView } from "@/lib/race/model";
import { RaceReporter } from "@/lib/race/reporter";
import { RACE_TRAINING, raceStartNetwork } from "@/lib/race/run";
import type { TrainingCommand, TrainingSnapshot } from "@/lib/training/protocol";
import type { LiveSession } from "@/app/_hooks/use-live-session";
import { useTrainingClient } from "@/app/_components/training/use-training-client";

/** What the card shows while a run trains or after it: the device's own numbers. */
export interface RaceRun {
  epoch: number;
  testLoss: number | null;
  curve: CurvePoint[];
  running: boolean;
  diverged: boolean;
  network: Network | null;
}

const browserTimers = {
  now: () => Date.now(),
  setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function defaultChoices(race: RaceView): RaceChoices {
  const last = race.layers.length - 1;
  return {
    activations: race.layers.map((_, i): ActivationId => (i === last ? "sigmoid" : "tanh")),
    learningRate: 0.03,
  };
}

function runOf(snapshot: TrainingSnapshot): RaceRun {
  const { epochs, testLoss } = snapshot.curve;
  return {
    epoch: snapshot.epoch,
    testLoss: snapshot.latest.testLoss,
    curve: Array.from(epochs, (epoch, i) => ({ epoch, testLoss: testLoss[i]! })).filter((p) => p.epoch > 0),
    running: snapshot.running,
    diverged: snapshot.state === "diverged",
    network: snapshot.network,
  };
}

function restoredRun(entry: RaceEntryView): RaceRun {
  const last = entry.curve[entry.curve.length - 1];
  return {
    epoch: last?.epoch ?? 0,
    testLoss: last?.testLoss ?? null,
    curve: entry.curve,
    running: false,
    diverged: false,
    network: entry.network ?? null,
  };
}

export function useRaceEntry(session: LiveSession, race: RaceView) {
  const [choices, setChoices] = useState<RaceChoices>(() => defaultChoices(race));
  const [enabled, setEnabled] = useState(false);
  const [run, setRun] = useState<RaceRun | null>(null);
  const [refusal, setRefusal] = useState<{ code: string; message: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [restoredFor, setRestoredFor] = useState<string | null>(null);
  /** this page trained already: the entry the server acknowledges is not one to restore */
  const [trained, setTrained] = useState(false);
  const setup = useRef<TrainingCommand[]>([]);
  const seenRun = useRef(-1);
  const ignoreUpTo = useRef(-1);
  const raceId = race.id;

  const reporter = useRef<RaceReporter | null>(null);
  useEffect(() => {
    const made = new RaceReporter(async (points, network) => {
      const ack = await session.raceEntry({ op: "progress", raceId, points, ...(network ? { network } : {}) });
      if (!ack.ok) setRefusal(ack.error);
      return ack.ok;
    }, browserTimers);
    reporter.current = made;
    return () => made.dispose();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one reporter per race; raceEntry is stable
  }, [raceId]);

  const training = useTrainingClient(enabled, {
    onStart(send) {
      for (const command of setup.current) send(command);
    },
    onSnapshot(snapshot) {
      seenRun.current = snapshot.run;
      if (snapshot.run <= ignoreUpTo.current) return; // the run before this one
      const now = runOf(snapshot);
      setRun(now);
      reporter.current?.push(snapshot.curve.epochs, snapshot.curve.testLoss, snapshot.network);
    },
  });

  // a reload: the server's copy of this entry comes back once (choices, curve, network)
  const entry = session.race?.raceId === raceId ? (session.race.entries[0] ?? null) : null;
  if (entry && !trained && restoredFor !== raceId && run === null) {
    setRestoredFor(raceId);
    setChoices(entry.choices);
    setRun(restoredRun(entry));
  }

  async function train() {
    setRefusal(null);
    setTrained(true);
    const entered = await session.raceEntry({ op: "enter", raceId, choices });
    if (!entered.ok) {
      setRefusal(entered.error);
      return;
    }
    reporter.current?.reset();
    ignoreUpTo.current = seenRun.current;
    const network = raceStartNetwork(race, choices.activations);
    const commands: TrainingCommand[] = [
      {
        type: "load",
        setup: {
          network,
          data: race.data,
          options: { ...RACE_TRAINING, learningRate: choices.learningRate, seed: race.data.seed },
        },
      },
      { type: "play", goal: { stopAfter: race.epochs, targetLoss: null }, speed: Math.max(60, race.epochs / 5) },
    ];
    setRun({ epoch: 0, testLoss: null, curve: [], running: true, diverged: false, network: null });
    if (enabled) for (const command of commands) training.send(command);
    else {
      setup.current = commands;
      setEnabled(true);
    }
  }

  async function submit() {
    const network = run?.network;
    if (!network || !run) return;
    setSubmitting(true);
    setRefusal(null);
    await reporter.current?.finish();
    const ack = await session.raceEntry({
      op: "submit",
      raceId,
      network,
      epochs: Math.min(run.epoch, race.epochs),
      reportedLoss: run.testLoss,
    });
    setSubmitting(false);
    if (!ack.ok) setRefusal(ack.error);
  }

  return {
    choices,
    setChoices,
    run,
    restored: !trained && restoredFor === raceId && run !== null,
    failure: training.view.status === "failed" ? training.view.failure : null,
    refusal,
    submitting,
    train,
    submit,
  };
}
