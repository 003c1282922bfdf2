// The round's answer list against the real server (API + Socket.IO, no Next): the teacher's
// console and the projector (both teacher sockets) follow every student's answer — a changed
// answer too — and the teacher's "show answers on the projector" reaches everyone as session state,
// while raw socket.io-client students record EVERY packet they receive (every event, every ack)
// and none holds another student's answer or the truth before the reveal; neither does anything
// a student may fetch over HTTP without the teacher's or the report's key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceForwardRow } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { answerListOf } from "../../lib/session/answer-list";
import type { RoundAck, RoundProgressEvent, RoundStatusAck } from "../../lib/session/protocol";
import { createSession, LiveClient, type CreatedSession } from "../helpers/live";
import { leaks, needles, RecordingStudent, waitFor } from "../helpers/recording";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  RecordingStudent.closeAll();
  for (const client of clients) client.close();
  await server?.stop();
});

async function teacherOf(session: CreatedSession): Promise<LiveClient> {
  const client = await LiveClient.teacher(server.url, session);
  clients.push(client);
  return client;
}

// One tanh neuron: at x = (0.9, −0.4), z = 1.13·0.9 + 0.71·(−0.4) − 0.2 = 0.533, a = tanh(z) = 0.4877.
// Nothing in the network, the inputs or the answers below reads like either.
const NETWORK: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [{ activation: "tanh", neurons: [{ weights: [1.13, 0.71], bias: -0.2 }] }],
};
const INPUTS = [0.9, -0.4];
const ROW = referenceForwardRow(NETWORK, INPUTS);
const A = ROW.layers[0]!.a[0]!;
const Z = ROW.layers[0]!.z[0]!;

/** Distinct answers nobody would write by chance. */
const ANA_FIRST = 0.1357;
const ANA_CHANGED = 0.2468;
const BO = 0.3691;
const CY = -0.5802;

describe("the round's answer list", () => {
  it("the teacher's screens follow every answer as it changes; students get neither the list nor the truth", async () => {
    const secrets = [...needles(A), ...needles(Z)];
    const answers = [ANA_FIRST, ANA_CHANGED, BO, CY].map(String);
    expect(leaks([JSON.stringify({ NETWORK, INPUTS })], [...secrets, ...answers])).toEqual([]);

    const session = await createSession(server.url);
    const teacher = await teacherOf(session);
    const projector = await teacherOf(session); // the projector is a second teacher screen
    expect(
      (await teacher.act({ type: "edit", edit: { type: "replaceNetwork", network: NETWORK, inputValues: [1, 1] } })).ok,
    ).toBe(true);
    const ana = await RecordingStudent.join(server.url, session.code, "Ana");
    const bo = await RecordingStudent.join(server.url, session.code, "Bo");
    const progress: RoundProgressEvent[] = [];
    teacher.socket.on("roundProgress", (event: RoundProgressEvent) => progress.push(event));

    const opened = await teacher.request<RoundAck>("round", {
      op: "open",
      open: { round: { kind: "output", neuron: { layer: 0, index: 0 }, inputs: INPUTS } },
    });
    if (!opened.ok || !opened.roundId) throw new Error(JSON.stringify(opened));
    const roundId = opened.roundId;
    // a student's attempt to show the list is refused and changes nothing
    expect(await ana.ask("round", { op: "answers", shown: true })).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    expect(await teacher.request("round", { op: "answers", shown: "yes" })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(answerListOf(teacher.state.rounds)).toEqual({ shown: false, anonymous: false });

    // the teacher shows the list on the projector: every member folds the setting
    expect(await teacher.request<RoundAck>("round", { op: "answers", shown: true })).toMatchObject({ ok: true });
    await ana.until((p) => p.includes('"answerList":{"shown":true'), "Ana hears the list is shown");
    await waitFor(() => projector.state.rounds?.answerList?.shown === true, "the projector folds it");

    expect((await ana.answer(roundId, ANA_FIRST)).ok).toBe(true);
    expect((await bo.answer(roundId, BO)).ok).toBe(true);
    const cy = await RecordingStudent.join(server.url, session.code, "Cy"); // joins mid-round
    expect((await cy.answer(roundId, CY)).ok).toBe(true);
    await waitFor(() => progress.some((p) => p.answered === 3), "3 answered");
    // Ana changes her mind: the count stays 3, and a progress event still tells the teacher to ask again
    const before = progress.length;
    expect((await ana.answer(roundId, ANA_CHANGED)).ok).toBe(true);
    await waitFor(() => progress.length > before, "progress after a changed answer");
    expect(progress.at(-1)).toEqual({ roundId, answered: 3 });

    // the console's and the projector's list: every answer, the changed one as it is now
    for (const screen of [teacher, projector]) {
      const status = await screen.request<RoundStatusAck>("roundStatus", {});
      if (!status.ok || !status.round) throw new Error(JSON.stringify(status));
      const byId = new Map(status.round.answers?.map((a) => [a.participantId, a.value]));
      expect(byId).toEqual(
        new Map([
          [ana.participantId, ANA_CHANGED],
          [bo.participantId, BO],
          [cy.participantId, CY],
        ]),
      );
      expect(status.round.preview).toBeCloseTo(A, 12);
    }

    // everything a student may ask for, and anything they may fetch without a key
    for (const student of [ana, bo, cy]) {
      await student.status();
      await student.ask("resync", {});
    }
    const http: string[] = [];
    for (const path of [
      `/api/reports/${session.code}`,
      `/api/reports/${session.code}?key=${encodeURIComponent(ana.resumeToken)}`,
      `/api/reports/${session.code}/answers.csv`,
      `/api/reports/${session.code}/students.csv?key=${encodeURIComponent(bo.resumeToken)}`,
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      http.push(await response.text());
    }
    expect(leaks(http, [...secrets, ...answers])).toEqual([]);

    const own = new Map([
      [ana, [ANA_FIRST, ANA_CHANGED]],
      [bo, [BO]],
      [cy, [CY]],
    ]);
    for (const [student, mine] of own) {
      expect(student.packets.length).toBeGreaterThan(4);
      expect(leaks(student.packets, secrets)).toEqual([]);
      const others = [ANA_FIRST, ANA_CHANGED, BO, CY].filter((value) => !mine.includes(value)).map(String);
      expect(leaks(student.packets, others)).toEqual([]);
      // the positive control: the same search finds the student's own answer (their acks)
      expect(leaks(student.packets, [String(mine.at(-1))]).length).toBeGreaterThan(0);
    }

    // at the reveal the truth is everyone's: the same search finds it (the spread of the answers
    // comes with it, as a histogram without names)
    const count = ana.packets.length;
    expect((await teacher.request<RoundAck>("round", { op: "reveal", roundId })).ok).toBe(true);
    await ana.until((p) => p.startsWith('["roundResult"'), "Ana's result");
    expect(leaks(ana.packets.slice(count), needles(A)).length).toBeGreaterThan(0);

    // the next round starts with the list off the projector
    const next = await teacher.request<RoundAck>("round", {
      op: "open",
      open: { round: { kind: "z", neuron: { layer: 0, index: 0 }, inputs: INPUTS } },
    });
    expect(next.ok).toBe(true);
    await waitFor(() => projector.state.rounds?.current?.id === (next.ok && next.roundId), "the next round");
    expect(projector.state.rounds?.answerList).toEqual({ shown: false, anonymous: false });
  });
});
