// The race's local part beside the session state: the curves (the teacher's screens: everyone's,
// from `raceStatus` and then each `raceCurve` event; a student: their own entry, with their newest
// network, which is how a reloaded phone finds its way back into the race). Asked again at a new
// race and after every reconnect (events missed while away are in the status).
import { appendCurve } from "../session/race";
import type { RaceCurveEvent, RaceEntryView, RaceStatusAck } from "../race/model";
import type { SessionState } from "../session/rules";

export interface RaceLocal {
  raceId: string;
  /** the teacher: every entry; a student: their own (at most one) */
  entries: readonly RaceEntryView[];
}

export type AskRaceStatus = (done: (ack: RaceStatusAck | undefined) => void) => void;

export class RaceFollower {
  private local: RaceLocal | null = null;
  private asked: string | null = null;
  private asking = 0;

  constructor(private readonly changed: () => void) {}

  /** The race on screen's entries (null until the server answered, or for another race). */
  view(state: SessionState | null): RaceLocal | null {
    const raceId = state?.race?.id ?? null;
    return this.local && this.local.raceId === raceId ? this.local : null;
  }

  /** At each new race and after a reconnect, ask for the race's entries. `live`: joined and connected. */
  follow(state: SessionState | null, live: boolean, ask: AskRaceStatus): void {
    const raceId = state?.race?.id ?? null;
    if (!live || raceId === null) {
      if (!live) this.asked = null; // ask again once back
      return;
    }
    if (raceId === this.asked) return;
    this.asked = raceId;
    const asking = ++this.asking;
    ask((ack) => {
      if (asking !== this.asking) return;
      if (!ack?.ok || ack.raceId === null) {
        this.asked = null;
        return;
      }
      this.local = { raceId: ack.raceId, entries: ack.entries };
      this.changed();
    });
  }

  /** A curve grew or started over (the teacher's screens). */
  onCurve(event: RaceCurveEvent): void {
    if (this.local?.raceId !== event.raceId) return;
    const entries = [...this.local.entries];
    const at = entries.findIndex((e) => e.participantId === event.participantId);
    const before = at === -1 ? null : entries[at]!;
    const entry: RaceEntryView = {
      participantId: event.participantId,
      name: event.name,
      choices: event.choices,
      curve: event.reset || !before ? event.points : appendCurve(before.curve, event.points),
      submitted: before?.submitted ?? null,
    };
    if (at === -1) entries.push(entry);
    else entries[at] = entry;
    this.local = { ...this.local, entries };
    this.changed();
  }

  /** This student's own entry, as the server acknowledged it. */
  own(raceId: string, entry: RaceEntryView): void {
    this.local = { raceId, entries: [entry] };
    this.changed();
  }
}
