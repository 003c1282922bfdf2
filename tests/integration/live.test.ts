// Live sessions against the real server (API + Socket.IO, no Next) with real socket.io-clients:
// creating a session, joining, edits in order, every kind of refusal, dropped clients, recovery,
// rate limits. Restarts are in live-restart.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionAck, JoinAck, ResyncAck } from "../../lib/session/protocol";
import { PROTOCOL_VERSION } from "../../lib/session/protocol";
import type { Action } from "../../lib/session/rules";
import { openDatabase } from "../../server/db/client";
import { lanAddresses } from "../../server/join-origin";
import { hashSecret } from "../../server/live/secrets";
import { connected, createSession, LiveClient, rawSocket, request, type CreatedSession } from "../helpers/live";
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

async function teacherOf(session: CreatedSession): Promise<LiveClient> {
  const client = await LiveClient.teacher(server.url, session);
  clients.push(client);
  return client;
}

async function student(code: string, name: string): Promise<LiveClient> {
  const client = await LiveClient.student(server.url, code, { name });
  clients.push(client);
  return client;
}

async function classroom(exercise?: string) {
  const session = await createSession(server.url, exercise);
  const teacher = await teacherOf(session);
  const ana = await student(session.code, "Ana");
  const bo = await student(session.code, "Bo");
  await teacher.until(() => teacher.state.participants.length === 2, "both students in the teacher's roster");
  return { session, teacher, ana, bo };
}

const setWeight = (value: number, from = 0): Action => ({
  type: "edit",
  edit: { type: "setWeight", layer: 0, neuron: 0, from, value },
});
const setBias = (value: number): Action => ({ type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value } });

async function alive(): Promise<void> {
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(200);
}

describe("POST /api/sessions", () => {
  it("answers a code, a teacher key and a join URL; stores only the key's hash", async () => {
    const response = await fetch(`${server.url}/api/sessions`, { method: "POST" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as CreatedSession;
    expect(body.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(body.teacherKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // the server was asked as 127.0.0.1: phones get the machine's network address instead
    const lan = lanAddresses()[0] ?? "127.0.0.1";
    expect(body.joinUrl).toBe(`http://${lan}:${server.port}/s/${body.code}`);
    // behind a proxy that terminates TLS
    const proxied = await fetch(`${server.url}/api/sessions`, {
      method: "POST",
      headers: { "x-forwarded-proto": "https" },
    });
    const behindProxy = (await proxied.json()) as CreatedSession;
    expect(behindProxy.joinUrl).toBe(`https://${lan}:${server.port}/s/${behindProxy.code}`);

    const db = await openDatabase(server.database);
    try {
      const row = await db.prisma.liveSession.findUniqueOrThrow({ where: { code: body.code } });
      expect(row.teacherKeyHash).toBe(hashSecret(body.teacherKey));
      expect(JSON.stringify(row)).not.toContain(body.teacherKey);
      expect(row.updatedAt).toBeInstanceOf(Date);
      expect(JSON.parse(row.state)).toMatchObject({ code: body.code, version: 0, mode: "teacher" });
    } finally {
      await db.close();
    }
  });

  it("opens a blank 2-2-1 network, or the lesson asked for", async () => {
    const blank = await createSession(server.url);
    const teacher = await teacherOf(blank);
    expect(teacher.state.shared.network.inputs).toHaveLength(2);
    expect(teacher.state.shared.network.layers.map((l) => l.neurons.length)).toEqual([2, 1]);
    expect(teacher.state.exerciseSlug).toBeNull();

    const lesson = await createSession(server.url, "seed-neuron");
    const teacher2 = await teacherOf(lesson);
    expect(teacher2.state.exerciseSlug).toBe("seed-neuron");
    expect(teacher2.state.shared.network.layers[0]!.neurons[0]).toMatchObject({ weights: [0.5, 0.2], bias: 0.1 });
  });

  it("starts from the lab on the teacher's screen when the lesson was changed before starting", async () => {
    const post = (body: unknown) =>
      fetch(`${server.url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const lesson = await createSession(server.url, "seed-neuron");
    const original = (await teacherOf(lesson)).state.shared;
    const changed = structuredClone(original);
    changed.network.layers[0]!.neurons[0]!.weights[0] = 0.9;
    changed.inputValues = [0.25, -1];
    const started = await post({ exercise: "seed-neuron", lab: changed });
    expect(started.status).toBe(201);
    const teacher = await teacherOf((await started.json()) as CreatedSession);
    expect(teacher.state.shared).toEqual(changed);
    expect(teacher.state.exerciseSlug).toBe("seed-neuron");

    // a lab that is not one (input values that do not fit the inputs) starts nothing
    const bad = await post({ exercise: "seed-neuron", lab: { ...changed, inputValues: [1] } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request", path: "lab.inputValues" } });
  });

  it("refuses an unknown exercise and a bad body", async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const unknown = await post(JSON.stringify({ exercise: "no-such-lesson" }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "no_such_exercise", path: "exercise" } });
    for (const body of ['{"exercise": 5}', '{"other": 1}', "[]", "{"]) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toMatch(/invalid_(request|json)/);
    }
  });
});

describe("joining", () => {
  it("a teacher and two students see the same session and each other", async () => {
    const { teacher, ana, bo } = await classroom();
    expect(teacher.you).toEqual({ role: "teacher" });
    expect(ana.you).toMatchObject({ role: "student", name: "Ana", resumed: false });
    expect(bo.state.participants.map((p) => p.name)).toEqual(["Ana", "Bo"]);
    await teacher.until(() => teacher.state.participants.length === 2 && teacher.online.length === 2, "roster");
    await ana.until(() => ana.state.participants.length === 2, "Bo in Ana's roster");
    expect(ana.teacherOnline).toBe(true);
    // resume tokens are nobody else's business
    expect(JSON.stringify([teacher.state, bo.state, teacher.rosterEvents])).not.toContain(ana.resumeToken);
  });

  it("refuses a wrong teacher key, an unknown code, an old protocol and a bad nickname", async () => {
    const session = await createSession(server.url);
    const socket = rawSocket(server.url);
    await connected(socket);
    const join = (payload: unknown) => request<JoinAck>(socket, "join", payload);
    const base = { protocol: PROTOCOL_VERSION, code: session.code };
    expect(await join({ ...base, role: "teacher", teacherKey: "x".repeat(43) })).toMatchObject({
      ok: false,
      error: { code: "wrong_teacher_key" },
    });
    expect(await join({ ...base, role: "teacher" })).toMatchObject({ error: { code: "invalid_payload" } });
    expect(await join({ ...base, role: "student", name: "Ana", teacherKey: session.teacherKey })).toMatchObject({
      error: { code: "invalid_payload", path: "teacherKey" },
    });
    expect(await join({ ...base, code: "ZZZZZZ", role: "student", name: "Ana" })).toMatchObject({
      error: { code: "no_such_session" },
    });
    expect(await join({ ...base, code: "0OIL1!", role: "student", name: "Ana" })).toMatchObject({
      error: { code: "invalid_payload", path: "code" },
    });
    expect(await join({ ...base, protocol: 0, role: "student", name: "Ana" })).toMatchObject({
      error: { code: "unsupported_protocol" },
    });
    expect(await join({ ...base, role: "student", name: "\u200b " })).toMatchObject({
      error: { code: "invalid_nickname" },
    });
    // lower case codes are fine; a second join on one socket is not
    expect(
      await join({ ...base, code: session.code.toLowerCase(), role: "student", name: "<b>Ana</b>" }),
    ).toMatchObject({
      ok: true,
      you: { name: "<b>Ana</b>" },
    });
    expect(await join({ ...base, role: "student", name: "Bo" })).toMatchObject({ error: { code: "already_joined" } });
    socket.disconnect();
  });
});

describe("edits", () => {
  it("the teacher's edits reach every student in order, with consecutive versions", async () => {
    const { teacher, ana, bo } = await classroom();
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => teacher.act(setWeight(i / 10, i % 2))));
    expect(acks.map((a) => a.ok && a.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const client of [ana, bo, teacher]) {
      await client.untilVersion(40);
      expect(client.versions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(client.problems).toEqual([]);
      expect(client.state.shared).toEqual(teacher.state.shared);
    }
    expect(ana.state.shared.network.layers[0]!.neurons[0]!.weights).toEqual([3.8, 3.9]);
    expect(ana.applied[0]!.by).toEqual({ role: "teacher" });
  });

  it("students who join or resync while edits stream in miss nothing and drift nowhere", async () => {
    const { session, teacher } = await classroom();
    let sending = true;
    const stream = (async () => {
      let i = 0;
      while (sending) {
        void teacher.act(setWeight((i++ % 50) / 10));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const late: LiveClient[] = [];
    for (let i = 0; i < 8; i++) {
      late.push(await student(session.code, `Late ${i}`));
      await late[0]!.resync();
    }
    sending = false;
    await stream;
    const final = (await teacher.act(setBias(0.125))) as { ok: true; version: number };
    expect(final.ok).toBe(true);
    for (const client of late) {
      await client.untilVersion(final.version).catch(() => {});
      expect(client.problems).toEqual([]);
      expect(client.state.version).toBe(final.version);
      expect(client.state.shared).toEqual(teacher.state.shared);
    }
  });

  it("the sender gets its own `applied` before its ack", async () => {
    const { teacher } = await classroom();
    const ack = await teacher.act(setBias(1));
    expect(ack).toEqual({ ok: true, version: 1 });
    expect(teacher.versions).toEqual([1]);
  });

  it("in everyone mode a student's edit reaches the class", async () => {
    const { teacher, ana, bo } = await classroom();
    expect(await teacher.act({ type: "setMode", mode: "everyone" })).toEqual({ ok: true, version: 1 });
    await ana.untilVersion(1);
    expect(await ana.act(setBias(-3), 1)).toEqual({ ok: true, version: 2 });
    for (const client of [teacher, bo]) {
      await client.untilVersion(2);
      expect(client.state.shared.network.layers[0]!.neurons[0]!.bias).toBe(-3);
      expect(client.applied.at(-1)!.by).toEqual({ role: "student", id: ana.participantId });
    }
  });

  it("sandboxes stay private: the teacher sees them, the other students never do", async () => {
    const { teacher, ana, bo } = await classroom();
    await teacher.act({ type: "setMode", mode: "sandbox" });
    await ana.untilVersion(1);
    expect(await ana.act(setBias(7))).toEqual({ ok: true, version: 1 });
    await teacher.until(() => teacher.state.sandboxes[ana.participantId] !== undefined, "Ana's sandbox");
    expect(teacher.state.sandboxes[ana.participantId]!.network.layers[0]!.neurons[0]!.bias).toBe(7);
    expect(ana.state.sandboxes[ana.participantId]!.network.layers[0]!.neurons[0]!.bias).toBe(7);
    await teacher.act(setBias(0.25)); // a marker after Ana's edit
    await bo.untilVersion(2);
    expect(bo.sandboxEvents).toEqual([]);
    expect(bo.state.sandboxes).toEqual({});
    expect((await bo.resync()).ok && bo.state.sandboxes).toEqual({});
    // spotlight: now everyone sees Ana's sandbox, and its later changes
    await teacher.act({ type: "spotlight", participantId: ana.participantId });
    await bo.untilVersion(3);
    expect(bo.state.sandboxes[ana.participantId]!.network.layers[0]!.neurons[0]!.bias).toBe(7);
    await ana.act(setBias(8));
    await bo.until(() => bo.state.sandboxes[ana.participantId]?.network.layers[0]!.neurons[0]!.bias === 8, "bias 8");
  });
});

describe("refusals leave the session as it was", () => {
  it("read_only, locked, not_allowed and invalid actions", async () => {
    const { teacher, ana } = await classroom();
    const before = structuredClone(teacher.state);
    const refusal = async (client: LiveClient, action: unknown, code: string) => {
      const ack = await client.request<ActionAck>("action", { action });
      expect(ack.ok ? "accepted" : ack.error.code).toBe(code);
    };
    await refusal(ana, setBias(1), "read_only");
    for (const action of [
      { type: "setMode", mode: "everyone" },
      { type: "lock", lock: { kind: "inputs" } },
      { type: "removeParticipant", participantId: ana.participantId },
      { type: "spotlight", participantId: null },
    ]) {
      await refusal(ana, action, "not_allowed");
    }
    await refusal(ana, { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: "1" } }, "invalid_action");
    await refusal(
      teacher,
      { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: 1e9 } },
      "invalid_action",
    );
    await refusal(teacher, { type: "edit", edit: { type: "setBias", layer: 5, neuron: 0, value: 1 } }, "invalid_edit");
    await refusal(teacher, { type: "resetSandbox" }, "not_allowed");

    // locked: everyone mode with the inputs locked
    expect((await teacher.act({ type: "setMode", mode: "everyone" })).ok).toBe(true);
    expect((await teacher.act({ type: "lock", lock: { kind: "neuron", layer: 0, neuron: 0 } })).ok).toBe(true);
    await ana.untilVersion(2);
    const locked = await ana.act(setBias(2));
    expect(locked).toMatchObject({ ok: false, error: { code: "locked" }, current: { version: 2 } });
    if (!locked.ok) expect(locked.current!.lab).toEqual(before.shared);
    const snapshot = await teacher.request<ResyncAck>("resync", {});
    expect(snapshot.ok && snapshot.snapshot.state.shared).toEqual(before.shared);
    expect(snapshot.ok && snapshot.snapshot.state.version).toBe(2);
  });

  it("malformed payloads of every shape, missing acks and unknown events: refused or ignored, server alive", async () => {
    const { teacher, ana } = await classroom();
    const before = structuredClone(teacher.state);
    const socket = teacher.socket;
    const payloads: unknown[] = [
      undefined,
      null,
      42,
      "action",
      [],
      [{ action: setBias(1) }],
      {},
      { action: null },
      { action: setBias(1), extra: true },
      { action: setBias(1), baseVersion: -1 },
      { action: setBias(1), baseVersion: "3" },
      { action: { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: null } } },
      { action: { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0 } } },
      { action: { type: "edit", edit: { type: "setBias", layer: 0.5, neuron: 0, value: 1 } } },
      { action: { type: "edit", edit: { type: "setWeight", layer: 0, neuron: 0, from: 0, value: 1, x: 1 } } },
      { action: { type: "__proto__" } },
      { action: JSON.parse('{"type":"setMode","mode":"everyone","__proto__":{"admin":true}}') as unknown },
      { action: { type: "edit", edit: { type: "replaceNetwork", network: { format: "nope" } } } },
      { action: nested(3000) },
      { action: setBias(1), baseVersion: 1e300 },
      Buffer.from([1, 2, 3]),
    ];
    for (const payload of payloads) {
      const ack = await request<ActionAck>(socket, "action", payload);
      expect(ack.ok, JSON.stringify(payload)?.slice(0, 80)).toBe(false);
      if (!ack.ok) {
        expect(["invalid_payload", "invalid_action", "stale"]).toContain(ack.error.code);
        expect(ack.error.message.length).toBeGreaterThan(3);
      }
    }
    // no ack at all, or an ack in the wrong place, or extra arguments: nothing happens, nothing breaks
    socket.emit("action", { action: setBias(1) });
    socket.emit("action");
    socket.emit("action", { action: setBias(2) }, "not a function");
    socket.emit("join", { protocol: 1 });
    socket.emit("resync", 5, 6, 7);
    socket.emit("nonsense", { a: 1 });
    socket.emit("end", { please: true });
    // the first emit above had no ack but was valid: it was applied (version 1), the rest were not
    await ana.untilVersion(2).catch(() => {});
    const resync = await teacher.resync();
    expect(resync.ok).toBe(true);
    expect(teacher.state.version).toBe(2);
    expect(teacher.state.shared.network.layers[0]!.neurons[0]!.bias).toBe(2);
    expect({ ...teacher.state, shared: before.shared, version: 0 }).toEqual({ ...before, version: 0 });
    await alive();
  });

  it("a message over the size limit closes that connection only", async () => {
    const { teacher, ana } = await classroom();
    const closed = new Promise<string>((resolve) => ana.socket.once("disconnect", (reason) => resolve(reason)));
    ana.socket.emit("action", {
      action: { type: "edit", edit: { type: "renameInput", input: 0, label: "x".repeat(200_000) } },
    });
    expect(await closed).toMatch(/transport (close|error)/);
    await alive();
    expect(await teacher.act(setBias(1))).toEqual({ ok: true, version: 1 });
    await teacher.until(() => !teacher.online.includes(ana.participantId), "Ana offline");
  });

  it("students cannot end the session; actions before joining are refused", async () => {
    const { session, ana } = await classroom();
    expect(await ana.request("end", {})).toMatchObject({ ok: false, error: { code: "not_allowed" } });
    const socket = rawSocket(server.url);
    await connected(socket);
    expect(await request(socket, "action", { action: setBias(1) })).toMatchObject({ error: { code: "not_joined" } });
    expect(await request(socket, "resync", {})).toMatchObject({ error: { code: "not_joined" } });
    socket.disconnect();
    const teacher = await teacherOf(session);
    expect(await teacher.request("end", {})).toEqual({ ok: true });
    await ana.until(() => ana.ended.length === 1, "ended");
    const late = rawSocket(server.url);
    await connected(late);
    expect(
      await request(late, "join", { protocol: PROTOCOL_VERSION, code: session.code, role: "student", name: "Late" }),
    ).toMatchObject({ error: { code: "session_ended" } });
    late.disconnect();
  });

  it("a flood is refused `rate_limited` past the burst, and the socket recovers", async () => {
    const { teacher } = await classroom();
    const acks = await Promise.all(Array.from({ length: 300 }, (_, i) => teacher.act(setBias((i % 100) / 10))));
    const limited = acks.filter((a) => !a.ok && a.error.code === "rate_limited").length;
    const accepted = acks.filter((a) => a.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(120);
    expect(accepted).toBeLessThan(200);
    expect(limited).toBe(300 - accepted);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await teacher.act(setBias(0.5))).ok).toBe(true);
  });
});

describe("dropped clients", () => {
  it("a student who comes back with their resume token is the same participant, with their sandbox", async () => {
    const { session, teacher, ana } = await classroom();
    await teacher.act({ type: "setMode", mode: "sandbox" });
    await ana.untilVersion(1);
    await ana.act(setBias(4));
    const { participantId, resumeToken } = ana.you.role === "student" ? ana.you : ({} as never);
    ana.close();
    await teacher.until(() => !teacher.online.includes(participantId), "Ana offline");
    for (let i = 0; i < 5; i++) await teacher.act(setWeight(i));
    const back = await LiveClient.student(server.url, session.code, { name: "Someone", participantId, resumeToken });
    clients.push(back);
    expect(back.you).toMatchObject({ participantId, name: "Ana", resumed: true, resumeToken });
    expect(back.state.version).toBe(6);
    expect(back.state.shared).toEqual(teacher.state.shared);
    expect(back.state.sandboxes[participantId]!.network.layers[0]!.neurons[0]!.bias).toBe(4);
    expect(back.state.participants.filter((p) => p.name.startsWith("Ana"))).toHaveLength(1);
    await teacher.until(() => teacher.online.includes(participantId), "Ana online again");
  });

  it("Socket.IO's connection-state recovery replays what a dropped socket missed", async () => {
    const { teacher } = await classroom();
    const recovering = await LiveClient.student(server.url, teacher.state.code, { name: "Cy" }, { reconnection: true });
    clients.push(recovering);
    await teacher.until(() => teacher.state.participants.some((p) => p.name === "Cy"), "Cy joined");
    // recovery resumes from the last broadcast received: Cy has had one (the roster with Cy in it)
    await recovering.until(() => recovering.rosterEvents.length > 0, "a roster broadcast");
    const id = recovering.socket.id;
    // drop the transport without a goodbye, as a phone losing its network would
    const dropped = new Promise<void>((resolve) => recovering.socket.once("disconnect", () => resolve()));
    recovering.socket.io.engine.close();
    await dropped;
    for (let i = 0; i < 3; i++) await teacher.act(setWeight(i));
    await recovering.until(() => recovering.socket.connected, "reconnected", 10_000);
    expect(recovering.socket.recovered).toBe(true);
    expect(recovering.socket.id).toBe(id);
    await recovering.untilVersion(3);
    expect(recovering.versions).toEqual([1, 2, 3]);
    expect(recovering.problems).toEqual([]);
    // still a member: it may act and resync
    expect((await recovering.resync()).ok).toBe(true);
    expect(recovering.state.shared).toEqual(teacher.state.shared);
  });

  it("a removed student is told and can no longer act or resume", async () => {
    const { session, teacher, ana } = await classroom();
    const { participantId, resumeToken } = ana.you.role === "student" ? ana.you : ({} as never);
    expect((await teacher.act({ type: "removeParticipant", participantId })).ok).toBe(true);
    await ana.until(() => ana.removed.length === 1, "removed");
    expect(await ana.act(setBias(1))).toMatchObject({ error: { code: "not_joined" } });
    const socket = rawSocket(server.url);
    await connected(socket);
    expect(
      await request(socket, "join", {
        protocol: PROTOCOL_VERSION,
        code: session.code,
        role: "student",
        name: "Ana",
        participantId,
        resumeToken,
      }),
    ).toMatchObject({ error: { code: "removed" } });
    socket.disconnect();
  });

  it("closed to new students: a removed one cannot come back under another name; those in still resume", async () => {
    const { session, teacher, ana, bo } = await classroom();
    const { participantId, resumeToken } = ana.you.role === "student" ? ana.you : ({} as never);
    const joinAs = async (fields: Record<string, unknown>) => {
      const socket = rawSocket(server.url);
      await connected(socket);
      const ack = await request(socket, "join", {
        protocol: PROTOCOL_VERSION,
        code: session.code,
        role: "student",
        ...fields,
      });
      socket.disconnect();
      return ack;
    };
    expect(await bo.act({ type: "setJoining", open: false })).toMatchObject({ error: { code: "not_allowed" } });
    expect((await teacher.act({ type: "setJoining", open: false })).ok).toBe(true);
    await bo.until(() => bo.state.joiningClosed === true, "Bo sees joining closed");
    expect(
      (
        await teacher.act({
          type: "removeParticipant",
          participantId: bo.you.role === "student" ? bo.you.participantId : "",
        })
      ).ok,
    ).toBe(true);
    expect(await joinAs({ name: "Bo again" })).toMatchObject({ ok: false, error: { code: "joining_closed" } });
    await teacher.until(() => teacher.state.participants.length === 1, "only Ana left");
    // Ana reloads her page: she is already in, so she comes back
    expect(await joinAs({ name: "Ana", participantId, resumeToken })).toMatchObject({
      ok: true,
      you: { participantId },
    });
    expect(teacher.state.participants.map((p) => p.name)).toEqual(["Ana"]);
    expect((await teacher.act({ type: "setJoining", open: true })).ok).toBe(true);
    expect(await joinAs({ name: "Cy" })).toMatchObject({ ok: true });
    await teacher.until(() => teacher.state.participants.length === 2, "Cy joined");
    expect(teacher.state).not.toHaveProperty("joiningClosed");
  });

  it("the teacher can come back from another tab with the teacher key", async () => {
    const { session, teacher } = await classroom();
    await teacher.act(setBias(3));
    teacher.close();
    const again = await teacherOf(session);
    expect(again.state.version).toBe(1);
    expect(await again.act(setBias(4))).toEqual({ ok: true, version: 2 });
  });
});

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
