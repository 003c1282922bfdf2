// Prediction rounds against the real server (API + Socket.IO, no Next): a raw socket.io-client
// student records EVERY packet it receives (every event, the join ack, every other ack) from before
// a round opens until its reveal, and none of them may hold the truth, the asked neuron's z or a,
// a downstream value, or a choice round's answer index. Then reconnecting, refusals, time limits,
// scores, the leaderboard, and the teacher's answer list (never a student's). Restarts are in
// rounds-restart.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceForwardRow } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import type { RoundResult } from "../../lib/rounds/model";
import type { RoundAck, RoundProgressEvent, RoundStatusAck } from "../../lib/session/protocol";
import type { Action } from "../../lib/session/rules";
import { answerListOf } from "../../lib/session/answer-list";
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

function round(teacher: LiveClient, payload: unknown): Promise<RoundAck> {
  return teacher.request<RoundAck>("round", payload);
}

async function open(teacher: LiveClient, payload: unknown): Promise<string> {
  const ack = await round(teacher, { op: "open", open: payload });
  if (!ack.ok || !ack.roundId) throw new Error(`open refused: ${JSON.stringify(ack)}`);
  return ack.roundId;
}

// Two sigmoid hidden neurons, a tanh output. Asked: h2 (layer 0, neuron 1) at x = (1.3, 0.6):
// z = 1.37·1.3 − 0.82·0.6 + 0.15 = 1.439, a = sigmoid(1.439) = 0.80830, the output −0.2525.
// No weight, bias or input of it reads like any of those values.
const NETWORK: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "sigmoid",
      neurons: [
        { weights: [0.5, -0.25], bias: 0.1 },
        { weights: [1.37, -0.82], bias: 0.15 },
      ],
    },
    { activation: "tanh", neurons: [{ weights: [0.9, -1.1], bias: 0.05 }] },
  ],
};
const INPUTS = [1.3, 0.6];
const ROW = referenceForwardRow(NETWORK, INPUTS);
const Z = ROW.layers[0]!.z[1]!;
const A = ROW.layers[0]!.a[1]!;
const OUT = ROW.layers[1]!.a[0]!;

async function replaceNetwork(teacher: LiveClient, network: Network, inputValues: number[]) {
  const ack = await teacher.act({ type: "edit", edit: { type: "replaceNetwork", network, inputValues } });
  expect(ack.ok).toBe(true);
}

describe("nothing before the reveal gives the answer away", () => {
  it("a numeric round: no packet to a student holds the truth, z, a or a downstream value", async () => {
    expect(A.toFixed(3)).toBe("0.808");
    expect(Z.toFixed(3)).toBe("1.439");
    const secrets = [...needles(A), ...needles(Z), ...needles(OUT)];
    // the strings are not in the network or the inputs by chance
    expect(leaks([JSON.stringify({ NETWORK, INPUTS })], secrets)).toEqual([]);

    const session = await createSession(server.url);
    const teacher = await teacherOf(session);
    await replaceNetwork(teacher, NETWORK, [1, 1]);
    await teacher.act({ type: "setMode", mode: "everyone" });
    const early = await RecordingStudent.join(server.url, session.code, "Ana");
    const other = await RecordingStudent.join(server.url, session.code, "Bo");

    const roundId = await open(teacher, {
      round: { kind: "output", neuron: { layer: 0, index: 1 }, inputs: INPUTS, timeLimitSeconds: 120 },
      speedBonus: true,
    });
    // a student who joins while the round is open: the join ack's snapshot is recorded too
    const late = await RecordingStudent.join(server.url, session.code, "Cy");
    await early.until((p) => p.includes('"roundState"'), "the round's opening");

    expect((await early.answer(roundId, 0.7256)).ok).toBe(true);
    expect((await early.answer(roundId, 0.7281)).ok).toBe(true); // changed their mind
    expect((await other.answer(roundId, 0.913)).ok).toBe(true);
    expect((await late.answer(roundId, -0.437)).ok).toBe(true);
    await early.until((p) => p.startsWith('["roundProgress"') && p.includes('"answered":3'), "progress 3");
    for (const student of [early, other, late]) {
      await student.status();
      await student.ask("resync", {});
      // an edit during the round is refused, and its refusal carries the lab: still no truth
      await student.ask("action", {
        action: { type: "edit", edit: { type: "setBias", layer: 0, neuron: 1, value: 1 } },
      });
    }
    expect((await round(teacher, { op: "close", roundId })).ok).toBe(true);
    await early.until((p) => p.includes('"phase":"closed"'), "the close");
    for (const student of [early, other, late]) await student.status();

    for (const student of [early, other, late]) {
      expect(student.packets.length).toBeGreaterThan(5);
      expect(leaks(student.packets, secrets)).toEqual([]);
    }
    // nobody else's answer either: Ana sees her own, never Bo's or Cy's
    expect(leaks([JSON.stringify({ NETWORK, INPUTS })], ["0.728", "0.913", "-0.437"])).toEqual([]);
    expect(leaks(early.packets, ["0.913", "-0.437"])).toEqual([]);
    expect(leaks(other.packets, ["0.728", "-0.437"])).toEqual([]);
    expect(leaks(late.packets, ["0.728", "0.913"])).toEqual([]);

    // the positive control: the same search finds the truth once it is revealed
    const before = early.packets.length;
    expect((await round(teacher, { op: "reveal", roundId })).ok).toBe(true);
    await early.until((p) => p.startsWith('["roundResult"'), "Ana's result");
    const after = early.packets.slice(before);
    expect(leaks(after, needles(A)).length).toBeGreaterThan(0);
    expect(leaks(after, needles(Z)).length).toBeGreaterThan(0);
    const result = JSON.parse(after.find((p) => p.startsWith('["roundResult"'))!)[1] as RoundResult;
    expect(result).toMatchObject({ roundId, answer: 0.7281 });
    expect(result.error).toBeCloseTo(0.7281 - A, 12);
  });

  it("a choice round: the answer index is in no packet before the reveal", async () => {
    const session = await createSession(server.url);
    const teacher = await teacherOf(session);
    await replaceNetwork(teacher, NETWORK, [1, 1]);
    const ana = await RecordingStudent.join(server.url, session.code, "Ana");
    const choices = [{ en: "its inputs" }, { en: "its weights" }, { en: "its output" }, { en: "its bias" }];
    const roundId = await open(teacher, {
      round: { kind: "choice", neuron: { layer: 0, index: 0 }, inputs: INPUTS, choices, answer: 2 },
    });
    const bo = await RecordingStudent.join(server.url, session.code, "Bo");
    await ana.until((p) => p.includes('"roundState"'), "the opening");
    expect((await ana.answer(roundId, 1)).ok).toBe(true);
    expect((await bo.answer(roundId, 3)).ok).toBe(true);
    expect(await ana.answer(roundId, 4)).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
    await ana.status();
    await bo.ask("resync", {});
    for (const student of [ana, bo]) {
      const all = student.packets.join("\n");
      expect(all).toContain("its output"); // the choices are there …
      expect(all).not.toMatch(/"answer":\s*2/); // … the right one is not
      expect(all).not.toMatch(/"truth"/);
    }
    const count = ana.packets.length;
    expect((await round(teacher, { op: "reveal", roundId })).ok).toBe(true);
    await ana.until((p) => p.startsWith('["roundResult"'), "the result");
    expect(ana.packets.slice(count).join("\n")).toMatch(/"truth":2/);
  });
});

describe("answers", () => {
  it("a student who reconnects mid-round keeps their answer, and can still change it", async () => {
    const session = await createSession(server.url);
    const teacher = await teacherOf(session);
    await replaceNetwork(teacher, NETWORK, [1, 1]);
    const ana = await RecordingStudent.join(server.url, session.code, "Ana");
    const roundId = await open(teacher, { round: { kind: "z", neuron: { layer: 0, index: 1 }, inputs: INPUTS } });
    expect(await ana.answer(roundId, 1.4)).toMatchObject({ ok: true, answer: { value: 1.4 } });
    ana.socket.disconnect();

    const back = await RecordingStudent.join(server.url, session.code, "Ana", {
      participantId: ana.participantId,
      resumeToken: ana.resumeToken,
    });
    expect(back.participantId).toBe(ana.participantId);
    const status = await back.status();
    expect(status).toMatchObject({ ok: true, round: { roundId, answered: 1, mine: { value: 1.4 } } });
    expect((await back.answer(roundId, 1.44)).ok).toBe(true);
    const reveal = await round(teacher, { op: "reveal", roundId });
    expect(reveal.ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.current?.phase === "revealed", "the reveal");
    const shown = teacher.state.rounds!.current!.reveal!;
    expect(shown.answered).toBe(1);
    expect(shown.truth).toBeCloseTo(1.439, 12);
    expect(shown.working).toMatchObject({ weights: [1.37, -0.82], inputs: INPUTS, bias: 0.15, activation: "sigmoid" });
    const after = await back.status();
    expect(after).toMatchObject({ ok: true, round: { mine: { value: 1.44 }, result: { answer: 1.44, points: 1000 } } });
  });

  it("refuses late answers, answers for someone else, a second round's id, and students running rounds", async () => {
    const session = await createSession(server.url);
    const teacher = await teacherOf(session);
    await replaceNetwork(teacher, NETWORK, [1, 1]);
    const ana = await RecordingStudent.join(server.url, session.code, "Ana");
    const bo = await RecordingStudent.join(server.url, session.code, "Bo");
    const roundId = await open(teacher, { round: { kind: "output", neuron: { layer: 1, index: 0 }, inputs: INPUTS } });

    // a student cannot open, close or reveal
    for (const op of ["close", "reveal", "clear"]) {
      expect(await ana.ask("round", { op, roundId })).toMatchObject({ ok: false, error: { code: "not_allowed" } });
    }
    expect(
      await ana.ask("round", {
        op: "open",
        open: { round: { kind: "z", neuron: { layer: 0, index: 0 }, inputs: INPUTS } },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    // … nor answer for someone else: there is no such field
    expect(await ana.ask("answer", { roundId, value: 0.1, participantId: bo.participantId })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(await ana.answer("not-this-round", 0.1)).toMatchObject({ ok: false, error: { code: "no_such_round" } });
    expect(await ana.ask("answer", { roundId, value: "0.1" })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(await teacher.request("answer", { roundId, value: 0.1 })).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    // the network is frozen while the round is open, for the teacher too
    expect(await teacher.act({ type: "edit", edit: { type: "setBias", layer: 1, neuron: 0, value: 2 } })).toMatchObject(
      {
        ok: false,
        error: { code: "round_open" },
      },
    );
    // the server's roundState cannot be sent by anyone
    const forged = { type: "roundState", rounds: { current: null, played: 0, scriptRun: [], leaderboard: {} } };
    expect(await teacher.act(forged as unknown as Action)).toMatchObject({
      ok: false,
      error: { code: "invalid_action" },
    });
    // two opens at once: one round at a time
    expect(
      await round(teacher, {
        op: "open",
        open: { round: { kind: "z", neuron: { layer: 0, index: 0 }, inputs: INPUTS } },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "round_open" },
    });

    expect((await ana.answer(roundId, 0.1)).ok).toBe(true);
    expect((await round(teacher, { op: "close", roundId })).ok).toBe(true);
    expect(await ana.answer(roundId, 0.2)).toMatchObject({ ok: false, error: { code: "round_closed" } });
    expect(await bo.answer(roundId, 0.2)).toMatchObject({ ok: false, error: { code: "round_closed" } });
    expect(await round(teacher, { op: "close", roundId })).toMatchObject({
      ok: false,
      error: { code: "round_closed" },
    });
    expect((await round(teacher, { op: "reveal", roundId })).ok).toBe(true);
    expect(await round(teacher, { op: "reveal", roundId })).toMatchObject({
      ok: false,
      error: { code: "already_revealed" },
    });
    expect(await ana.answer(roundId, 0.2)).toMatchObject({ ok: false, error: { code: "round_closed" } });
    const status = await ana.status();
    expect(status).toMatchObject({ ok: true, round: { answered: 1, mine: { value: 0.1 } } });
    // after the round the network can be edited again
    expect((await teacher.act({ type: "edit", edit: { type: "setBias", layer: 1, neuron: 0, value: 2 } })).ok).toBe(
      true,
    );
  });

  it("a time limit closes the round by itself; answers after it are refused", async () => {
    const session = await createSession(server.url);
    const teacher = await teacherOf(session);
    const ana = await RecordingStudent.join(server.url, session.code, "Ana");
    const roundId = await open(teacher, {
      round: { kind: "output", neuron: { layer: 1, index: 0 }, inputs: [0.5, -0.5], timeLimitSeconds: 5 },
    });
    const status = await ana.status();
    expect(status.ok && status.round?.remainingMs).toBeGreaterThan(4000);
    expect((await ana.answer(roundId, 0.5)).ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.current?.phase === "closed", "the time limit", 8000);
    expect(await ana.answer(roundId, 0.6)).toMatchObject({ ok: false, error: { code: "round_closed" } });
  }, 15_000);
});

describe("rounds on the screens", () => {
  it("opening a round sets the shared inputs to the round's, and a scripted round keeps its answer on the server", async () => {
    const session = await createSession(server.url, "what-is-passed-on");
    const teacher = await teacherOf(session);
    const ana = await RecordingStudent.join(server.url, session.code, "Ana");
    const roundId = await open(teacher, { script: 0 });
    await teacher.until(() => teacher.state.rounds?.current?.id === roundId, "the round");
    const view = teacher.state.rounds!.current!;
    expect(view).toMatchObject({ kind: "choice", scriptIndex: 0, phase: "open", number: 1 });
    expect(view.choices).toHaveLength(4);
    expect(JSON.stringify(view)).not.toContain('"answer"');
    expect(teacher.state.shared.inputValues).toEqual(view.inputs);
    expect(teacher.state.rounds!.scriptRun).toEqual([0]);
    expect(await round(teacher, { op: "open", open: { script: 40 } })).toMatchObject({ ok: false });
    expect((await ana.answer(roundId, 2)).ok).toBe(true);
    expect((await round(teacher, { op: "reveal", roundId })).ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.current?.phase === "revealed", "the reveal");
    expect(teacher.state.rounds!.current!.reveal).toMatchObject({ truth: 2, counts: [0, 0, 1, 0], right: 1 });
    // the next scripted round replaces the revealed one
    const second = await open(teacher, { script: 1, timeLimitSeconds: 30, tolerance: { full: 0.05, zero: 1 } });
    await teacher.until(() => teacher.state.rounds?.current?.id === second, "round 2");
    expect(teacher.state.rounds!.current).toMatchObject({
      number: 2,
      scriptIndex: 1,
      tolerance: { full: 0.05, zero: 1 },
    });
    expect(teacher.state.rounds!.current!.closesAt).not.toBeNull();
    expect((await round(teacher, { op: "clear", roundId: second })).ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.current === null, "cleared");
  });

  it("scores, streaks and a leaderboard where ties share a rank; anonymous boards carry no names", async () => {
    const session = await createSession(server.url);
    const teacher = await teacherOf(session);
    await replaceNetwork(teacher, NETWORK, [1, 1]);
    const ana = await RecordingStudent.join(server.url, session.code, "Ana");
    const bo = await RecordingStudent.join(server.url, session.code, "Bo");
    const cy = await RecordingStudent.join(server.url, session.code, "Cy");
    const progress: RoundProgressEvent[] = [];
    teacher.socket.on("roundProgress", (event: RoundProgressEvent) => progress.push(event));

    const first = await open(teacher, { round: { kind: "output", neuron: { layer: 0, index: 1 }, inputs: INPUTS } });
    await ana.answer(first, 0.81); // within 0.01: full points
    await bo.answer(first, 0.805); // also full: a tie with Ana
    await cy.answer(first, 5); // none
    await waitFor(() => progress.some((p) => p.roundId === first && p.answered === 3), "3 answered");
    expect(JSON.stringify(progress)).not.toContain("0.81");
    await round(teacher, { op: "reveal", roundId: first });
    expect((await round(teacher, { op: "leaderboard", shown: true })).ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.leaderboard.shown === true, "the board");
    const board = teacher.state.rounds!.leaderboard;
    const byName = Object.fromEntries(board.top.map((r) => [r.name, [r.rank, r.total, r.streak]]));
    expect(byName).toEqual({ Ana: [1, 1000, 1], Bo: [1, 1000, 1], Cy: [3, 0, 0] });
    expect(board.top.at(-1)!.name).toBe("Cy");
    const status = await teacher.request<RoundStatusAck>("roundStatus", {});
    expect(status.ok && status.board?.length).toBe(3);
    await cy.until((p) => p.startsWith('["roundResult"'), "Cy's result");
    const cyResult = JSON.parse(cy.packets.find((p) => p.startsWith('["roundResult"'))!)[1] as RoundResult;
    expect(cyResult).toMatchObject({ points: 0, rank: 3, of: 3, total: 0 });

    expect((await round(teacher, { op: "leaderboard", anonymous: true })).ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.leaderboard.anonymous === true, "anonymous");
    const anonymous = JSON.stringify(teacher.state.rounds!.leaderboard);
    expect(anonymous).not.toContain("Ana");
    expect(anonymous).not.toContain(ana.participantId);
    expect((await round(teacher, { op: "leaderboard", shown: false })).ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.leaderboard.shown === false, "hidden");
    expect(teacher.state.rounds!.leaderboard.top).toEqual([]);

    // a second round: Ana misses it and loses her streak, Bo keeps his
    const second = await open(teacher, { round: { kind: "z", neuron: { layer: 0, index: 1 }, inputs: INPUTS } });
    await bo.answer(second, 1.439);
    await round(teacher, { op: "reveal", roundId: second });
    const boStatus = await bo.status();
    expect(boStatus).toMatchObject({ ok: true, round: { result: { total: 2000, streak: 2, rank: 1 } } });
    const anaStatus = await ana.status();
    expect(anaStatus).toMatchObject({ ok: true, round: { mine: null, result: { points: 0, streak: 0, total: 1000 } } });
  });
});

// The round's answer list: the teacher's console and the projector (both teacher sockets) follow
// every student's answer — a changed answer too — and the teacher's "show answers on the
// projector" reaches everyone as session state, while raw socket.io-client students record EVERY
// packet they receive (every event, every ack) and none holds another student's answer or the
// truth before the reveal; neither does anything a student may fetch over HTTP without the
// teacher's or the report's key.
// One tanh neuron: at x = (0.9, −0.4), z = 1.13·0.9 + 0.71·(−0.4) − 0.2 = 0.533, a = tanh(z) = 0.4877.
// Nothing in the network, the inputs or the answers below reads like either.
const LIST_NETWORK: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [{ activation: "tanh", neurons: [{ weights: [1.13, 0.71], bias: -0.2 }] }],
};
const LIST_INPUTS = [0.9, -0.4];
const LIST_ROW = referenceForwardRow(LIST_NETWORK, LIST_INPUTS);
const LIST_A = LIST_ROW.layers[0]!.a[0]!;
const LIST_Z = LIST_ROW.layers[0]!.z[0]!;

/** Distinct answers nobody would write by chance. */
const ANA_FIRST = 0.1357;
const ANA_CHANGED = 0.2468;
const BO = 0.3691;
const CY = -0.5802;

describe("the round's answer list", () => {
  it("the teacher's screens follow every answer as it changes; students get neither the list nor the truth", async () => {
    const secrets = [...needles(LIST_A), ...needles(LIST_Z)];
    const answers = [ANA_FIRST, ANA_CHANGED, BO, CY].map(String);
    expect(leaks([JSON.stringify({ LIST_NETWORK, LIST_INPUTS })], [...secrets, ...answers])).toEqual([]);

    const session = await createSession(server.url);
    const teacher = await teacherOf(session);
    const projector = await teacherOf(session); // the projector is a second teacher screen
    expect(
      (
        await teacher.act({
          type: "edit",
          edit: { type: "replaceNetwork", network: LIST_NETWORK, inputValues: [1, 1] },
        })
      ).ok,
    ).toBe(true);
    const ana = await RecordingStudent.join(server.url, session.code, "Ana");
    const bo = await RecordingStudent.join(server.url, session.code, "Bo");
    const progress: RoundProgressEvent[] = [];
    teacher.socket.on("roundProgress", (event: RoundProgressEvent) => progress.push(event));

    const opened = await teacher.request<RoundAck>("round", {
      op: "open",
      open: { round: { kind: "output", neuron: { layer: 0, index: 0 }, inputs: LIST_INPUTS } },
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
      expect(status.round.preview).toBeCloseTo(LIST_A, 12);
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
    expect(leaks(ana.packets.slice(count), needles(LIST_A)).length).toBeGreaterThan(0);

    // the next round starts with the list off the projector
    const next = await teacher.request<RoundAck>("round", {
      op: "open",
      open: { round: { kind: "z", neuron: { layer: 0, index: 0 }, inputs: LIST_INPUTS } },
    });
    expect(next.ok).toBe(true);
    await waitFor(() => projector.state.rounds?.current?.id === (next.ok && next.roundId), "the next round");
    expect(projector.state.rounds?.answerList).toEqual({ shown: false, anonymous: false });
  });
});
