// A live session outlives its server process: after a clean restart, and after `kill -9` right
// after the last acknowledgement (every ack follows a write to the database), joining and resuming
// find the same network, version and roster.
import { afterAll, expect, it, vi } from "vitest";
import type { Action } from "../../lib/session/rules";
import { scratchDatabase, type ScratchDatabase } from "../helpers/database";
import { createSession, LiveClient } from "../helpers/live";
import { killChildServer, startChildServer } from "../helpers/restart";
import { startTestServer } from "../helpers/server";

// these tests start, kill and restart whole server processes (migrations included): on a busy
// 2-core machine that takes far longer than a unit test, so they get more time than the default
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const databases: ScratchDatabase[] = [];
const clients: LiveClient[] = [];

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(databases.map((db) => db.remove()));
});

const setWeight = (value: number): Action => ({
  type: "edit",
  edit: { type: "setWeight", layer: 1, neuron: 0, from: 0, value },
});

/** a database of this test file's, removed after the file (SQLite, or PostgreSQL in that project) */
async function database(): Promise<ScratchDatabase> {
  const db = await scratchDatabase();
  databases.push(db);
  return db;
}

function keep(client: LiveClient): LiveClient {
  clients.push(client);
  return client;
}

it("a clean restart resumes with the same network, version and roster", async () => {
  const db = await database();
  const first = await startTestServer({ database: db });
  const session = await createSession(first.url, "seed-neuron");
  const teacher = keep(await LiveClient.teacher(first.url, session));
  const ana = keep(await LiveClient.student(first.url, session.code, { name: "Ana" }));
  const bo = keep(await LiveClient.student(first.url, session.code, { name: "Bo" }));
  await teacher.act({ type: "setMode", mode: "everyone" });
  await teacher.act({ type: "lock", lock: { kind: "inputs" } });
  await ana.untilVersion(2);
  await ana.act({ type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: -1.5 } });
  await teacher.act({ type: "setMode", mode: "sandbox" });
  await bo.untilVersion(4);
  await bo.act({ type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: 9 } });
  await teacher.untilVersion(4);
  const before = structuredClone(teacher.state);
  expect(before.version).toBe(4);
  await first.stop();

  const second = await startTestServer({ database: db });
  try {
    const teacher2 = keep(await LiveClient.teacher(second.url, session));
    expect(teacher2.state).toEqual({ ...before, sandboxes: teacher2.state.sandboxes });
    expect(teacher2.state.sandboxes[bo.participantId]!.network.layers[0]!.neurons[0]!.bias).toBe(9);
    expect(teacher2.state.participants.map((p) => p.name)).toEqual(["Ana", "Bo"]);
    expect(teacher2.online).toEqual([]); // nobody has reconnected yet

    const bo2 = keep(
      await LiveClient.student(second.url, session.code, {
        name: "Bo",
        participantId: bo.participantId,
        resumeToken: bo.resumeToken,
      }),
    );
    expect(bo2.you).toMatchObject({ resumed: true, name: "Bo", participantId: bo.participantId });
    expect(bo2.state.sandboxes[bo.participantId]!.network.layers[0]!.neurons[0]!.bias).toBe(9);
    await teacher2.until(() => teacher2.online.includes(bo.participantId), "Bo online");
    expect(await teacher2.act(setWeight(0.5))).toEqual({ ok: true, version: 5 });
    await bo2.untilVersion(5);
  } finally {
    await second.stop();
  }
});

it("kill -9 right after the last ack loses nothing that was acknowledged", async () => {
  const db = await database();
  const child = await startChildServer(db.url);
  let session;
  let lastValue = 0;
  try {
    session = await createSession(child.url);
    const teacher = keep(await LiveClient.teacher(child.url, session));
    const ana = keep(await LiveClient.student(child.url, session.code, { name: "Ana" }));
    // a burst of unawaited edits, then kill the moment the last ack is in
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        teacher.act({ type: "edit", edit: { type: "setBias", layer: 0, neuron: 1, value: i / 10 } }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    lastValue = 59 / 10;
    await killChildServer(child);
    ana.close();
    teacher.close();
  } finally {
    child.process.kill("SIGKILL");
  }

  const again = await startTestServer({ database: db });
  try {
    const teacher = keep(await LiveClient.teacher(again.url, session));
    expect(teacher.state.version).toBe(60);
    expect(teacher.state.shared.network.layers[0]!.neurons[1]!.bias).toBe(lastValue);
    expect(teacher.state.participants.map((p) => p.name)).toEqual(["Ana"]);
  } finally {
    await again.stop();
  }
});
