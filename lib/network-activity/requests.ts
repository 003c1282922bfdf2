// What a client may send about "Be the network" (docs/protocol.md, "Be the network"): the
// teacher's requests, a student's answer, the status. Untrusted: the server parses every payload
// with these (lib/session/protocol.ts CLIENT_REQUESTS) before the rules see it.
import { z } from "zod";
import { indexSchema, inputValueSchema } from "../network/schema";
import { ACTIVITY_MODES, neuronRefSchema, type OwnSubmission, type Submission } from "./model";

const activityId = z.string().min(1).max(64);

/** `netActivity` (teacher only). */
export const activityRequestSchema = z.discriminatedUnion("op", [
  z.strictObject({
    op: z.literal("start"),
    mode: z.enum(ACTIVITY_MODES).optional(),
    calculator: z.boolean().optional(),
    /** the input layer's values (default: the session's input values) */
    inputs: z.array(inputValueSchema).max(16).optional(),
    /** how close answers must be to agree, and to be right (default 0.01) */
    tolerance: z.number().positive().max(10).optional(),
  }),
  /** the current layer closes (if open) and passes its values on; corrected: revealed first */
  z.strictObject({ op: z.literal("advance"), activityId }),
  /** a layer's true values are shown (it closes first if still open) */
  z.strictObject({ op: z.literal("reveal"), activityId, layer: indexSchema }),
  z.strictObject({ op: z.literal("mode"), activityId, mode: z.enum(ACTIVITY_MODES) }),
  z.strictObject({ op: z.literal("calculator"), activityId, on: z.boolean() }),
  /** this student computes exactly these neurons from now on (a drag of a name onto a neuron) */
  z.strictObject({
    op: z.literal("assign"),
    activityId,
    participantId: z.string().min(1).max(64),
    neurons: z.array(neuronRefSchema).max(128),
  }),
  /** every student in the session, dealt round-robin again */
  z.strictObject({ op: z.literal("roundRobin"), activityId }),
  /** the debrief (every layer revealed); `scores`: add each student's score to the leaderboard */
  z.strictObject({ op: z.literal("finish"), activityId, scores: z.boolean() }),
  /** off the screens (kept for the report) */
  z.strictObject({ op: z.literal("stop"), activityId }),
]);
export type ActivityRequest = z.infer<typeof activityRequestSchema>;
/** A request without the activity's id (the page adds the one on screen). */
export type ActivityOp = ActivityRequest extends infer R ? (R extends unknown ? Omit<R, "activityId"> : never) : never;

/** `neuronAnswer` (students only): z and f(z) of one of their neurons in the layer being computed. */
export const neuronAnswerRequestSchema = z.strictObject({
  activityId,
  layer: indexSchema,
  index: indexSchema,
  z: z.number(),
  a: z.number(),
});
export type NeuronAnswerRequest = z.infer<typeof neuronAnswerRequestSchema>;

/** `netActivityStatus` (anyone). */
export const activityStatusRequestSchema = z.strictObject({});
export type ActivityStatusRequest = z.infer<typeof activityStatusRequestSchema>;

type Refused = { ok: false; error: { code: string; message: string; path?: string } };

export type ActivityAck = { ok: true; version: number; activityId: string | null } | Refused;
export type NeuronAnswerAck = { ok: true; version: number; activityId: string; submission: OwnSubmission } | Refused;
/**
 * `netActivityStatus` ack: the activity on screen and the answers this member may hold — a student
 * their own, the teacher every one (for the live console; the projector shows a layer's values
 * only once it has closed).
 */
export type ActivityStatusAck =
  { ok: true; activity: { id: string; submissions: (OwnSubmission & Partial<Submission>)[] } | null } | Refused;
