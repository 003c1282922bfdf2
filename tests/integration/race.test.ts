// The activation race over real sockets, with the real server and a real SQLite file: a teacher and
// three students race on XOR; each student trains on "their device" (here: the same wasm training
// module a browser's worker runs) and reports curves; one forges a tiny loss and is ranked by the
// loss the server recomputes. Bad payloads are refused by name, curves are paced and bounded, a
// reloaded student comes back to their network, a restarted server keeps every entry, and the
// teacher adopts the winner's network as a sandbox.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { scratchDatabase, type ScratchDatabase } from "../helpers/database";
import type { TrainingKernel } from "../../lib/kernel/training-kernel";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import {
  RACE_LIMITS,
  type RaceAck,
  type RaceChoices,
  type RaceCurveEvent,
  type RaceEntryAck,
  type RaceStatusAck,
  type RaceView,
} from "../../lib/race/model";
import { raceStartNetwork, raceTrainingInput } from "../../lib/race/run";
import type { ActionAck } from "../../lib/session/protocol";
import { createTrainer } from "../../lib/training/kernel-trainer";
import { loadServerTrainingKernel } from "../../server/kernel";
import { createSession, LiveClient } from "../helpers/live";
import { startTestServer } from "../helpers/server";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let kernel: TrainingKernel;
const clients: LiveClient[] = [];
const databases: ScratchDatabase[] = [];
const keep = (client: LiveClient) => (clients.push(client), client);

beforeAll(async () => {
  kernel = await loadServerTrainingKernel();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(databases.map((db) => db.remove()));
});

const NETWORK: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    { activation: "tanh", neurons: Array.from({ length: 4 }, () => ({ weights: [0.1, 0.2], bias: 0 })) },
    { activation: "sigmoid", neurons: [{ weights: [0.3, 0.3, 0.3, 0.3], bias: 0 }] },
  ],
};

/** What a student's device does: the race's start network, trained by the wasm module, in chunks. */
function train(race: RaceView, choices: RaceChoices) {
  const trainer = createTrainer(kernel, raceTrainingInput(race, raceStartNetwork(race, choices.activations), choices));
  const curve: { epoch: number; testLoss: number }[] = [];
  for (let e = 0; e < race.epochs; e += 10) {
    trainer.step(10);
    curve.push({ epoch: trainer.epoch(), testLoss: trainer.latest().testLoss! });
  }
  return { network: trainer.network(), testLoss: trainer.latest().testLoss!, curve };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("three students race; a forged loss is ranked by its true loss; reload, restart and adoption keep it", async () => {
  // one database through the restart below (SQLite, or PostgreSQL in that vitest project)
  const database = await scratchDatabase();
  databases.push(database);
  const server = await startTestServer({ database });
  const session = await createSession(server.url);
  const picks: Record<string, RaceChoices> = {
    Ana: { activations: ["tanh", "sigmoid"], learningRate: 0.3 },
    Bo: { activations: ["linear", "sigmoid"], learningRate: 0.3 },
    Cy: { activations: ["relu", "sigmoid"], learningRate: 0.3 },
  };
  const truth = new Map<string, number>();
  let race: RaceView;
  let ana: { participantId: string; resumeToken: string };
  try {
    const teacher = keep(await LiveClient.teacher(server.url, session));
    const curves: RaceCurveEvent[] = [];
    teacher.socket.on("raceCurve", (event: RaceCurveEvent) => curves.push(event));
    const replaced = await teacher.act({
      type: "edit",
      edit: { type: "replaceNetwork", network: NETWORK, inputValues: [1, 1] },
    });
    expect(replaced.ok).toBe(true);
    const students = await Promise.all(
      Object.keys(picks).map(async (name) => keep(await LiveClient.student(server.url, session.code, { name }))),
    );

    // a student cannot start a race; the teacher can, once
    const start = { op: "start", start: { data: { kind: "xor", points: 120, seed: 5 }, epochs: 150 } };
    expect(await students[0]!.request<RaceAck>("race", start)).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    const started = await teacher.request<RaceAck>("race", start);
    expect(started.ok).toBe(true);
    await Promise.all(students.map((s) => s.until(() => s.state.race !== undefined, "the race")));
    race = students[0]!.state.race!;
    expect(race).toMatchObject({ phase: "running", layers: [4, 1], epochs: 150 });

    // bad payloads are refused by name and change nothing
    const bad = async (payload: unknown, path?: string) => {
      const ack = await students[0]!.request<RaceEntryAck>("raceEntry", payload);
      expect(ack).toMatchObject({ ok: false, error: { code: "invalid_payload", ...(path ? { path } : {}) } });
    };
    await bad(
      { op: "enter", raceId: race.id, choices: { activations: ["swish"], learningRate: 0.1 } },
      "choices.activations.0",
    );
    await bad({ op: "enter", raceId: race.id, choices: picks.Ana, extra: 1 });
    await bad({ op: "submit", raceId: race.id, network: "mine", epochs: 1, reportedLoss: 0 }, "network");
    const tooMany = Array.from({ length: RACE_LIMITS.pointsPerReport + 1 }, (_, i) => ({
      epoch: i + 1,
      testLoss: 0.2,
    }));
    await bad({ op: "progress", raceId: race.id, points: tooMany }, "points");
    expect(
      await teacher.request<RaceEntryAck>("raceEntry", { op: "enter", raceId: race.id, choices: picks.Ana }),
    ).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });

    // everyone enters, trains, reports their curve (paced) and submits; Bo forges a tiny loss
    await Promise.all(
      students.map(async (student, i) => {
        const name = Object.keys(picks)[i]!;
        const choices = picks[name]!;
        const entered = await student.request<RaceEntryAck>("raceEntry", { op: "enter", raceId: race.id, choices });
        expect(entered.ok).toBe(true);
        const run = train(race, choices);
        await sleep(RACE_LIMITS.reportIntervalMs + 20); // entering counts as a report
        truth.set(student.participantId, run.testLoss);
        const first = await student.request<RaceEntryAck>("raceEntry", {
          op: "progress",
          raceId: race.id,
          points: run.curve.slice(0, 8),
        });
        expect(first.ok).toBe(true);
        const hasty = await student.request<RaceEntryAck>("raceEntry", {
          op: "progress",
          raceId: race.id,
          points: run.curve.slice(8, 9),
        });
        expect(hasty).toMatchObject({ ok: false, error: { code: "too_fast" } });
        await sleep(RACE_LIMITS.reportIntervalMs + 20);
        const rest = await student.request<RaceEntryAck>("raceEntry", {
          op: "progress",
          raceId: race.id,
          points: run.curve.slice(8),
          network: run.network,
        });
        expect(rest.ok).toBe(true);
        const reportedLoss = name === "Bo" ? 0.0001 : run.testLoss;
        const submitted = await student.request<RaceEntryAck>("raceEntry", {
          op: "submit",
          raceId: race.id,
          network: run.network,
          epochs: race.epochs,
          reportedLoss,
        });
        // the server's number is the device's, bit for bit: same wasm, same float32 weights
        expect(submitted).toMatchObject({ ok: true, testLoss: run.testLoss });
      }),
    );
    await teacher.until(() => teacher.state.race?.ranking.length === 3, "three submissions");
    const ranking = teacher.state.race!.ranking;
    const expected = [...truth].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    expect(ranking.map((r) => r.participantId)).toEqual(expected);
    const bo = ranking.find((r) => r.name === "Bo")!;
    expect(bo).toMatchObject({ reportedLoss: 0.0001, testLoss: truth.get(bo.participantId) });
    expect(bo.testLoss).toBeGreaterThan(0.2);
    expect(ranking[ranking.length - 1]!.name).toBe("Bo");
    // the teachers' screens got every curve as it grew
    expect(curves.filter((c) => c.reset)).toHaveLength(3);
    expect(curves.filter((c) => !c.reset).reduce((n, c) => n + c.points.length, 0)).toBe(3 * 15);

    // a reloaded phone comes back to its entry and its network
    ana = { participantId: students[0]!.participantId, resumeToken: students[0]!.resumeToken };
    students[0]!.close();
    const back = keep(await LiveClient.student(server.url, session.code, { name: "x", ...ana }));
    expect(back.state.race?.ranking).toHaveLength(3);
    const mine = await back.request<RaceStatusAck>("raceStatus", {});
    expect(mine.ok && mine.entries).toHaveLength(1);
    expect(mine.ok && mine.entries[0]).toMatchObject({ name: "Ana", choices: picks.Ana, submitted: { epochs: 150 } });
    expect(mine.ok && mine.entries[0]!.curve).toHaveLength(15);
    expect(mine.ok && mine.entries[0]!.network).toEqual(back.state.sandboxes[ana.participantId]?.network);

    // the curve stays bounded however long a device reports
    const stopped = await teacher.request<RaceAck>("race", { op: "stop", raceId: race.id });
    expect(stopped.ok).toBe(true);
    const late = await back.request<RaceEntryAck>("raceEntry", {
      op: "progress",
      raceId: race.id,
      points: [{ epoch: 150, testLoss: 0 }],
    });
    expect(late).toMatchObject({ ok: false, error: { code: "race_stopped" } });
  } finally {
    await server.stop();
  }

  // a restart keeps every entry, curve and network
  const again = await startTestServer({ database });
  try {
    const teacher = keep(await LiveClient.teacher(again.url, session));
    expect(teacher.state.race).toMatchObject({ id: race.id, phase: "stopped" });
    const status = await teacher.request<RaceStatusAck>("raceStatus", {});
    expect(status.ok && status.entries.map((e) => e.curve.length)).toEqual([15, 15, 15]);
    expect(status.ok && status.entries.every((e) => !("network" in e))).toBe(true);
    const student = keep(await LiveClient.student(again.url, session.code, { name: "x", ...ana! }));
    const mine = await student.request<RaceStatusAck>("raceStatus", {});
    expect(mine.ok && mine.entries[0]?.network).toBeTruthy();
    // the teacher adopts the winner's network: the sandbox adoption everyone knows
    const winner = teacher.state.race!.ranking[0]!;
    const adopted = await teacher.request<ActionAck>("action", {
      action: { type: "adoptSandbox", participantId: winner.participantId },
    });
    expect(adopted.ok).toBe(true);
    await student.until(() => student.state.shared.network.layers[0]!.activation === winner.activations[0], "adoption");
    expect(student.state.shared.network).toEqual(teacher.state.sandboxes[winner.participantId]!.network);
  } finally {
    await again.stop();
  }
});

it("bounds a curve: many paced reports keep at most RACE_LIMITS.curvePoints points, the newest last", async () => {
  const server = await startTestServer();
  try {
    const session = await createSession(server.url);
    const teacher = keep(await LiveClient.teacher(server.url, session));
    await teacher.act({ type: "edit", edit: { type: "replaceNetwork", network: NETWORK, inputValues: [1, 1] } });
    const started = await teacher.request<RaceAck>("race", {
      op: "start",
      start: { data: { kind: "circle" }, epochs: 5000 },
    });
    expect(started.ok).toBe(true);
    const student = keep(await LiveClient.student(server.url, session.code, { name: "Dee" }));
    const raceId = student.state.race!.id;
    await student.request("raceEntry", {
      op: "enter",
      raceId,
      choices: { activations: ["tanh", "sigmoid"], learningRate: 0.1 },
    });
    await sleep(RACE_LIMITS.reportIntervalMs + 10);
    let epoch = 0;
    for (let report = 0; report < 7; report++) {
      const points = Array.from({ length: RACE_LIMITS.pointsPerReport }, () => ({
        epoch: ++epoch,
        testLoss: 1 / epoch,
      }));
      const ack = await student.request<RaceEntryAck>("raceEntry", { op: "progress", raceId, points });
      expect(ack.ok).toBe(true);
      await sleep(RACE_LIMITS.reportIntervalMs + 10);
    }
    const status = await teacher.request<RaceStatusAck>("raceStatus", {});
    const curve = status.ok ? status.entries[0]!.curve : [];
    expect(curve.length).toBeLessThanOrEqual(RACE_LIMITS.curvePoints);
    expect(curve.length).toBeGreaterThan(RACE_LIMITS.curvePoints / 2);
    expect(curve[curve.length - 1]!.epoch).toBe(epoch);
  } finally {
    await server.stop();
  }
});
