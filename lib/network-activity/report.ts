// "Be the network" in the session's report (docs/protocol.md, "Reports"): every answer of every
// activity — a change of mind too — with what its neuron received and, once that layer was revealed,
// the kernel's value given those inputs; and the same as CSV (lib/rounds/csv.ts conventions).
import { csvFile } from "../rounds/csv";
import { close } from "./flow";
import type { StoredActivities } from "./book";
import type { ActivityMode, Debrief } from "./model";
import { debrief } from "./view";

export interface ActivityReportAnswer {
  layer: number;
  neuron: number;
  participantId: string;
  student: string;
  z: number;
  a: number;
  /** ms after the activity started */
  afterMs: number;
  /** what the neuron received (null: the layer never got its values) */
  received: number[] | null;
  /** the kernel's value given `received`, once the layer was revealed */
  truth: { z: number; a: number } | null;
  right: boolean | null;
}

export interface ActivityReport {
  id: string;
  number: number;
  mode: ActivityMode;
  inputs: number[];
  startedAt: number;
  finishedAt: number | null;
  debrief: Debrief | null;
  answers: ActivityReportAnswer[];
}

export function activityReports(stored: StoredActivities | undefined): ActivityReport[] {
  return (stored?.records ?? []).map((record) => {
    const submissions = new Map(Object.entries(stored?.submissions ?? {})).get(record.id) ?? [];
    const answers = submissions.map((s): ActivityReportAnswer => {
      const layer = record.layers[s.layer];
      const truth = layer?.revealedAt !== null ? (layer?.truth?.[s.index] ?? null) : null;
      return {
        layer: s.layer,
        neuron: s.index,
        participantId: s.participantId,
        student: s.name,
        z: s.z,
        a: s.a,
        afterMs: s.at - record.startedAt,
        received: layer?.received ?? null,
        truth,
        right: truth ? close(s, truth, record.tolerance) : null,
      };
    });
    return {
      id: record.id,
      number: record.number,
      mode: record.mode,
      inputs: record.inputs,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
      debrief: record.finishedAt === null ? null : debrief({ record, submissions }),
      answers,
    };
  });
}

export const NEURON_COLUMNS = [
  "activity",
  "mode",
  "layer",
  "neuron",
  "received",
  "student",
  "z",
  "output",
  "true_z",
  "true_output",
  "right",
  "seconds",
] as const;

/** One row per answer of every activity, in the order they came in (layers and neurons from 1). */
export function neuronsCsv(reports: readonly ActivityReport[]): string {
  const rows = reports.flatMap((report) =>
    report.answers.map((x) => [
      report.number,
      report.mode,
      x.layer + 1,
      x.neuron + 1,
      x.received?.join(" ") ?? null,
      x.student,
      x.z,
      x.a,
      x.truth?.z ?? null,
      x.truth?.a ?? null,
      x.right === null ? null : x.right ? "yes" : "no",
      Math.round(x.afterMs / 100) / 10,
    ]),
  );
  return csvFile(NEURON_COLUMNS, rows);
}
