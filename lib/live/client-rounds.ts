// Prediction rounds in the live client (the rules: lib/session/rounds.ts): the teacher's typed
// requests, a student's answer, and the round's local part beside the state — progress, own answer
// and result, deadline, the teacher's board (round-follower.ts).
import type { LeaderboardEntry, RoundResult } from "../rounds/model";
import type { AnswerAck, RoundAck, RoundProgressEvent, RoundRequest } from "../session/protocol";
import { roundRefusal } from "../session/rounds";
import { askJudged, type ClientCore } from "./client-core";
import { RoundFollower, type RoundLocal } from "./round-follower";

export class LiveRounds {
  private readonly follower: RoundFollower;

  constructor(
    private readonly core: ClientCore,
    teacher: boolean,
  ) {
    this.follower = new RoundFollower(core.now, () => core.notify(), teacher);
  }

  /** A student's prediction for the round on screen (again: replaces it). */
  answer(value: number): Promise<AnswerAck> {
    const roundId = this.core.confirmed()?.rounds?.current?.id;
    if (!roundId) return Promise.resolve({ ok: false, error: { code: "no_such_round", message: "no round is open" } });
    return this.core.ask("answer", { roundId, value }).then((ack) => {
      if (ack.ok) this.follower.answered(ack.roundId, ack.answer);
      return ack;
    });
  }

  /** The teacher's open / close / reveal / clear / leaderboard. */
  control(request: RoundRequest): Promise<RoundAck> {
    return askJudged(this.core, "round", request, roundRefusal);
  }

  onProgress(event: RoundProgressEvent): void {
    this.follower.onProgress(event);
  }

  /** This student's own result at a reveal. */
  onResult(result: RoundResult): void {
    this.follower.onResult(result);
  }

  /** Asks for the round's status when the round on screen needs it (`live`: the client can ask). */
  follow(live: boolean): void {
    this.follower.follow(this.core.confirmed(), live, (done) => this.core.fetch("roundStatus", {}, done));
  }

  view(): { round: RoundLocal | null; board: readonly LeaderboardEntry[] } {
    return this.follower.view(this.core.confirmed());
  }
}
