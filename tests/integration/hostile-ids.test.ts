// Issue 9, item 2, as it was found: a teacher's `adoptSandbox` with participantId "__proto__" found
// Object.prototype through `state.sandboxes[id]`, replaced the shared network with `{}`, answered
// `internal` — and the next unrelated write saved the broken state to the database. Here, against a
// real server with a real SQLite file: every id a plain object answers from its prototype, in every
// action that names a participant, is a named refusal that changes nothing, and what the next write
// stores still parses as a session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionAck } from "../../lib/session/protocol";
import type { Action } from "../../lib/session/rules";
import { createSession, LiveClient } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";
import { storedSession } from "../helpers/stored";

const HOSTILE = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf"];

let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

describe("ids a prototype could answer, through a real socket and a real database", () => {
  it("are refused by name in every action, change nothing, and the next write stores a valid session", async () => {
    const session = await createSession(server.url);
    const teacher = await LiveClient.teacher(server.url, session);
    const ana = await LiveClient.student(server.url, session.code, { name: "Ana" });
    clients.push(teacher, ana);
    expect((await teacher.act({ type: "setMode", mode: "sandbox" })).ok).toBe(true);
    const own: Action = { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: 3 } };
    expect((await ana.act(own)).ok).toBe(true);
    const before = (await teacher.resync()).ok ? structuredClone(teacher.state) : null;

    for (const id of HOSTILE) {
      const actions: Action[] = [
        { type: "adoptSandbox", participantId: id },
        { type: "spotlight", participantId: id },
        { type: "removeParticipant", participantId: id },
      ];
      for (const action of actions) {
        const ack: ActionAck = await teacher.act(action);
        expect(ack.ok, `${action.type} ${id}`).toBe(false);
        if (!ack.ok) expect(ack.error.code, `${action.type} ${id}`).toMatch(/^no_(sandbox|such_participant)$/);
      }
    }
    expect((await teacher.resync()).ok).toBe(true);
    expect(teacher.state).toEqual(before);

    // an unrelated write after all that: what it stores is a whole, valid session
    const edit: Action = { type: "edit", edit: { type: "setBias", layer: 0, neuron: 1, value: -1 } };
    expect(await teacher.act(edit)).toMatchObject({ ok: true });
    const stored = await storedSession(server.db, session.code);
    expect(stored.state.success).toBe(true);
    expect(stored.server.ok).toBe(true);
    if (stored.state.success) {
      expect(stored.state.data.shared.network.layers[0]!.neurons[1]!.bias).toBe(-1);
      expect(Object.keys(stored.state.data.sandboxes)).toEqual([ana.participantId]);
    }
  });
});
