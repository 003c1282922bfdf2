// What an activity's unit (room-race.ts, room-network-activity.ts, room-switch.ts: the rows of
// activities.ts) works with of its Room: the one commit path (the ledger), the settings, the shape
// log, and whether the session has ended. A unit sequences like the Room: refused once ended (again
// after anything it awaited), then the rule judged against the newest value and committed through
// the ledger, synchronously.
import type { Refusal } from "../../lib/validation";
import type { SessionLedger } from "./ledger";
import type { Settings } from "./room-settings";
import type { ShapeLog } from "./shape-log";

export interface RoomCore {
  /** the one commit path: every change of this session goes through it */
  readonly ledger: SessionLedger;
  readonly settings: Settings;
  /** the versions that changed the network's shape (an edit sent before one is stale) */
  readonly shapes: ShapeLog;
  readonly ended: boolean;
}

export const ENDED: Refusal = { code: "session_ended", message: "this session has ended" };
export const ANSWER_UNAVAILABLE: Refusal = {
  code: "unavailable",
  message: "your answer could not be saved: send it again",
};
