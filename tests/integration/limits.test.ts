// Rate limits beyond one socket (server/limits/): per client address and per session, for HTTP
// writes and forward calls and for live connections, joins, events and fan-out; X-Forwarded-For
// believed only from a configured proxy. Against the real server with real socket.io-clients.
// Most servers here run with small limits so that a few requests reach them; the last checks that
// the defaults let a real class behind one school address through.
import { afterEach, describe, expect, it } from "vitest";
import type { ActionAck, JoinAck } from "../../lib/session/protocol";
import { PROTOCOL_VERSION } from "../../lib/session/protocol";
import type { Action } from "../../lib/session/rules";
import type { StartOptions } from "../../server/app";
import { connected, createSession, LiveClient, rawSocket, request, type CreatedSession } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

let servers: TestServer[] = [];
let clients: LiveClient[] = [];

afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  for (const server of servers) await server.stop();
  servers = [];
});

async function serverWith(limits: StartOptions["limits"]): Promise<TestServer> {
  const server = await startTestServer(limits ? { limits } : {});
  servers.push(server);
  return server;
}

/** As a trusted proxy in front of the server would say: the client is `address`. */
const from = (address: string) => ({ "x-forwarded-for": address });

function post(server: TestServer, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function expectRateLimited(response: Response) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("rate_limited");
  expect(body.error.message).toMatch(/try again in \d+ s/);
}

const setBias = (value: number, neuron = 0): Action => ({
  type: "edit",
  edit: { type: "setBias", layer: 0, neuron, value },
});

async function teacherOf(server: TestServer, session: CreatedSession) {
  const teacher = await LiveClient.teacher(server.url, session);
  clients.push(teacher);
  return teacher;
}

async function studentOf(server: TestServer, code: string, name: string, address?: string) {
  const client = await LiveClient.student(server.url, code, { name }, address ? { headers: from(address) } : {});
  clients.push(client);
  return client;
}

/** Sends `count` edits on each client at once; counts the acks by outcome. */
async function flood(students: LiveClient[], count: number, action: (i: number) => Action = (i) => setBias(i / 100)) {
  const acks = (
    await Promise.all(students.map((s) => Promise.all(Array.from({ length: count }, (_, i) => s.act(action(i))))))
  ).flat();
  const limited = acks.filter((a): a is Extract<ActionAck, { ok: false }> => !a.ok && a.error.code === "rate_limited");
  for (const refusal of limited) expect((refusal.error as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(0);
  const accepted = acks.filter((a) => a.ok).length;
  return { accepted, limited: limited.length, other: acks.length - accepted - limited.length };
}

describe("HTTP, per client address", () => {
  it("bounds anonymous POST /api/sessions: of 100 in a row, 30 start a session and the rest are refused", async () => {
    const server = await serverWith(undefined); // the defaults
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const response = await post(server, "/api/sessions");
      statuses.push(response.status);
      if (response.status === 429) await expectRateLimited(response);
      else await response.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // without a trusted proxy, a made-up X-Forwarded-For changes nothing
    await expectRateLimited(await post(server, "/api/sessions", undefined, from("10.9.9.9")));
    // reading is not limited
    expect((await fetch(`${server.url}/api/exercises`)).status).toBe(200);
  });

  it("believes X-Forwarded-For only from a trusted proxy, and only its right-most untrusted address", async () => {
    const limits = { http: { sessions: { rate: 0.001, burst: 2 } } };
    const direct = await serverWith(limits);
    const proxied = await serverWith({ ...limits, trustedProxies: "127.0.0.1" });
    for (const server of [direct, proxied]) {
      for (let i = 0; i < 2; i++)
        expect((await post(server, "/api/sessions", undefined, from("10.0.0.1"))).status).toBe(201);
      await expectRateLimited(await post(server, "/api/sessions", undefined, from("10.0.0.1")));
    }
    // not trusted: 10.0.0.2 is the same client as 10.0.0.1 (both are really 127.0.0.1)
    await expectRateLimited(await post(direct, "/api/sessions", undefined, from("10.0.0.2")));
    // trusted: another client has its own budget...
    expect((await post(proxied, "/api/sessions", undefined, from("10.0.0.2"))).status).toBe(201);
    // ...and a client cannot pick one by writing addresses in front of what the proxy appended
    await expectRateLimited(await post(proxied, "/api/sessions", undefined, from("10.0.0.7, 10.0.0.1")));
    // a chain of trusted proxies is skipped; IPv6 addresses count by /64
    const chained = await serverWith({ ...limits, trustedProxies: "127.0.0.1, 192.168.0.0/16" });
    expect((await post(chained, "/api/sessions", undefined, from("2001:db8:1:2::5, 192.168.1.1"))).status).toBe(201);
    expect((await post(chained, "/api/sessions", undefined, from("2001:db8:1:2:abcd::9"))).status).toBe(201);
    await expectRateLimited(await post(chained, "/api/sessions", undefined, from("2001:db8:1:2::77")));
  });

  it("bounds new exercises and other writes", async () => {
    const server = await serverWith({
      http: { exercises: { rate: 0.001, burst: 2 }, writes: { rate: 0.001, burst: 2 } },
    });
    const exercise = {
      title: "Mine",
      network: {
        format: "activation-lab/network@1",
        inputs: ["x1"],
        layers: [{ activation: "relu", neurons: [{ weights: [1], bias: 0 }] }],
      },
    };
    const created = (await (await post(server, "/api/exercises", exercise)).json()) as {
      slug: string;
      editKey: string;
    };
    expect((await post(server, `/api/exercises/${created.slug}/fork`)).status).toBe(201);
    await expectRateLimited(await post(server, "/api/exercises", exercise));
    await expectRateLimited(await post(server, `/api/exercises/${created.slug}/fork`));

    const put = () =>
      fetch(`${server.url}/api/exercises/${created.slug}`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-edit-key": created.editKey },
        body: JSON.stringify({ ...exercise, baseRevision: 1 }),
      });
    expect((await put()).status).toBe(200);
    expect((await put()).status).toBe(409); // a stale revision: refused, but it was a write all the same
    await expectRateLimited(await put());
  });

  it("charges forward calls by rows × neurons", async () => {
    const server = await serverWith({
      trustedProxies: "127.0.0.1",
      http: { forward: { rate: 0.001, burst: 3000 }, forwardMinCost: 1000 },
    });
    const network = {
      format: "activation-lab/network@1",
      inputs: ["x"],
      layers: [{ activation: "linear", neurons: [{ weights: [1], bias: 0 }] }],
    };
    const call = (rows: number, address: string) =>
      post(server, "/api/forward", { network, inputs: Array.from({ length: rows }, () => [1]) }, from(address));
    // 2 500 rows × 1 neuron: the budget (3 000) is spent...
    expect((await call(2500, "10.0.0.1")).status).toBe(200);
    // ...the next call may still start (the address owes nothing yet) and puts it in debt...
    expect((await call(1, "10.0.0.1")).status).toBe(200);
    // ...and now it must wait
    await expectRateLimited(await call(1, "10.0.0.1"));
    expect((await call(1, "10.0.0.2")).status).toBe(200);
  });
});

describe("live sessions", () => {
  it("counts students' events per address: sockets from one address share one budget, the teacher has none", async () => {
    const server = await serverWith({
      trustedProxies: "127.0.0.1",
      live: { addressEvents: { rate: 0.001, burst: 40 } },
    });
    const session = await createSession(server.url);
    const teacher = await teacherOf(server, session);
    expect((await teacher.act({ type: "setMode", mode: "sandbox" })).ok).toBe(true);
    // four students on one address: 4 joins + 36 edits fit, 80 edits do not
    const students = await Promise.all([1, 2, 3, 4].map((n) => studentOf(server, session.code, `S${n}`, "10.0.0.1")));
    const sent = await flood(students, 20);
    expect(sent.accepted).toBe(36);
    expect(sent.limited).toBe(80 - 36);
    // another address is not affected, nor is the teacher (on yet another one)
    const other = await studentOf(server, session.code, "Other", "10.0.0.2");
    expect((await flood([other], 20)).accepted).toBe(20);
    expect((await flood([teacher], 20, (i) => setBias(i / 10, 1))).accepted).toBe(20);
  });

  it("counts students' events per session, from whatever address", async () => {
    const server = await serverWith({
      trustedProxies: "127.0.0.1",
      live: { sessionEvents: { rate: 0.001, burst: 30 } },
    });
    const first = await createSession(server.url);
    const second = await createSession(server.url);
    const teacher = await teacherOf(server, first);
    const otherTeacher = await teacherOf(server, second);
    for (const t of [teacher, otherTeacher]) expect((await t.act({ type: "setMode", mode: "sandbox" })).ok).toBe(true);
    const students = await Promise.all([1, 2, 3].map((n) => studentOf(server, first.code, `S${n}`, `10.0.1.${n}`)));
    const sent = await flood(students, 15);
    expect(sent.accepted).toBe(30);
    expect(sent.limited).toBe(15);
    const elsewhere = await studentOf(server, second.code, "Elsewhere", "10.0.1.1");
    expect((await flood([elsewhere], 15)).accepted).toBe(15);
    expect((await teacher.act(setBias(0.25))).ok).toBe(true);
  });

  it("bounds the changes students make that everyone receives; sandbox edits and the teacher's are not counted", async () => {
    const server = await serverWith({ live: { sessionFanOut: { rate: 0.001, burst: 5 } } });
    const session = await createSession(server.url);
    const teacher = await teacherOf(server, session);
    const ana = await studentOf(server, session.code, "Ana");
    const bo = await studentOf(server, session.code, "Bo");
    expect((await teacher.act({ type: "setMode", mode: "sandbox" })).ok).toBe(true);
    await ana.untilVersion(teacher.state.version);
    expect((await flood([ana], 10)).accepted).toBe(10); // private: reaches the teacher only
    expect((await teacher.act({ type: "setMode", mode: "everyone" })).ok).toBe(true);
    expect((await flood([teacher], 10, (i) => setBias(i, 1))).accepted).toBe(10);
    await ana.untilVersion(teacher.state.version);
    await bo.untilVersion(teacher.state.version);
    // five changes by students reach everyone; the sixth is refused and reaches no one
    for (let i = 0; i < 5; i++) expect((await (i % 2 ? bo : ana).act(setBias(i))).ok).toBe(true);
    expect(await ana.act(setBias(9))).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringMatching(/faster than it can be shown/) },
    });
    const last = await teacher.act(setBias(0.5, 1));
    expect(last.ok).toBe(true);
    await bo.untilVersion(teacher.state.version);
    expect(bo.state.shared.network.layers[0]!.neurons[0]!.bias).toBe(4);
    expect(bo.applied.filter((event) => event.by.role === "student")).toHaveLength(5);
  });

  it("disconnects a socket that goes on sending past its own limit after being told", async () => {
    const server = await serverWith({ live: { socket: { rate: 0.001, burst: 10 } } });
    const session = await createSession(server.url);
    const teacher = await teacherOf(server, session);
    expect((await teacher.act({ type: "setMode", mode: "sandbox" })).ok).toBe(true);
    const student = await studentOf(server, session.code, "Flood");
    const acks: ActionAck[] = [];
    const closed = new Promise<string>((resolve) => student.socket.once("disconnect", resolve));
    // the join took 1 token: 9 edits pass, then 2 × 10 refusals are answered, then it is cut off
    for (let i = 0; i < 40; i++)
      student.socket.emit("action", { action: setBias(i) }, (ack: ActionAck) => acks.push(ack));
    expect(await closed).toBe("io server disconnect");
    expect(acks.filter((a) => a.ok)).toHaveLength(9);
    expect(acks.filter((a) => !a.ok && a.error.code === "rate_limited")).toHaveLength(20);
    // a client that stays within its limit is never cut off
    const paced = await studentOf(server, session.code, "Paced");
    for (let i = 0; i < 9; i++) expect((await paced.act(setBias(i))).ok).toBe(true);
    expect(paced.socket.connected).toBe(true);
  });

  it("bounds new connections and open sockets per address (connect_error rate_limited)", async () => {
    const server = await serverWith({
      trustedProxies: "127.0.0.1",
      live: { addressConnections: { rate: 0.001, burst: 3 }, addressOpenSockets: 2 },
    });
    const open = async (address: string) => {
      const socket = rawSocket(server.url, { headers: from(address) });
      try {
        await connected(socket);
        return { socket, error: null };
      } catch (error) {
        socket.disconnect();
        return { socket, error: error as Error & { data?: { code: string; retryAfterMs: number } } };
      }
    };
    const a = await open("10.0.0.1");
    const b = await open("10.0.0.1");
    expect([a.error, b.error]).toEqual([null, null]);
    const third = await open("10.0.0.1");
    expect(third.error?.data).toMatchObject({ code: "rate_limited" });
    expect(third.error?.message).toMatch(/too many connections open/);
    a.socket.disconnect();
    // the server sees the close; then a new connection is counted against the rate instead
    let fourth = await open("10.0.0.1");
    while (fourth.error?.message.match(/open/)) fourth = await open("10.0.0.1");
    expect(fourth.error).toBeNull();
    b.socket.disconnect();
    fourth.socket.disconnect();
    const fifth = await open("10.0.0.1");
    expect(fifth.error?.data).toMatchObject({ code: "rate_limited", retryAfterMs: expect.any(Number) });
    expect(fifth.error?.message).toMatch(/too many new connections/);
    const elsewhere = await open("10.0.0.2");
    expect(elsewhere.error).toBeNull();
    elsewhere.socket.disconnect();
  });

  it("bounds joins per address and per session", async () => {
    const server = await serverWith({
      trustedProxies: "127.0.0.1",
      live: { addressJoins: { rate: 0.001, burst: 2 }, sessionJoins: { rate: 0.001, burst: 3 } },
    });
    const session = await createSession(server.url);
    const join = async (code: string, name: string, address: string) => {
      const socket = rawSocket(server.url, { headers: from(address) });
      await connected(socket);
      const ack = await request<JoinAck>(socket, "join", { protocol: PROTOCOL_VERSION, code, role: "student", name });
      socket.disconnect();
      return ack;
    };
    expect((await join(session.code, "A1", "10.0.0.1")).ok).toBe(true);
    expect((await join(session.code, "A2", "10.0.0.1")).ok).toBe(true);
    expect(await join(session.code, "A3", "10.0.0.1")).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect((await join(session.code, "B1", "10.0.0.2")).ok).toBe(true);
    // three joins into this session: the next is refused, from any address
    expect(await join(session.code, "C1", "10.0.0.3")).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringMatching(/joining this session/) },
    });
    const other = await createSession(server.url);
    expect((await join(other.code, "C1", "10.0.0.3")).ok).toBe(true);
  });

  it("with the default limits, a class of 60 behind one school address joins at once and drags without a refusal", async () => {
    const server = await serverWith(undefined);
    const session = await createSession(server.url);
    const teacher = await teacherOf(server, session);
    expect((await teacher.act({ type: "setMode", mode: "sandbox" })).ok).toBe(true);
    const students = await Promise.all(
      Array.from({ length: 60 }, (_, n) => studentOf(server, session.code, `Student ${n + 1}`)),
    );
    // each student drags a slider for a second: 30 edits, all 60 at the same moment
    const sent = await flood(students, 30);
    expect(sent).toEqual({ accepted: 1800, limited: 0, other: 0 });
    // and with the sockets of one address above any fair share, the teacher still drives
    expect((await teacher.act({ type: "setMode", mode: "everyone" })).ok).toBe(true);
    expect((await teacher.act(setBias(0.5))).ok).toBe(true);
  });
});
