// What a live session is, as every member sees it: the zod schema is the single source of the
// SessionState type. The server checks every state it would commit against it (a change that would
// leave an invalid state is refused and nothing changes), reads it back from the database with it,
// and the fuzz test (tests/integration/session-fuzz.test.ts) checks it after every step.
import { z } from "zod";
import { labStateSchema } from "../network/ops";
import { indexSchema } from "../network/schema";
import { raceViewSchema } from "../race/model";
import { roundsViewSchema } from "../rounds/model";
import { activityViewSchema } from "../network-activity/model";

export const EDIT_MODES = ["teacher", "everyone", "sandbox"] as const;
export type EditMode = (typeof EDIT_MODES)[number];

/**
 * A participant id or any other string that keys a record: never one a plain object answers from
 * its prototype (`__proto__`, `constructor`, `toString`, …), so no lookup can reach one.
 */
export const keySchema = z
  .string()
  .min(1)
  .max(64)
  .refine((key) => !(key in Object.prototype), "is not a usable key");

/**
 * A record keyed by `keySchema`. zod's own record skips an own `__proto__` key without a word (it
 * cannot set it on a plain object), so that one is refused here before the record is read.
 */
export function keyedRecord<T extends z.ZodType>(value: T) {
  return z
    .custom<unknown>((input) => !(typeof input === "object" && input !== null && Object.hasOwn(input, "__proto__")), {
      message: "__proto__ is not a usable key",
    })
    .pipe(z.record(keySchema, value));
}

const index = indexSchema;
export const lockSchema = z.discriminatedUnion("kind", [
  /** every neuron of the layer and every weight into it */
  z.strictObject({ kind: z.literal("layer"), layer: index }),
  /** the neuron's bias, activation, label and every weight into it */
  z.strictObject({ kind: z.literal("neuron"), layer: index, neuron: index }),
  /** one connection: the weight from `from` into neuron `neuron` of `layer` */
  z.strictObject({ kind: z.literal("weight"), layer: index, neuron: index, from: index }),
  /** the input values */
  z.strictObject({ kind: z.literal("inputs") }),
]);
export type Lock = z.infer<typeof lockSchema>;

export const participantSchema = z.strictObject({
  id: keySchema,
  name: z.string().min(1).max(64),
  /** server clock, ms */
  joinedAt: z.number().min(0),
});
export type Participant = z.infer<typeof participantSchema>;

export const sessionStateSchema = z.strictObject({
  code: z.string().min(1).max(16),
  /** bumped by every accepted change that everyone sees (not by private sandbox edits) */
  version: z.number().int().min(0),
  mode: z.enum(EDIT_MODES),
  shared: labStateSchema,
  locks: z.array(lockSchema),
  participants: z.array(participantSchema),
  /** each student's private copy in sandbox mode, made from the shared network on first edit */
  sandboxes: keyedRecord(labStateSchema),
  /** a student whose sandbox every screen shows, or null */
  spotlight: keySchema.nullable(),
  exerciseSlug: z.string().min(1).max(200).nullable(),
  /**
   * true: the teacher has closed the session to new students (say, after removing one who would
   * come back under another name). Those already in still come back after a reload. Absent: open.
   */
  joiningClosed: z.literal(true).optional(),
  /**
   * Prediction rounds as everyone may see them (lib/rounds/model.ts): absent until the first
   * round. Changed only by the server (a `roundState` change), never holds a round's answer.
   */
  rounds: roundsViewSchema.optional(),
  /** the activation race on screen (lib/session/race.ts): absent until a race starts */
  race: raceViewSchema.optional(),
  /**
   * "Be the network" as everyone may see it (lib/network-activity/model.ts): absent when none is on
   * screen. Changed only by the server (an `activityState` change).
   */
  activity: activityViewSchema.optional(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;
