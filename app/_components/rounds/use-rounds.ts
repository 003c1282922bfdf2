"use client";
// A live session's prediction rounds as one page sees them. The round on screen comes with the
// session state (`state.rounds`, folded from `applied`); the live client (lib/live/session-client.ts)
// keeps what is not in it — how many answered, this student's own answer and result, the time left
// by the server's clock, the teacher's whole leaderboard — and sends `answer` and `round`.
import { useEffect, useState } from "react";
import type { LeaderboardEntry, RoundView } from "@/lib/rounds/model";
import type { RoundLocal } from "@/lib/live/session-client";
import type { AnswerAck, RoundAck, RoundRequest } from "@/lib/session/protocol";
import type { LiveSession } from "@/app/_hooks/use-live-session";

export type { RoundLocal } from "@/lib/live/session-client";

/** What the rounds need of the live session (useLiveSession's value fits). */
export type RoundSession = Pick<LiveSession, "state" | "actor" | "round" | "board" | "answer" | "controlRound">;

export interface Rounds {
  /** the round on screen, if any */
  round: RoundView | null;
  /** what this page knows of it beyond the state (null until the server answered) */
  local: RoundLocal | null;
  /** the teacher's whole leaderboard, with names */
  board: readonly LeaderboardEntry[];
  /** a student's prediction for the open round (again: replaces it) */
  answer(value: number): Promise<AnswerAck>;
  /** the teacher's open / close / reveal / clear / leaderboard */
  control(request: RoundRequest): Promise<RoundAck>;
}

export function useRounds(session: RoundSession): Rounds {
  return {
    round: session.state?.rounds?.current ?? null,
    local: session.round,
    board: session.board,
    answer: session.answer,
    control: session.controlRound,
  };
}

/** Ticks every quarter second while `deadline` is ahead: the seconds left, or null without one. */
export function useSecondsLeft(deadline: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [deadline]);
  if (deadline === null) return null;
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
