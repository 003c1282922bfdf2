// What a database's schema looks like, as comparable data: tables, columns (type, null, default),
// indexes and constraints. Used to check that applying the migrations yields exactly the schema
// the Prisma models describe, on SQLite and on PostgreSQL.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { PROJECT_ROOT } from "../../server/paths";

const run = promisify(execFile);

/** The SQL that creates `schema`'s models in an empty database (`prisma migrate diff --from-empty`). */
export async function sqlFromEmpty(schema: string): Promise<string> {
  const cli = join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js");
  const { stdout } = await run(
    process.execPath,
    [cli, "migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"],
    { cwd: PROJECT_ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", NO_COLOR: "1" } },
  );
  // the CLI prints "Loaded Prisma config …" before the script
  return stdout.slice(Math.max(0, stdout.indexOf("--")));
}

/** Migration bookkeeping tables are not part of the models. */
const BOOKKEEPING = new Set(["_prisma_migrations", "_activation_lab_migrations"]);

export function sqliteShape(file: string): Record<string, unknown> {
  const db = new Sqlite(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name)
      .filter((name) => !BOOKKEEPING.has(name));
    const shape: Record<string, unknown> = {};
    for (const table of tables) {
      const indexes = (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[])
        .map((index) => ({
          unique: index.unique,
          columns: (db.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string }[]).map((c) => c.name),
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      shape[table] = {
        // by name, without position: a migration's ADD COLUMN appends where the models may not
        columns: (db.prepare(`PRAGMA table_info("${table}")`).all() as { cid: number; name: string }[])
          .map(({ cid: _position, ...column }) => column)
          .sort((a, b) => a.name.localeCompare(b.name)),
        indexes,
        foreignKeys: db.prepare(`PRAGMA foreign_key_list("${table}")`).all(),
      };
    }
    return shape;
  } finally {
    db.close();
  }
}

export async function postgresShape(url: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(`
      SELECT table_name, column_name, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public'
      ORDER BY table_name, column_name`);
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
    );
    const constraints = await client.query(`
      SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`);
    const keep = (row: { table_name?: string; tablename?: string }) =>
      !BOOKKEEPING.has((row.table_name ?? row.tablename ?? "").replace(/"/g, ""));
    return {
      columns: columns.rows.filter(keep),
      indexes: indexes.rows.filter(keep),
      constraints: constraints.rows.filter(keep),
    };
  } finally {
    await client.end();
  }
}
