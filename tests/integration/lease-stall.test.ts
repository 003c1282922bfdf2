// The owner's lease against a stalled event loop (server/cluster/lease-keeper.ts), with two real
// server processes on PostgreSQL and a real Redis: the owner's main thread is blocked (a busy
// loop: no timers, no sockets, no Redis replies read) for longer than its lease lasts. Busy but
// alive (blocked for less than the allowed stall), it keeps the session — same lease, same token —
// and serves it afterwards; hung (blocked for longer), it loses the session like a dead process
// and another process takes it over with a newer token.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { ActionAck } from "../../lib/session/protocol";
import type { Action } from "../../lib/session/rules";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { createSession, LiveClient } from "../helpers/live";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** the lease lasts 1.5 s unrenewed; a main thread silent for 6 s is taken as hung */
const TTL_MS = 1500;
const STALL_MS = 6000;

let cluster: TestCluster;
const clients: LiveClient[] = [];

beforeEach(async () => {
  cluster = await startCluster(2, { LEASE_TTL_MS: String(TTL_MS), LEASE_STALL_MS: String(STALL_MS) });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await cluster?.kill(0); // blocked maybe: SIGKILL, not a clean stop
  await cluster?.stop();
});

function keep(client: LiveClient): LiveClient {
  clients.push(client);
  return client;
}

const bias = (neuron: number, value: number): Action => ({
  type: "edit",
  edit: { type: "setBias", layer: 0, neuron, value },
});

/** The session's lease as Redis holds it ("<process id>:<token>"), and its fence counter. */
async function leaseOf(code: string): Promise<{ lease: string | null; fence: string | null }> {
  const { client, prefix } = cluster.redis;
  return { lease: await client.get(`${prefix}lease:${code}`), fence: await client.get(`${prefix}fence:${code}`) };
}

/** A class owned by process 0 (its teacher joined there first), one student on process 1. */
async function classOnOwner() {
  const session = await createSession(cluster.url(0));
  const teacher = keep(await LiveClient.teacher(cluster.url(0), session));
  const far = keep(await LiveClient.student(cluster.url(1), session.code, { name: "Far" }));
  const everyone = await teacher.act({ type: "setMode", mode: "everyone" });
  if (!everyone.ok) throw new Error(JSON.stringify(everyone));
  await far.untilVersion(everyone.version);
  const owner = (await cluster.health(0)).processId!;
  const before = await leaseOf(session.code);
  expect(before.lease).toBe(`${owner}:${before.fence}`);
  return { session, teacher, far, owner, before };
}

function block(ms: number): void {
  cluster.servers[0]!.process.send({ type: "block", ms });
}

it("an owner whose event loop is blocked for longer than its lease keeps the session, and serves it after", async () => {
  const { session, teacher, far, before } = await classOnOwner();
  block(2.5 * TTL_MS); // well past the lease, within the allowed stall
  // an edit from the other process meanwhile: forwarded to the owner, answered once it runs again
  const edit = far.request<ActionAck>("action", { action: bias(0, 2) }, 30_000);
  await cluster.health(0); // answered once the loop runs again
  // the same lease, never lapsed: nobody drew a newer token
  expect(await leaseOf(session.code)).toEqual(before);
  const edited = await edit;
  if (!edited.ok) throw new Error(`the edit sent during the stall: ${JSON.stringify(edited)}`);
  expect((await cluster.health(0)).ownedSessions).toBe(1);
  expect((await cluster.health(1)).ownedSessions).toBe(0);
  // and it serves: an edit by the teacher on the owner reaches the student on the other process
  const ack = await teacher.act(bias(1, -2));
  if (!ack.ok) throw new Error(JSON.stringify(ack));
  await far.untilVersion(ack.version);
  expect(far.state.shared.network.layers[0]!.neurons[0]!.bias).toBe(2);
  expect(far.state.shared.network.layers[0]!.neurons[1]!.bias).toBe(-2);
});

it("an owner whose event loop hangs loses the session: another process takes it over with a newer token", async () => {
  const { session, far, before, owner } = await classOnOwner();
  const hungAt = Date.now();
  block(120_000); // hung (killed by afterEach)
  await vi.waitFor(
    async () => {
      const now = await leaseOf(session.code);
      expect(now.lease).not.toBe(before.lease); // lapsed (then maybe taken)
    },
    { timeout: STALL_MS + TTL_MS + 10_000, interval: 100 },
  );
  const lapsedAfter = Date.now() - hungAt;
  // not before the allowed stall: a busy process keeps its sessions that long
  expect(lapsedAfter).toBeGreaterThan(STALL_MS);
  // the student on the other process edits: its process gives up on the hung owner as soon as the
  // lease shows it gone (not after the bus's 12 s), takes the session over and applies the edit
  const asked = Date.now();
  const ack = await far.request<ActionAck>("action", { action: bias(1, 3) }, 30_000);
  expect(ack).toMatchObject({ ok: true });
  // (the bus's own timeout would answer after 12 s: server/cluster/session-ref.ts ASK_TIMEOUT_MS)
  expect(Date.now() - asked).toBeLessThan(11_000);
  const late = keep(await LiveClient.student(cluster.url(1), session.code, { name: "Late" }));
  expect(late.state.shared.network.layers[0]!.neurons[1]!.bias).toBe(3);
  const after = await leaseOf(session.code);
  expect(after.lease?.startsWith(`${owner}:`)).toBe(false);
  expect(Number(after.fence)).toBeGreaterThan(Number(before.fence));
  expect((await cluster.health(1)).ownedSessions).toBe(1);
});
