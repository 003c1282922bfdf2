// What a Room is given (RoomOptions) and the defaults it runs with otherwise: the limits, the clock,
// and what the rules need that takes a while to load (the kernel, a race's evaluator, the exercise a
// teacher switches to).
import type { ScriptRound } from "../../lib/exercise/answer-keys";
import { referenceForward } from "../../lib/network/reference";
import type { RaceEvaluator } from "../../lib/race/run";
import type { SwitchExerciseRequest } from "../../lib/session/exercise-switch";
import type { Refused } from "../../lib/session/protocol";
import type { ForwardPass } from "../../lib/session/rounds";
import { createReferenceTrainer } from "../../lib/training/reference";
import { refuse } from "../../lib/validation";
import type { LoadedSwitch } from "./room-switch";

export interface RoomOptions {
  /** most students in one session (default 2 000) */
  maxParticipants?: number;
  /** roster changes are gathered and sent at most this often (default 100 ms; see presence.ts) */
  rosterDelayMs?: number;
  now?: () => number;
  /** where unexpected errors go (default: console.error) */
  logError?: (message: string, error: unknown) => void;
  /** the forward pass that computes a round's truth (default: the JS float64 reference) */
  loadForward?: () => Promise<ForwardPass>;
  /**
   * The rounds of a session kept before sessions carried their own (ServerData.script), looked up
   * once when it is loaded (default: none).
   */
  legacyScript?: (slug: string) => Promise<ScriptRound[]>;
  /** how many answered is sent at most this often, gathered (default 250 ms) */
  progressDelayMs?: number;
  /** how a race recomputes a submitted network's losses (default: the JS float64 reference) */
  loadRaceEvaluator?: () => Promise<RaceEvaluator>;
  /** opens the exercise a teacher switches to (default: none can be opened) */
  loadSwitch?: (request: SwitchExerciseRequest, currentSlug: string | null) => Promise<LoadedSwitch | Refused>;
}

export type Settings = Required<RoomOptions>;

export function settingsOf(options: RoomOptions): Settings {
  return {
    maxParticipants: options.maxParticipants ?? 2000,
    rosterDelayMs: options.rosterDelayMs ?? 100,
    progressDelayMs: options.progressDelayMs ?? 250,
    now: options.now ?? Date.now,
    logError: options.logError ?? ((message, error) => console.error(message, error)),
    loadForward: options.loadForward ?? (async () => referenceForward),
    legacyScript: options.legacyScript ?? (async () => []),
    loadRaceEvaluator: options.loadRaceEvaluator ?? (async () => (input) => createReferenceTrainer(input).latest()),
    loadSwitch:
      options.loadSwitch ??
      (async (request) => refuse("no_such_exercise", `no exercise "${request.exercise}"`, "exercise")),
  };
}
