// The fan-out's frames on a real server and real sockets (server/live/coalesce.ts, with a long
// frame so that it shows): a teacher's quick edits reach a student in fewer messages than edits,
// every version once and in order, and the teacher's own `applied` arrives before each ack.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ActionAck } from "../../lib/session/protocol";
import type { Action } from "../../lib/session/rules";
import { createSession, LiveClient } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

const FRAME_MS = 150;
let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ live: { frameMs: FRAME_MS } });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

const bias = (value: number): Action => ({ type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value } });

it("quick edits reach a student in fewer messages, every version once and in order, each ack after its `applied`", async () => {
  const session = await createSession(server.url);
  const teacher = await LiveClient.teacher(server.url, session);
  clients.push(teacher);
  const student = await LiveClient.student(server.url, session.code, { name: "Ana" });
  clients.push(student);
  const start = teacher.state.version;

  // on the teacher's socket: the order of its `applied` versions and its acks
  const seen: string[] = [];
  teacher.socket.on("applied", (event: { version: number }) => seen.push(`applied ${event.version}`));
  teacher.socket.on("appliedBatch", (batch: { events: { version: number }[] }) => {
    for (const event of batch.events) seen.push(`applied ${event.version}`);
  });
  const act = (k: number) =>
    teacher.request<ActionAck>("action", { action: bias(k / 10) }).then((ack) => {
      if (ack.ok) seen.push(`ack ${ack.version}`);
      return ack;
    });
  // the first goes out at once; the next five, sent right after it, wait for the frame's end
  const acks = [await act(1), ...(await Promise.all([2, 3, 4, 5, 6].map(act)))];
  const last = start + 6;
  expect(acks.map((ack) => ack.ok && ack.version)).toEqual([1, 2, 3, 4, 5, 6].map((k) => start + k));
  for (let v = start + 1; v <= last; v++) {
    expect(seen.indexOf(`applied ${v}`)).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf(`applied ${v}`)).toBeLessThan(seen.indexOf(`ack ${v}`));
  }

  await student.untilVersion(last);
  const received = student.versions.filter((v) => v > start);
  expect(received).toEqual([1, 2, 3, 4, 5, 6].map((k) => start + k));
  expect(student.problems).toEqual([]);
  expect(student.batches).toBeGreaterThanOrEqual(1); // six edits sent at once: not six messages
  expect(student.state.shared.network.layers[0]!.neurons[0]!.bias).toBe(0.6);
});
