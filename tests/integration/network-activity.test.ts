// "Be the network" against the real server (API + Socket.IO, no Next): the seed lesson's 0.8 →
// 0.690 computed by a student and passed on; raw clients that record EVERY packet they receive and
// find no answer of their layer and no true value before it is due; classes larger and smaller
// than the network, a late joiner, a reassignment, a student who reloads; the report and its CSV.
// A server restart mid-activity is in network-activity-restart.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityView } from "../../lib/network-activity/model";
import type { ActivityAck, ActivityOp, ActivityStatusAck, NeuronAnswerAck } from "../../lib/network-activity/requests";
import { referenceForwardRow } from "../../lib/network/reference";
import { createSession, LiveClient, type CreatedSession } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

/** A member that folds the session like a page and records the JSON of every packet it gets. */
class Member {
  readonly packets: string[] = [];
  constructor(readonly client: LiveClient) {
    clients.push(client);
    client.socket.onAny((event: string, ...args: unknown[]) => this.packets.push(JSON.stringify([event, ...args])));
  }
  static async teacher(session: CreatedSession) {
    return new Member(await LiveClient.teacher(server.url, session));
  }
  static async student(session: CreatedSession, name: string, place?: { participantId: string; resumeToken: string }) {
    const client = await LiveClient.student(server.url, session.code, { name, ...place });
    const member = new Member(client);
    member.packets.push(JSON.stringify(["ack:join", client.state]));
    return member;
  }
  get id() {
    return this.client.participantId;
  }
  get activity(): ActivityView {
    const view = this.client.state.activity;
    if (!view) throw new Error("no activity");
    return view;
  }
  async ask<T>(event: string, payload: unknown): Promise<T> {
    const ack = await this.client.request<T>(event, payload);
    this.packets.push(JSON.stringify([`ack:${event}`, ack]));
    return ack;
  }
  async control(request: ActivityOp) {
    const full = request.op === "start" ? request : { activityId: this.activity.id, ...request };
    const ack = await this.ask<ActivityAck>("netActivity", full);
    if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack.error)}`);
    await this.client.untilVersion(ack.version);
    return ack;
  }
  async answer(layer: number, index: number, z: number, a: number) {
    const ack = await this.ask<NeuronAnswerAck>("neuronAnswer", { activityId: this.activity.id, layer, index, z, a });
    if (ack.ok) await this.client.untilVersion(ack.version);
    return ack;
  }
  status() {
    return this.ask<ActivityStatusAck>("netActivityStatus", {});
  }
  /** the packets received so far that contain `text` */
  holding(text: string): string[] {
    return this.packets.filter((p) => p.includes(text));
  }
}

const everyone = (members: Member[], version: number) =>
  Promise.all(members.map((m) => m.client.untilVersion(version)));

describe("the seed lesson", () => {
  it("a student computes 0.8 → 0.690 and passes it on to the next; the report and CSV have every answer", async () => {
    const session = await createSession(server.url, "seed-neuron");
    const teacher = await Member.teacher(session);
    const ana = await Member.student(session, "Ana");
    const bo = await Member.student(session, "Bo");
    const started = await teacher.control({ op: "start" });
    await everyone([ana, bo], started.version);
    expect(bo.activity.members).toEqual([[[ana.id]], [[bo.id]]]);
    expect(ana.activity.layers[0]!.received).toEqual([1, 1]);

    const acked = await ana.answer(0, 0, 0.8, 0.69);
    expect(acked).toMatchObject({ ok: true, submission: { layer: 0, index: 0, z: 0.8, a: 0.69 } });
    await bo.client.untilVersion(acked.ok ? acked.version : 0);
    expect(bo.activity.layers[1]!.received).toEqual([0.69]);
    expect(bo.activity.layers[0]!.values).toEqual([{ z: 0.8, a: 0.69, by: [ana.id] }]);

    expect(await bo.answer(1, 0, 1.48, 0.8146)).toMatchObject({ ok: true });
    const finished = await teacher.control({ op: "finish", scores: true });
    await everyone([ana, bo], finished.version);
    expect(ana.activity.debrief?.firstError).toBeNull();
    expect(ana.client.state.rounds?.leaderboard.players).toBe(2);

    const headers = { "x-report-key": session.teacherKey };
    const report = (await (await fetch(`${server.url}/api/reports/${session.code}`, { headers })).json()) as {
      activities: { answers: { student: string; z: number; a: number; right: boolean }[] }[];
    };
    expect(report.activities[0]!.answers).toEqual([
      expect.objectContaining({ student: "Ana", z: 0.8, a: 0.69, right: true }),
      expect.objectContaining({ student: "Bo", z: 1.48, a: 0.8146, right: true }),
    ]);
    const csv = await (await fetch(`${server.url}/api/reports/${session.code}/neurons.csv`, { headers })).text();
    expect(csv.split("\r\n")[1]).toMatch(/^1,computed,1,1,1 1,Ana,0\.8,0\.69,0\.8,0\.68997448\d*,yes,[\d.]+$/);
    expect(csv).toContain(",Bo,1.48,0.8146,");
  });
});

describe("nothing before it is due", () => {
  it("a raw client of the same neuron and one downstream find no answer and no true value early", async () => {
    const session = await createSession(server.url); // 2-2-1, sigmoid
    const teacher = await Member.teacher(session);
    const [a, b, c, d] = await Promise.all(["A", "B", "C", "D"].map((name) => Member.student(session, name)));
    const all = [a!, b!, c!, d!];
    const inputs = [1.3, -0.7];
    const started = await teacher.control({ op: "start", inputs });
    await everyone(all, started.version);
    // round-robin in the order they joined: a and d on h1, b on h2, c on the output
    const members = teacher.activity.members;
    const on = (m: Member) => members.flat().findIndex((ids) => ids.includes(m.id));
    const [h1a, h2, out, h1d] = [a!, b!, c!, d!].map(on);
    expect([h1a, h2, out, h1d]).toEqual([0, 1, 2, 0]);

    const net = teacher.client.state.shared.network;
    const truth = referenceForwardRow(net, inputs);
    // the server's kernel and this reference may differ in the last bits: search 8 digits
    const text = (x: number) => String(x).slice(0, 10);
    const secrets = truth.layers.flatMap((l) => [...l.z, ...l.a]).map(text);
    const aAnswer = [0.7117, 0.6708];
    await a!.answer(0, 0, aAnswer[0]!, aAnswer[1]!);
    await b!.answer(0, 1, -0.11, 0.4725);
    for (const watcher of [c!, d!]) {
      for (const secret of [...secrets, ...aAnswer.map(String), "0.4725"]) expect(watcher.holding(secret)).toEqual([]);
    }
    // d's answer completes the layer: its values flow on (and now reach c: the search works)
    const flowed = await d!.answer(0, 0, 0.7117, 0.6708);
    await everyone(all, flowed.ok ? flowed.version : 0);
    expect(c!.activity.layers[1]!.received).toEqual([0.6708, 0.4725]);
    expect(c!.holding("0.6708").length).toBeGreaterThan(0);
    for (const secret of secrets) expect(c!.holding(secret)).toEqual([]);

    await c!.answer(1, 0, 0.5, 0.6225);
    const revealed = await teacher.control({ op: "reveal", layer: 0 });
    await everyone(all, revealed.version);
    const layer0 = truth.layers[0]!.a.map(text);
    for (const secret of layer0) expect(c!.holding(secret).length).toBeGreaterThan(0);
    // the output's true values are still unknown to everyone
    for (const secret of [...truth.layers[1]!.z, ...truth.layers[1]!.a].map(text)) {
      expect(c!.holding(secret)).toEqual([]);
    }
    // a student's status holds their own answers only
    const status = await d!.status();
    expect(status).toEqual({
      ok: true,
      activity: { id: c!.activity.id, submissions: [expect.objectContaining({ z: 0.7117, a: 0.6708 })] },
    });
    const finished = await teacher.control({ op: "finish", scores: false });
    await everyone(all, finished.version);
    expect(c!.holding(text(truth.layers[1]!.a[0]!)).length).toBeGreaterThan(0);
  });
});

describe("the class and the network", () => {
  it("a class smaller than the network: one student computes a hidden neuron, then the output", async () => {
    const session = await createSession(server.url);
    const teacher = await Member.teacher(session);
    const a = await Member.student(session, "A");
    const b = await Member.student(session, "B");
    await everyone([a, b], (await teacher.control({ op: "start" })).version);
    expect(a.activity.members).toEqual([[[a.id], [b.id]], [[a.id]]]);
    expect(await a.answer(1, 0, 0, 0.5)).toMatchObject({ ok: false, error: { code: "layer_waiting" } });
    await a.answer(0, 0, 0.8, 0.69);
    await b.answer(0, 1, 0.5, 0.6225);
    await a.client.until(() => a.activity.current === 1, "layer 1");
    expect(await a.answer(0, 0, 0.8, 0.69)).toMatchObject({ ok: false, error: { code: "layer_closed" } });
    const last = await a.answer(1, 0, 0.7, 0.6682);
    expect(last).toMatchObject({ ok: true });
    await teacher.client.until(() => teacher.activity.current === 2, "the output");
  });

  it("a larger class, a late joiner, a reassignment and a student who reloads", async () => {
    const session = await createSession(server.url);
    const teacher = await Member.teacher(session);
    const students = await Promise.all(["A", "B", "C", "D"].map((n) => Member.student(session, n)));
    const [a, b, c] = students as [Member, Member, Member, Member];
    await teacher.control({ op: "start", mode: "corrected" });
    // late: the neuron with the fewest students still to come (h2, before the output on a tie)
    const e = await Member.student(session, "E");
    await teacher.client.until(() => teacher.activity.members[0]![1]!.includes(e.id), "e on h2");
    await e.client.until(() => e.activity.members[0]![1]!.includes(e.id), "e sees it");
    expect(await e.answer(0, 1, 0, 0.5)).toMatchObject({ ok: true });

    // the teacher moves b onto the output
    const moved = await teacher.control({ op: "assign", participantId: b.id, neurons: [{ layer: 1, index: 0 }] });
    await b.client.untilVersion(moved.version);
    expect(b.activity.members[1]![0]).toEqual([c.id, b.id]);
    expect(await b.answer(0, 1, 0, 0.5)).toMatchObject({ ok: false, error: { code: "not_your_neuron" } });

    // a answers, then reloads: same place, same activity, their own answer back from the status
    await a.answer(0, 0, 0.8, 0.69);
    const place = { participantId: a.id, resumeToken: a.client.resumeToken };
    a.client.close();
    const again = await Member.student(session, "A", place);
    expect(again.id).toBe(a.id);
    expect(again.activity.layers[0]!.answered).toEqual([1, 1]);
    expect(await again.status()).toMatchObject({ activity: { submissions: [{ layer: 0, index: 0, z: 0.8 }] } });

    // corrected: the teacher moves on, the output's students receive the kernel's values
    const advanced = await teacher.control({ op: "advance" });
    await b.client.untilVersion(advanced.version);
    const received = b.activity.layers[1]!.received!;
    expect(received[0]).toBeCloseTo(1 / (1 + Math.exp(-0.8)), 12); // not a's 0.69
    expect(b.activity.layers[0]!.revealed).toBe(true);
  });
});
