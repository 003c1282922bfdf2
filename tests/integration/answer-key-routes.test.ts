// Issue 9, item 1: no route to a hidden answer key. The attack as it was found — a student reads
// the exercise's slug from their join snapshot, forks the exercise without any key, reads the fork
// with the fork's own edit key, and finds the open choice round's answer — and each variant: a
// built-in lesson's fork, a session the student starts themselves from the teacher's unlisted
// exercise, and that session saved as a new exercise. Then the owner, who may do all of it.
// Against a real server (HTTP + Socket.IO + a real SQLite file).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoundAck } from "../../lib/session/protocol";
import { createSession, LiveClient, type CreatedSession } from "../helpers/live";
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

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const CHOICE_INDEX = 1;
const EXERCISE = {
  title: "Which one fires",
  visibility: "unlisted",
  network: {
    format: "activation-lab/network@1",
    inputs: ["x1", "x2"],
    layers: [{ activation: "sigmoid", neurons: [{ weights: [0.5, -0.5], bias: 0 }] }],
  },
  rounds: [
    { kind: "output", neuron: { layer: 0, index: 0 }, inputs: [1, 1] },
    {
      kind: "choice",
      neuron: { layer: 0, index: 0 },
      inputs: [1, 1],
      choices: [{ en: "0" }, { en: "0.5" }, { en: "1" }],
      answer: 1,
    },
  ],
};

/** A saved exercise of the teacher's, with its edit key. */
async function teachersExercise(): Promise<{ slug: string; editKey: string }> {
  const created = await call("POST", "/api/exercises", EXERCISE);
  expect(created.status).toBe(201);
  return created.body as { slug: string; editKey: string };
}

async function teacherIn(session: CreatedSession): Promise<LiveClient> {
  const teacher = await LiveClient.teacher(server.url, session);
  clients.push(teacher);
  return teacher;
}

const hasKey = (exercise: Json) => JSON.stringify(exercise).includes('"answer"');

describe("the attack: slug from the snapshot, fork, read the fork", () => {
  it("a student's snapshot has no slug of a saved exercise; a fork made without the edit key serves no key", async () => {
    const { slug, editKey } = await teachersExercise();
    const session = await createSession(server.url, slug);
    await teacherIn(session);
    const student = await LiveClient.student(server.url, session.code, { name: "Eve" });
    clients.push(student);
    expect(student.state.exerciseSlug).toBeNull();
    expect(JSON.stringify(student.state)).not.toContain(slug);

    // had the student found the slug anyway (on the projector, say): the fork holds no readable key
    const fork = (await call("POST", `/api/exercises/${slug}/fork`)).body as { slug: string; editKey: string };
    expect(
      hasKey((await call("GET", `/api/exercises/${fork.slug}`, undefined, { "x-edit-key": fork.editKey })).body),
    ).toBe(false);
    // nor does a fork that names a wrong key, nor one of the fork
    const wrong = (await call("POST", `/api/exercises/${slug}/fork`, undefined, { "x-edit-key": "guess" })).body;
    expect(
      hasKey((await call("GET", `/api/exercises/${wrong.slug}`, undefined, { "x-edit-key": wrong.editKey })).body),
    ).toBe(false);
    const again = (await call("POST", `/api/exercises/${fork.slug}/fork`, undefined, { "x-edit-key": fork.editKey }))
      .body;
    expect(
      hasKey((await call("GET", `/api/exercises/${again.slug}`, undefined, { "x-edit-key": again.editKey })).body),
    ).toBe(false);
    // the owner still reads their own key
    expect(
      (await call("GET", `/api/exercises/${slug}`, undefined, { "x-edit-key": editKey })).body.rounds[CHOICE_INDEX]
        .answer,
    ).toBe(1);
  });

  it("a built-in lesson's fork serves no key, to its owner neither", async () => {
    const fork = (await call("POST", "/api/exercises/what-is-passed-on/fork")).body as {
      slug: string;
      editKey: string;
    };
    expect(
      hasKey((await call("GET", `/api/exercises/${fork.slug}`, undefined, { "x-edit-key": fork.editKey })).body),
    ).toBe(false);
  });
});

describe("a session started from someone else's exercise", () => {
  it("runs without its keyed rounds, says why, and its saved copy serves no key and runs none", async () => {
    const { slug } = await teachersExercise();
    // the student starts a session of their own from the teacher's unlisted exercise
    const started = await call("POST", "/api/sessions", { exercise: slug });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      code: expect.any(String),
      teacherKey: expect.any(String),
      joinUrl: expect.any(String),
      withheldRounds: [CHOICE_INDEX],
      notice: { code: "answer_keys_withheld" },
    });
    const session = started.body as CreatedSession;
    const owner = await teacherIn(session);
    const refused = await owner.request<RoundAck>("round", { op: "open", open: { script: CHOICE_INDEX } });
    expect(refused).toMatchObject({ ok: false, error: { code: "answer_key_withheld" } });
    // the other rounds run
    const other = await owner.request<RoundAck>("round", { op: "open", open: { script: 0 } });
    expect(other.ok).toBe(true);
    expect(JSON.stringify(owner.state)).not.toContain('"answer"');

    // saved as a new exercise: no readable key, and no key that a session could run either
    const saved = await call(
      "POST",
      `/api/sessions/${session.code}/exercise`,
      { title: "Mine now" },
      { "x-teacher-key": session.teacherKey },
    );
    expect(saved.status).toBe(201);
    const copy = await call("GET", `/api/exercises/${saved.body.slug}`, undefined, {
      "x-edit-key": saved.body.editKey,
    });
    expect(hasKey(copy.body)).toBe(false);
  });

  it("saved from the owner's session, the copy keeps the key sealed: served to nobody, run only with the origin's key", async () => {
    const { slug, editKey } = await teachersExercise();
    const started = await call("POST", "/api/sessions", { exercise: slug }, { "x-edit-key": editKey });
    expect(started.body.withheldRounds).toEqual([]);
    const session = started.body as CreatedSession;
    const saved = await call(
      "POST",
      `/api/sessions/${session.code}/exercise`,
      { title: "Week 4" },
      { "x-teacher-key": session.teacherKey },
    );
    const copy = saved.body as { slug: string; editKey: string };
    expect(
      hasKey((await call("GET", `/api/exercises/${copy.slug}`, undefined, { "x-edit-key": copy.editKey })).body),
    ).toBe(false);
    // the copy's own key does not unlock it; the origin's edit key does
    const withCopyKey = await call("POST", "/api/sessions", { exercise: copy.slug, editKey: copy.editKey });
    expect(withCopyKey.body.withheldRounds).toEqual([CHOICE_INDEX]);
    const withOriginKey = await call("POST", "/api/sessions", { exercise: copy.slug, editKey });
    expect(withOriginKey.body.withheldRounds).toEqual([]);
  });
});

describe("the owner", () => {
  it("starts a session with the edit key (body or header) and runs and reveals the keyed round; forks with it keep the key", async () => {
    const { slug, editKey } = await teachersExercise();
    for (const started of [
      await call("POST", "/api/sessions", { exercise: slug, editKey }),
      await call("POST", "/api/sessions", { exercise: slug }, { "x-edit-key": editKey }),
    ]) {
      expect(started.status).toBe(201);
      expect(started.body.withheldRounds).toEqual([]);
      expect(started.body).not.toHaveProperty("notice");
    }
    const session = (await call("POST", "/api/sessions", { exercise: slug, editKey })).body as CreatedSession;
    const teacher = await teacherIn(session);
    const opened = await teacher.request<RoundAck>("round", { op: "open", open: { script: CHOICE_INDEX } });
    expect(opened.ok).toBe(true);
    const roundId = opened.ok ? opened.roundId! : "";
    expect((await teacher.request<RoundAck>("round", { op: "reveal", roundId })).ok).toBe(true);
    await teacher.until(() => teacher.state.rounds?.current?.phase === "revealed", "the reveal");
    expect(teacher.state.rounds!.current!.reveal!.truth).toBe(1);

    const fork = (await call("POST", `/api/exercises/${slug}/fork`, undefined, { "x-edit-key": editKey })).body;
    const own = await call("GET", `/api/exercises/${fork.slug}`, undefined, { "x-edit-key": fork.editKey });
    expect(own.body.rounds[CHOICE_INDEX].answer).toBe(1);
  });

  it("a built-in lesson runs for anyone", async () => {
    const started = await call("POST", "/api/sessions", { exercise: "what-is-passed-on" });
    expect(started.body.withheldRounds).toEqual([]);
    const teacher = await teacherIn(started.body as CreatedSession);
    const student = await LiveClient.student(server.url, started.body.code, { name: "Ana" });
    clients.push(student);
    expect(student.state.exerciseSlug).toBe("what-is-passed-on"); // a lesson's slug is public
    expect((await teacher.request<RoundAck>("round", { op: "open", open: { script: 0 } })).ok).toBe(true);
  });
});
