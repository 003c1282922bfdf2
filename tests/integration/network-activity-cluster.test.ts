// "Be the network" across two real server processes (one PostgreSQL, one Redis): the teacher on
// one process, the students on the other; their requests reach the session's owner through the
// session port (server/live/activities.ts), the values flow layer by layer as in one process, and
// a late joiner on the other process gets a neuron.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { ActivityAck, NeuronAnswerAck } from "../../lib/network-activity/requests";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { createSession, LiveClient } from "../helpers/live";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let cluster: TestCluster;
const clients: LiveClient[] = [];

beforeAll(async () => {
  cluster = await startCluster(2);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await cluster?.stop();
});

it("the class runs the forward pass with members on two processes", async () => {
  const session = await createSession(cluster.url(0), "seed-neuron");
  const teacher = await LiveClient.teacher(cluster.url(0), session);
  const ana = await LiveClient.student(cluster.url(1), session.code, { name: "Ana" });
  const bo = await LiveClient.student(cluster.url(1), session.code, { name: "Bo" });
  clients.push(teacher, ana, bo);
  const started = await teacher.request<ActivityAck>("netActivity", { op: "start" });
  if (!started.ok) throw new Error(JSON.stringify(started));
  const activityId = started.activityId!;
  await bo.untilVersion(started.version);
  expect(bo.state.activity?.members).toEqual([[[ana.participantId]], [[bo.participantId]]]);

  const answered = await ana.request<NeuronAnswerAck>("neuronAnswer", {
    activityId,
    layer: 0,
    index: 0,
    z: 0.8,
    a: 0.69,
  });
  expect(answered).toMatchObject({ ok: true, submission: { z: 0.8, a: 0.69 } });
  await bo.until(() => bo.state.activity?.layers[1]?.received?.[0] === 0.69, "0.69 passed on to o1");
  await teacher.until(() => teacher.state.activity?.current === 1, "the teacher sees it too");

  // a late joiner on the other process gets a neuron in a layer still to come
  const cy = await LiveClient.student(cluster.url(1), session.code, { name: "Cy" });
  clients.push(cy);
  await cy.until(() => cy.state.activity?.members[1]?.[0]?.includes(cy.participantId) ?? false, "Cy on o1");
  expect(
    await cy.request<NeuronAnswerAck>("neuronAnswer", { activityId, layer: 1, index: 0, z: 1.48, a: 0.8146 }),
  ).toMatchObject({
    ok: true,
  });
});
