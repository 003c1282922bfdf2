// The units a Room is made of, each on its own: the write queue (grouping, write before effects,
// roll-back of everything not written), the shape log (stale edits), and presence (the roster only
// announces written participants, gathered).
import { describe, expect, it } from "vitest";
import type { Participant } from "../../lib/session/rules";
import { Presence, type Connection } from "../../server/live/presence";
import { ShapeLog } from "../../server/live/shape-log";
import { WriteQueue } from "../../server/live/write-queue";
import { RecordingTransport } from "../helpers/live";

describe("WriteQueue", () => {
  function queue(fail: () => boolean = () => false) {
    const saved: { next: number; previous: number; rows: string[] }[] = [];
    const errors: unknown[] = [];
    const q = new WriteQueue<number, string>(0, {
      async save(next, previous, rows) {
        await Promise.resolve();
        if (fail()) throw new Error("disk full");
        saved.push({ next, previous, rows: [...rows] });
      },
      onWriteError: (error) => errors.push(error),
      onEffectError: (error) => errors.push(error),
    });
    return { q, saved, errors };
  }

  it("groups the changes of one turn into one write, then runs their effects in order", async () => {
    const { q, saved } = queue();
    const order: string[] = [];
    const a = q.commit(1, "a", [() => order.push("a")]);
    const b = q.commit(2, "b", [() => order.push("b")]);
    expect(q.value).toBe(2); // judged against at once
    expect(q.written).toBe(0); // nobody has heard of it yet
    await Promise.all([a, b]);
    expect(saved).toEqual([{ next: 2, previous: 0, rows: ["a", "b"] }]);
    expect(order).toEqual(["a", "b"]);
    expect(q.written).toBe(2);
    expect(q.busy).toBe(false);
  });

  it("a failed write refuses every change not written and keeps the last written value", async () => {
    let failing = false;
    const { q, errors } = queue(() => failing);
    await q.commit(1, null, []);
    failing = true;
    const effects: string[] = [];
    const results = await Promise.allSettled([
      q.commit(2, "x", [() => effects.push("x")]),
      q.commit(3, "y", [() => effects.push("y")]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(effects).toEqual([]);
    expect(q.value).toBe(1);
    expect(q.written).toBe(1);
    expect(errors).toHaveLength(1);
    failing = false;
    await q.commit(4, null, []);
    expect(q.written).toBe(4);
  });

  it("a barrier waits for the writes before it; an effect that throws is logged, the change stays", async () => {
    const { q, errors } = queue();
    await expect(q.barrier()).resolves.toBeUndefined();
    const committed = q.commit(1, null, [
      () => {
        throw new Error("socket gone");
      },
    ]);
    let after = -1;
    const barrier = q.barrier().then(() => (after = q.written));
    await committed;
    await barrier;
    expect(after).toBe(1);
    expect(errors.map(String)).toEqual(["Error: socket gone"]);
  });
});

describe("ShapeLog", () => {
  it("an edit made before someone else's shape change is stale; one's own is not", () => {
    const log = new ShapeLog();
    log.record(3, "teacher");
    expect(log.changedSince(2, "ana", 3)).toBe(true);
    expect(log.changedSince(2, "teacher", 3)).toBe(false);
    expect(log.changedSince(3, "ana", 3)).toBe(false);
    log.rollback(2); // that write failed
    expect(log.changedSince(2, "ana", 2)).toBe(false);
    // shape changes from before this process loaded the session count as someone else's
    expect(new ShapeLog().changedSince(1, "teacher", 3)).toBe(true);
  });
});

describe("Presence", () => {
  it("announces a participant once written, with online flags, gathered into one roster", async () => {
    const transport = new RecordingTransport();
    let written: Participant[] = [];
    const newest: Participant[] = [{ id: "ana", name: "Ana", joinedAt: 1 }];
    const presence = new Presence({
      transport,
      participants: () => ({ written, newest }),
      delayMs: 5,
      now: () => 0,
    });
    const socket = (id: string, actor: Connection["actor"]): Connection & { detached: number } => ({
      id,
      actor,
      detached: 0,
      detach() {
        this.detached++;
      },
    });
    const ana = socket("s1", { role: "student", id: "ana" });
    presence.connect(ana);
    presence.connect(socket("t1", { role: "teacher" }));
    presence.flush();
    // not written yet: not announced, still due
    expect(transport.events("roster").map((r) => r.payload)).toEqual([{ changed: [], teacherOnline: true }]);
    written = newest;
    presence.flush();
    expect(transport.events("roster").at(-1)!.payload).toEqual({
      changed: [{ id: "ana", name: "Ana", joinedAt: 1, online: true }],
      teacherOnline: true,
    });
    expect(presence.online).toEqual(["ana"]);
    presence.evict("ana");
    expect(ana.detached).toBe(1);
    expect(presence.online).toEqual([]);
    presence.stop();
  });
});
