// The database's side of a session's owner fence (server/live/store.ts, docs/architecture.md
// "Scale-out"): once a newer owner has claimed a session with its token, a write carrying an
// older token changes nothing — not the session's row, not an answer, not an operation id — and
// says so (FencedError); the newer owner writes on. Runs on SQLite and on PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type Database } from "../../server/db/client";
import { FencedError, PrismaLiveStore } from "../../server/live/store";
import { createSession } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Database;

beforeAll(async () => {
  server = await startTestServer();
  db = await openDatabase(server.database);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const count = async (table: string) => Number((await server.db.query(`SELECT COUNT(*) AS n FROM "${table}"`))[0]?.n);

it("a write with an older owner's token changes nothing once a newer owner claimed the session", async () => {
  const { code } = await createSession(server.url);
  const store = new PrismaLiveStore(db);
  const session = (await store.load(code))!;
  const dirty = { core: true, participants: false, sandboxes: false, server: false };
  const next = (version: number) => ({ ...session.state, version });

  expect(await store.claim(code, 5)).toBe(true);
  const old = store.fenced(5);
  await old.save(code, next(1), session.server, dirty);
  expect((await store.load(code))!.state.version).toBe(1);

  expect(await store.claim(code, 7)).toBe(true);
  expect(await store.claim(code, 6)).toBe(false); // never back to an older token
  const answer = { roundId: "r1", participantId: "p1", answer: { name: "Ana", value: 0.5, at: 1 } };
  const op = { opId: "op-000000001", reply: '{"ok":true}', at: Date.now() };
  await expect(
    old.save(code, next(2), session.server, dirty, { records: [], answers: [answer] }, [op]),
  ).rejects.toThrow(FencedError);
  await expect(old.save(code, next(2), session.server, null, { records: [], answers: [answer] })).rejects.toThrow(
    FencedError,
  );
  await expect(old.end(code, new Date())).rejects.toThrow(FencedError);
  const kept = (await store.load(code))!;
  expect(kept.state.version).toBe(1);
  expect(kept.endedAt).toBeNull();
  expect(await count("LiveAnswer")).toBe(0);
  expect(await count("LiveOperation")).toBe(0);

  const current = store.fenced(7);
  await current.save(code, next(2), session.server, dirty, { records: [], answers: [answer] }, [op]);
  expect((await store.load(code))!.state.version).toBe(2);
  expect(await count("LiveAnswer")).toBe(1);
  expect((await store.operations(code)).get(op.opId)).toBe(op.reply);
});
