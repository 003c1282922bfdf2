// Saving what a live class built as a new exercise (POST /api/sessions/:code/exercise) against the
// real server with a real teacher socket: the network as last acknowledged, the prepared rounds
// that still fit it (answer keys included, for the teacher only), and refusals that store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutAnswerKeys } from "../../lib/exercise/answer-keys";
import { fullLesson } from "../../server/lessons/answer-keys";
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

async function storedExercises(): Promise<number> {
  const [row] = await server.db.query('SELECT COUNT(*) AS n FROM "Exercise"');
  return Number(row?.n);
}

async function save(code: string, body: unknown, key?: string) {
  const response = await fetch(`${server.url}/api/sessions/${code}/exercise`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { "x-teacher-key": key } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}

async function read(slug: string, editKey?: string) {
  const response = await fetch(`${server.url}/api/exercises/${slug}`, {
    headers: editKey ? { "x-edit-key": editKey } : {},
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await response.json()) as any;
}

describe("saving a live session's network as an exercise", () => {
  it("keeps the class's network and the lesson's rounds, their answer keys sealed (served to nobody, still run)", async () => {
    const session = await createSession(server.url, "what-is-passed-on");
    const teacher = await LiveClient.teacher(server.url, session);
    clients.push(teacher);
    const ack = await teacher.act({ type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: -0.4 } });
    expect(ack.ok).toBe(true);

    const saved = await save(
      session.code.toLowerCase(),
      { title: "What our class built", authorName: "Ms. Li", visibility: "unlisted" },
      session.teacherKey,
    );
    expect(saved.status).toBe(201);
    const lesson = fullLesson("what-is-passed-on")!;
    expect(saved.body).toMatchObject({ rounds: lesson.rounds.length, droppedRounds: 0 });
    expect(saved.body.editKey).toEqual(expect.any(String));

    const own = await read(saved.body.slug, saved.body.editKey);
    expect(own.title).toBe("What our class built");
    expect(own.network.layers[0].neurons[0].bias).toBe(-0.4);
    expect(own.network).toEqual(teacher.state.shared.network);
    // copies do not launder keys: a built-in lesson's keys are served to nobody, its new owner too
    expect(own.rounds).toEqual(withoutAnswerKeys(lesson).rounds);
    const anyone = await read(saved.body.slug);
    expect(JSON.stringify(anyone.rounds)).not.toContain('"answer"');
    // … yet sealed with their origin, so a session started from the copy runs every round
    const again = await fetch(`${server.url}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ exercise: saved.body.slug }),
    });
    expect(((await again.json()) as { withheldRounds: number[] }).withheldRounds).toEqual([]);
  });

  it("leaves out the rounds about a neuron the class removed", async () => {
    const session = await createSession(server.url, "what-is-passed-on");
    const teacher = await LiveClient.teacher(server.url, session);
    clients.push(teacher);
    const lesson = fullLesson("what-is-passed-on")!;
    const last = lesson.network.layers.length - 1;
    const lastCount = lesson.network.layers[last]!.neurons.length;
    expect(lastCount).toBeGreaterThan(1);
    const ack = await teacher.act({
      type: "edit",
      edit: { type: "removeNeuron", layer: last, neuron: lastCount - 1 },
    });
    expect(ack.ok).toBe(true);
    const about = lesson.rounds.filter((r) => r.neuron.layer === last && r.neuron.index === lastCount - 1).length;
    expect(about).toBeGreaterThan(0);
    const saved = await save(session.code, { title: "Smaller" }, session.teacherKey);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ rounds: lesson.rounds.length - about, droppedRounds: about });
  });

  it("refuses a wrong key, an unknown code and a bad body, and stores nothing", async () => {
    const session = await createSession(server.url);
    const before = await storedExercises();
    expect((await save(session.code, { title: "x" })).body.error.code).toBe("wrong_teacher_key");
    expect((await save(session.code, { title: "x" }, "not-the-key")).status).toBe(403);
    expect((await save("ZZZZZ2", { title: "x" }, session.teacherKey)).status).toBe(404);
    const cases: [unknown, string][] = [
      [{}, "title"],
      [{ title: "   " }, "title"],
      [{ title: "x", visibility: "secret" }, "visibility"],
      [{ title: "x", network: {} }, "network"],
      [{ title: "x".repeat(121) }, "title"],
    ];
    for (const [body, path] of cases) {
      const answer = await save(session.code, body, session.teacherKey);
      expect(answer.status).toBe(400);
      expect(answer.body.error.path).toBe(path);
    }
    expect((await save(session.code, "{not json", session.teacherKey)).status).toBe(400);
    expect(await storedExercises()).toBe(before);
    expect((await save(session.code, { title: "A blank class network" }, session.teacherKey)).status).toBe(201);
    expect(await storedExercises()).toBe(before + 1);
  });
});
