"use client";
// A live session's prediction rounds as one page sees them, on top of the live session hook's
// extension points (request, on): the round on screen comes with the session state
// (`state.rounds`, folded from `applied`); this adds what is not in it — how many answered
// (`roundProgress`), this student's own answer and result (`roundStatus`, `roundResult`), the time
// left by the server's clock, the teacher's whole leaderboard — and sends `answer` and `round`.
import { useCallback, useEffect, useState } from "react";
import type { LeaderboardEntry, OwnAnswer, RoundResult, RoundView } from "@/lib/rounds/model";
import type { AnswerAck, RoundAck, RoundProgressEvent, RoundRequest, RoundStatusAck } from "@/lib/session/protocol";
import type { LiveSession } from "@/app/_hooks/use-live-session";

/** What the rounds need of the live session (useLiveSession's value fits). */
export type RoundSession = Pick<LiveSession, "state" | "phase" | "connected" | "request" | "on" | "actor">;

export interface RoundLocal {
  roundId: string;
  answered: number;
  mine: OwnAnswer | null;
  result: RoundResult | null;
  /** when the time limit ends, on this device's clock (null: no limit) */
  deadline: number | null;
}

export interface Rounds {
  /** the round on screen, if any */
  round: RoundView | null;
  /** what this page knows of it beyond the state (null until the server answered) */
  local: RoundLocal | null;
  /** the teacher's whole leaderboard, with names */
  board: LeaderboardEntry[];
  /** a student's prediction for the open round (again: replaces it) */
  answer(value: number): Promise<AnswerAck>;
  /** the teacher's open / close / reveal / clear / leaderboard */
  control(request: RoundRequest): Promise<RoundAck>;
}

type Refused = { ok: false; error: { code: string; message: string } };

function ask<T>(request: RoundSession["request"], event: string, payload: unknown): Promise<T | Refused> {
  return new Promise((resolve) => {
    request(event, payload, (error, answer) => {
      if (error || !answer) resolve({ ok: false, error: { code: "timeout", message: error?.message ?? "no answer" } });
      else resolve(answer as T);
    });
  });
}

export function useRounds(session: RoundSession): Rounds {
  const round = session.state?.rounds?.current ?? null;
  const [local, setLocal] = useState<RoundLocal | null>(null);
  const [board, setBoard] = useState<LeaderboardEntry[]>([]);
  const live = session.phase === "live" && session.connected;
  const { request, on } = session;
  const roundId = round?.id ?? null;
  const phase = round?.phase ?? null;
  const leaderboardKey = JSON.stringify(session.state?.rounds?.leaderboard ?? null);

  // the round's status from the server: at each new round or phase, and after a reconnect
  useEffect(() => {
    if (!roundId || !live) return;
    let stale = false;
    const sent = Date.now();
    request("roundStatus", {}, (error, answer) => {
      const ack = answer as RoundStatusAck | undefined;
      if (stale || error || !ack?.ok) return;
      const now = Date.now();
      if (ack.board) setBoard(ack.board);
      const status = ack.round;
      if (!status) return;
      setLocal((before) => {
        const same = before?.roundId === status.roundId ? before : null;
        return {
          roundId: status.roundId,
          answered: status.answered,
          mine: status.mine !== undefined ? status.mine : (same?.mine ?? null),
          result: status.result ?? same?.result ?? null,
          // the ack took a round trip: the server answered about half of it ago
          deadline: status.remainingMs === null ? null : now + status.remainingMs - (now - sent) / 2,
        };
      });
    });
    return () => {
      stale = true;
    };
  }, [roundId, phase, live, request, leaderboardKey]);

  useEffect(
    () =>
      on("roundProgress", (payload) => {
        const event = payload as RoundProgressEvent;
        setLocal((before) => (before?.roundId === event.roundId ? { ...before, answered: event.answered } : before));
      }),
    [on],
  );

  useEffect(
    () =>
      on("roundResult", (payload) => {
        const result = payload as RoundResult;
        setLocal((before) =>
          before?.roundId === result.roundId
            ? { ...before, result }
            : { roundId: result.roundId, answered: 0, mine: null, result, deadline: null },
        );
      }),
    [on],
  );

  const answer = useCallback(
    async (value: number): Promise<AnswerAck> => {
      if (!roundId) return { ok: false, error: { code: "no_such_round", message: "no round is open" } };
      const ack = await ask<AnswerAck>(request, "answer", { roundId, value });
      if (ack.ok) {
        setLocal((before) =>
          before?.roundId === ack.roundId
            ? { ...before, mine: ack.answer }
            : { roundId: ack.roundId, answered: 1, mine: ack.answer, result: null, deadline: null },
        );
      }
      return ack;
    },
    [roundId, request],
  );

  const control = useCallback((payload: RoundRequest) => ask<RoundAck>(request, "round", payload), [request]);

  return { round, local: local?.roundId === roundId ? local : null, board, answer, control };
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
