// Consecutive `applied` broadcasts in one message. A Room sends one `applied` per accepted op; when
// one write carried several ops (the server was busy, so ops queued), they would go out as many
// frames to every socket, which is what costs (a socket write each). Here a run of consecutive
// `applied` to everyone, sent in one synchronous stretch, becomes one `appliedBatch` — the order of
// every event on every socket stays exactly as the Room sent them: any other event ends the run
// first. At light load a run is one op and goes out as a plain `applied`.
import type { AppliedEvent } from "../../lib/session/protocol";
import type { RoomTransport } from "./room";

export function coalesceApplied(inner: RoomTransport): RoomTransport {
  let run: AppliedEvent[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (run.length === 0) return;
    const events = run;
    run = [];
    if (events.length === 1) inner.send({ to: "everyone" }, "applied", events[0]!);
    else inner.send({ to: "everyone" }, "appliedBatch", { events });
  };
  return {
    send(audience, event, payload) {
      if (event === "applied" && audience.to === "everyone") {
        run.push(payload as AppliedEvent);
        if (!scheduled) {
          scheduled = true;
          // before any ack: acks follow the resolution of the commit, queued after this
          queueMicrotask(flush);
        }
        return;
      }
      flush();
      inner.send(audience, event, payload);
    },
  };
}
