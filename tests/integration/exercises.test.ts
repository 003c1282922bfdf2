// The exercise library against the real server (no Next) and a real SQLite file: create, read,
// fork, list, update with revisions, delete, import/export, every refusal (and that a refusal
// stores nothing), concurrent saves, and a restart on the same file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EXERCISE_BODY_LIMIT,
  exerciseFileText,
  forkTitles,
  MAX_LIST_LIMIT,
  parseExerciseText,
} from "../../lib/api/exercises";
import { EXERCISE_FORMAT, parseExercise } from "../../lib/exercise/schema";
import { LESSONS } from "../../lib/lessons";
import type { Network } from "../../lib/network/schema";
import { startServer } from "../../server/app";
import { scratchDatabase, type ScratchDatabase } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";

const NETWORK: Network = {
  format: "activation-lab/network@1",
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "tanh",
      neurons: [
        { weights: [0.5, 0.2], bias: 0.1, label: "h1" },
        { weights: [-1, 1], bias: 0 },
      ],
    },
    { activation: "sigmoid", neurons: [{ weights: [1.5, -0.7], bias: 0.2, label: "o1" }] },
  ],
};

const BODY = {
  title: "AND gate, by hand",
  description: "Find weights that make the output neuron an AND gate.",
  network: NETWORK,
  rounds: [{ kind: "output", neuron: { layer: 1, index: 0 }, inputs: [1, 1], tolerance: { full: 0.01, zero: 0.5 } }],
};

let server: TestServer;

beforeAll(async () => {
  // this file creates some 60 exercises from one address, more than a real one may in a row
  // (tests/integration/limits.test.ts checks that budget)
  server = await startTestServer({ limits: { http: { exercises: { rate: 1, burst: 1000 } } } });
});

afterAll(async () => {
  await server?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any; // answers are checked field by field

interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  base = server.url,
): Promise<Answer> {
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetch(base + path, {
    method,
    headers: text === undefined ? headers : { "content-type": "application/json", ...headers },
    body: text,
  });
  const answer = await response.text();
  return { status: response.status, headers: response.headers, body: answer ? JSON.parse(answer) : null };
}

const create = (body: unknown = BODY) => call("POST", "/api/exercises", body);
/** The exercise file alone. */
const get = (slug: string) => call("GET", `/api/exercises/${encodeURIComponent(slug)}`);
/** What the server knows about it. */
const meta = (slug: string) => call("GET", `/api/exercises/${encodeURIComponent(slug)}/meta`);
const put = (slug: string, body: unknown, key?: string) =>
  call("PUT", `/api/exercises/${slug}`, body, key === undefined ? {} : { "x-edit-key": key });
const list = (query = "") => call("GET", `/api/exercises${query}`);

/** Rows in the Exercise table, read straight from the database. */
async function storedCount(db: ScratchDatabase = server.db): Promise<number> {
  const [row] = await db.query('SELECT COUNT(*) AS n FROM "Exercise"');
  return Number(row?.n);
}

function expectRefusal(answer: Answer, status: number, code: string, path?: string) {
  expect(answer.status).toBe(status);
  expect(answer.body.error.code).toBe(code);
  expect(answer.body.error.message).toEqual(expect.any(String));
  if (path !== undefined) expect(answer.body.error.path).toBe(path);
}

/** Every page of the list. */
async function listAll(query = ""): Promise<Json[]> {
  const all = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const sep: string = query ? "&" : "?";
    const answer = await list(`${query}${sep}limit=${MAX_LIST_LIMIT}&offset=${offset}`);
    expect(answer.status).toBe(200);
    all.push(...answer.body.exercises);
    offset = answer.body.nextOffset;
  }
  return all;
}

describe("create, read, fork", () => {
  it("round-trips: create → get → fork → get both", async () => {
    const created = await create({ ...BODY, authorName: "Ms. Rivera" });
    expect(created.status).toBe(201);
    const { id, slug, url, editKey, code, revision } = created.body;
    expect(id).toEqual(expect.any(String));
    expect(slug).toMatch(/^and-gate-by-hand-[2-9a-hjkmnp-z]{5}$/);
    expect(url).toBe(`/e/${slug}`);
    expect(editKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(revision).toBe(1);

    const original = await get(slug);
    expect(original.status).toBe(200);
    const normalized = parseExercise({ format: EXERCISE_FORMAT, ...BODY });
    expect(normalized.ok).toBe(true);
    if (!normalized.ok) return;
    expect(original.body).toEqual(normalized.value); // exactly the file: importable as it is
    expect(original.headers.get("x-exercise-revision")).toBe("1");
    const info = await meta(slug);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      id,
      slug,
      code,
      url,
      builtIn: false,
      authorName: "Ms. Rivera",
      visibility: "public",
      forkedFrom: null,
      forkCount: 0,
      revision: 1,
    });
    expect(Date.parse(info.body.createdAt)).not.toBeNaN();

    // the short code reaches it too, in any case
    expect((await get(code)).body).toEqual(original.body);
    expect((await meta(code)).body.slug).toBe(slug);
    expect((await meta(code.toLowerCase())).body.slug).toBe(slug);

    const fork = await call("POST", `/api/exercises/${slug}/fork`);
    expect(fork.status).toBe(201);
    expect(fork.body).toMatchObject({ forkedFrom: { slug, title: BODY.title, builtIn: false }, revision: 1 });
    expect(fork.body.slug).not.toBe(slug);
    expect(fork.body.editKey).not.toBe(editKey);
    expect(fork.body.url).toBe(`/e/${fork.body.slug}`);

    const forked = await get(fork.body.slug);
    expect(forked.status).toBe(200);
    // a whole copy, told apart by its title
    expect(forked.body).toEqual({ ...normalized.value, title: `${BODY.title} (copy)` });
    const second = await call("POST", `/api/exercises/${slug}/fork`);
    expect((await get(second.body.slug)).body.title).toBe(`${BODY.title} (copy 2)`);
    const forkInfo = (await meta(fork.body.slug)).body;
    expect(forkInfo.forkedFrom).toEqual({ slug, title: BODY.title, builtIn: false });
    expect(forkInfo.authorName).toBeNull();
    expect((await meta(slug)).body.forkCount).toBe(2);
  });

  it("stores only a hash of the edit key", async () => {
    const created = await create();
    const [row] = await server.db.query('SELECT * FROM "Exercise" WHERE slug = ?', created.body.slug);
    expect(JSON.stringify(row)).not.toContain(created.body.editKey);
    expect(row?.editKeyHash).toEqual(expect.any(String));
  });

  it("forks with a new title, author and visibility", async () => {
    const created = await create();
    const fork = await call("POST", `/api/exercises/${created.body.slug}/fork`, {
      title: "My AND gate",
      authorName: "Sam",
      visibility: "unlisted",
    });
    expect(fork.status).toBe(201);
    expect(fork.body.slug).toMatch(/^my-and-gate-/);
    const forked = await get(fork.body.slug);
    expect(forked.body.title).toBe("My AND gate");
    expect((await meta(fork.body.slug)).body).toMatchObject({ authorName: "Sam", visibility: "unlisted" });
  });

  it("serves, lists and forks the built-in lessons, which nobody can change", async () => {
    const lesson = LESSONS[0]!;
    const served = await get(lesson.slug);
    expect(served.status).toBe(200);
    expect(served.body).toEqual(lesson.exercise);
    expect(served.headers.get("x-exercise-revision")).toBe("0");
    const info = (await meta(lesson.slug)).body;
    expect(info).toMatchObject({ builtIn: true, slug: lesson.slug, code: null, revision: 0, forkedFrom: null });
    const before = info.forkCount;

    const fork = await call("POST", `/api/exercises/${lesson.slug}/fork`);
    expect(fork.status).toBe(201);
    expect(fork.body.forkedFrom).toEqual({ slug: lesson.slug, title: lesson.exercise.title, builtIn: true });
    const forked = await get(fork.body.slug);
    expect(forked.body).toEqual(forkTitles(lesson.exercise, before + 1)); // "… (copy)", "… (copy 2)"
    expect((await meta(fork.body.slug)).body.forkedFrom).toEqual({
      slug: lesson.slug,
      title: lesson.exercise.title,
      builtIn: true,
    });
    expect((await meta(lesson.slug)).body.forkCount).toBe(before + 1);

    const count = await storedCount();
    const change = { ...served.body, baseRevision: 1 };
    expectRefusal(await put(lesson.slug, change, fork.body.editKey), 403, "built_in_lesson");
    expectRefusal(
      await call("DELETE", `/api/exercises/${lesson.slug}`, undefined, { "x-edit-key": "x" }),
      403,
      "built_in_lesson",
    );
    expect(await storedCount()).toBe(count);
    expect((await get(lesson.slug)).body).toEqual(lesson.exercise);
  });

  it("keeps translations and input values", async () => {
    const body = {
      ...BODY,
      locale: "zh-CN",
      translations: { en: { title: "AND gate", description: "By hand." } },
      inputValues: [0, 1],
    };
    const created = await create(body);
    expect(created.status).toBe(201);
    const document = (await get(created.body.slug)).body;
    expect(document).toMatchObject({ locale: "zh-CN", translations: body.translations, inputValues: [0, 1] });
  });
});

describe("answer keys of choice rounds", () => {
  const CHOICE = {
    kind: "choice",
    neuron: { layer: 0, index: 0 },
    inputs: [1, 1],
    choices: [{ en: "its inputs" }, { en: "its output" }],
    answer: 1,
  };
  const WITH_CHOICE = { ...BODY, rounds: [...BODY.rounds, CHOICE] };
  const getAs = (slug: string, key: string) =>
    call("GET", `/api/exercises/${encodeURIComponent(slug)}`, undefined, { "x-edit-key": key });

  it("are read only with the edit key: a student who finds the exercise sees no right option", async () => {
    const { slug, editKey, code } = (await create(WITH_CHOICE)).body;
    for (const anyone of [await get(slug), await get(code), await getAs(slug, "not-the-key")]) {
      expect(anyone.status).toBe(200);
      expect(anyone.body.rounds[1].choices).toEqual(CHOICE.choices);
      expect(anyone.body.rounds[1]).not.toHaveProperty("answer");
      expect(JSON.stringify(anyone.body)).not.toContain('"answer"');
    }
    expect((await getAs(slug, editKey)).body.rounds[1].answer).toBe(1);
  });

  it("are kept when the owner saves a copy that was read without them, and dropped when the question changes", async () => {
    const { slug, editKey } = (await create(WITH_CHOICE)).body;
    const read = (await get(slug)).body; // the page read it without the key
    read.network.layers[0].neurons[0].bias = 0.4;
    expect((await put(slug, { ...read, baseRevision: 1 }, editKey)).status).toBe(200);
    const kept = (await getAs(slug, editKey)).body;
    expect(kept.network.layers[0].neurons[0].bias).toBe(0.4);
    expect(kept.rounds[1].answer).toBe(1);

    const reworded = structuredClone(read);
    reworded.rounds[1].choices = [{ en: "its weights" }, { en: "its bias" }];
    expect((await put(slug, { ...reworded, baseRevision: 2 }, editKey)).status).toBe(200);
    expect((await getAs(slug, editKey)).body.rounds[1]).not.toHaveProperty("answer");
  });

  it("of the built-in lessons are served to nobody, not even to a fork's owner; the fork still runs them", async () => {
    const withChoice = LESSONS.filter((l) => l.exercise.rounds.some((r) => r.kind === "choice"));
    expect(withChoice.length).toBeGreaterThan(0);
    for (const lesson of withChoice) {
      const served = await get(lesson.slug);
      expect(JSON.stringify(served.body)).not.toContain('"answer"');
    }
    const lesson = withChoice[0]!;
    const fork = (await call("POST", `/api/exercises/${lesson.slug}/fork`)).body;
    const own = (await getAs(fork.slug, fork.editKey)).body;
    expect(JSON.stringify(own)).not.toContain('"answer"');
    // sealed, not lost: a session started from the fork can run its choice round
    const started = await call("POST", "/api/sessions", { exercise: fork.slug });
    expect(started.status).toBe(201);
    expect(started.body.withheldRounds).toEqual([]);
  });
});

describe("import and export", () => {
  it("export → import gives an equal exercise", async () => {
    const created = await create({ ...BODY, inputValues: [1, 0] });
    const exported = exerciseFileText((await get(created.body.slug)).body);
    expect(JSON.parse(exported).format).toBe(EXERCISE_FORMAT);

    const imported = parseExerciseText(exported);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const again = await create(imported.value); // an exercise file is a valid create body
    expect(again.status).toBe(201);
    const copy = (await get(again.body.slug)).body;
    expect(copy.network).toEqual(NETWORK);
    expect(copy).toEqual(JSON.parse(exported));
  });

  it("names the field of a broken file", () => {
    const file: Json = structuredClone({ format: EXERCISE_FORMAT, ...BODY });
    file.network.layers[1].neurons[0].weights = [1];
    expect(parseExerciseText(JSON.stringify(file))).toMatchObject({
      ok: false,
      error: { code: "invalid_network", path: "network.layers.1.neurons.0.weights" },
    });
    expect(parseExerciseText("{ not json")).toMatchObject({ ok: false, error: { code: "invalid_json" } });
    expect(parseExerciseText(JSON.stringify({ ...file, format: "activation-lab/network@1" }))).toMatchObject({
      ok: false,
      error: { path: "format" },
    });
  });
});

describe("the list", () => {
  it("has the built-in lessons first, then public exercises, never unlisted ones", async () => {
    const unlisted = await create({ ...BODY, title: "Secret quiz zebra", visibility: "unlisted" });
    const listed = await create({ ...BODY, title: "Open quiz zebra" });
    const all = await listAll();
    expect(all.slice(0, LESSONS.length).map((e) => e.slug)).toEqual(LESSONS.map((l) => l.slug));
    expect(all.slice(0, LESSONS.length).every((e) => e.builtIn)).toBe(true);
    expect(all.slice(LESSONS.length).every((e) => !e.builtIn)).toBe(true);
    const slugs = all.map((e) => e.slug);
    expect(slugs).toContain(listed.body.slug);
    expect(slugs).not.toContain(unlisted.body.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    // unlisted: reachable by its slug and its code
    expect((await get(unlisted.body.slug)).status).toBe(200);
    expect((await get(unlisted.body.code)).status).toBe(200);

    const entry = all.find((e) => e.slug === listed.body.slug);
    expect(entry).toMatchObject({
      title: "Open quiz zebra",
      url: `/e/${listed.body.slug}`,
      code: listed.body.code,
      forkedFrom: null,
      forkCount: 0,
    });
    expect(entry).not.toHaveProperty("network");
  });

  it("searches titles, newest first", async () => {
    const first = await create({ ...BODY, title: "Walrus sigmoid one" });
    const second = await create({ ...BODY, title: "walrus Sigmoid two" });
    await create({ ...BODY, title: "Walrus unlisted", visibility: "unlisted" });
    const found = await list("?q=WALRUS");
    expect(found.status).toBe(200);
    expect(found.body.exercises.map((e: Json) => e.slug)).toEqual([second.body.slug, first.body.slug]);
    expect(found.body.nextOffset).toBeNull();
    // lessons are searched too
    const lesson = LESSONS[0]!;
    const byLesson = await list(`?q=${encodeURIComponent(lesson.exercise.title)}`);
    expect(byLesson.body.exercises[0].slug).toBe(lesson.slug);
    // LIKE wildcards are plain characters
    expect((await list("?q=%25%25%25")).body.exercises).toEqual([]);
  });

  it("sorts by forks", async () => {
    const few = await create({ ...BODY, title: "Platypus few" });
    const many = await create({ ...BODY, title: "Platypus many" });
    await create({ ...BODY, title: "Platypus none" });
    for (const _ of [1, 2]) await call("POST", `/api/exercises/${many.body.slug}/fork`, { title: "Other" });
    await call("POST", `/api/exercises/${few.body.slug}/fork`, { title: "Other" });
    const sorted = await list("?q=platypus&sort=forks");
    expect(sorted.body.exercises.map((e: Json) => [e.title, e.forkCount])).toEqual([
      ["Platypus many", 2],
      ["Platypus few", 1],
      ["Platypus none", 0],
    ]);
  });

  it("pages with limit and offset", async () => {
    for (let i = 0; i < 5; i++) await create({ ...BODY, title: `Quokka ${i}` });
    const page1 = await list("?q=quokka&limit=2");
    const page2 = await list("?q=quokka&limit=2&offset=2");
    const page3 = await list("?q=quokka&limit=2&offset=4");
    expect(page1.body.nextOffset).toBe(2);
    expect(page2.body.nextOffset).toBe(4);
    expect(page3.body.nextOffset).toBeNull();
    const titles = [...page1.body.exercises, ...page2.body.exercises, ...page3.body.exercises].map((e) => e.title);
    expect(titles).toEqual(["Quokka 4", "Quokka 3", "Quokka 2", "Quokka 1", "Quokka 0"]);
    // a page boundary inside the lessons
    const lessons = await list(`?limit=${LESSONS.length - 1}`);
    expect(lessons.body.exercises).toHaveLength(LESSONS.length - 1);
    expect(lessons.body.nextOffset).toBe(LESSONS.length - 1);
    const next = await list(`?limit=2&offset=${LESSONS.length - 1}`);
    expect(next.body.exercises[0].slug).toBe(LESSONS.at(-1)!.slug);
    expect(next.body.exercises[1].builtIn).toBe(false);
  });

  it.each([
    ["?limit=51", "limit"],
    ["?limit=0", "limit"],
    ["?limit=abc", "limit"],
    ["?offset=-1", "offset"],
    ["?sort=oldest", "sort"],
    ["?page=2", "page"],
    ["?q=a&q=b", "q"],
  ])("refuses the query %s", async (query, path) => {
    expectRefusal(await list(query), 400, "invalid_query", path);
  });
});

describe("changes", () => {
  it("updates with the edit key and the current revision, then refuses a stale one", async () => {
    const created = await create();
    const { slug, editKey } = created.body;
    const changed = structuredClone(BODY);
    changed.network.layers[0]!.neurons[0]!.bias = 0.7;
    const update = await put(slug, { ...changed, title: "AND gate v2", baseRevision: 1 }, editKey);
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({ slug, revision: 2, url: `/e/${slug}`, code: created.body.code });
    const after = await get(slug);
    expect(after.body.title).toBe("AND gate v2");
    expect(after.headers.get("x-exercise-revision")).toBe("2");
    const info = (await meta(slug)).body;
    expect(info.revision).toBe(2);
    expect(after.body.network.layers[0].neurons[0].bias).toBe(0.7);
    expect(Date.parse(info.updatedAt)).toBeGreaterThan(Date.parse(info.createdAt));

    const stale = await put(slug, { ...BODY, title: "lost?", baseRevision: 1 }, editKey);
    expectRefusal(stale, 409, "conflict", "baseRevision");
    expect(stale.body.revision).toBe(2);
    expect((await get(slug)).body.title).toBe("AND gate v2");
    expect((await meta(slug)).body.revision).toBe(2);
  });

  it("lets exactly one of two concurrent saves on the same revision through", async () => {
    const { slug, editKey } = (await create()).body;
    const saves = await Promise.all(
      ["first", "second", "third", "fourth"].map((title) => put(slug, { ...BODY, title, baseRevision: 1 }, editKey)),
    );
    const statuses = saves.map((s) => s.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const winner = saves.find((s) => s.status === 200)!;
    expect((await meta(slug)).body.revision).toBe(2);
    const titles = ["first", "second", "third", "fourth"];
    expect((await get(slug)).body.title).toBe(titles[saves.indexOf(winner)]);
    expect(winner.body.revision).toBe(2);
    for (const loser of saves.filter((s) => s.status === 409)) expect(loser.body.revision).toBe(2);
  });

  it("refuses a wrong or missing edit key and changes nothing", async () => {
    const { slug, editKey } = (await create()).body;
    const other = (await create()).body;
    const before = (await get(slug)).body;
    const count = await storedCount();
    const change = { ...BODY, title: "Hijacked", baseRevision: 1 };
    expectRefusal(await put(slug, change, "not-the-key"), 403, "wrong_edit_key");
    expectRefusal(await put(slug, change, other.editKey), 403, "wrong_edit_key");
    expectRefusal(await put(slug, change), 403, "wrong_edit_key");
    expectRefusal(await put(slug, change, editKey.slice(1)), 403, "wrong_edit_key");
    expectRefusal(await call("DELETE", `/api/exercises/${slug}`), 403, "wrong_edit_key");
    expectRefusal(
      await call("DELETE", `/api/exercises/${slug}`, undefined, { "x-edit-key": other.editKey }),
      403,
      "wrong_edit_key",
    );
    expect((await get(slug)).body).toEqual(before);
    expect(await storedCount()).toBe(count);
  });

  it("deletes with the edit key; forks stay, without their link", async () => {
    const { slug, editKey } = (await create()).body;
    const fork = (await call("POST", `/api/exercises/${slug}/fork`)).body;
    const count = await storedCount();
    const deleted = await call("DELETE", `/api/exercises/${slug}`, undefined, { "x-edit-key": editKey });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ deleted: true, slug });
    expect(await storedCount()).toBe(count - 1);
    expectRefusal(await get(slug), 404, "exercise_not_found");
    const forked = await get(fork.slug);
    expect(forked.status).toBe(200);
    expect((await meta(fork.slug)).body.forkedFrom).toBeNull();
  });
});

describe("refusals store nothing", () => {
  const broken = structuredClone(BODY);
  broken.network.layers[0]!.neurons[1]!.weights = [1, 2, 3];

  it.each<[string, () => Promise<Answer>, number, string, string | undefined]>([
    [
      "a wrong exercise format",
      () => create({ ...BODY, format: "activation-lab/exercise@2" }),
      422,
      "invalid_exercise",
      "format",
    ],
    [
      "a wrong network format",
      () => create({ ...BODY, network: { ...NETWORK, format: "x" } }),
      422,
      "invalid_network",
      "network.format",
    ],
    ["an invalid network", () => create(broken), 422, "invalid_network", "network.layers.0.neurons.1.weights"],
    ["a missing network", () => create({ title: "No network" }), 422, "invalid_network", "network"],
    ["a missing title", () => create({ network: NETWORK }), 422, "invalid_exercise", "title"],
    ["an empty title", () => create({ ...BODY, title: "  " }), 422, "invalid_exercise", "title"],
    [
      "a round on a missing neuron",
      () => create({ ...BODY, rounds: [{ ...BODY.rounds[0], neuron: { layer: 3, index: 0 } }] }),
      422,
      "invalid_exercise",
      "rounds.0.neuron",
    ],
    ["an unknown field", () => create({ ...BODY, editKey: "mine" }), 400, "invalid_request", "editKey"],
    ["a wrong visibility", () => create({ ...BODY, visibility: "secret" }), 400, "invalid_request", "visibility"],
    ["a body that is not an object", () => create([BODY]), 400, "invalid_request", undefined],
    ["bad JSON", () => create("{ title: "), 400, "invalid_json", undefined],
    [
      "a huge body",
      () => create({ ...BODY, description: "x".repeat(EXERCISE_BODY_LIMIT) }),
      413,
      "body_too_large",
      undefined,
    ],
    [
      "a wrong content type",
      () => call("POST", "/api/exercises", JSON.stringify(BODY), { "content-type": "text/plain" }),
      415,
      "unsupported_media_type",
      undefined,
    ],
    [
      "a fork of an unknown slug",
      () => call("POST", "/api/exercises/no-such-thing/fork"),
      404,
      "exercise_not_found",
      undefined,
    ],
    [
      "a fork with an empty title",
      () => call("POST", `/api/exercises/${LESSONS[0]!.slug}/fork`, { title: "" }),
      422,
      "invalid_exercise",
      "title",
    ],
    [
      "a fork with an unknown field",
      () => call("POST", `/api/exercises/${LESSONS[0]!.slug}/fork`, { network: NETWORK }),
      400,
      "invalid_request",
      "network",
    ],
    [
      "an update of an unknown slug",
      () => put("no-such-thing", { ...BODY, baseRevision: 1 }, "key"),
      404,
      "exercise_not_found",
      undefined,
    ],
    [
      "an update without baseRevision",
      () => put(LESSONS[0]!.slug, BODY, "key"),
      400,
      "invalid_request",
      "baseRevision",
    ],
    [
      "a delete of an unknown slug",
      () => call("DELETE", "/api/exercises/no-such-thing", undefined, { "x-edit-key": "k" }),
      404,
      "exercise_not_found",
      undefined,
    ],
  ])("refuses %s", async (_, send, status, code, path) => {
    const count = await storedCount();
    expectRefusal(await send(), status, code, path);
    expect(await storedCount()).toBe(count);
  });

  it("answers 404 for an unknown slug or code", async () => {
    expectRefusal(await get("no-such-exercise"), 404, "exercise_not_found");
    expectRefusal(await get("ZZZZZZ"), 404, "exercise_not_found");
    expectRefusal(await meta("no-such-exercise"), 404, "exercise_not_found");
    expectRefusal(await call("PATCH", "/api/exercises/seed-neuron"), 405, "method_not_allowed");
  });

  it("refuses an invalid update and keeps the exercise", async () => {
    const { slug, editKey } = (await create()).body;
    const before = (await get(slug)).body;
    expectRefusal(await put(slug, { ...broken, baseRevision: 1 }, editKey), 422, "invalid_network");
    expectRefusal(await put(slug, { ...BODY, baseRevision: 0 }, editKey), 400, "invalid_request", "baseRevision");
    expect((await get(slug)).body).toEqual(before);
  });
});

// restarts a whole server process: more time than the default on a busy machine
describe("restart", { timeout: 120_000 }, () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await scratchDatabase();
  });
  afterAll(async () => {
    await db?.remove();
  });

  it("keeps exercises, forks and edit keys across a restart on the same database", async () => {
    const start = () => startServer({ port: 0, host: "127.0.0.1", databaseUrl: db.url, dev: true, withNext: false });
    const first = await start();
    let created: Json;
    let fork: Json;
    let before: Json;
    try {
      const base = `http://127.0.0.1:${first.port}`;
      created = (await call("POST", "/api/exercises", BODY, {}, base)).body;
      fork = (await call("POST", `/api/exercises/${created.slug}/fork`, undefined, {}, base)).body;
      before = {
        file: (await call("GET", `/api/exercises/${created.slug}`, undefined, {}, base)).body,
        meta: (await call("GET", `/api/exercises/${created.slug}/meta`, undefined, {}, base)).body,
      };
    } finally {
      await first.close();
    }

    const second = await start();
    try {
      const base = `http://127.0.0.1:${second.port}`;
      const after = await call("GET", `/api/exercises/${created.slug}`, undefined, {}, base);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.file);
      expect((await call("GET", `/api/exercises/${created.slug}/meta`, undefined, {}, base)).body).toEqual(before.meta);
      expect(before.meta.forkCount).toBe(1);
      const forked = await call("GET", `/api/exercises/${fork.code}/meta`, undefined, {}, base);
      expect(forked.body.forkedFrom.slug).toBe(created.slug);
      const headers = { "x-edit-key": created.editKey };
      const update = await call("PUT", `/api/exercises/${created.slug}`, { ...BODY, baseRevision: 1 }, headers, base);
      expect(update.status).toBe(200);
      expect(await storedCount(db)).toBe(2);
    } finally {
      await second.close();
    }
  });
});
