// The activation race in the live client (the rules: lib/session/race.ts): the teacher's requests,
// a student's entry, and the race's local part — the teacher's curves, a student's own entry
// (race-follower.ts).
import type { RaceAck, RaceCurveEvent, RaceEntryAck, RaceEntryRequest, RaceRequest } from "../race/model";
import { raceRefusal } from "../session/race";
import { askJudged, type ClientCore } from "./client-core";
import { RaceFollower, type RaceLocal } from "./race-follower";

export class LiveRace {
  private readonly follower: RaceFollower;

  constructor(private readonly core: ClientCore) {
    this.follower = new RaceFollower(() => core.notify());
  }

  /** The teacher's start / stop / spotlight / clear of a race. */
  control(request: RaceRequest): Promise<RaceAck> {
    return askJudged(this.core, "race", request, raceRefusal);
  }

  /** A student's enter / progress / submit in the race on screen. */
  entry(request: RaceEntryRequest): Promise<RaceEntryAck> {
    return this.core.ask("raceEntry", request).then((ack) => {
      if (ack.ok) this.follower.own(ack.raceId, ack.entry);
      return ack;
    });
  }

  onCurve(event: RaceCurveEvent): void {
    this.follower.onCurve(event);
  }

  /** Asks for the race's entries when the race on screen needs them (`live`: the client can ask). */
  follow(live: boolean): void {
    this.follower.follow(this.core.confirmed(), live, (done) => this.core.fetch("raceStatus", {}, done));
  }

  view(): RaceLocal | null {
    return this.follower.view(this.core.confirmed());
  }
}
