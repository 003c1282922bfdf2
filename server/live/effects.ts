// What a written change does next, run in order by the Room (lib/session/authority.ts `Effect`):
// broadcasts, a removed student's eviction, the roster and progress counts due.
import type { Effect } from "../../lib/session/authority";
import type { Presence } from "./presence";
import type { RoundTimers } from "./round-timers";
import type { RoomTransport } from "./room";

export interface EffectTargets {
  transport: RoomTransport;
  presence: Presence;
  timers: RoundTimers;
}

export function performEffect(effect: Effect, { transport, presence, timers }: EffectTargets): void {
  switch (effect.type) {
    case "applied":
      presence.flush(); // so that every participant the change names is known first
      transport.send({ to: "everyone" }, "applied", effect.event);
      return;
    case "sandbox":
      transport.send(effect.audience, "sandbox", effect.event);
      return;
    case "roundResult":
      transport.send({ to: "participant", id: effect.participantId }, "roundResult", effect.result);
      return;
    case "evict":
      transport.send({ to: "participant", id: effect.participantId }, "removed", {
        message: "the teacher removed you from this session",
      });
      presence.evict(effect.participantId);
      return;
    case "roster":
      presence.mark(effect.participantId);
      return;
    case "progress":
      timers.markProgress();
      return;
    case "raceCurve":
      transport.send({ to: "teachers" }, "raceCurve", effect.event);
      return;
  }
}
