// POST /api/sessions/:code/exercise: the teacher saves what the class built as a new exercise (the
// shared network and input values as they are now). The request's shape, and the exercise made
// from a session, as pure functions: the server handler only authorises, loads and stores.
import { z } from "zod";
import { EXERCISE_FORMAT, localeSchema, parseExercise, type Exercise, type Round } from "../exercise/schema";
import { checkRound } from "../rounds/model";
import type { SessionState } from "../session/rules";
import { parseWith, type Parsed } from "../validation";
import { authorName, titleField, visibility, type Visibility } from "./exercises";

export const saveSessionSchema = z.strictObject({
  title: titleField,
  description: z.string({ error: "must be a string" }).trim().max(4000, "must be at most 4000 characters").optional(),
  locale: localeSchema.optional(),
  authorName,
  visibility: visibility.optional(),
});
export type SaveSessionRequest = z.infer<typeof saveSessionSchema>;

export function parseSaveSessionRequest(body: unknown): Parsed<SaveSessionRequest> {
  return parseWith(saveSessionSchema, "invalid_request", body);
}

/**
 * The exercise a session's shared network makes: its network and input values, and those of the
 * session's prepared rounds (with the answer keys the session could use) that still fit the
 * network as the class left it. A round about a neuron that was removed, with inputs for another
 * number of inputs, or without a key it needs, is left out. `kept`: the indices of the rounds kept
 * (the server seals their keys: lib/exercise/answer-keys.ts).
 */
export function exerciseFromSession(
  state: Pick<SessionState, "shared">,
  rounds: readonly Round[],
  request: SaveSessionRequest,
): Parsed<{
  exercise: Exercise;
  kept: number[];
  droppedRounds: number;
  authorName: string | null;
  visibility: Visibility;
}> {
  const { network, inputValues } = state.shared;
  const kept = rounds.flatMap((round, i) => (checkRound(network, round) === null ? [i] : []));
  const fitting = kept.map((i) => rounds[i]!);
  const parsed = parseExercise({
    format: EXERCISE_FORMAT,
    title: request.title,
    description: request.description ?? "",
    ...(request.locale ? { locale: request.locale } : {}),
    network,
    inputValues,
    rounds: fitting,
  });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      exercise: parsed.value,
      kept,
      droppedRounds: rounds.length - fitting.length,
      authorName: request.authorName ?? null,
      visibility: request.visibility ?? "public",
    },
  };
}
