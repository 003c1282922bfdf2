// The activation race as data (zod, the single source of its types): what everyone sees of a race
// (`RaceView`, in the session state), what a student enters and reports, and what only the server
// keeps of each entry. The rules that change them are lib/session/race.ts; how a race's network
// and training run are made from its settings is lib/race/run.ts.
import { z } from "zod";
import { activationSchema, networkSchema } from "../network/schema";
import { DATA_LIMITS, GENERATED_KINDS } from "../training/datasets";
import { TRAINING_LIMITS } from "../training/options";
import type { Refusal } from "../validation";

export const RACE_LIMITS = {
  /** the epochs limit a teacher may set */
  epochs: { min: 1, max: 5000 },
  /** points of one progress report */
  pointsPerReport: 50,
  /** points kept per curve: beyond, every second one is dropped (the newest is always kept) */
  curvePoints: 256,
  /** a student's progress reports are at least this far apart (server clock) */
  reportIntervalMs: 250,
  /** a student's submissions are at least this far apart (each one costs the server a computation) */
  submitIntervalMs: 1000,
  /** neurons of a race's network (its hidden layers and the output) */
  neurons: 32,
} as const;

const finite = z.number().refine(Number.isFinite, "must be a finite number");
const loss = finite.min(0).max(1e6);
const id = z.string().min(1).max(64);

/** A race's data set: one of the generated sets, seeded (custom points are not raced). */
export const raceDataSchema = z.strictObject({
  kind: z.enum(GENERATED_KINDS),
  points: z.number().int().min(DATA_LIMITS.points.min).max(DATA_LIMITS.points.max).default(200),
  noise: z.number().min(DATA_LIMITS.noise.min).max(DATA_LIMITS.noise.max).default(0),
  trainFraction: z.number().min(DATA_LIMITS.trainFraction.min).max(DATA_LIMITS.trainFraction.max).default(0.5),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type RaceData = z.output<typeof raceDataSchema>;

/** What the teacher starts a race with. */
export const raceStartSchema = z.strictObject({
  data: raceDataSchema,
  epochs: z.number().int().min(RACE_LIMITS.epochs.min).max(RACE_LIMITS.epochs.max),
});
export type RaceStart = z.input<typeof raceStartSchema>;

/** A student's (or a team's) choice: one activation per layer (hidden layers, then the output). */
export const raceChoicesSchema = z.strictObject({
  activations: z.array(activationSchema).min(1).max(16),
  learningRate: z.number().gt(0).max(TRAINING_LIMITS.learningRate.max),
});
export type RaceChoices = z.infer<typeof raceChoicesSchema>;

/** One point of a student's test-loss curve, as their device reports it (not trusted). */
export const curvePointSchema = z.strictObject({
  epoch: z.number().int().min(0).max(RACE_LIMITS.epochs.max),
  testLoss: loss,
});
export type CurvePoint = z.infer<typeof curvePointSchema>;

/** A submitted network's place: its test loss as the server computed it. */
export const raceRankSchema = z.strictObject({
  participantId: id,
  name: z.string().min(1).max(64),
  activations: raceChoicesSchema.shape.activations,
  learningRate: raceChoicesSchema.shape.learningRate,
  epochs: curvePointSchema.shape.epoch,
  /** recomputed by the server on the seeded test set: what the ranking uses */
  testLoss: loss,
  testAccuracy: z.number().min(0).max(1),
  /** what the device said (shown beside, never ranked by) */
  reportedLoss: loss.nullable(),
  submittedAt: z.number().min(0),
});
export type RaceRank = z.infer<typeof raceRankSchema>;

/** A race as everyone sees it (`SessionState.race`). Changed only by the server's `raceState`. */
export const raceViewSchema = z.strictObject({
  id,
  number: z.number().int().min(1),
  phase: z.enum(["running", "stopped"]),
  data: raceDataSchema,
  epochs: raceStartSchema.shape.epochs,
  /** neurons per layer (hidden layers, then the output's 1), from the shared network at the start */
  layers: z.array(z.number().int().min(1).max(RACE_LIMITS.neurons)).min(1).max(16),
  startedAt: z.number().min(0),
  stoppedAt: z.number().min(0).nullable(),
  /** submitted networks, best (lowest recomputed test loss) first */
  ranking: z.array(raceRankSchema),
  /** the curve the teacher put forward on the projector */
  spotlight: id.nullable(),
});
export type RaceView = z.infer<typeof raceViewSchema>;

/** What the server keeps of one student's entry (persisted: a reload finds it again). */
export const raceEntrySchema = z.strictObject({
  raceId: id,
  name: z.string().min(1).max(64),
  choices: raceChoicesSchema,
  curve: z.array(curvePointSchema).max(RACE_LIMITS.curvePoints),
  /** the newest network the device reported (to come back to after a reload), or null */
  network: networkSchema.nullable(),
  /** server clock of the last progress report (the pace rule) */
  reportedAt: z.number().min(0),
  submitted: z
    .strictObject({
      network: networkSchema,
      epochs: curvePointSchema.shape.epoch,
      reportedLoss: loss.nullable(),
      testLoss: loss,
      testAccuracy: z.number().min(0).max(1),
      at: z.number().min(0),
    })
    .nullable(),
});
export type RaceEntry = z.infer<typeof raceEntrySchema>;

/** An entry as a member receives it: the teacher every one (for the chart), a student their own. */
export interface RaceEntryView {
  participantId: string;
  name: string;
  choices: RaceChoices;
  curve: CurvePoint[];
  /** only in a student's own entry: their newest network (a reload resumes with it) */
  network?: z.infer<typeof networkSchema> | null;
  submitted: { testLoss: number; testAccuracy: number; epochs: number; reportedLoss: number | null } | null;
}

// ---- requests (parsed by the server with these; lib/session/protocol.ts lists them) -------------

/** `race` (teacher): start a race on a data set, stop it, put a curve forward, take it off screen. */
export const raceRequestSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("start"), start: raceStartSchema }),
  z.strictObject({ op: z.literal("stop"), raceId: id }),
  z.strictObject({ op: z.literal("spotlight"), raceId: id, participantId: id.nullable() }),
  z.strictObject({ op: z.literal("clear"), raceId: id }),
]);
export type RaceRequest = z.input<typeof raceRequestSchema>;

/**
 * `raceEntry` (students): enter with their choices, report progress (a few curve points, and the
 * newest network to come back to), submit the final network. Always the sender's own entry.
 */
export const raceEntryRequestSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("enter"), raceId: id, choices: raceChoicesSchema }),
  z.strictObject({
    op: z.literal("progress"),
    raceId: id,
    points: z.array(curvePointSchema).min(1).max(RACE_LIMITS.pointsPerReport),
    network: networkSchema.optional(),
  }),
  z.strictObject({
    op: z.literal("submit"),
    raceId: id,
    network: networkSchema,
    epochs: curvePointSchema.shape.epoch,
    /** what the device computed: kept beside the server's number, never ranked by */
    reportedLoss: loss.nullable(),
  }),
]);
export type RaceEntryRequest = z.infer<typeof raceEntryRequestSchema>;

export const raceStatusRequestSchema = z.strictObject({});
export type RaceStatusRequest = z.infer<typeof raceStatusRequestSchema>;

// ---- what the server sends -------------------------------------------------------------------

/** To the teacher's screens (teacher page, projector): a curve grew, or an entrant (re)entered. */
export interface RaceCurveEvent {
  raceId: string;
  participantId: string;
  name: string;
  choices: RaceChoices;
  /** the new points (all of them with `reset`) */
  points: CurvePoint[];
  /** true: the entrant started over (new choices): replace their curve */
  reset: boolean;
}

type Refused = { ok: false; error: Refusal };

export type RaceAck = { ok: true; version: number; raceId: string | null } | Refused;
export type RaceEntryAck =
  { ok: true; raceId: string; entry: RaceEntryView; rank?: number; testLoss?: number; testAccuracy?: number } | Refused;
/** The race's entries as this member may see them: the teacher all (curves), a student their own. */
export type RaceStatusAck = { ok: true; raceId: string | null; entries: RaceEntryView[] } | Refused;
