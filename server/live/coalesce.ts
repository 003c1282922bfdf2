// Consecutive `applied` broadcasts in one message, at most one such message per `frameMs` per
// session. What a broadcast costs is the socket writes — one per socket per message, whatever its
// size (bench:cluster's profile: ~65 % of the server's time in one class of 2 000 is the kernel's
// writev) — so the number of messages per second per socket is the fan-out's price, not the bytes.
//
// A run of consecutive `applied` to everyone becomes one `appliedBatch` (a run of one goes out as a
// plain `applied`). With `frameMs` 0 a run is what one synchronous stretch sent (ops that queued
// while the server was busy and were written together). With `frameMs` > 0 the first `applied`
// after a quiet spell still goes out at once (a single edit waits for nothing), and the ones that
// follow within `frameMs` of the last message wait for the next frame: a teacher dragging a slider
// at 30 ops/s reaches each student as ~1000 / frameMs messages a second, each op on time or at
// most `frameMs` late.
//
// Nothing changes order: any other event (to anyone) sends the waiting run first, so every socket
// sees every event in the order the Room sent it; and `sent()` says when the run has gone out, so
// a request's ack can wait for it (the sender sees its own `applied` before the ack, as from the
// Room itself: sockets.ts, server/cluster/directory.ts).
import type { AppliedEvent } from "../../lib/session/protocol";
import type { RoomTransport } from "./room";

/**
 * The server's frame: none by default. Measured (README "A school's deployment"): in one class of
 * 2 000 the server already merges ops on its own (0.6 messages per op at 30 ops/s), so a 50 ms
 * frame cut no CPU there and cost ~50 ms of p99 (p99 233–281 ms against 169–241 without); it cut
 * a class of 1 000 to 0.61 messages per op. `LiveOptions.frameMs` turns it on.
 */
export const FRAME_MS = 0;

export interface PacedTransport extends RoomTransport {
  /** resolves once every `applied` given so far has been handed to the inner transport */
  sent(): Promise<void>;
}

export interface PaceOptions {
  /** the shortest time between two `applied` messages (default 0: one per synchronous stretch) */
  frameMs?: number;
  /** milliseconds, monotonic (tests) */
  now?: () => number;
  /** told true when a run starts waiting, false when it has gone out */
  waiting?: (waiting: boolean) => void;
}

export function coalesceApplied(inner: RoomTransport, options: PaceOptions = {}): PacedTransport {
  const frameMs = options.frameMs ?? 0;
  const clock = options.now ?? (() => performance.now());
  let run: AppliedEvent[] = [];
  let lastSent = Number.NEGATIVE_INFINITY;
  let scheduled = false;
  /** which schedule is current: a flush scheduled before a run was sent early does nothing */
  let schedule = 0;
  let timer: NodeJS.Timeout | null = null;
  let waiting: { promise: Promise<void>; resolve: () => void } | null = null;
  const flush = () => {
    scheduled = false;
    schedule++;
    if (timer) clearTimeout(timer);
    timer = null;
    if (run.length > 0) {
      const events = run;
      run = [];
      lastSent = clock();
      if (events.length === 1) inner.send({ to: "everyone" }, "applied", events[0]!);
      else inner.send({ to: "everyone" }, "appliedBatch", { events });
    }
    const done = waiting;
    waiting = null;
    done?.resolve();
    options.waiting?.(false);
  };
  return {
    send(audience, event, payload) {
      if (event === "applied" && audience.to === "everyone") {
        run.push(payload as AppliedEvent);
        if (!scheduled) {
          scheduled = true;
          options.waiting?.(true);
          const wait = lastSent + frameMs - clock();
          // at once: before any ack (acks follow the resolution of the commit, queued after this)
          const mine = ++schedule;
          const due = () => mine === schedule && flush();
          if (wait <= 0) queueMicrotask(due);
          else timer = setTimeout(due, wait);
        }
        return;
      }
      if (scheduled) flush();
      inner.send(audience, event, payload);
    },
    sent() {
      if (run.length === 0) return Promise.resolve();
      if (!waiting) {
        let resolve = () => {};
        const promise = new Promise<void>((done) => (resolve = done));
        waiting = { promise, resolve };
      }
      return waiting.promise;
    },
  };
}

/**
 * The paced transports of one process's sessions: `sent(code)` waits until the session's waiting
 * `applied` (if any) went out. Only sessions with a run waiting are kept here.
 */
export class FanOutPacing {
  private readonly waiting = new Map<string, PacedTransport>();

  constructor(readonly frameMs: number) {}

  /** the transport of a Room of `code` */
  wrap(code: string, inner: RoomTransport): RoomTransport {
    const paced: PacedTransport = coalesceApplied(inner, {
      frameMs: this.frameMs,
      waiting: (waiting) => {
        if (waiting) this.waiting.set(code, paced);
        else if (this.waiting.get(code) === paced) this.waiting.delete(code);
      },
    });
    return paced;
  }

  /** null: nothing of `code` waits */
  sent(code: string): Promise<void> | null {
    return this.waiting.get(code)?.sent() ?? null;
  }
}
