// Prediction rounds in a live session: what the teacher asks, what everyone may see of it (and
// when), and how a typed answer is read. Pure: the server's Room, the browser and the report all
// use these types; lib/rounds/engine.ts moves a round from opening to reveal.
//
// The one rule of this file: a RoundView (what every member receives while the round runs) holds
// nothing that gives the answer away. No truth, no z or a of the asked neuron, no `answer` index
// of a choice round, no other student's answer. Those exist only in the server's RoundRecord
// until the reveal, when `RoundView.reveal` carries them to everyone at once.
//
// The zod schemas below are the single source of these types: the server checks every state it
// would commit against them, and reads them back from the database with them.
import { z } from "zod";
import {
  localizedTextSchema,
  ROUND_KINDS,
  roundSchema,
  toleranceSchema,
  type Round,
  type RoundKind,
} from "../exercise/schema";
import { parseNumberInput } from "../lab/number-input";
import { neuronActivation } from "../network/model";
import { activationSchema, indexSchema, type Network } from "../network/schema";
import type { Refusal } from "../validation";

export type { Round, RoundKind, Tolerance } from "../exercise/schema";

export const ROUND_PHASES = ["open", "closed", "revealed"] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];

/** Without a time limit, the speed bonus shrinks to 0 over this long after the opening. */
export const SPEED_WINDOW_MS = 60_000;
/** The leaderboard shows at most this many rows on the shared screens. */
export const LEADERBOARD_TOP = 10;
/** Numeric answers must lie within ± this (anything further is a typo, not a prediction). */
export const ANSWER_LIMIT = 1_000_000;

/** A finite number (JSON has no NaN or Infinity, and neither may a session). */
const finite = z.number();
const count = z.number().int().min(0);
/** server clock, ms since the epoch */
const time = z.number().min(0);
const id = z.string().min(1).max(64);

/** A question as asked in a live session: an exercise round plus the session's own settings. */
export const roundQuestionSchema = roundSchema.extend({ tolerance: toleranceSchema, speedBonus: z.boolean() });
export type RoundQuestion = z.infer<typeof roundQuestionSchema>;

/** Everything the truth needs, with the values the kernel computed: the reveal's arithmetic. */
export const neuronWorkingSchema = z.strictObject({
  activation: activationSchema,
  weights: z.array(finite),
  /** what flows into the neuron: the round's inputs (first layer) or the layer before's outputs */
  inputs: z.array(finite),
  bias: finite,
  z: finite,
  a: finite,
});
export type NeuronWorking = z.infer<typeof neuronWorkingSchema>;

/** Numeric answers binned for a classroom (lib/rounds/scoring.ts roundHistogram). */
export const roundHistogramSchema = z.strictObject({
  /** lower edge of the first bin */
  from: finite,
  binWidth: finite,
  counts: z.array(count),
  /** answers left of the first bin / right of the last (far-off guesses and typos) */
  below: count,
  above: count,
});
export type RoundHistogram = z.infer<typeof roundHistogramSchema>;

/** What everyone sees once a round is revealed. */
export const revealViewSchema = z.strictObject({
  /** the right answer: a, z, 0/1 for `fires`, the index of the right choice for `choice` */
  truth: finite,
  /** the asked neuron's computation at the round's inputs (term by term on screen) */
  working: neuronWorkingSchema,
  /** how many students answered */
  answered: count,
  /** numeric kinds: every answer binned, the truth inside the span */
  histogram: roundHistogramSchema.nullable(),
  /** `fires` (0, 1) and `choice` (one per choice): how many picked each */
  counts: z.array(count).nullable(),
  /** answers within the round's full-points tolerance (exact for fires/choice) */
  right: count,
  /** the median answer (numeric kinds), null when nobody answered */
  median: finite.nullable(),
});
export type RevealView = z.infer<typeof revealViewSchema>;

/** A round as every member receives it (RoundsView.current). */
export const roundViewSchema = z.strictObject({
  id,
  /** 1, 2, 3 … in this session */
  number: z.number().int().min(1),
  kind: z.enum(ROUND_KINDS),
  neuron: z.strictObject({ layer: indexSchema, index: indexSchema }),
  /** the input vector the question is about (also set as the shared input values at opening) */
  inputs: z.array(finite),
  prompt: localizedTextSchema.optional(),
  /** choice rounds: the options, never which one is right */
  choices: z.array(localizedTextSchema).optional(),
  tolerance: toleranceSchema,
  speedBonus: z.boolean(),
  timeLimitSeconds: z.number().int().min(0).nullable(),
  openedAt: time,
  /** answers after this are refused `round_closed` (null: until the teacher closes) */
  closesAt: time.nullable(),
  phase: z.enum(ROUND_PHASES),
  /** which round of the exercise's list this is, or null for a round made up on the spot */
  scriptIndex: z.number().int().min(0).nullable(),
  /** only once phase is "revealed" */
  reveal: revealViewSchema.optional(),
});
export type RoundView = z.infer<typeof roundViewSchema>;

export const leaderboardEntrySchema = z.strictObject({
  rank: z.number().int().min(1),
  /** null when the teacher anonymised the board */
  participantId: id.nullable(),
  name: z.string().nullable(),
  total: finite,
  streak: count,
});
export type LeaderboardEntry = z.infer<typeof leaderboardEntrySchema>;

export const leaderboardViewSchema = z.strictObject({
  shown: z.boolean(),
  anonymous: z.boolean(),
  /** the best rows (ties share a rank), only while shown */
  top: z.array(leaderboardEntrySchema),
  /** how many students have a standing */
  players: count,
});
export type LeaderboardView = z.infer<typeof leaderboardViewSchema>;

/**
 * The teacher's "show answers on the projector" (lib/session/answer-list.ts): the projector lists
 * each student's answer to the round on screen while `shown`, without names when `anonymous`.
 * Only the setting: the answers themselves go to the teacher's screens alone.
 */
export const answerListViewSchema = z.strictObject({
  shown: z.boolean(),
  anonymous: z.boolean(),
});
export type AnswerListView = z.infer<typeof answerListViewSchema>;

/** The session's rounds as every member sees them: `SessionState.rounds`. */
export const roundsViewSchema = z.strictObject({
  current: roundViewSchema.nullable(),
  /** rounds opened so far in this session */
  played: count,
  /** indices of the exercise's rounds already run (scripted rounds), in order */
  scriptRun: z.array(z.number().int().min(0)),
  /**
   * The order the teacher plans to run the session's prepared questions in (indices into its
   * script, lib/session/plan.ts); absent: the script's own order. Only indices: what a question
   * asks is the teacher's until it opens.
   */
  plan: z.array(z.number().int().min(0).max(49)).max(50).optional(),
  leaderboard: leaderboardViewSchema,
  /** absent (sessions from before it): hidden, with names */
  answerList: answerListViewSchema.optional(),
});
export type RoundsView = z.infer<typeof roundsViewSchema>;

export function emptyRoundsView(): RoundsView {
  return {
    current: null,
    played: 0,
    scriptRun: [],
    leaderboard: { shown: false, anonymous: false, top: [], players: 0 },
  };
}

/** A student's own answer. */
export interface OwnAnswer {
  value: number;
  /** server clock, ms */
  at: number;
}

/** A student's result in one revealed round (sent to that student only). */
export interface RoundResult {
  roundId: string;
  answer: number | null;
  /** answer − truth (null without an answer) */
  error: number | null;
  points: number;
  bonus: number;
  /** standing after this round */
  total: number;
  rank: number | null;
  /** students with a standing */
  of: number;
  streak: number;
}

// ---- the teacher's request to open a round -------------------------------------------------

/** An ad-hoc round, or one of the exercise's (by index) with the teacher's settings on top. */
export const openRoundSchema = z.union([
  z.strictObject({
    round: roundSchema,
    speedBonus: z.boolean().optional(),
  }),
  z.strictObject({
    script: z.number().int().min(0).max(49),
    /** override the exercise's tolerance / time limit (null: no time limit) */
    tolerance: toleranceSchema.optional(),
    timeLimitSeconds: z.number().int().min(5).max(600).nullable().optional(),
    speedBonus: z.boolean().optional(),
  }),
]);
export type OpenRound = z.infer<typeof openRoundSchema>;

/**
 * Does `round` fit `net`? The neuron exists, one input value per network input, `fires` only of a
 * step neuron, a choice round has its choices and a valid answer index. null: it fits.
 */
export function checkRound(net: Network, round: Round): Refusal | null {
  const layer = net.layers[round.neuron.layer];
  const neuron = layer?.neurons[round.neuron.index];
  if (!layer || !neuron) return { code: "invalid_round", message: "no such neuron in the network", path: "neuron" };
  if (round.inputs.length !== net.inputs.length) {
    return {
      code: "invalid_round",
      message: `needs ${net.inputs.length} input values (one per input), got ${round.inputs.length}`,
      path: "inputs",
    };
  }
  if (round.kind === "fires" && neuronActivation(layer, neuron) !== "step") {
    return { code: "invalid_round", message: '"fires" is asked of step neurons only', path: "kind" };
  }
  if (round.kind === "choice") {
    if (!round.choices) return { code: "invalid_round", message: "a choice round needs choices", path: "choices" };
    if (round.answer === undefined) {
      return {
        code: "invalid_round",
        message:
          "this choice round has no answer key (a copy read without the edit key leaves it out): add it, or fork the original",
        path: "answer",
      };
    }
    if (round.answer >= round.choices.length) {
      return { code: "invalid_round", message: "answer must be the index of one of the choices", path: "answer" };
    }
  }
  return null;
}

/** Is `value` an answer this round accepts? null: yes. */
export function checkAnswer(round: Pick<RoundView, "kind" | "choices">, value: number): Refusal | null {
  const bad = (message: string): Refusal => ({ code: "invalid_answer", message, path: "value" });
  if (!Number.isFinite(value)) return bad("must be a number");
  switch (round.kind) {
    case "fires":
      return value === 0 || value === 1 ? null : bad("must be 0 (does not fire) or 1 (fires)");
    case "choice":
      return Number.isInteger(value) && value >= 0 && value < (round.choices?.length ?? 0)
        ? null
        : bad("must be the index of a choice");
    default:
      return Math.abs(value) <= ANSWER_LIMIT ? null : bad(`must lie between −${ANSWER_LIMIT} and ${ANSWER_LIMIT}`);
  }
}

/**
 * A number a student typed on a phone: "0.69", "0,69", "−0.5" (the real minus), ".5", full-width
 * digits. Answers the value or why not.
 */
export function parseAnswerText(text: string) {
  return parseNumberInput(text, -ANSWER_LIMIT, ANSWER_LIMIT);
}

/** Numeric rounds ask for a number; fires and choice for one of a few options. */
export function isNumericKind(kind: RoundKind): boolean {
  return kind === "output" || kind === "z";
}
