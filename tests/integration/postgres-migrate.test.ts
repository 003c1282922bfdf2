// PostgreSQL migrations (server/db/migrate-postgres.ts) on a real server: they yield exactly the
// schema of the Prisma models; several processes starting at once against a database that does
// not exist yet end with one set of migrations applied once; a failed migration leaves nothing; a
// migration changed after it was applied is refused; the generated client works on the result.
import { fork } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { migratePostgres, readMigrations } from "../../server/db/migrate-postgres";
import { PROJECT_ROOT } from "../../server/paths";
import { createTestDatabase, plannedTestDatabase, runSql, type TestDatabase } from "../helpers/postgres";
import { postgresShape, sqlFromEmpty } from "../helpers/schema-shape";

const databases: TestDatabase[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempMigrations(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "activation-lab-pg-migrations-"));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

function migrateInChild(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = fork(join(PROJECT_ROOT, "tests/helpers/migrate-child.ts"), [url], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out) as string[]);
      else reject(new Error(`migrating process exited ${code}: ${err}`));
    });
  });
}

it("applying the migrations yields exactly the schema the Prisma models describe", async () => {
  const migrated = await createTestDatabase();
  const reference = await createTestDatabase();
  databases.push(migrated, reference);
  await migratePostgres({ url: migrated.url });
  await runSql(reference.url, await sqlFromEmpty("prisma/postgres/schema.prisma"));
  expect(await postgresShape(migrated.url)).toEqual(await postgresShape(reference.url));
});

it("several processes starting at once on a database that does not exist yet: created once, migrated once", async () => {
  const target = plannedTestDatabase();
  databases.push(target);
  const results = await Promise.all([1, 2, 3, 4].map(() => migrateInChild(target.url)));
  const all = (await readMigrations()).map((m) => m.name);
  // exactly one process applied them, the others waited for its lock and found nothing to do
  expect(results.filter((applied) => applied.length > 0)).toEqual([all]);
  const [rows] = await runSql(target.url, `SELECT "name" FROM "_activation_lab_migrations" ORDER BY "name"`);
  expect(rows!.rows.map((row: { name: string }) => row.name)).toEqual(all);

  // the generated client works on it: JSON text, defaults, the fork relation
  const db = await openDatabase({ provider: "postgresql", url: target.url });
  try {
    const original = await db.prisma.exercise.create({
      data: { slug: "and-gate", title: "AND gate", network: "{}", editKeyHash: "x" },
    });
    expect(original).toMatchObject({ locale: "en", rounds: "[]", visibility: "public", revision: 1 });
    await db.prisma.exercise.create({
      data: {
        slug: "and-gate-2",
        title: "AND gate (copy)",
        network: "{}",
        editKeyHash: "y",
        forkedFromId: original.id,
      },
    });
    const found = await db.prisma.exercise.findUnique({ where: { slug: "and-gate" }, include: { forks: true } });
    expect(found?.forks.map((fork) => fork.slug)).toEqual(["and-gate-2"]);
  } finally {
    await db.close();
  }
  // running again later changes nothing
  expect(await migratePostgres({ url: target.url })).toEqual([]);
});

it("a migration that fails leaves nothing of itself behind, and the ones before it stay applied", async () => {
  const target = await createTestDatabase();
  databases.push(target);
  const dir = await tempMigrations({
    "001_first": `CREATE TABLE "First" ("id" TEXT PRIMARY KEY);`,
    "002_broken": `CREATE TABLE "Second" ("id" TEXT PRIMARY KEY);\nINSERT INTO "NoSuchTable" VALUES (1);`,
  });
  await expect(migratePostgres({ url: target.url, dir })).rejects.toThrow(/002_broken failed/);
  const [tables] = await runSql(
    target.url,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  expect(tables!.rows.map((row: { table_name: string }) => row.table_name)).toEqual([
    "First",
    "_activation_lab_migrations",
  ]);
});

it("refuses a migration whose file changed after it was applied", async () => {
  const target = await createTestDatabase();
  databases.push(target);
  const dir = await tempMigrations({ "001_first": `CREATE TABLE "First" ("id" TEXT PRIMARY KEY);` });
  expect(await migratePostgres({ url: target.url, dir })).toEqual(["001_first"]);
  await writeFile(join(dir, "001_first", "migration.sql"), `CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);`);
  await expect(migratePostgres({ url: target.url, dir })).rejects.toThrow(/changed after it was applied/);
});
