// The SQLite migrations (prisma/migrations, applied by `prisma migrate deploy` on start-up) yield
// exactly the schema of the Prisma models: the same tables, columns, indexes and foreign keys as
// creating the models from nothing. Together with the PostgreSQL twin of this test and the derived
// PostgreSQL schema file, both databases have the same models.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateSqlite } from "../../server/db/migrate";
import { sqlFromEmpty, sqliteShape } from "../helpers/schema-shape";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "activation-lab-sqlite-shape-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("applying the migrations yields exactly the schema the Prisma models describe", async () => {
  const migrated = join(dir, "migrated.db");
  const reference = join(dir, "reference.db");
  await migrateSqlite({ file: migrated });
  const db = new Sqlite(reference);
  db.exec(await sqlFromEmpty("prisma/schema.prisma"));
  db.close();
  expect(sqliteShape(migrated)).toEqual(sqliteShape(reference));
});
