// A prediction round outlives its server process: `kill -9` right after the last acknowledged
// answer loses none of them (every answer is written before its ack), the round is still open
// after the restart, students come back to their own answers, and the scores and standings of a
// revealed round survive a second restart.
import { afterAll, expect, it, vi } from "vitest";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import type { AnswerAck, RoundAck, RoundStatusAck } from "../../lib/session/protocol";
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

const NETWORK: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "relu",
      neurons: [
        { weights: [0.6, -0.4], bias: 0.2 },
        { weights: [1.5, 0.5], bias: -0.3 },
      ],
    },
    { activation: "sigmoid", neurons: [{ weights: [1, -1], bias: 0 }] },
  ],
};

const STUDENTS = 24;
/** each student's final answer (some change theirs once) */
const finalAnswer = (i: number) => 0.4 + i / 100;

it("kill -9 mid-round keeps every acknowledged answer; the standings survive a restart", async () => {
  const db = await database();
  const child = await startChildServer(db.url);
  const session = await createSession(child.url);
  const students: { participantId: string; resumeToken: string; name: string }[] = [];
  let roundId = "";
  try {
    const teacher = keep(await LiveClient.teacher(child.url, session));
    const ack = await teacher.act({
      type: "edit",
      edit: { type: "replaceNetwork", network: NETWORK, inputValues: [1, 1] },
    });
    expect(ack.ok).toBe(true);
    const joined = await Promise.all(
      Array.from({ length: STUDENTS }, (_, i) => LiveClient.student(child.url, session.code, { name: `S${i}` })),
    );
    joined.forEach(keep);
    const opened = await teacher.request<RoundAck>("round", {
      op: "open",
      open: { round: { kind: "output", neuron: { layer: 1, index: 0 }, inputs: [0.5, 2] } },
    });
    expect(opened.ok).toBe(true);
    roundId = opened.ok ? opened.roundId! : "";
    // a burst of unawaited answers (every third student changes theirs), then kill at the last ack
    const acks = await Promise.all(
      joined.map(async (student, i) => {
        if (i % 3 === 0) await student.request<AnswerAck>("answer", { roundId, value: -1 });
        return student.request<AnswerAck>("answer", { roundId, value: finalAnswer(i) });
      }),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    await killChildServer(child);
    joined.forEach((s) => students.push({ participantId: s.participantId, resumeToken: s.resumeToken, name: "" }));
  } finally {
    child.process.kill("SIGKILL");
  }

  const again = await startTestServer({ database: db });
  let totals: Record<string, number> = {};
  try {
    const teacher = keep(await LiveClient.teacher(again.url, session));
    expect(teacher.state.rounds?.current).toMatchObject({ id: roundId, phase: "open" });
    const status = await teacher.request<RoundStatusAck>("roundStatus", {});
    expect(status).toMatchObject({ ok: true, round: { roundId, answered: STUDENTS } });
    // every student comes back to their own last answer
    const back = await Promise.all(
      students.map((s) =>
        LiveClient.student(again.url, session.code, {
          name: "x",
          participantId: s.participantId,
          resumeToken: s.resumeToken,
        }),
      ),
    );
    back.forEach(keep);
    const mine = await Promise.all(back.map((s) => s.request<RoundStatusAck>("roundStatus", {})));
    mine.forEach((m, i) => expect(m).toMatchObject({ ok: true, round: { mine: { value: finalAnswer(i) } } }));
    expect((await teacher.request<RoundAck>("round", { op: "reveal", roundId })).ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.current?.phase === "revealed", "the reveal");
    const reveal = teacher.state.rounds!.current!.reveal!;
    expect(reveal.answered).toBe(STUDENTS);
    const h = reveal.histogram!;
    expect(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above).toBe(STUDENTS);
    const board = await teacher.request<RoundStatusAck>("roundStatus", {});
    if (!board.ok) throw new Error("roundStatus refused");
    totals = Object.fromEntries(board.board!.map((row) => [row.participantId, row.total]));
    expect(Object.keys(totals)).toHaveLength(STUDENTS);
  } finally {
    await again.stop();
  }

  const third = await startTestServer({ database: db });
  try {
    const teacher = keep(await LiveClient.teacher(third.url, session));
    expect(teacher.state.rounds?.current).toMatchObject({ id: roundId, phase: "revealed" });
    const board = await teacher.request<RoundStatusAck>("roundStatus", {});
    if (!board.ok) throw new Error("roundStatus refused");
    expect(Object.fromEntries(board.board!.map((row) => [row.participantId, row.total]))).toEqual(totals);
  } finally {
    await third.stop();
  }
}, 90_000);
