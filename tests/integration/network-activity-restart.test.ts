// "Be the network" outlives its server process: `kill -9` right after the last acknowledged answer
// loses none of them (every answer is written before its ack), the activity is where it was after
// the restart — the layer that had passed its values on, who computes what, each student's own
// answers — and the class carries on to the debrief.
import { afterAll, expect, it, vi } from "vitest";
import type { ActivityAck, ActivityStatusAck, NeuronAnswerAck } from "../../lib/network-activity/requests";
import { scratchDatabase, type ScratchDatabase } from "../helpers/database";
import { createSession, LiveClient } from "../helpers/live";
import { killChildServer, startChildServer } from "../helpers/restart";
import { startTestServer } from "../helpers/server";

// whole server processes are started, killed and started again (migrations included)
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const clients: LiveClient[] = [];
const databases: ScratchDatabase[] = [];

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(databases.map((db) => db.remove()));
});

function keep(client: LiveClient): LiveClient {
  clients.push(client);
  return client;
}

it("kill -9 mid-activity keeps every acknowledged answer and where the class was", async () => {
  // one database through the restart (SQLite, or PostgreSQL in that vitest project)
  const database = await scratchDatabase();
  databases.push(database);
  const child = await startChildServer(database.url);
  const session = await createSession(child.url); // 2-2-1
  const teacher = keep(await LiveClient.teacher(child.url, session));
  const names = ["A", "B", "C", "D", "E"];
  const students = [];
  for (const name of names) students.push(keep(await LiveClient.student(child.url, session.code, { name })));
  const started = await teacher.request<ActivityAck>("netActivity", { op: "start" });
  if (!started.ok) throw new Error(JSON.stringify(started));
  const activityId = started.activityId!;
  // [[A, D], [B, E]], [[C]]: layer 0 completes and flows on; then C computes the output
  const answers: [number, number, number, number, number][] = [
    [0, 0, 0, 0.8, 0.69],
    [3, 0, 0, 0.8, 0.7],
    [1, 0, 1, 0.2, 0.55],
    [4, 0, 1, 0.2, 0.5498],
    [2, 1, 0, 0.14, 0.535],
  ];
  for (const [who, layer, index, z, a] of answers) {
    const ack = await students[who]!.request<NeuronAnswerAck>("neuronAnswer", { activityId, layer, index, z, a });
    expect(ack).toMatchObject({ ok: true });
  }
  await killChildServer(child);
  for (const client of clients) client.close();

  const server = await startTestServer({ database });
  try {
    const back = keep(await LiveClient.teacher(server.url, session));
    const view = back.state.activity!;
    expect(view.id).toBe(activityId);
    expect(view.current).toBe(2); // C's answer completed the output too
    expect(view.layers[0]!.values).toEqual([
      { z: 0.8, a: 0.69, by: [students[0]!.participantId] },
      { z: 0.2, a: 0.55, by: [students[1]!.participantId, students[4]!.participantId] },
    ]);
    expect(view.layers[1]!.received).toEqual([0.69, 0.55]);
    expect(view.layers[1]).toMatchObject({ answered: [1], closed: true, revealed: false, truth: null });
    const status = await back.request<ActivityStatusAck>("netActivityStatus", {});
    expect(status.ok && status.activity?.submissions).toHaveLength(5);

    // C comes back to their own answer; the class goes on to the debrief
    const c = students[2]!;
    const cBack = keep(
      await LiveClient.student(server.url, session.code, {
        name: "C",
        participantId: c.participantId,
        resumeToken: c.resumeToken,
      }),
    );
    expect(await cBack.request<ActivityStatusAck>("netActivityStatus", {})).toMatchObject({
      activity: { submissions: [{ layer: 1, index: 0, z: 0.14, a: 0.535 }] },
    });
    const finished = await back.request<ActivityAck>("netActivity", { op: "finish", activityId, scores: true });
    expect(finished).toMatchObject({ ok: true });
    await cBack.untilVersion(finished.ok ? finished.version : 0);
    expect(cBack.state.activity?.debrief?.layers.map((l) => l.answers)).toEqual([4, 1]);
    expect(cBack.state.rounds?.leaderboard.players).toBe(5);
  } finally {
    await server.stop();
  }
});
