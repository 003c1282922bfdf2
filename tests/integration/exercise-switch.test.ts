// One code for the whole lesson (issue 14, item 3), against a real server with real sockets: the
// teacher runs a round on one exercise, switches to another, runs a round there; nobody re-joins,
// names and scores carry over, the report shows both parts. A saved exercise's keyed rounds run
// only with its edit key; students never learn a saved exercise's slug; refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lessonBySlug } from "../../lib/lessons";
import { parseCsv } from "../../lib/rounds/csv";
import type { SessionReport } from "../../lib/rounds/report";
import type { SwitchExerciseAck } from "../../lib/session/exercise-switch";
import type { AnswerAck, RoundAck, RoundStatusAck } from "../../lib/session/protocol";
import { createSession, LiveClient } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

async function classroom(exercise: string, names: string[]) {
  const session = await createSession(server.url, exercise);
  const teacher = await LiveClient.teacher(server.url, session);
  const students = await Promise.all(names.map((name) => LiveClient.student(server.url, session.code, { name })));
  clients.push(teacher, ...students);
  await teacher.until(() => teacher.state.participants.length === names.length, "everyone in the roster");
  const round = (payload: unknown) => teacher.request<RoundAck>("round", payload);
  const switchTo = (payload: unknown, who: LiveClient = teacher) =>
    who.request<SwitchExerciseAck>("switchExercise", payload);
  return { session, teacher, students, round, switchTo };
}

const SECRET_EXERCISE = {
  title: "Which one fires",
  visibility: "unlisted",
  network: {
    format: "activation-lab/network@1",
    inputs: ["x1", "x2"],
    layers: [{ activation: "sigmoid", neurons: [{ weights: [0.5, -0.5], bias: 0 }] }],
  },
  rounds: [
    {
      kind: "choice",
      neuron: { layer: 0, index: 0 },
      inputs: [1, 1],
      choices: [{ en: "0" }, { en: "0.5" }, { en: "1" }],
      answer: 1,
    },
  ],
};

describe("switching the session's exercise", () => {
  it("keeps everyone, their names and scores; the report shows every part", async () => {
    const { session, teacher, students, round, switchTo } = await classroom("seed-neuron", ["Ana", "Bo"]);
    const [ana, bo] = students as [LiveClient, LiveClient];
    const ids = [ana.participantId, bo.participantId];

    // part 1: the seed neuron's z round (truth 0.8), Ana right, Bo off
    const first = await round({ op: "open", open: { script: 0 } });
    if (!first.ok) throw new Error(JSON.stringify(first));
    await ana.request<AnswerAck>("answer", { roundId: first.roundId, value: 0.8 });
    await bo.request<AnswerAck>("answer", { roundId: first.roundId, value: 2 });
    expect((await round({ op: "reveal", roundId: first.roundId })).ok).toBe(true);

    // a round on screen holds the switch
    const held = await switchTo({ exercise: "what-is-passed-on" });
    expect(held).toMatchObject({ ok: false, error: { code: "round_on_screen" } });
    await round({ op: "clear", roundId: first.roundId });

    // the switch: everyone folds the new network, nobody re-joins
    const switched = await switchTo({ exercise: "what-is-passed-on" });
    expect(switched).toMatchObject({ ok: true, withheldRounds: [] });
    const lesson = lessonBySlug("what-is-passed-on")!.exercise;
    for (const member of [teacher, ana, bo]) {
      await member.until(() => member.state.exerciseSlug === "what-is-passed-on", "the new exercise");
      expect(member.state.shared.network).toEqual(lesson.network);
      expect(member.state.participants.map((p) => [p.id, p.name])).toEqual([
        [ids[0], "Ana"],
        [ids[1], "Bo"],
      ]);
      expect(member.state.rounds?.played).toBe(1);
    }

    // part 2: the new lesson's choice round (its key: "its output", index 2) on the same sockets
    const second = await round({ op: "open", open: { script: 0 } });
    if (!second.ok) throw new Error(JSON.stringify(second));
    expect((await ana.request<AnswerAck>("answer", { roundId: second.roundId, value: 2 })).ok).toBe(true);
    expect((await bo.request<AnswerAck>("answer", { roundId: second.roundId, value: 2 })).ok).toBe(true);
    await round({ op: "reveal", roundId: second.roundId });
    const status = await teacher.request<RoundStatusAck>("roundStatus", {});
    if (!status.ok) throw new Error(JSON.stringify(status));
    // scores carried over: Ana 1000 + 1000, Bo 0 + 1000
    expect(status.board?.map((row) => [row.name, row.total])).toEqual([
      ["Ana", 2000],
      ["Bo", 1000],
    ]);

    // the report: both parts, each round in its own
    const response = await fetch(`${server.url}/api/reports/${session.code}`, {
      headers: { "x-report-key": session.teacherKey },
    });
    const report = (await response.json()) as SessionReport;
    expect(report.parts).toEqual([
      { slug: "seed-neuron", title: lessonBySlug("seed-neuron")!.exercise.title, fromRound: 1 },
      { slug: "what-is-passed-on", title: lesson.title, fromRound: 2 },
    ]);
    expect(report.rounds.map((r) => [r.number, r.kind])).toEqual([
      [1, "z"],
      [2, "choice"],
    ]);
    const csv = parseCsv(
      await (
        await fetch(`${server.url}/api/reports/${session.code}/answers.csv`, {
          headers: { "x-report-key": session.teacherKey },
        })
      ).text(),
    );
    const exerciseColumn = csv[0]!.indexOf("exercise");
    expect(new Set(csv.slice(1).map((row) => `${row[0]} ${row[exerciseColumn]}`))).toEqual(
      new Set([`1 ${lessonBySlug("seed-neuron")!.exercise.title}`, `2 ${lesson.title}`]),
    );
  });

  it("a saved exercise's keyed rounds run only with its edit key; students never see its slug", async () => {
    const created = await fetch(`${server.url}/api/exercises`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(SECRET_EXERCISE),
    });
    const { slug, editKey } = (await created.json()) as { slug: string; editKey: string };
    const { teacher, students, round, switchTo } = await classroom("seed-neuron", ["Chen"]);
    const chen = students[0]!;
    const packets: string[] = [];
    chen.socket.onAny((event: string, ...args: unknown[]) => packets.push(JSON.stringify([event, ...args])));

    const withoutKey = await switchTo({ exercise: slug });
    expect(withoutKey).toMatchObject({ ok: true, withheldRounds: [0] });
    await chen.until(() => chen.state.shared.network.layers.length === 1, "the saved exercise's network");
    expect(chen.state.exerciseSlug).toBeNull();
    // the event says only what students may know; a teacher's snapshot has the slug
    await teacher.until(() => teacher.state.shared.network.layers.length === 1, "the teacher folds it");
    expect(teacher.state.exerciseSlug).toBeNull();
    expect((await teacher.resync()).ok).toBe(true);
    expect(teacher.state.exerciseSlug).toBe(slug);
    expect(await round({ op: "open", open: { script: 0 } })).toMatchObject({
      ok: false,
      error: { code: "answer_key_withheld" },
    });

    const withKey = await switchTo({ exercise: slug, editKey });
    expect(withKey).toMatchObject({ ok: true, withheldRounds: [] });
    const opened = await round({ op: "open", open: { script: 0 } });
    expect(opened.ok).toBe(true);
    expect((await chen.resync()).ok).toBe(true);
    expect(packets.join("\n")).not.toContain(slug);
  });

  it("refuses a student, an unknown exercise and a bad payload, and changes nothing", async () => {
    const { teacher, students, switchTo } = await classroom("seed-neuron", ["Dee"]);
    const version = teacher.state.version;
    expect(await switchTo({ exercise: "what-is-passed-on" }, students[0]!)).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    expect(await switchTo({ exercise: "no-such-lesson" })).toMatchObject({
      ok: false,
      error: { code: "no_such_exercise", path: "exercise" },
    });
    for (const bad of [{}, { exercise: 5 }, { exercise: "seed-neuron", extra: 1 }, "seed-neuron"]) {
      expect(await switchTo(bad)).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    expect((await teacher.resync()).ok).toBe(true);
    expect(teacher.state.version).toBe(version);
    expect(teacher.state.exerciseSlug).toBe("seed-neuron");
  });
});
