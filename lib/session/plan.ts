// The lesson's plan as session rules, beside rounds.ts: the ordered list of the session's prepared
// questions (its script: the exercise's questions, plus those the teacher writes live) that "Start
// next" runs from. Pure: the next value and what everyone folds, or a named refusal; the Room runs
// them through its ledger like every other change.
//
// - `add` (teacher): a numeric or multiple-choice question written now, checked by
//   lib/exercise/questions.ts against the network as it is, is appended to the server's script
//   (`live: true`, its answer key the session's own) and to the end of the plan.
// - `move` (teacher): the new order of the questions not run yet (a permutation of them: anything
//   else — a stale order, after a question ran or was added — is refused and changes nothing).
//
// Everyone folds the plan as indices (`RoundsView.plan`) — what a question asks stays the
// teacher's (`planStatus`) until it opens, and a choice question's key stays the server's until its
// reveal: the round opens through rounds.ts like any scripted round, with its key in the server's
// record only. Switching the exercise replaces the script, so the plan starts again from the new
// exercise's questions (exercise-switch.ts).
import { z } from "zod";
import { sameQuestion, type ScriptRound } from "../exercise/answer-keys";
import { checkQuestion, isPermutation, MAX_QUESTIONS } from "../exercise/questions";
import type { Round } from "../exercise/schema";
import type { Parsed } from "../validation";
import { emptyRoundsView, type RoundsView } from "../rounds/model";
import { refuse } from "../validation";
import type { Effect, Outcome, SessionValue } from "./authority";
import type { Refused } from "./protocol";
import { applyRoundState, type Actor, type RoundStateChange } from "./rules";

/** `plan` (teacher only): write a question into the plan, or reorder what has not run yet. */
export const planRequestSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("add"), question: z.unknown() }),
  z.strictObject({
    op: z.literal("move"),
    /** the script indices of the questions not run yet, in their new order */
    order: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(MAX_QUESTIONS - 1),
      )
      .max(MAX_QUESTIONS),
  }),
]);
export type PlanRequest = { op: "add"; question: unknown } | { op: "move"; order: number[] };

export type PlanAck = { ok: true; version: number; plan: number[] } | Refused;

/** One question of the plan as the teacher sees it (`planStatus`). */
export interface PlanEntry {
  /** its index in the session's script (`{"script": i}` opens it) */
  script: number;
  /** the question; a choice question's key only when it was written in this session */
  round: Round;
  /** written during the session */
  live: boolean;
  /** opened already in this part of the lesson */
  run: boolean;
  /** its key belongs to an exercise the session was not started with: it cannot run */
  withheld: boolean;
}

export type PlanStatusAck = { ok: true; entries: PlanEntry[] } | Refused;

export const planStatusRequestSchema = z.strictObject({});
export type PlanStatusRequest = z.infer<typeof planStatusRequestSchema>;

/** Every script index in planned order: the teacher's order, then any index it lacks. */
export function planOrder(view: RoundsView | undefined, scriptLength: number): number[] {
  const planned = [...new Set((view?.plan ?? []).filter((i) => i < scriptLength))];
  const seen = new Set(planned);
  for (let i = 0; i < scriptLength; i++) if (!seen.has(i)) planned.push(i);
  return planned;
}

/** The questions not run yet, in planned order: the first is what "Start next" opens. */
export function pendingQuestions(view: RoundsView | undefined, scriptLength: number): number[] {
  const run = new Set(view?.scriptRun ?? []);
  return planOrder(view, scriptLength).filter((i) => !run.has(i));
}

/** A teacher's `add` or `move`: the next value and the `roundState` change everyone folds. */
export function applyPlanRequest(
  value: SessionValue,
  request: PlanRequest,
  actor: Actor,
): Outcome<PlanAck & { ok: true }> {
  if (actor.role !== "teacher") return refuse("not_allowed", "only the teacher plans the lesson");
  const { state, server } = value;
  const script = server.script ?? [];
  const view = state.rounds ?? emptyRoundsView();
  const order = planOrder(view, script.length);
  if (request.op === "add") {
    if (script.length >= MAX_QUESTIONS)
      return refuse("plan_full", `a session holds at most ${MAX_QUESTIONS} questions`);
    const checked = checkQuestion(state.shared.network, request.question);
    if (!checked.ok) {
      const { path, message } = checked.problem;
      return refuse("invalid_question", `${path ? `${path}: ` : ""}${message}`, path || undefined);
    }
    const entry: ScriptRound = { round: checked.round, keyFrom: null, withheld: false, live: true };
    const plan = [...order, script.length];
    return changed({ ...value, server: { ...server, script: [...script, entry] } }, { ...view, plan });
  }
  const pending = pendingQuestions(view, script.length);
  if (!isPermutation(request.order, pending)) {
    return refuse("stale_plan", "the plan changed meanwhile (a question ran or was added): reorder again", "order");
  }
  const run = new Set(view.scriptRun);
  return changed(value, { ...view, plan: [...order.filter((i) => run.has(i)), ...request.order] });
}

function changed(value: SessionValue, rounds: RoundsView): Outcome<PlanAck & { ok: true }> {
  const change: RoundStateChange = { type: "roundState", rounds };
  const state = applyRoundState(value.state, change);
  const effects: Effect[] = [
    { type: "applied", event: { version: state.version, action: change, by: { role: "teacher" } } },
  ];
  return {
    ok: true,
    transition: {
      value: { ...value, state },
      writes: null,
      effects,
      reply: { ok: true, version: state.version, plan: rounds.plan ?? [] },
    },
  };
}

/**
 * The plan as the teacher sees it, in planned order (run questions too, marked). A choice
 * question's key is served only when it was written in this session: an exercise's keys are served
 * only with the exercise's edit key (lib/exercise/answer-keys.ts), which this request does not carry.
 */
export function planStatus(value: SessionValue, actor: Actor): PlanStatusAck {
  if (actor.role !== "teacher") return refuse("not_allowed", "only the teacher sees the plan");
  const script = value.server.script ?? [];
  const view = value.state.rounds;
  const run = new Set(view?.scriptRun ?? []);
  return {
    ok: true,
    entries: planOrder(view, script.length).map((i) => {
      const { round, live, withheld } = script[i]!;
      const { answer, ...question } = round;
      return {
        script: i,
        round: live && answer !== undefined ? { ...question, answer } : question,
        live: live === true,
        run: run.has(i),
        withheld,
      };
    }),
  };
}

/**
 * The script of a session started from a page whose questions the teacher changed before starting
 * (the exercise editor: added, edited, deleted, moved). Each question asking the same as one of the
 * exercise's (`script`, as the server made it) keeps that entry's key and origin — a key the
 * session may not use stays withheld — unless the page gives a key of its own; a question with a
 * key written on the page (new, or re-keyed) holds the session's own key (`live`, like one written
 * during the lesson: the teacher wrote it). Each question is checked (its form: whether it fits the
 * network is asked when it opens, as for the exercise's own).
 */
export function preparedScript(script: readonly ScriptRound[], questions: readonly unknown[]): Parsed<ScriptRound[]> {
  if (questions.length > MAX_QUESTIONS) {
    return {
      ok: false,
      error: { code: "invalid_request", message: `rounds: at most ${MAX_QUESTIONS}`, path: "rounds" },
    };
  }
  const used = new Set<number>();
  const prepared: ScriptRound[] = [];
  for (const [i, input] of questions.entries()) {
    // its form only: one that does not fit the network is refused when opened, like the exercise's
    const checked = checkQuestion(null, input, { keyOptional: true });
    if (!checked.ok) {
      const path = `rounds.${i}${checked.problem.path ? `.${checked.problem.path}` : ""}`;
      return { ok: false, error: { code: "invalid_request", message: `${path}: ${checked.problem.message}`, path } };
    }
    const round = checked.round;
    const fits = (j: number) => !used.has(j) && sameQuestion(round, script[j]!.round);
    const at = script[i] && fits(i) ? i : script.findIndex((_, j) => fits(j));
    const from = at === -1 ? undefined : script[at];
    if (from) used.add(at);
    const { answer, ...question } = round;
    if (answer !== undefined && (!from || from.round.answer !== answer)) {
      prepared.push({ round, keyFrom: null, withheld: false, live: true });
    } else if (from) {
      const key = from.round.answer;
      prepared.push({ ...from, round: key === undefined ? question : { ...question, answer: key } });
    } else {
      prepared.push({ round: question, keyFrom: null, withheld: false });
    }
  }
  return { ok: true, value: prepared };
}
