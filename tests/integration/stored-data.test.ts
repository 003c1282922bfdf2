// Everything read from a JSON column is parsed by its schema (issue 10, item 3): a row that does not
// parse is a clear error naming the row and the field, never a cast that lets a broken value travel
// on into a live session or an exercise page. Rows are broken behind the server's back, with a
// database connection of our own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../server/db/client";
import { StoredDataError } from "../../server/db/json";
import { createExerciseStore } from "../../server/exercises/store";
import { PrismaLiveStore } from "../../server/live/store";
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

function tamper(sql: string, ...params: unknown[]) {
  return server.db.run(sql, ...params);
}

describe("a row that does not parse", () => {
  it("a live session: the error names the session and the field", async () => {
    const session = await createSession(server.url);
    const store = new PrismaLiveStore(db);
    expect((await store.load(session.code))?.state.code).toBe(session.code);
    const broken = JSON.stringify({ resumeTokens: { __proto__: "x" }, removed: "everyone", shapeVersion: 0 });
    await tamper(`UPDATE "LiveSession" SET "serverData" = ? WHERE "code" = ?`, broken, session.code);
    await expect(store.load(session.code)).rejects.toThrow(StoredDataError);
    await expect(store.load(session.code)).rejects.toThrow(
      new RegExp(`live session ${session.code} \\(serverData\\).*removed`),
    );
    await tamper(
      `UPDATE "LiveSession" SET "serverData" = '{}', "state" = ? WHERE "code" = ?`,
      '{"version": -1}',
      session.code,
    );
    await expect(store.load(session.code)).rejects.toThrow(/live session .* does not parse/);
  });

  it("an exercise: refused as a server error, never served half-broken", async () => {
    const created = await fetch(`${server.url}/api/exercises`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title: "Broken soon",
        network: {
          format: "activation-lab/network@1",
          inputs: ["x"],
          layers: [{ activation: "relu", neurons: [{ weights: [1], bias: 0 }] }],
        },
      }),
    });
    const { slug } = (await created.json()) as { slug: string };
    await tamper(
      `UPDATE "Exercise" SET "network" = ? WHERE "slug" = ?`,
      '{"format": "activation-lab/network@1", "inputs": []}',
      slug,
    );
    const store = createExerciseStore(db);
    await expect(store.open(slug)).rejects.toThrow(new RegExp(`exercise "${slug}".*network.*inputs`));
    const response = await fetch(`${server.url}/api/exercises/${slug}`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: "internal", message: "internal server error" } });
  });
});
