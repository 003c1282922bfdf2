// The round's answer list: during a round the teacher's console lists each student's answer as it
// comes in and changes (from the teacher's own `roundStatus`, lib/session/rounds.ts), with its
// distance from the right answer when the teacher asks for it; the projector lists the answers
// only while the teacher shows them (`round` op "answers"), with or without the names. The
// setting is public session state (RoundsView.answerList, folded from `applied` like the
// leaderboard's); the answers never are: a student's screen gets neither the list nor the truth
// before the reveal. Pure: no I/O, no clock.
import { z } from "zod";
import type { RoundKind, Tolerance } from "../exercise/schema";
import type { AnswerListView, RoundsView } from "../rounds/model";
import { isRight } from "../rounds/scoring";
import type { Participant } from "./rules";

/** The list as a session starts: not on the projector, with names once shown. */
export const HIDDEN_ANSWER_LIST: AnswerListView = Object.freeze({ shown: false, anonymous: false });

/**
 * The teacher's `round` op "answers": show or hide the list on the projector, with or without
 * names. A field left out keeps its value; `{}` changes nothing (and is still a new version).
 */
export const answerListRequestSchema = z.strictObject({
  op: z.literal("answers"),
  shown: z.boolean().optional(),
  anonymous: z.boolean().optional(),
});
export type AnswerListRequest = z.infer<typeof answerListRequestSchema>;

/** The setting as it is now (sessions from before it: hidden). */
export function answerListOf(view: RoundsView | null | undefined): AnswerListView {
  return view?.answerList ?? HIDDEN_ANSWER_LIST;
}

/** The rounds view with the teacher's change of the setting. */
export function withAnswerList(view: RoundsView, request: AnswerListRequest): RoundsView {
  const before = answerListOf(view);
  return {
    ...view,
    answerList: { shown: request.shown ?? before.shown, anonymous: request.anonymous ?? before.anonymous },
  };
}

/**
 * A new round starts with the list off the projector (the class answers before it sees anyone
 * else's); whether names are left out stays as the teacher set it.
 */
export function hideAnswerList(view: RoundsView): RoundsView {
  return view.answerList?.shown ? { ...view, answerList: { ...view.answerList, shown: false } } : view;
}

/** One student in the list. */
export interface AnswerRow {
  participantId: string;
  name: string;
  /** null: not answered yet */
  value: number | null;
  /** with the truth: answer − truth (numeric kinds only) */
  error?: number;
  /** with the truth: full points (within the full-points tolerance, or exactly right) */
  right?: boolean;
}

/** What the teacher checks answers against: only on the teacher's screen, before the reveal only on request. */
export interface AnswerCheck {
  kind: RoundKind;
  truth: number;
  tolerance: Tolerance;
}

const byName = (a: { name: string; participantId: string }, b: { name: string; participantId: string }) =>
  a.name.localeCompare(b.name) || a.participantId.localeCompare(b.participantId);

/**
 * Every student in the session with their answer so far: who answered in the order of their
 * answers (smallest first: the spread reads top to bottom, equal answers side by side), then who
 * has not answered yet, by name. A student no longer in the session is not listed.
 */
export function answerRows(
  participants: readonly Participant[],
  answers: ReadonlyMap<string, number>,
  check?: AnswerCheck | null,
): AnswerRow[] {
  const rows = participants.map((p): AnswerRow => {
    const value = answers.get(p.id);
    const row: AnswerRow = { participantId: p.id, name: p.name, value: value ?? null };
    if (value !== undefined && check) {
      row.right = isRight(check.kind, value, check.truth, check.tolerance);
      if (check.kind === "output" || check.kind === "z") row.error = value - check.truth;
    }
    return row;
  });
  return rows.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? byName(a, b) : a.value === null ? 1 : -1;
    return a.value - b.value || byName(a, b);
  });
}

/** A line of the projector's list: the answer, and the name unless anonymous. */
export interface ProjectedAnswer {
  key: string;
  name: string | null;
  value: number;
}

/**
 * What the projector lists: the answers given so far (nobody is shown as "not yet"), in the same
 * order; anonymous, only the values, keyed by position so nothing on the page ties them to anyone.
 */
export function projectedAnswers(rows: readonly AnswerRow[], anonymous: boolean): ProjectedAnswer[] {
  return rows.flatMap((row, i): ProjectedAnswer[] => {
    if (row.value === null) return [];
    return [
      anonymous
        ? { key: String(i), name: null, value: row.value }
        : { key: row.participantId, name: row.name, value: row.value },
    ];
  });
}
