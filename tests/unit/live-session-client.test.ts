// The live client without a socket: a fake transport answers its requests and the test plays the
// server's events. Join and resume, optimistic edits and rollback, pacing a drag (≤ 30 actions/s,
// newest value last), resync on a gap and a stale refusal, removed/ended; prediction rounds.
import { describe, expect, it } from "vitest";
import type { LabState } from "../../lib/network/ops";
import { NETWORK_FORMAT } from "../../lib/network/schema";
import { LiveSessionClient, type LiveTimers, type StudentPlace } from "../../lib/live/session-client";
import { emptyRoundsView, type RoundView } from "../../lib/rounds/model";
import type {
  ActionAck,
  AnswerAck,
  ClientAcks,
  ClientEvent,
  JoinAck,
  ResyncAck,
  RoundAck,
  RoundStatusAck,
  Snapshot,
} from "../../lib/session/protocol";
import {
  applyAction,
  newSession,
  type Action,
  type RoundStateChange,
  type SessionState,
} from "../../lib/session/rules";

const lab: LabState = {
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [{ activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1 }] }],
  },
  inputValues: [1, 1],
};

const weight = (value: number): Action => ({
  type: "edit",
  edit: { type: "setWeight", layer: 0, neuron: 0, from: 0, value },
});

interface Sent {
  event: ClientEvent;
  payload: Record<string, unknown>;
  /** the test plays the server: it answers with the ack the case needs (method: any event's ack) */
  done(error: Error | null, answer?: ClientAcks[ClientEvent]): void;
  at: number;
}

/** A manual clock: timers run when the test advances time. */
class FakeTimers implements LiveTimers {
  time = 0;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.run();
    }
    this.time = end;
  }
}

function state(patch: Partial<SessionState> = {}): SessionState {
  return {
    ...newSession("ABCDEF", lab),
    participants: [{ id: "ana", name: "Ana", joinedAt: 1 }],
    ...patch,
  };
}

const snapshot = (s: SessionState): Snapshot => ({ protocol: 1, state: s, online: ["ana"], teacherOnline: true });

function setup(options: { role?: "teacher" | "student"; place?: StudentPlace | null; resyncEveryMs?: number } = {}) {
  const sent: Sent[] = [];
  const timers = new FakeTimers();
  const forgotten: string[] = [];
  const joined: unknown[] = [];
  const role = options.role ?? "student";
  const client = new LiveSessionClient({
    code: "ABCDEF",
    role,
    teacherKey: role === "teacher" ? "key" : null,
    place: options.place ?? null,
    timers,
    resyncEveryMs: options.resyncEveryMs,
    transport: {
      request: (event, payload, done) => sent.push({ event, payload: { ...payload }, done, at: timers.time }),
    },
    onJoined: (you) => joined.push(you),
    onForget: (reason) => forgotten.push(reason),
  });
  const of = (event: ClientEvent) => sent.filter((s) => s.event === event);
  return { client, sent, timers, forgotten, joined, of };
}

/** A student joined as Ana on `s`. */
function liveStudent(s: SessionState = state({ mode: "everyone" })) {
  const t = setup();
  t.client.connected(false);
  t.client.joinAsStudent("Ana");
  const join = t.of("join")[0]!;
  const ack: JoinAck = {
    ok: true,
    you: { role: "student", participantId: "ana", name: "Ana", resumeToken: "tok", resumed: false },
    snapshot: snapshot(s),
  };
  join.done(null, ack);
  return t;
}

const shownWeight = (client: LiveSessionClient) =>
  client.getView().state?.shared.network.layers[0]!.neurons[0]!.weights[0];

describe("LiveSessionClient", () => {
  it("asks a new student for a name, joins with it, and hands back the place to keep", () => {
    const t = setup();
    expect(t.client.getView().phase).toBe("need-name");
    t.client.connected(false);
    expect(t.sent).toEqual([]);
    t.client.joinAsStudent("Ana");
    expect(t.of("join")[0]!.payload).toMatchObject({ protocol: 1, code: "ABCDEF", role: "student", name: "Ana" });
    t.of("join")[0]!.done(null, {
      ok: true,
      you: { role: "student", participantId: "ana", name: "Ana", resumeToken: "tok", resumed: false },
      snapshot: snapshot(state()),
    } satisfies JoinAck);
    expect(t.client.getView().phase).toBe("live");
    expect(t.joined).toHaveLength(1);
  });

  it("shows a refused nickname and asks again", () => {
    const t = setup();
    t.client.connected(false);
    t.client.joinAsStudent("  ");
    t.of("join")[0]!.done(null, {
      ok: false,
      error: { code: "invalid_nickname", message: "please choose a nickname", path: "name" },
    });
    expect(t.client.getView()).toMatchObject({ phase: "need-name", joinError: { code: "invalid_nickname" } });
  });

  it("resumes with a stored place on connect, and again after a reconnect that was not recovered", () => {
    const place = { participantId: "ana", resumeToken: "tok", name: "Ana" };
    const t = setup({ place });
    expect(t.client.getView().phase).toBe("joining");
    t.client.connected(false);
    expect(t.of("join")[0]!.payload).toMatchObject({ participantId: "ana", resumeToken: "tok", name: "Ana" });
    t.of("join")[0]!.done(null, {
      ok: true,
      you: { role: "student", ...place, resumed: true },
      snapshot: snapshot(state()),
    } satisfies JoinAck);
    t.client.disconnected();
    expect(t.client.getView().reconnecting).toBe(true);
    t.client.connected(true); // recovered: rooms and missed events came back, no join
    expect(t.of("join")).toHaveLength(1);
    t.client.disconnected();
    t.client.connected(false);
    expect(t.of("join")).toHaveLength(2);
    expect(t.of("join")[1]!.payload).toMatchObject({ participantId: "ana", resumeToken: "tok" });
  });

  it("forgets a stored place that no longer works (removed) and says so", () => {
    const t = setup({ place: { participantId: "ana", resumeToken: "old", name: "Ana" } });
    t.client.connected(false);
    t.of("join")[0]!.done(null, { ok: false, error: { code: "removed", message: "you were removed" } });
    expect(t.client.getView().phase).toBe("removed");
    expect(t.forgotten).toEqual(["removed"]);
  });

  it("applies an edit at once, keeps it when accepted, and rolls it back when refused", () => {
    const t = liveStudent();
    expect(t.client.act(weight(2))).toBeNull();
    expect(shownWeight(t.client)).toBe(2);
    const first = t.of("action")[0]!;
    expect(first.payload).toEqual({ action: weight(2), baseVersion: 0 });

    // accepted: the server's applied comes first, then the ack
    const after = applyAction(t.client.getView().confirmed!, weight(2), { role: "student", id: "ana" });
    if (!after.ok) throw new Error("rules");
    t.client.onApplied({ version: 1, action: weight(2), by: { role: "student", id: "ana" } });
    first.done(null, { ok: true, version: 1 } satisfies ActionAck);
    expect(shownWeight(t.client)).toBe(2);
    expect(t.client.getView()).toMatchObject({ pending: 0, refusal: null });

    // refused: the pending edit is dropped, the view shows the server's value again
    t.timers.advance(100);
    t.client.act(weight(4));
    expect(shownWeight(t.client)).toBe(4);
    t.of("action")[1]!.done(null, {
      ok: false,
      error: { code: "locked", message: "the teacher has locked this" },
      current: { version: 1, lab: t.client.getView().confirmed!.shared },
    } satisfies ActionAck);
    expect(shownWeight(t.client)).toBe(2);
    expect(t.client.getView().refusal?.code).toBe("locked");
  });

  it("refuses locally what the rules forbid (the teacher drives) without sending it", () => {
    const t = liveStudent(state({ mode: "teacher" }));
    expect(t.client.act(weight(2))?.code).toBe("read_only");
    expect(t.of("action")).toEqual([]);
    expect(shownWeight(t.client)).toBe(0.5);
  });

  it("paces a drag to at most 30 actions a second and always sends the newest value last", () => {
    const t = liveStudent();
    // 2 seconds of a drag firing every 4 ms (250 events/s), acks coming back after 20 ms
    let value = 0;
    for (let ms = 0; ms < 2000; ms += 4) {
      value = Math.round((Math.sin(ms / 200) * 3 + ms / 1000) * 100) / 100;
      t.client.act(weight(value), "weight:0:0:0");
      t.timers.advance(4);
      for (const s of t.of("action")) {
        if (t.timers.time - s.at >= 20 && !(s as { acked?: boolean }).acked) {
          (s as { acked?: boolean }).acked = true;
          s.done(null, { ok: true, version: 1 });
        }
      }
    }
    t.timers.advance(1000);
    const actions = t.of("action");
    // no window of one second holds more than 30 sends
    for (const s of actions) {
      expect(actions.filter((o) => o.at >= s.at && o.at < s.at + 1000).length).toBeLessThanOrEqual(30);
    }
    expect(actions.length).toBeGreaterThan(40);
    expect(actions.at(-1)!.payload.action).toEqual(weight(value));
    expect(shownWeight(t.client)).toBe(value);
  });

  it("resyncs on a gap and takes the snapshot from the ack", () => {
    const t = liveStudent();
    t.client.onApplied({ version: 3, action: weight(1), by: { role: "teacher" } });
    const resync = t.of("resync")[0]!;
    expect(resync.payload).toEqual({ version: 0 });
    const fresh = state({ mode: "everyone", version: 3 });
    fresh.shared.network.layers[0]!.neurons[0]!.weights[0] = 1;
    resync.done(null, { ok: true, snapshot: snapshot(fresh) } satisfies ResyncAck);
    expect(t.client.getView().confirmed?.version).toBe(3);
    expect(shownWeight(t.client)).toBe(1);
    // the next event folds normally
    t.client.onApplied({ version: 4, action: weight(-1), by: { role: "teacher" } });
    expect(shownWeight(t.client)).toBe(-1);
  });

  it("folds an exercise switch; a teacher then asks for the snapshot that names a saved exercise", () => {
    const other: LabState = structuredClone(lab);
    other.network.layers[0]!.activation = "relu";
    const change = { type: "exercise", exerciseSlug: null, lab: other } as const;
    const student = liveStudent(state({ mode: "everyone", exerciseSlug: "seed-neuron", locks: [{ kind: "inputs" }] }));
    student.client.onApplied({ version: 1, action: change, by: { role: "teacher" } });
    const folded = student.client.getView().state!;
    expect(folded.shared.network.layers[0]!.activation).toBe("relu");
    expect([folded.exerciseSlug, folded.locks, folded.participants.length]).toEqual([null, [], 1]);
    expect(student.of("resync")).toHaveLength(0);

    const t = setup({ role: "teacher" });
    t.client.connected(false);
    const join = t.of("join")[0]!;
    join.done(null, { ok: true, you: { role: "teacher" }, snapshot: snapshot(state()) } satisfies JoinAck);
    t.client.onApplied({ version: 1, action: change, by: { role: "teacher" } });
    expect(t.of("resync")).toHaveLength(1);
  });

  it("refuses a student's switch locally, without sending it", async () => {
    const student = liveStudent();
    expect(await student.client.exercise.switchTo({ exercise: "seed-neuron" })).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    expect(student.of("switchExercise")).toHaveLength(0);
  });

  it("folds an appliedBatch in order, like separate applied events", () => {
    const t = liveStudent();
    t.client.onAppliedBatch({
      events: [
        { version: 1, action: weight(1), by: { role: "teacher" } },
        { version: 2, action: weight(2), by: { role: "teacher" } },
        { version: 3, action: { type: "setMode", mode: "teacher" }, by: { role: "teacher" } },
      ],
    });
    expect(t.client.getView().confirmed).toMatchObject({ version: 3, mode: "teacher" });
    expect(shownWeight(t.client)).toBe(2);
    expect(t.of("resync")).toEqual([]);
  });

  it("resyncs after a stale refusal and every 30 s", () => {
    const t = liveStudent();
    t.client.act(weight(2));
    t.of("action")[0]!.done(null, {
      ok: false,
      error: { code: "stale", message: "resync" },
      current: { version: 0, lab },
    } satisfies ActionAck);
    expect(t.of("resync")).toHaveLength(1);
    t.of("resync")[0]!.done(null, { ok: true, snapshot: snapshot(state({ mode: "everyone" })) });
    t.timers.advance(30_000);
    expect(t.of("resync")).toHaveLength(2);
  });

  it("rolls a refused sandbox edit back to the server's copy of the sandbox", () => {
    const mine: LabState = structuredClone(lab);
    mine.network.layers[0]!.neurons[0]!.weights[0] = 9;
    const t = liveStudent(state({ mode: "sandbox", sandboxes: { ana: mine } }));
    const own = () => t.client.getView().state!.sandboxes.ana!.network.layers[0]!.neurons[0]!.weights[0];
    t.client.act(weight(3));
    expect(own()).toBe(3);
    const server: LabState = structuredClone(lab);
    server.network.layers[0]!.neurons[0]!.weights[0] = 7;
    t.of("action")[0]!.done(null, {
      ok: false,
      error: { code: "invalid_edit", message: "no" },
      current: { version: 0, lab: server },
    } satisfies ActionAck);
    expect(own()).toBe(7);
  });

  it("a teacher with a wrong key is asked for it again; ended closes the session", () => {
    const t = setup({ role: "teacher" });
    t.client.connected(false);
    t.of("join")[0]!.done(null, { ok: false, error: { code: "wrong_teacher_key", message: "wrong key" } });
    expect(t.client.getView().phase).toBe("need-key");
    expect(t.forgotten).toEqual(["invalid"]);
    t.client.joinAsTeacher("right");
    t.of("join")[1]!.done(null, { ok: true, you: { role: "teacher" }, snapshot: snapshot(state()) });
    expect(t.client.getView().phase).toBe("live");
    t.client.onEnded({ message: "the teacher ended this session" });
    expect(t.client.getView()).toMatchObject({ phase: "ended", message: "the teacher ended this session" });
  });
});

describe("LiveSessionClient: prediction rounds", () => {
  const roundView = (phase: "open" | "closed" | "revealed", id = "r1"): RoundView => ({
    id,
    number: 1,
    kind: "output",
    neuron: { layer: 0, index: 0 },
    inputs: [1, 1],
    tolerance: { full: 0.01, zero: 0.5 },
    speedBonus: false,
    timeLimitSeconds: 30,
    openedAt: 0,
    closesAt: 30_000,
    phase,
    scriptIndex: null,
  });
  const roundState = (phase: "open" | "closed" | "revealed", id = "r1"): RoundStateChange => ({
    type: "roundState",
    rounds: { ...emptyRoundsView(), played: 1, current: roundView(phase, id) },
  });

  it("asks for the round's status at a new round and phase, and counts down by the server's clock", () => {
    const t = liveStudent();
    expect(t.of("roundStatus")).toEqual([]); // no round yet
    t.timers.advance(1000);
    t.client.onApplied({ version: 1, action: roundState("open"), by: { role: "teacher" } });
    expect(t.of("roundStatus")).toHaveLength(1);
    t.timers.advance(100); // the round trip
    t.of("roundStatus")[0]!.done(null, {
      ok: true,
      serverNow: 5,
      round: { roundId: "r1", answered: 3, remainingMs: 20_000, mine: { value: 0.4, at: 4 } },
    } satisfies RoundStatusAck);
    expect(t.client.getView().round).toEqual({
      roundId: "r1",
      answered: 3,
      mine: { value: 0.4, at: 4 },
      result: null,
      deadline: 1100 + 20_000 - 50,
    });
    t.client.rounds.onProgress({ roundId: "r1", answered: 4 });
    t.client.rounds.onProgress({ roundId: "old", answered: 9 });
    expect(t.client.getView().round?.answered).toBe(4);
    // another change with the same round: no second question; a new phase: ask again
    t.client.onApplied({ version: 2, action: { type: "setMode", mode: "teacher" }, by: { role: "teacher" } });
    expect(t.of("roundStatus")).toHaveLength(1);
    t.client.onApplied({ version: 3, action: roundState("closed"), by: { role: "teacher" } });
    expect(t.of("roundStatus")).toHaveLength(2);
  });

  it("sends a typed answer for the round on screen and keeps the acknowledged one", async () => {
    const t = liveStudent();
    expect(await t.client.rounds.answer(0.5)).toMatchObject({ ok: false, error: { code: "no_such_round" } });
    t.client.onApplied({ version: 1, action: roundState("open"), by: { role: "teacher" } });
    const answering = t.client.rounds.answer(0.7);
    const sent = t.of("answer")[0]!;
    expect(sent.payload).toEqual({ roundId: "r1", value: 0.7 });
    sent.done(null, { ok: true, roundId: "r1", answer: { value: 0.7, at: 12 } } satisfies AnswerAck);
    expect(await answering).toMatchObject({ ok: true });
    expect(t.client.getView().round?.mine).toEqual({ value: 0.7, at: 12 });
    // no ack in time: a refusal the page can show
    const lost = t.client.rounds.answer(0.8);
    t.of("answer")[1]!.done(new Error("operation has timed out"));
    expect(await lost).toMatchObject({ ok: false, error: { code: "timeout" } });
    // the reveal: this student's own result
    t.client.rounds.onResult({
      roundId: "r1",
      answer: 0.7,
      error: 0.1,
      points: 800,
      bonus: 0,
      total: 800,
      rank: 1,
      of: 2,
      streak: 1,
    });
    expect(t.client.getView().round?.result?.points).toBe(800);
  });

  it("a teacher's round request is refused at once when the rules say no, and sent otherwise", async () => {
    const t = setup({ role: "teacher" });
    t.client.connected(false);
    t.of("join")[0]!.done(null, {
      ok: true,
      you: { role: "teacher" },
      snapshot: snapshot(state({ version: 1, rounds: roundState("open").rounds })),
    });
    const open = { op: "open" as const, open: { script: 0 } };
    expect(await t.client.rounds.control(open)).toMatchObject({ ok: false, error: { code: "round_open" } });
    expect(t.of("round")).toEqual([]);
    const closing = t.client.rounds.control({ op: "close", roundId: "r1" });
    t.of("round")[0]!.done(null, { ok: true, version: 2, roundId: "r1" } satisfies RoundAck);
    expect(await closing).toEqual({ ok: true, version: 2, roundId: "r1" });
    // the teacher's status carries the whole leaderboard
    t.of("roundStatus")[0]!.done(null, {
      ok: true,
      serverNow: 1,
      round: null,
      board: [{ rank: 1, participantId: "ana", name: "Ana", total: 1000, streak: 1 }],
    } satisfies RoundStatusAck);
    expect(t.client.getView().board).toHaveLength(1);
  });

  it("Be the network: a student's answer and status are sent typed; a student's teacher request is refused at once", async () => {
    const t = liveStudent();
    expect(await t.client.netActivity.control({ op: "start" })).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    expect(t.of("netActivity")).toEqual([]);
    const request = { activityId: "act-1", layer: 0, index: 0, z: 0.8, a: 0.69 };
    const answering = t.client.netActivity.answerNeuron(request);
    expect(t.of("neuronAnswer")[0]!.payload).toEqual(request);
    const ack = {
      ok: true as const,
      version: 3,
      activityId: "act-1",
      submission: { layer: 0, index: 0, z: 0.8, a: 0.69, at: 5 },
    };
    t.of("neuronAnswer")[0]!.done(null, ack);
    expect(await answering).toEqual(ack);
    const status = t.client.netActivity.status();
    t.of("netActivityStatus")[0]!.done(null, { ok: true, activity: null });
    expect(await status).toEqual({ ok: true, activity: null });
  });
});

describe("LiveSessionClient: who changed what", () => {
  it("lists the last changes with their authors and tells me when my value was overtaken", () => {
    const t = liveStudent(
      state({
        mode: "everyone",
        participants: [
          { id: "ana", name: "Ana", joinedAt: 1 },
          { id: "bo", name: "Bo", joinedAt: 2 },
        ],
      }),
    );
    t.client.act(weight(2));
    t.client.onApplied({ version: 1, action: weight(2), by: { role: "student", id: "ana" } });
    t.of("action")[0]!.done(null, { ok: true, version: 1 } satisfies ActionAck);
    expect(t.client.getView().overtaken).toBeNull();
    t.timers.advance(500);
    t.client.onApplied({ version: 2, action: weight(-1), by: { role: "student", id: "bo" } });
    const view = t.client.getView();
    expect(view.attribution.changes.map((c) => [c.by, c.from, c.to])).toEqual([
      [{ role: "student", id: "bo" }, 2, -1],
      [{ role: "student", id: "ana" }, 0.5, 2],
    ]);
    expect(view.overtaken).toMatchObject({ by: { role: "student", id: "bo" }, yours: 2, theirs: -1 });
    t.client.dismissOvertaken();
    expect(t.client.getView().overtaken).toBeNull();
  });

  it("is not overtaken when the other edit landed before mine: mine came last and stands", () => {
    const t = liveStudent(state({ mode: "everyone" }));
    t.client.act(weight(2));
    // Bo's edit reached the server first; ours is applied after it
    t.client.onApplied({ version: 1, action: weight(-1), by: { role: "student", id: "bo" } });
    t.client.onApplied({ version: 2, action: weight(2), by: { role: "student", id: "ana" } });
    t.of("action")[0]!.done(null, { ok: true, version: 2 } satisfies ActionAck);
    expect(t.client.getView()).toMatchObject({ overtaken: null, pending: 0 });
    expect(shownWeight(t.client)).toBe(2);
    // both changes are listed, newest first
    expect(t.client.getView().attribution.changes.map((c) => c.to)).toEqual([2, -1]);
  });
});
