// One code for the whole lesson: the teacher switches the session's exercise (a built-in lesson or
// a saved exercise) and everyone stays. Pure: the next value and what everyone folds. The roster,
// nicknames, resume tokens, standings and rounds played carry over; what belonged to the old
// network goes (locks, sandboxes, the spotlight: their indices point at another network). The new
// exercise's rounds become the session's script, with only the answer keys the teacher may use
// (the server makes it with `scriptFor`, as when a session starts). The report groups the rounds by
// part (`ServerData.parts`).
import { z } from "zod";
import type { ScriptRound } from "../exercise/answer-keys";
import { lessonBySlug } from "../lessons";
import type { LabState } from "../network/ops";
import { refuse } from "../validation";
import type { Effect, Outcome, SessionValue } from "./authority";
import { activityRunning } from "./network-activity";
import type { SessionState } from "./state";

/** `switchExercise` (teacher only): the slug (or code) of a lesson or saved exercise. */
export const switchExerciseRequestSchema = z.strictObject({
  exercise: z.string().trim().min(1).max(200),
  /** the saved exercise's edit key: its keyed choice rounds can then run */
  editKey: z.string().min(1).max(200).optional(),
});
export type SwitchExerciseRequest = z.infer<typeof switchExerciseRequestSchema>;

export type SwitchExerciseAck =
  | { ok: true; version: number; withheldRounds: number[] }
  | { ok: false; error: { code: string; message: string; path?: string } };

/**
 * The server's word that the exercise changed, sent in `applied` like an action (no client can
 * send it). `exerciseSlug` is what students may see of it (a built-in lesson's slug, else null):
 * a teacher's client asks for a snapshot to learn a saved exercise's slug.
 */
export interface ExerciseChange {
  type: "exercise";
  exerciseSlug: string | null;
  lab: LabState;
}

/** One part of the lesson: an exercise, and the first round played on it. */
export const lessonPartSchema = z.strictObject({
  slug: z.string().min(1).max(200).nullable(),
  title: z.string().max(200),
  /** the number the part's first round has (or will have) */
  fromRound: z.number().int().min(1),
  /** when it started (server clock, ms) */
  at: z.number().min(0),
});
export type LessonPart = z.infer<typeof lessonPartSchema>;
export const MAX_PARTS = 50;

/** The exercise to switch to, as the server found it. */
export interface SwitchSource {
  slug: string;
  title: string;
  lab: LabState;
  script: ScriptRound[];
}

/** A built-in lesson's slug, else null: what a student may see of an exercise's slug. */
export function publicSlug(slug: string | null): string | null {
  return slug !== null && lessonBySlug(slug) ? slug : null;
}

/** The change folded into a member's state: the same for the server and every client. */
export function applyExerciseChange(state: SessionState, change: ExerciseChange): SessionState {
  const next: SessionState = {
    ...state,
    version: state.version + 1,
    shared: change.lab,
    exerciseSlug: change.exerciseSlug,
    locks: [],
    sandboxes: {},
    spotlight: null,
  };
  if (state.rounds) {
    // the new exercise's questions in their own order: the old plan (and the questions written
    // live, about the old network) goes with the old script
    const { plan: _plan, ...rounds } = state.rounds;
    next.rounds = { ...rounds, scriptRun: [] };
  }
  return next;
}

/**
 * The teacher switches to `source`. Refused while a round is on screen (it asks about the old
 * network: clear it first), a race or "Be the network" runs and when the session has had its fill of parts. `title`: the current
 * part's title when the session has no list of parts yet (its first exercise).
 */
export function exerciseTransition(
  value: SessionValue,
  source: SwitchSource,
  context: { now: number; firstTitle: string },
): Outcome<{ version: number; withheldRounds: number[] }> {
  const { state, server } = value;
  if (state.rounds?.current) {
    return refuse("round_on_screen", "a round is on screen: clear it before switching the exercise");
  }
  // a running race or "Be the network" works on the old network: it ends first
  if (state.race?.phase === "running") return refuse("race_running", "stop the race before switching the exercise");
  if (activityRunning(state)) return refuse("activity_running", "stop the activity before switching the exercise");
  const fromRound = (state.rounds?.played ?? 0) + 1;
  const parts = server.parts ?? [
    { slug: state.exerciseSlug, title: context.firstTitle, fromRound: 1, at: 0 } satisfies LessonPart,
  ];
  // a part without rounds is replaced: only the parts rounds were played on stay in the report
  const kept = parts.filter((part, i) => i < parts.length - 1 || part.fromRound < fromRound);
  if (kept.length >= MAX_PARTS) return refuse("too_many_parts", `a session holds at most ${MAX_PARTS} exercises`);
  const part: LessonPart = { slug: source.slug, title: source.title.slice(0, 200), fromRound, at: context.now };
  const change: ExerciseChange = { type: "exercise", exerciseSlug: publicSlug(source.slug), lab: source.lab };
  const next = { ...applyExerciseChange(state, change), exerciseSlug: source.slug };
  const effects: Effect[] = [
    { type: "applied", event: { version: next.version, action: change, by: { role: "teacher" } } },
  ];
  return {
    ok: true,
    transition: {
      value: {
        ...value,
        state: next,
        server: { ...server, script: source.script, shapeVersion: next.version, parts: [...kept, part] },
      },
      writes: null,
      effects,
      reply: {
        version: next.version,
        withheldRounds: source.script.flatMap((entry, i) => (entry.withheld ? [i] : [])),
      },
    },
  };
}
