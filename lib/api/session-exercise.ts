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
 * session's prepared rounds (from the exercise it started from, answer keys included: the new
 * exercise belongs to the teacher) that still fit the network as the class left it. A round about
 * a neuron that was removed, or with inputs for another number of inputs, is left out.
 */
export function exerciseFromSession(
  state: Pick<SessionState, "shared">,
  rounds: readonly Round[],
  request: SaveSessionRequest,
): Parsed<{ exercise: Exercise; droppedRounds: number; authorName: string | null; visibility: Visibility }> {
  const { network, inputValues } = state.shared;
  const fitting = rounds.filter((round) => checkRound(network, round) === null);
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
      droppedRounds: rounds.length - fitting.length,
      authorName: request.authorName ?? null,
      visibility: request.visibility ?? "public",
    },
  };
}
