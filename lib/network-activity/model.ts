// "Be the network" (issue 13): every student is one neuron and the class runs the forward pass by
// hand. This file is the activity's data: what only the server holds (the record with the kernel's
// truth, every submission) and what every member may see (the view). The zod schemas are the single
// source of these types: the server checks every value it would commit with them and reads them
// back from the database with them.
//
// The one rule of this file: an ActivityView (what every member receives) holds no value a student
// should compute before it is due — no submission, agreed value or true value of a layer still being
// computed, and no true value before that layer's reveal. A layer's values become public when it
// closes (its students are done), its true values when the teacher reveals it.
import { z } from "zod";
import { indexSchema, networkSchema } from "../network/schema";

/** How errors travel: the students' values as they are, or the kernel's after each layer's reveal. */
export const ACTIVITY_MODES = ["computed", "corrected"] as const;
export type ActivityMode = (typeof ACTIVITY_MODES)[number];

/** Submitted numbers must lie within ± this (anything further is a typo). */
export const VALUE_LIMIT = 1_000_000;
/** Two answers agree (and an answer is right) when z and f(z) are both within this, by default. */
export const DEFAULT_ACTIVITY_TOLERANCE = 0.01;

const time = z.number().min(0);
/**
 * A participant id, as lib/session/state.ts `keySchema` (which cannot be imported here: state.ts
 * imports this file for the session's view of the activity).
 */
const keySchema = z
  .string()
  .min(1)
  .max(64)
  .refine((key) => !(key in Object.prototype), "is not a usable key");
const id = z.string().min(1).max(64);
const finite = z.number();

export const neuronRefSchema = z.strictObject({ layer: indexSchema, index: indexSchema });
export type NeuronRef = z.infer<typeof neuronRefSchema>;

/** A neuron's weighted sum and output. */
export const neuronValueSchema = z.strictObject({ z: finite, a: finite });
export type NeuronValue = z.infer<typeof neuronValueSchema>;

/** A neuron's value as its students agreed on it: the answer most of them are close to, and who. */
export const agreedValueSchema = neuronValueSchema.extend({ by: z.array(keySchema) });
export type AgreedValue = z.infer<typeof agreedValueSchema>;

/** One layer as the server keeps it. */
export const layerRecordSchema = z.strictObject({
  /** the values that flowed into this layer (the inputs, or what the layer before passed on); null: not yet */
  received: z.array(finite).nullable(),
  /** the kernel's value of each neuron given `received` (server-only until revealed) */
  truth: z.array(neuronValueSchema).nullable(),
  /** the students' agreed value of each neuron (null: nobody answered), set when the layer closes */
  values: z.array(agreedValueSchema.nullable()).nullable(),
  /** no more submissions */
  closedAt: time.nullable(),
  /** the true values are shown */
  revealedAt: time.nullable(),
  /** its values flowed to the next layer (or, for the last layer, the network's output is in) */
  passedAt: time.nullable(),
});
export type LayerRecord = z.infer<typeof layerRecordSchema>;

/** The activity as only the server holds it (LiveNetworkActivity.record). */
export const activityRecordSchema = z.strictObject({
  id,
  /** 1, 2, 3 … within the session */
  number: z.number().int().min(1),
  /** the shared network when the activity started (edits are refused while it runs) */
  network: networkSchema,
  inputs: z.array(finite),
  mode: z.enum(ACTIVITY_MODES),
  /** the teacher allows the calculator helper for the multiplications */
  calculator: z.boolean(),
  tolerance: z.number().positive().max(1000),
  /** [layer][neuron] → the participant ids computing it, in assignment order */
  members: z.array(z.array(z.array(keySchema))),
  /** the layer being computed; equal to the number of layers once the output is in */
  current: z.number().int().min(0),
  layers: z.array(layerRecordSchema),
  /** the kernel's value of every neuron given the true inputs: how far an error spread */
  ideal: z.array(z.array(neuronValueSchema)),
  startedAt: time,
  /** the debrief is shown (every layer revealed) */
  finishedAt: time.nullable(),
  /** the scores went into the rounds' leaderboard */
  scored: z.boolean(),
  /** the teacher took it off the screens */
  stoppedAt: time.nullable(),
});
export type ActivityRecord = z.infer<typeof activityRecordSchema>;

/** One student's answer for one neuron (every one is kept: a change is a new submission). */
export const submissionSchema = z.strictObject({
  /** 1, 2, 3 … within the activity: the order they came in */
  seq: z.number().int().min(1),
  participantId: keySchema,
  /** the nickname at the time, for the report */
  name: z.string().min(1).max(64),
  layer: indexSchema,
  index: indexSchema,
  z: finite,
  a: finite,
  at: time,
});
export type Submission = z.infer<typeof submissionSchema>;

/** What only the server knows of the running activity. Immutable: a change makes a new one. */
export interface ActivityBook {
  record: ActivityRecord;
  /** every submission, oldest first */
  submissions: readonly Submission[];
}

// ---- what every member may see ------------------------------------------------------------

/** A closed layer's submission, shown to everyone (the students of that layer are done). */
export const shownSubmissionSchema = submissionSchema.omit({ seq: true, layer: true });
export type ShownSubmission = z.infer<typeof shownSubmissionSchema>;

export const layerViewSchema = z.strictObject({
  received: z.array(finite).nullable(),
  closed: z.boolean(),
  revealed: z.boolean(),
  passed: z.boolean(),
  /** per neuron: how many of its students have answered (never what, while the layer is open) */
  answered: z.array(z.number().int().min(0)),
  /** once closed: the agreed value of each neuron and every answer */
  values: z.array(agreedValueSchema.nullable()).nullable(),
  submissions: z.array(shownSubmissionSchema).nullable(),
  /** once revealed: the kernel's value given what the layer received, and given the true inputs */
  truth: z.array(neuronValueSchema).nullable(),
  ideal: z.array(neuronValueSchema).nullable(),
});
export type LayerView = z.infer<typeof layerViewSchema>;

export const layerDebriefSchema = z.strictObject({
  /** neurons whose agreed value was right given what they received */
  neuronsRight: z.number().int().min(0),
  neurons: z.number().int().min(0),
  /** answers right given what their neuron received */
  answersRight: z.number().int().min(0),
  answers: z.number().int().min(0),
  /** neurons whose received values were off (an error from before reached them) */
  reached: z.number().int().min(0),
});

export const debriefSchema = z.strictObject({
  layers: z.array(layerDebriefSchema),
  /** the first neuron (in layer order) whose agreed value was wrong given what it received */
  firstError: neuronRefSchema.nullable(),
  /** per output neuron: what the class computed, the true output, and the difference */
  outputs: z.array(z.strictObject({ computed: finite.nullable(), ideal: finite, difference: finite.nullable() })),
});
export type Debrief = z.infer<typeof debriefSchema>;

export const activityViewSchema = z.strictObject({
  id,
  number: z.number().int().min(1),
  mode: z.enum(ACTIVITY_MODES),
  calculator: z.boolean(),
  tolerance: z.number().positive(),
  inputs: z.array(finite),
  members: z.array(z.array(z.array(keySchema))),
  current: z.number().int().min(0),
  layers: z.array(layerViewSchema),
  /** once finished */
  debrief: debriefSchema.nullable(),
  scored: z.boolean(),
});
export type ActivityView = z.infer<typeof activityViewSchema>;

/** A student's own submission, as the ack and the status give it back. */
export interface OwnSubmission {
  layer: number;
  index: number;
  z: number;
  a: number;
  at: number;
}
