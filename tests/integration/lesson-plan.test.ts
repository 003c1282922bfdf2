// The lesson's plan (issue 14, item 4) against a real server with real sockets: the teacher writes
// a multiple-choice and a numeric question during the session, reorders what has not run and
// starts the next; three students answer on the same sockets. What a student's socket receives
// carries no answer key and no truth before the reveal; only the teacher may plan or read the plan;
// refusals change nothing; the plan outlives a reload of the session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanAck, PlanStatusAck } from "../../lib/session/plan";
import type { AnswerAck, RoundAck, RoundStatusAck } from "../../lib/session/protocol";
import { scratchDatabase, type ScratchDatabase } from "../helpers/database";
import { createSession, LiveClient, type CreatedSession } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

let db: ScratchDatabase;
let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  db = await scratchDatabase();
  server = await startTestServer({ database: db });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.stop();
  await db?.remove();
});

const CHOICE = {
  kind: "choice",
  neuron: { layer: 1, index: 0 },
  inputs: [1, 1],
  prompt: { en: "Does o1 output more than h1?" },
  choices: [{ en: "No, less" }, { en: "Yes, more" }, { en: "The same" }],
  answer: 1,
};
// o1's weighted sum at x1 = x2 = 0: 2 × sigmoid(0.1) + 0.1
const NUMERIC = { kind: "z", neuron: { layer: 1, index: 0 }, inputs: [0, 0] };

describe("the lesson's plan, live", () => {
  it("writes, reorders and runs questions; students never receive a key or a truth before the reveal", async () => {
    const session = await createSession(server.url, "seed-neuron");
    const teacher = await LiveClient.teacher(server.url, session);
    const students = await Promise.all(
      ["Ana", "Bo", "Chen"].map((name) => LiveClient.student(server.url, session.code, { name })),
    );
    clients.push(teacher, ...students);
    const [ana, bo, chen] = students as [LiveClient, LiveClient, LiveClient];
    await teacher.until(() => teacher.state.participants.length === 3, "everyone in the roster");
    const packets: string[][] = students.map(() => []);
    students.forEach((student, i) =>
      student.socket.onAny((event: string, ...args: unknown[]) => packets[i]!.push(JSON.stringify([event, ...args]))),
    );
    const plan = (payload: unknown, who: LiveClient = teacher) => who.request<PlanAck>("plan", payload);
    const status = async () => {
      const ack = await teacher.request<PlanStatusAck>("planStatus", {});
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      return ack.entries;
    };

    // the exercise's three questions, in their order
    const prepared = (await status()).map((entry) => entry.script);
    expect(prepared.length).toBeGreaterThanOrEqual(3);

    // only the teacher plans; a question that is not valid is refused; neither changes anything
    const version = teacher.state.version;
    expect(await plan({ op: "add", question: CHOICE }, ana)).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    expect(await ana.request<PlanStatusAck>("planStatus", {})).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    expect(await plan({ op: "add", question: { ...CHOICE, choices: [{ en: "one" }] } })).toMatchObject({
      ok: false,
      error: { code: "invalid_question", path: "choices" },
    });
    expect(await plan({ op: "add", question: { ...CHOICE, answer: undefined } })).toMatchObject({
      ok: false,
      error: { code: "invalid_question", path: "answer" },
    });
    expect(await plan({ op: "shuffle" })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(teacher.state.version).toBe(version);

    // the teacher writes two questions: they join the plan's end, everyone folds the new order
    const n = prepared.length;
    const added = await plan({ op: "add", question: CHOICE });
    expect(added).toMatchObject({ ok: true, plan: [...prepared, n] });
    expect((await plan({ op: "add", question: NUMERIC })).ok).toBe(true);
    for (const member of [teacher, ...students]) {
      await member.until(() => member.state.rounds?.plan?.length === n + 2, "the plan with both questions");
    }
    const entries = await status();
    expect(entries.slice(n).map((e) => [e.live, e.round.kind, e.round.answer])).toEqual([
      [true, "choice", 1],
      [true, "z", undefined],
    ]);

    // reorder: the choice question first, the numeric one second, the exercise's after them
    const order = [n, n + 1, ...prepared];
    expect(await plan({ op: "move", order })).toMatchObject({ ok: true, plan: order });
    expect(await plan({ op: "move", order: prepared })).toMatchObject({ ok: false, error: { code: "stale_plan" } });

    // Start next: the plan's first question, the live choice question
    const first = await teacher.request<RoundAck>("round", { op: "open", open: { script: order[0] } });
    if (!first.ok) throw new Error(JSON.stringify(first));
    await Promise.all(students.map((s) => s.until(() => s.state.rounds?.current?.id === first.roundId, "the round")));
    expect(ana.state.rounds?.current).toMatchObject({ kind: "choice", scriptIndex: n, phase: "open" });
    for (const [student, value] of [
      [ana, 1],
      [bo, 0],
      [chen, 1],
    ] as const) {
      expect((await student.request<AnswerAck>("answer", { roundId: first.roundId, value })).ok).toBe(true);
    }
    // the teacher, and only the teacher, may preview it
    const preview = await teacher.request<RoundStatusAck>("roundStatus", {});
    expect(preview.ok && preview.round?.preview).toBe(1);
    const studentStatus = await bo.request<RoundStatusAck>("roundStatus", {});
    expect(studentStatus.ok && studentStatus.round).not.toHaveProperty("preview");

    // before the reveal nothing a student received names the key or a truth
    const before = packets.map((list) => list.join("\n"));
    for (const text of before) {
      expect(text).toContain("Does o1 output more"); // the question itself did arrive
      expect(text).not.toMatch(/"answer":/);
      expect(text).not.toMatch(/"truth":/);
      expect(text).not.toMatch(/"preview":/);
      expect(text).not.toContain('reveal":{');
    }

    await teacher.request<RoundAck>("round", { op: "reveal", roundId: first.roundId });
    await ana.until(() => ana.state.rounds?.current?.phase === "revealed", "the reveal");
    expect(ana.state.rounds?.current?.reveal?.truth).toBe(1);
    expect(ana.state.rounds?.current?.reveal?.counts).toEqual([1, 2, 0]);
    await teacher.request<RoundAck>("round", { op: "clear", roundId: first.roundId });

    // the next question in the plan: the numeric one; its truth is the kernel's
    const pending = (await status()).filter((e) => !e.run).map((e) => e.script);
    expect(pending).toEqual([n + 1, ...prepared]);
    const second = await teacher.request<RoundAck>("round", { op: "open", open: { script: pending[0] } });
    if (!second.ok) throw new Error(JSON.stringify(second));
    const truth = await teacher.request<RoundStatusAck>("roundStatus", {});
    const expected = 2 * (1 / (1 + Math.exp(-0.1))) + 0.1;
    expect(truth.ok && truth.round?.preview).toBeCloseTo(expected, 9);
    expect(packets.map((list) => list.join("\n")).join("\n")).not.toContain(String(truth.ok && truth.round?.preview));
    await teacher.request<RoundAck>("round", { op: "reveal", roundId: second.roundId });

    // a restart (the session read back from the database) keeps the plan and the written questions
    for (const client of clients) client.close();
    await server.stop();
    server = await startTestServer({ database: db });
    const back = await LiveClient.teacher(server.url, session);
    clients.push(back);
    const reread = await back.request<PlanStatusAck>("planStatus", {});
    if (!reread.ok) throw new Error(JSON.stringify(reread));
    const again = reread.entries;
    expect(again.map((e) => e.script)).toEqual(order);
    expect(again.filter((e) => e.run).map((e) => e.script)).toEqual([n, n + 1]);
  });

  it("starts from the questions the teacher prepared on the page: keys kept by question, new ones the session's", async () => {
    const start = (body: unknown) =>
      fetch(`${server.url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    // what-is-passed-on: its choice question (key on the server only) moved after a new one
    const lesson = (await (await fetch(`${server.url}/api/exercises/what-is-passed-on`)).json()) as {
      rounds: { kind: string }[];
    };
    const choiceAt = lesson.rounds.findIndex((r) => r.kind === "choice");
    const mine = { ...CHOICE, neuron: { layer: 0, index: 0 }, inputs: [1, 1], answer: 2 };
    const rounds = [mine, lesson.rounds[choiceAt]];
    const refused = await start({ exercise: "what-is-passed-on", rounds: [{ ...mine, choices: [] }] });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "invalid_request", path: "rounds.0.choices" } });
    const response = await start({ exercise: "what-is-passed-on", rounds });
    expect(response.status).toBe(201);
    const session = (await response.json()) as CreatedSession & { withheldRounds: number[] };
    expect(session.withheldRounds).toEqual([]);
    const teacher = await LiveClient.teacher(server.url, session);
    clients.push(teacher);
    const status = await teacher.request<PlanStatusAck>("planStatus", {});
    if (!status.ok) throw new Error(JSON.stringify(status));
    // the teacher's own key is served back; the lesson's stays on the server
    expect(status.entries.map((e) => [e.live, e.round.answer])).toEqual([
      [true, 2],
      [false, undefined],
    ]);
    // and the lesson's question runs with its key: revealed, its truth is the lesson's answer
    const opened = await teacher.request<RoundAck>("round", { op: "open", open: { script: 1 } });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    const preview = await teacher.request<RoundStatusAck>("roundStatus", {});
    expect(preview.ok && typeof preview.round?.preview).toBe("number");
    await teacher.request<RoundAck>("round", { op: "clear", roundId: opened.roundId });

    // kept as a new exercise: the teacher's own key readable with its edit key, the lesson's sealed
    const kept = await fetch(`${server.url}/api/sessions/${session.code}/exercise`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-teacher-key": session.teacherKey },
      body: JSON.stringify({ title: "Our questions" }),
    });
    expect(kept.status).toBe(201);
    const { slug, editKey } = (await kept.json()) as { slug: string; editKey: string };
    const read = async (key?: string) =>
      (await (
        await fetch(`${server.url}/api/exercises/${slug}`, { headers: key ? { "x-edit-key": key } : {} })
      ).json()) as { rounds: { answer?: number }[] };
    expect((await read(editKey)).rounds.map((r) => r.answer)).toEqual([2, undefined]);
    expect(JSON.stringify((await read()).rounds)).not.toContain('"answer"');
  });

  it("a question the editor moved keeps its sealed key: a session of the copy runs it", async () => {
    const forked = await fetch(`${server.url}/api/exercises/what-is-passed-on/fork`, { method: "POST" });
    const { slug, editKey, revision } = (await forked.json()) as { slug: string; editKey: string; revision: number };
    const copy = (await (
      await fetch(`${server.url}/api/exercises/${slug}`, { headers: { "x-edit-key": editKey } })
    ).json()) as { rounds: { kind: string; answer?: number }[] };
    const choiceAt = copy.rounds.findIndex((r) => r.kind === "choice");
    expect(copy.rounds[choiceAt]).not.toHaveProperty("answer"); // sealed: served to nobody
    const moved = [...copy.rounds.filter((_, i) => i !== choiceAt), copy.rounds[choiceAt]];
    const put = await fetch(`${server.url}/api/exercises/${slug}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-edit-key": editKey },
      body: JSON.stringify({ ...copy, rounds: moved, baseRevision: revision }),
    });
    expect(put.status).toBe(200);
    const session = await createSession(server.url, slug);
    const teacher = await LiveClient.teacher(server.url, session);
    clients.push(teacher);
    const opened = await teacher.request<RoundAck>("round", { op: "open", open: { script: moved.length - 1 } });
    expect(opened.ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.current?.kind === "choice", "the choice round on screen");
  });
});
