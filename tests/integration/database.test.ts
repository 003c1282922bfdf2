// Start-up creates and migrates the SQLite database from nothing; the generated Prisma client
// works on it through the better-sqlite3 adapter; a restart keeps the data.
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { PROJECT_ROOT } from "../../server/paths";
import { sqliteAt } from "../helpers/database";
import { startTestServer } from "../helpers/server";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "activation-lab-db-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tables(file: string): string[] {
  const db = new Sqlite(file, { readonly: true });
  try {
    return db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
  } finally {
    db.close();
  }
}

it("creates the database file and its directory, applies the migrations, and keeps data on restart", async () => {
  const file = join(dir, "not", "yet", "there.db");
  expect(existsSync(join(dir, "not"))).toBe(false);

  const first = await startTestServer({ database: sqliteAt(file) });
  try {
    expect(first.databaseFile).toBe(file);
    expect(existsSync(file)).toBe(true);
    expect(tables(file)).toEqual(expect.arrayContaining(["Exercise", "_prisma_migrations"]));
    const health = await fetch(first.url + "/api/health");
    expect(health.status).toBe(200);
  } finally {
    await first.stop();
  }

  // the generated client through the adapter: defaults, JSON text, the fork relation
  const db = await openDatabase(file);
  try {
    const original = await db.prisma.exercise.create({
      data: { slug: "and-gate", title: "AND gate", network: "{}", editKeyHash: "x" },
    });
    expect(original).toMatchObject({ locale: "en", rounds: "[]", visibility: "public", description: "" });
    expect(original.createdAt).toBeInstanceOf(Date);
    const fork = await db.prisma.exercise.create({
      data: {
        slug: "and-gate-2",
        title: "AND gate (fork)",
        network: "{}",
        editKeyHash: "y",
        forkedFromId: original.id,
      },
      include: { forkedFrom: true },
    });
    expect(fork.forkedFrom?.slug).toBe("and-gate");
    await expect(
      db.prisma.exercise.create({ data: { slug: "and-gate", title: "again", network: "{}", editKeyHash: "z" } }),
    ).rejects.toThrow();
  } finally {
    await db.close();
  }

  // a second start applies nothing new and keeps the rows
  const second = await startTestServer({ database: sqliteAt(file) });
  try {
    expect((await fetch(second.url + "/api/health")).status).toBe(200);
  } finally {
    await second.stop();
  }
  const sqlite = new Sqlite(file, { readonly: true });
  try {
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM "Exercise"').get()).toEqual({ n: 2 });
    // every migration folder applied once, in order, each finished
    const migrations = sqlite
      .prepare("SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name")
      .all() as { migration_name: string; finished_at: unknown }[];
    const folders = readdirSync(join(PROJECT_ROOT, "prisma", "migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(migrations.map((m) => m.migration_name)).toEqual(folders);
    expect(folders[0]).toBe("20251128000000_init");
    expect(migrations.every((m) => m.finished_at !== null)).toBe(true);
  } finally {
    sqlite.close();
  }
});
