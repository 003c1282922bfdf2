// What a live client knows about the round on screen beyond the session state (which carries the
// round itself, folded from `applied`): how many have answered (`roundProgress`), this student's
// own answer and result (`roundStatus`, `roundResult`, the `answer` ack), when the time limit ends
// on this device's clock, and the teacher's whole leaderboard. Part of LiveSessionClient; pure
// apart from the requests it is handed.
import type { LeaderboardEntry, OwnAnswer, RoundResult } from "../rounds/model";
import type { RoundProgressEvent, RoundStatusAck } from "../session/protocol";
import type { SessionState } from "../session/rules";

export interface RoundLocal {
  roundId: string;
  answered: number;
  mine: OwnAnswer | null;
  result: RoundResult | null;
  /** when the time limit ends, on this device's clock (null: no limit) */
  deadline: number | null;
  /** the teacher's: each student's answer so far, by participant id */
  answers?: ReadonlyMap<string, number>;
  /** the teacher's: the right answer, for a private look before the reveal */
  preview?: number;
}

/** Asks the server for `roundStatus`; `done` gets the ack, or nothing when none came. */
export type AskStatus = (done: (ack: RoundStatusAck | undefined) => void) => void;

export class RoundFollower {
  private local: RoundLocal | null = null;
  private board: readonly LeaderboardEntry[] = [];
  /** what the last status request was about: a new round, phase or leaderboard asks again */
  private asked: string | null = null;
  private asking = 0;

  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
    /** the teacher: ask again as answers come in, to follow who answered what */
    private readonly followAnswers = false,
  ) {}

  /** The round on screen's local part (null until the server answered, or for another round). */
  view(state: SessionState | null): { round: RoundLocal | null; board: readonly LeaderboardEntry[] } {
    const roundId = state?.rounds?.current?.id ?? null;
    return { round: this.local && this.local.roundId === roundId ? this.local : null, board: this.board };
  }

  /**
   * The state changed (or the connection did): at each new round, phase or leaderboard, and after
   * a reconnect, ask for the round's status. `live`: joined and connected.
   */
  follow(state: SessionState | null, live: boolean, ask: AskStatus): void {
    const current = state?.rounds?.current ?? null;
    if (!live || !current) {
      if (!live) this.asked = null; // ask again once back
      return;
    }
    const key = JSON.stringify([current.id, current.phase, state?.rounds?.leaderboard ?? null]);
    if (key === this.asked) return;
    this.asked = key;
    const asking = ++this.asking;
    const sent = this.now();
    ask((ack) => {
      if (asking !== this.asking || !ack?.ok) return; // a newer question is on its way
      const now = this.now();
      if (ack.board) this.board = ack.board;
      const status = ack.round;
      if (status) {
        const same = this.local?.roundId === status.roundId ? this.local : null;
        this.local = {
          roundId: status.roundId,
          answered: status.answered,
          mine: status.mine !== undefined ? status.mine : (same?.mine ?? null),
          result: status.result ?? same?.result ?? null,
          // the ack took a round trip: the server answered about half of it ago
          deadline: status.remainingMs === null ? null : now + status.remainingMs - (now - sent) / 2,
        };
        const answers = status.answers?.map(({ participantId, value }) => [participantId, value] as const);
        if (answers) this.local.answers = new Map(answers);
        if (status.preview !== undefined) this.local.preview = status.preview;
      }
      this.changed();
    });
  }

  onProgress(event: RoundProgressEvent): void {
    if (this.local?.roundId !== event.roundId) return;
    this.local = { ...this.local, answered: event.answered };
    if (this.followAnswers) this.asked = null; // the next change asks who answered what
    this.changed();
  }

  onResult(result: RoundResult): void {
    this.local =
      this.local?.roundId === result.roundId
        ? { ...this.local, result }
        : { roundId: result.roundId, answered: 0, mine: null, result, deadline: null };
    this.changed();
  }

  /** This student's answer, as the server acknowledged it. */
  answered(roundId: string, answer: OwnAnswer): void {
    this.local =
      this.local?.roundId === roundId
        ? { ...this.local, mine: answer }
        : { roundId, answered: 1, mine: answer, result: null, deadline: null };
    this.changed();
  }
}
