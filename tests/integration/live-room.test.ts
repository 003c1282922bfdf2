// The Room without a network or a database: write-through before broadcast and ack, grouped
// writes, roll-back when a write fails, joins and resumes, sandboxes, spotlight, removal, stale
// edits, and what a student may see.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LabState } from "../../lib/network/ops";
import type { AppliedEvent, SandboxEvent } from "../../lib/session/protocol";
import { newSession, type Action, type Actor } from "../../lib/session/rules";
import { coalesceApplied } from "../../server/live/coalesce";
import { blankLab } from "../../server/live/labs";
import { Room, type Connection } from "../../server/live/room";
import { hashSecret } from "../../server/live/secrets";
import { emptyServerData } from "../../lib/session/authority";
import { MemoryLiveStore, RecordingTransport } from "../helpers/live";

const CODE = "ABCDEF";
const TEACHER_KEY = "teacher-key";
const teacher: Actor = { role: "teacher" };

let store: MemoryLiveStore;
let transport: RecordingTransport;
let room: Room;
let logged: string[];

async function fresh(): Promise<Room> {
  return (await Room.load(CODE, store, transport, { rosterDelayMs: 5, logError: (message) => logged.push(message) }))!;
}

beforeEach(async () => {
  store = new MemoryLiveStore();
  transport = new RecordingTransport();
  logged = [];
  await store.create({
    code: CODE,
    teacherKeyHash: hashSecret(TEACHER_KEY),
    state: newSession(CODE, blankLab()),
    server: emptyServerData(),
    endedAt: null,
  });
  room = await fresh();
});

afterEach(async () => {
  await room.close();
});

const setBias = (value: number, neuron = 0): Action => ({
  type: "edit",
  edit: { type: "setBias", layer: 0, neuron, value },
});

function connection(actor: Actor, id = `socket-${Math.random()}`): Connection & { detached: number } {
  return {
    id,
    actor,
    detached: 0,
    detach() {
      this.detached++;
    },
  };
}

async function join(name: string) {
  const joined = await room.joinStudent({ name });
  if (!joined.ok) throw new Error(joined.error.message);
  return joined;
}

const bias = (lab: LabState, neuron = 0) => lab.network.layers[0]!.neurons[neuron]!.bias;

describe("applying", () => {
  it("writes before it broadcasts, and broadcasts before it acknowledges", async () => {
    const order: string[] = [];
    const save = store.save.bind(store);
    store.save = async (...args) => {
      order.push("write");
      await save(...args);
    };
    const send = transport.send.bind(transport);
    transport.send = (audience, event, payload) => {
      order.push(event);
      send(audience, event, payload);
    };
    const ack = await room.apply(setBias(0.7), teacher);
    order.push("ack");
    expect(ack).toEqual({ ok: true, version: 1 });
    expect(order).toEqual(["write", "applied", "ack"]);
    const stored = await store.load(CODE);
    expect(stored!.state.version).toBe(1);
    expect(bias(stored!.state.shared)).toBe(0.7);
    expect(transport.events("applied")[0]!.payload).toEqual({ version: 1, action: setBias(0.7), by: teacher });
  });

  it("groups the changes of one turn into one write, and keeps their order", async () => {
    const acks = await Promise.all([1, 2, 3, 4, 5].map((v) => room.apply(setBias(v / 10), teacher)));
    expect(acks.map((a) => a.ok && a.version)).toEqual([1, 2, 3, 4, 5]);
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]).toEqual({ core: true, participants: false, sandboxes: false, server: false });
    expect(transport.events("applied").map((s) => (s.payload as AppliedEvent).version)).toEqual([1, 2, 3, 4, 5]);
    expect(room.snapshot(teacher).state.version).toBe(5);
  });

  it("refuses with the current value, writes nothing and tells nobody", async () => {
    const ana = await join("Ana");
    store.writes = [];
    transport.sent.length = 0;
    const before = structuredClone(room.snapshot(teacher).state);
    const ack = await room.apply(setBias(0.9), { role: "student", id: ana.participantId });
    expect(ack).toMatchObject({ ok: false, error: { code: "read_only" }, current: { version: 0 } });
    if (!ack.ok) expect(ack.current?.lab).toEqual(before.shared);
    expect(room.snapshot(teacher).state).toEqual(before);
    expect(store.writes).toEqual([]);
    expect(transport.sent).toEqual([]);
  });

  it("rolls back and refuses `unavailable` when the write fails; nobody hears of it", async () => {
    await room.apply(setBias(0.3), teacher);
    transport.sent.length = 0;
    store.failWrites = true;
    const acks = await Promise.all([room.apply(setBias(0.4), teacher), room.apply(setBias(0.5), teacher)]);
    expect(acks.map((a) => !a.ok && a.error.code)).toEqual(["unavailable", "unavailable"]);
    expect(transport.sent).toEqual([]);
    expect(room.version).toBe(1);
    expect(logged).toEqual([expect.stringContaining("write failed")]);
    store.failWrites = false;
    expect(await room.apply(setBias(0.6), teacher)).toEqual({ ok: true, version: 2 });
    expect(bias((await store.load(CODE))!.state.shared)).toBe(0.6);
  });

  it("a reloaded room has what was acknowledged", async () => {
    await join("Ana");
    await room.apply(setBias(-2), teacher);
    await room.apply({ type: "setMode", mode: "everyone" }, teacher);
    const again = await fresh();
    expect(again.snapshot(teacher).state).toEqual(room.snapshot(teacher).state);
    expect(again.version).toBe(2);
    await again.close();
  });
});

describe("students", () => {
  it("join with a cleaned, distinct name and resume with their token", async () => {
    const ana = await join("  Ana ");
    const ana2 = await join("ana");
    expect([ana.name, ana2.name]).toEqual(["Ana", "ana 2"]);
    expect(ana.resumeToken).not.toBe(ana2.resumeToken);
    const back = await room.joinStudent({
      name: "whatever",
      participantId: ana.participantId,
      resumeToken: ana.resumeToken,
    });
    expect(back).toMatchObject({ ok: true, participantId: ana.participantId, name: "Ana", resumed: true });
    // a wrong token never takes someone's place: it is a new participant
    const thief = await room.joinStudent({ name: "Eve", participantId: ana.participantId, resumeToken: "guess" });
    expect(thief).toMatchObject({ ok: true, name: "Eve", resumed: false });
    expect(thief.ok && thief.participantId).not.toBe(ana.participantId);
    expect(await room.joinStudent({ name: "  " })).toMatchObject({ ok: false, error: { code: "invalid_nickname" } });
    // tokens are stored as hashes only, and never in the state
    const stored = store.rows.get(CODE)!;
    expect(stored).not.toContain(ana.resumeToken);
    expect(JSON.stringify(room.snapshot(teacher))).not.toContain(ana.resumeToken);
  });

  it("roster changes are gathered and carry online flags", async () => {
    const ana = await join("Ana");
    const conn = connection({ role: "student", id: ana.participantId });
    room.connect(conn);
    room.connect(connection(teacher));
    await new Promise((r) => setTimeout(r, 20));
    const rosters = transport.events("roster").map((s) => s.payload);
    expect(rosters.at(-1)).toEqual({
      changed: [{ id: ana.participantId, name: "Ana", joinedAt: expect.any(Number), online: true }],
      teacherOnline: true,
    });
    expect(room.snapshot(teacher).online).toEqual([ana.participantId]);
    room.disconnect(conn.id);
    await new Promise((r) => setTimeout(r, 20));
    expect(transport.events("roster").at(-1)!.payload).toMatchObject({ changed: [{ online: false }] });
  });

  it("sandbox edits go to the teacher and the student only, and to everyone when spotlighted", async () => {
    const ana = await join("Ana");
    const bo = await join("Bo");
    const anaActor: Actor = { role: "student", id: ana.participantId };
    await room.apply({ type: "setMode", mode: "sandbox" }, teacher);
    transport.sent.length = 0;
    expect(await room.apply(setBias(5), anaActor)).toEqual({ ok: true, version: 1 });
    expect(transport.sent).toEqual([
      {
        audience: { to: "teachersAndParticipant", id: ana.participantId },
        event: "sandbox",
        payload: { participantId: ana.participantId, lab: expect.any(Object) },
      },
    ]);
    // Bo sees neither Ana's sandbox nor its existence; the teacher sees all
    expect(room.snapshot({ role: "student", id: bo.participantId }).state.sandboxes).toEqual({});
    expect(Object.keys(room.snapshot(teacher).state.sandboxes)).toEqual([ana.participantId]);

    await room.apply({ type: "spotlight", participantId: ana.participantId }, teacher);
    const spotlight = transport.events("applied").at(-1)!.payload as AppliedEvent;
    expect(bias(spotlight.sandboxes![ana.participantId]!)).toBe(5);
    expect(Object.keys(room.snapshot({ role: "student", id: bo.participantId }).state.sandboxes)).toEqual([
      ana.participantId,
    ]);
    await room.apply(setBias(6), anaActor);
    const last = transport.sent.at(-1)!;
    expect(last.audience).toEqual({ to: "everyone" });
    expect(bias((last.payload as SandboxEvent).lab!)).toBe(6);
  });

  it("a removed student is told, detached, and cannot resume", async () => {
    const ana = await join("Ana");
    const conn = connection({ role: "student", id: ana.participantId });
    room.connect(conn);
    const ack = await room.apply({ type: "removeParticipant", participantId: ana.participantId }, teacher);
    expect(ack.ok).toBe(true);
    expect(conn.detached).toBe(1);
    expect(room.connectionCount).toBe(0);
    expect(transport.events("removed")[0]!.audience).toEqual({ to: "participant", id: ana.participantId });
    const again = await room.joinStudent({
      name: "Ana",
      participantId: ana.participantId,
      resumeToken: ana.resumeToken,
    });
    expect(again).toMatchObject({ ok: false, error: { code: "removed" } });
  });
});

describe("stale edits", () => {
  it("refuses an edit made before someone else changed the network's shape", async () => {
    await room.apply({ type: "setMode", mode: "everyone" }, teacher); // v1
    const ana = await join("Ana");
    const anaActor: Actor = { role: "student", id: ana.participantId };
    const grow: Action = { type: "edit", edit: { type: "addNeuron", layer: 0 } };
    expect(await room.apply(grow, teacher, { baseVersion: 1, connectionId: "teacher-socket" })).toEqual({
      ok: true,
      version: 2,
    });
    // Ana had seen version 1 only: her indices may point elsewhere now
    const stale = await room.apply(setBias(1), anaActor, { baseVersion: 1, connectionId: "ana-socket" });
    expect(stale).toMatchObject({ ok: false, error: { code: "stale" }, current: { version: 2 } });
    // the teacher's own next edit, sent before their addNeuron came back, is fine
    expect(await room.apply(setBias(1), teacher, { baseVersion: 1, connectionId: "teacher-socket" })).toMatchObject({
      ok: true,
    });
    expect(await room.apply(setBias(2), anaActor, { baseVersion: 2, connectionId: "ana-socket" })).toMatchObject({
      ok: true,
    });
    // a version from the future (the server lost it, or a client bug)
    expect(await room.apply(setBias(3), teacher, { baseVersion: 99 })).toMatchObject({ error: { code: "stale" } });
  });
});

describe("ending", () => {
  it("tells everyone, detaches every socket and refuses what comes after", async () => {
    const conn = connection(teacher);
    room.connect(conn);
    await room.end();
    expect(transport.events("ended")).toHaveLength(1);
    expect(conn.detached).toBe(1);
    expect((await store.load(CODE))!.endedAt).toBeInstanceOf(Date);
    expect(await room.apply(setBias(1), teacher)).toMatchObject({ ok: false, error: { code: "session_ended" } });
    expect(await room.joinStudent({ name: "Late" })).toMatchObject({ ok: false, error: { code: "session_ended" } });
  });
});

describe("coalescing", () => {
  it("sends a run of consecutive `applied` as one `appliedBatch`, keeping every event's order", async () => {
    const inner = new RecordingTransport();
    const outer = coalesceApplied(inner);
    const applied = (version: number): AppliedEvent => ({ version, action: setBias(version), by: teacher });
    const everyone = { to: "everyone" } as const;
    outer.send(everyone, "applied", applied(1));
    outer.send(everyone, "applied", applied(2));
    outer.send(everyone, "applied", applied(3));
    outer.send({ to: "teachers" }, "sandbox", { participantId: "ana", lab: null });
    outer.send(everyone, "applied", applied(4));
    expect(inner.sent.map((s) => s.event)).toEqual(["appliedBatch", "sandbox"]);
    await Promise.resolve();
    expect(inner.sent.map((s) => s.event)).toEqual(["appliedBatch", "sandbox", "applied"]);
    expect((inner.sent[0]!.payload as { events: AppliedEvent[] }).events.map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it("a room's grouped write goes out as one batch, before the acks", async () => {
    const inner = new RecordingTransport();
    const acked: string[] = [];
    const batched = (await Room.load(CODE, store, coalesceApplied(inner)))!;
    const send = inner.send.bind(inner);
    inner.send = (audience, event, payload) => {
      acked.push(event);
      send(audience, event, payload);
    };
    await Promise.all(
      [1, 2, 3].map((v) =>
        batched.apply(setBias(v / 10), teacher).then((ack) => acked.push(`ack ${ack.ok && ack.version}`)),
      ),
    );
    expect(acked).toEqual(["appliedBatch", "ack 1", "ack 2", "ack 3"]);
    await batched.close();
  });
});
